"""After expediering the sent yttrande is a record: it is corrected by a rättelse with its own beslut, never
reopened; and expediering refuses what is not ready before anything is generated or queued (issue 17)."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from html import unescape

import pytest
from sqlmodel import func, select

from remiss.audit.models import AuditEvent
from remiss.drafting import decision as decisions
from remiss.drafting import dispatch, generate, mailing
from remiss.drafting.drafts import DraftError, decision_of, find_decision
from remiss.drafting.rattelse import rattelse_name, start_rattelse
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.drafting.models import GeneratedDocument, YttrandeDraft
from remiss.reminders.models import OutboxMessage
from remiss.remisser.finished import RemissFinished
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from tests.conftest import csrf_token
from tests.drafting.conftest import ALL_KINDS, DECIDED_AT, NOW, approve, decide, doc_lines, done_kinds, header_text, record


LATER = datetime(2015, 10, 12, 9, 0, tzinfo=timezone.utc)
SENT_AT = datetime(2015, 9, 25, 9, 0, tzinfo=timezone.utc)


def outbox_count(session) -> int:
    """The yttrande mails queued (reminders have their own rows in the outbox)."""
    return session.exec(select(func.count()).select_from(OutboxMessage)
                        .where(OutboxMessage.kind == mailing.KIND)).one()


def frozen(session, remiss_id: int) -> list[GeneratedDocument]:
    return list(session.exec(select(GeneratedDocument).where(GeneratedDocument.remiss_id == remiss_id,
                                                             GeneratedDocument.frozen).order_by(GeneratedDocument.id)))


def texts_of(data: bytes) -> list[str]:
    return [t for _, t in doc_lines(data)]


def expedierat(session, w) -> None:
    """The yttrande approved, decided at SON Öster's meeting of 24 September 2015 § 142 (omedelbart justerad)
    and expedierat the day after."""
    approve(session, w)
    record(session, w, omedelbar_justering=True)
    dispatch.expediera(session, now=SENT_AT, principal=w["r"], remiss=w["remiss"], files_dir=w["files"])


def test_an_expedierat_yttrande_is_not_reopened_and_cannot_be_edited(session, w):
    expedierat(session, w)
    remiss = w["remiss"]
    with pytest.raises(DraftError, match="kan inte öppnas igen"):
        change_state(session, now=LATER, principal=w["g"], remiss=remiss, new="utkast", comment="Fel")
    with pytest.raises(DraftError, match="Börja en rättelse"):
        save(session, now=LATER, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Ändrat i efterhand"})
    with pytest.raises(DraftError, match="redan expedierat"):
        dispatch.expediera(session, now=LATER, principal=w["r"], remiss=remiss, files_dir=w["files"])
    with pytest.raises(InputErrors):  # a rättelse says what is wrong
        start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss, comment="  ")


def test_a_rattelse_has_its_own_beslut_and_keeps_the_sent_record(session, w):
    expedierat(session, w)
    remiss = w["remiss"]
    answered_at = remiss.answered_at
    first_doc = next(d for d in frozen(session, remiss.id) if d.kind == "yttrande")
    first_bytes = generate.read(w["files"], first_doc)
    assert "Stadsområdesnämnd Öster har beslutat att lämna följande yttrande:" in texts_of(first_bytes)

    draft = start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss,
                           comment="Fel årtal i svaret på fråga 2.")
    sent_version = draft.corrects_version_id
    assert draft.rattelse == 1 and draft.state == "utkast"
    # The old beslut stays, but it is the yttrande's: the rättelse has none yet.
    assert decision_of(session, remiss.id, 0).paragraf == "§ 142"
    assert find_decision(session, remiss.id) is None
    # The remiss stays besvarad, answered when it was: nothing of it is late or due again.
    assert remiss.status == RemissStatus.besvarad and remiss.answered_at == answered_at
    assert done_kinds(session, remiss.id) == set(ALL_KINDS)

    with pytest.raises(DraftError, match="ingen ändring"):
        change_state(session, now=LATER, principal=w["h"], remiss=remiss, new="granskning")
    save(session, now=LATER, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Rättad text."})
    change_state(session, now=LATER, principal=w["h"], remiss=remiss, new="granskning")
    change_state(session, now=LATER, principal=w["g"], remiss=remiss, new="godkand")
    assert remiss.status == RemissStatus.besvarad

    queued = outbox_count(session)
    with pytest.raises(DraftError, match="först när nämndens beslut är registrerat"):
        dispatch.expediera(session, now=LATER, principal=w["r"], remiss=remiss, files_dir=w["files"])
    assert outbox_count(session) == queued and len(frozen(session, remiss.id)) == 2  # nothing queued nor frozen

    decisions.record_decision(session, now=LATER, principal=w["r"], remiss=remiss, decided_by="delegat",
                              delegat="Andreas Konstantinides, ordförande", meeting_on=date(2015, 10, 12),
                              omedelbar_justering=True)
    assert remiss.status == RemissStatus.besvarad
    done = dispatch.expediera(session, now=LATER, principal=w["r"], remiss=remiss, files_dir=w["files"])
    assert done.rattelse == 1 and remiss.status == RemissStatus.besvarad and remiss.answered_at == answered_at

    session.expire_all()
    docs = frozen(session, remiss.id)
    assert len(docs) == 4
    assert generate.read(w["files"], first_doc) == first_bytes  # the sent yttrande is untouched
    assert session.get(YttrandeDraft, draft.id).frozen_version_id != sent_version
    new_doc = docs[-1] if docs[-1].kind == "yttrande" else docs[-2]
    texts = [t.replace("\u00a0", " ") for t in texts_of(generate.read(w["files"], new_doc))]
    # the heading says "Rättelse" once; the sentence under it says what it replaces
    assert texts.count("Rättelse") == 1 and not any(t.startswith("Rättelse.") for t in texts)
    assert ("Detta yttrande ersätter det yttrande som beslutades den 24 september 2015 (§ 142) och "
            "expedierades den 25 september 2015.") in texts
    assert ("Stadsområdesnämnd Öster har genom delegationsbeslut av Andreas Konstantinides, ordförande, beslutat att "
            "lämna följande rättelse av yttrandet från den 24 september 2015:") in texts
    # the delegat signs the delegationsbeslut alone, and nothing says it was justerat
    assert "Beslutat på delegation 12 oktober 2015." in texts and not any("justera" in t for t in texts)
    lines = doc_lines(generate.read(w["files"], new_doc))
    signatures = [(lines[i][1], lines[i + 1][1]) for i, (style, _) in enumerate(lines) if style == "Underskrift"]
    assert signatures == [("Ordförande", "Andreas Konstantinides")]
    assert "§ 142" not in header_text(generate.read(w["files"], new_doc))  # the old paragraf is not reused

    mails = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    yttrande_mails = [m for m in mails if m.kind == mailing.KIND]
    assert len(yttrande_mails) == 2
    assert "Rättelse av yttrande" not in yttrande_mails[0].subject
    assert yttrande_mails[1].subject == (
        f"KN-2015-1050 Stadsområdesnämnd Öster, Malmö stad – Rättelse av yttrande över {remiss.title.replace('Remiss', 'remiss', 1)} "
        f"(vårt diarienummer {remiss.our_dnr})")
    assert "rättelse av yttrandet" in yttrande_mails[1].payload and "ersätter det yttrande som" in yttrande_mails[1].payload

    notes = [e.note for e in session.exec(select(AuditEvent).where(AuditEvent.remiss_id == remiss.id)
                                          .order_by(AuditEvent.id))]
    assert any(n.startswith("Rättelse av yttrandet (version") and "Fel årtal" in n for n in notes)
    assert "Beslut om rättelse: genom delegationsbeslut av Andreas Konstantinides, ordförande, den 12 oktober 2015" \
        in notes
    assert any(n.startswith("Rättelse expedierad med diarienummer") for n in notes)
    assert any(n.startswith("Rättelsen (version") and "e-postas till kulturkansli@malmo.se" in n for n in notes)

    # A second rättelse is possible, and corrects the first.
    again = start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss, comment="Ännu ett fel.")
    assert again.rattelse == 2 and find_decision(session, remiss.id) is None
    assert rattelse_name(2) == "rättelse 2"


def test_the_rattelse_reads_foreslas_besluta_until_its_own_beslut(session, w):
    expedierat(session, w)
    remiss = w["remiss"]
    start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss, comment="Stavfel.")
    save(session, now=LATER, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Rättad text."})
    data = generate.render(session, now=LATER, principal=w["h"], remiss=remiss, kind="yttrande").data
    texts = texts_of(data)
    assert ("Stadsområdesnämnd Öster föreslås besluta att lämna följande rättelse av yttrandet från den "
            "24 september 2015:") in texts
    assert not any("har beslutat" in t or "Beslutat vid sammanträde" in t for t in texts)
    assert "Rättad text." in texts and "Rättelse" in texts
    head = header_text(data)
    assert "§ 142" not in head and "12 oktober 2015" in head  # dated the day it is made, not with the old beslut


@pytest.mark.parametrize("case", ["utkast", "aterkallad", "klar_for_beslut"])
def test_dispatch_refuses_what_is_not_dispatchable_before_queuing_mail(session, w, case):
    remiss = w["remiss"]
    if case == "utkast":
        save(session, now=NOW, principal=w["h"], remiss=remiss, raw={"sammanfattning": "x"})
        message = "Bara ett godkänt yttrande kan expedieras"
    else:
        approve(session, w)
        record(session, w, omedelbar_justering=True)
        if case == "aterkallad":
            remisser.change_status(session, now=DECIDED_AT, principal=w["r"], remiss=remiss,
                                   new=RemissStatus.aterkallad, note="Remissen återkallad av remittenten")
            message = "Remissen är återkallad, så inget mer görs i den"  # remisser.finished, before the draft
        else:  # moved back by hand after the beslut
            remisser.change_status(session, now=DECIDED_AT, principal=w["r"], remiss=remiss,
                                   new=RemissStatus.klar_for_beslut, note="")
            message = "”Klar för beslut” och kan inte bli ”Besvarad”"
    queued = outbox_count(session)
    with pytest.raises((DraftError, RemissFinished), match=message):
        dispatch.expediera(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, files_dir=w["files"])
    assert outbox_count(session) == queued == 0
    assert frozen(session, remiss.id) == []
    assert session.exec(select(YttrandeDraft)).one().frozen_version_id is None


def test_pages_and_api_offer_a_rattelse_and_refuse_clearly(world, auth, client, reader, clock):
    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login(world["registrator"].email)
    auth.post(url, {"sammanfattning": "Positiva.", **{f"svar-{n}": f"Svar {n}" for n in range(1, 6)}},
              form_url=f"/remisser/{rid}")
    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}")
    auth.post(f"{url}/lage", {"state": "godkand"}, form_url=f"/remisser/{rid}")
    decide(auth, rid, clock)
    # moved back by hand after the beslut: Expediera is refused with a Swedish message, not a 500, nothing queued
    auth.post(f"/remisser/{rid}/status", {"status": "klar_for_beslut", "note": "Fel"}, form_url=f"/remisser/{rid}")
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.klar_for_beslut
    refused = auth.post(f"{url}/expediera", {}, form_url=f"/remisser/{rid}", follow_redirects=True)
    assert refused.status_code == 200 and "kan inte bli ”Besvarad”" in refused.get_data(as_text=True)
    reader.rollback()
    assert outbox_count(reader) == 0
    auth.post(f"/remisser/{rid}/status", {"status": "beslutad", "note": "Åter"}, form_url=f"/remisser/{rid}")
    assert auth.post(f"{url}/expediera", {"confirm_expediera": "1"}, form_url=f"/remisser/{rid}").status_code == 302
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Börja rättelsen" in page and "Öppna igen som utkast" not in page
    # walk27 Y11: the reason is e-mailed to the remittent word for word ("Rättelsen gäller: …"), so the form says so,
    # tied to the field for a screen reader (old code: no word of it)
    field = re.search(r'<label for="f-rattelse-comment">.*?</textarea>', page, re.S).group(0)
    assert '<p class="hint" id="h-rattelse-comment">Texten skickas till remittenten i följebrevet' in field
    assert 'aria-describedby="h-rattelse-comment"' in field
    assert "Yttrandet, version 1, expedierat" in page and "§ 142" in page  # walk21 J9: ett yttrande

    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    no = client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "utkast", "comment": "x"},
                     headers=headers)
    assert no.status_code == 409 and "Börja en rättelse" in no.get_json()["error"]
    again = client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "expedierad"}, headers=headers)
    assert again.status_code == 409 and "redan expedierat" in again.get_json()["error"]
    started = client.post(f"/api/v1/remisser/{rid}/yttrande/rattelse", json={"comment": "Fel i fråga 2."},
                          headers=headers)
    body = started.get_json()
    assert started.status_code == 200 and body["state"] == "utkast" and body["rattelse"] == 1
    assert body["decision"] is None
    assert [(s["rattelse"], s["version"]) for s in body["sent"]] == [(0, 1)]
    assert body["sent"][0]["decision_reference"] == "vid sammanträde 24 september 2015, § 142"
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Rättelsen av det expedierade yttrandet: skriv den rättade texten" in page  # the next step, not "inget mer"
    assert "Att rätta:" in page and "Fel i fråga 2." in page
    # walk17 F17: "Läge: Utkast · version 1 · Rättelse …" read as if the sent version 1 were edited
    assert "Läge: Utkast · ny version (rättelse av version 1, det expedierade yttrandet)" in _plain(page)
    assert "Skicka till granskning" not in page  # not before the sent text is changed
    # the same day as the expediering, the current document is the proposed rättelse, not the sent file again
    texts = texts_of(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)
    assert any(t.startswith("Stadsområdesnämnd Öster föreslås besluta att lämna följande rättelse") for t in texts)
    # sent for review, it is on the granskare's start page as a rättelse
    client.put(f"/api/v1/remisser/{rid}/yttrande", json={"sammanfattning": "Rättat."}, headers=headers)
    saved = _plain(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert "Läge: Utkast · version 2 · Rättelse av version 1, det expedierade yttrandet" in saved
    assert client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "granskning"},
                       headers=headers).status_code == 200
    start = client.get("/").get_data(as_text=True)
    section = start[start.index('id="h-att-granska"'):]
    assert 'Rättelse</span>' in section[:section.index("</section>")]
    assert client.post(f"/api/v1/remisser/{rid}/yttrande/rattelse", json={"comment": "x"},
                       headers=headers).status_code == 409


def test_the_rattelse_s_tjansteskrivelse_proposes_the_rattelse_and_says_why(session, w, auth, client):
    """Not a new answer: the tjänsteskrivelse (the .docx, reopened, and the draft form it is written in) proposes a
    rättelse of the yttrande expedierat on 25 September 2015, and why."""
    expedierat(session, w)
    remiss = w["remiss"]
    sent = texts_of(next(generate.read(w["files"], d) for d in frozen(session, remiss.id)
                         if d.kind == "tjansteskrivelse"))
    assert "Stadsområdesnämnd Öster föreslås besluta att avge yttrande till Kulturnämnden i enlighet med upprättat " \
           "förslag." in sent
    start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss,
                   comment="Fel årtal i svaret på fråga 2")
    # sent back once in granskning, the review comment changes; the reason stays
    save(session, now=LATER, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Rättad text."})
    change_state(session, now=LATER, principal=w["h"], remiss=remiss, new="granskning")
    change_state(session, now=LATER, principal=w["g"], remiss=remiss, new="utkast", comment="Kortare.")
    # "till Kulturnämnden" before "av yttrandet": it is the yttrande that was expedierat (walk27 Y18)
    proposal = ("Stadsområdesnämnd Öster föreslås besluta att lämna en rättelse till Kulturnämnden av yttrandet som "
                "expedierades den 25 september 2015, i enlighet med upprättat förslag.")
    why = "Skäl till rättelsen: Fel årtal i svaret på fråga 2."
    texts = [t.replace("\u00a0", " ") for t in texts_of(generate.render(
        session, now=LATER, principal=w["h"], remiss=remiss, kind="tjansteskrivelse").data)]
    assert proposal in texts and why in texts
    assert ("Ärendet gäller en rättelse av det yttrande som beslutades den 24 september 2015 (§ 142) och "
            "expedierades den 25 september 2015, inte ett nytt svar på remissen.") in texts
    assert texts.index("Ärendet") < texts.index(why)
    assert not any("avge yttrande" in t for t in texts)
    # the form the handläggare writes it in shows the same proposal, to keep or change
    session.commit()
    auth.login(w["registrator"].email)
    page = client.get(f"/remisser/{remiss.id}/yttrande").get_data(as_text=True)
    assert proposal in page and why in page
    # what the handläggare wrote about the rättelse is kept, not replaced
    own = "Stadsområdesnämnd Öster föreslås besluta om rättelse av svaret på fråga 2."
    save(session, now=LATER, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Rättad text.",
                                                                   "forslag_till_beslut": own})
    texts = texts_of(generate.render(session, now=LATER, principal=w["h"], remiss=remiss, kind="tjansteskrivelse").data)
    assert own in texts and proposal not in texts


def _plain(page: str) -> str:
    """The page's text without tags, each run of white space one space."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", page)).split())
