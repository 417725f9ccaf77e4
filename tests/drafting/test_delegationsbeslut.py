"""A delegationsbeslut has no sammanträde and no justering (it is anmält to the nämnd later): it may be expedierat
as soon as it is recorded, and the yttrande is signed by the delegat, not the ordförande (issue 17)."""
from __future__ import annotations

from datetime import date

import pytest

from remiss.drafting import decision as decisions
from remiss.drafting import dispatch, generate
from remiss.drafting.drafts import DraftError
from remiss.remisser.status import RemissStatus
from tests.drafting.conftest import ALL_KINDS, DECIDED_AT, approve, decide, doc_lines, done_kinds, record
from tests.drafting.test_tidplan_follows_beslut import rows

DELEGAT = "Britt-Marie Pettersson, stadsområdesdirektör"


def delegated(session, w, **overrides):
    approve(session, w)
    return record(session, w, decided_by="delegat", delegat=DELEGAT, meeting_on=date(2015, 9, 21), paragraf="",
                  **overrides)


def texts(data: bytes) -> list[str]:
    return [t.replace("\u00a0", " ") for _, t in doc_lines(data)]


def signatures(data: bytes) -> list[tuple[str, str]]:
    lines = doc_lines(data)
    return [(lines[i][1], lines[i + 1][1]) for i, (style, _) in enumerate(lines) if style == "Underskrift"]


def test_a_delegationsbeslut_is_expedierat_at_once_without_justering(session, w):
    remiss = w["remiss"]
    # what the form held about a justering means nothing for a delegationsbeslut
    decision = delegated(session, w, justerad_on=date(2015, 9, 22))
    assert decision.justerad_on is None and not decision.omedelbar_justering and not decision.needs_justering
    assert decisions.expediering_refusal(decision, date(2015, 9, 21)) == ""
    with pytest.raises(DraftError, match="Ett delegationsbeslut justeras inte"):
        decisions.record_justering(session, now=DECIDED_AT, principal=w["r"], remiss=remiss,
                                   justerad_on=date(2015, 9, 22))
    # the tidplan has neither an arbetsutskott nor a justering; the expediering follows the beslut
    got = rows(session, remiss.id)
    assert "justering" not in got and "arbetsutskott" not in got
    assert got["namnd"].label == "Delegationsbeslut" and got["namnd"].due_on == date(2015, 9, 21)
    assert got["expediering"].due_on == date(2015, 9, 22) and "justeras inte" in got["expediering"].explanation
    done = dispatch.expediera(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, files_dir=w["files"])
    assert done.besvarad and remiss.status == RemissStatus.besvarad
    assert done_kinds(session, remiss.id) == set(ALL_KINDS) - {"justering", "arbetsutskott"}


def test_the_delegationsbeslut_is_the_delegat_s_in_the_real_docx(session, w):
    remiss = w["remiss"]
    delegated(session, w)
    data = generate.render(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, kind="yttrande").data
    lines = texts(data)
    assert ("Stadsområdesnämnd Öster har genom delegationsbeslut av Britt-Marie Pettersson, stadsområdesdirektör, "
            "beslutat att lämna följande yttrande:") in lines
    assert "Beslutat på delegation 21 september 2015." in lines  # the line ends there: nothing was justerat
    assert not any("justera" in t.lower() for t in lines) and not any("Sammanträde" in t for t in lines)
    assert signatures(data) == [("Stadsområdesdirektör", "Britt-Marie Pettersson")]
    assert "Ordförande" not in lines
    # the tjänsteskrivelse's Beslutsplanering says who decided and when, no arbetsutskott or nämnd meeting
    ts = texts(generate.render(session, now=DECIDED_AT, principal=w["r"], remiss=remiss,
                               kind="tjansteskrivelse").data)
    plan = ts[ts.index("Beslutsplanering") + 1:ts.index("Ärendet")]
    assert plan == [f"Delegationsbeslut ({DELEGAT}) 21 september 2015"]


def test_the_tjansteskrivelse_proposes_the_delegat_once_decided_by_delegation(session, w, auth, client):
    """The nämnd never decides a delegationsbeslut: its tjänsteskrivelse (the real .docx, and the form it is written
    in) proposes that the delegat decides on the nämnd's delegation, not "Stadsområdesnämnd Öster föreslås
    besluta …" (walk27 Y18). Before the beslut it proposes the nämnd's decision, as prefilled."""
    remiss = w["remiss"]
    nämnd_proposal = ("Stadsområdesnämnd Öster föreslås besluta att avge yttrande till Kulturnämnden i enlighet med "
                      "upprättat förslag.")
    before = texts(generate.render(session, now=DECIDED_AT, principal=w["r"], remiss=remiss,
                                   kind="tjansteskrivelse").data)
    assert nämnd_proposal in before
    delegated(session, w)
    proposal = ("Britt-Marie Pettersson, stadsområdesdirektör, föreslås besluta på delegation från Stadsområdesnämnd "
                "Öster att avge yttrande till Kulturnämnden i enlighet med upprättat förslag.")
    ts = texts(generate.render(session, now=DECIDED_AT, principal=w["r"], remiss=remiss,
                               kind="tjansteskrivelse").data)
    assert proposal in ts and nämnd_proposal not in ts
    assert not any(t.startswith("Stadsområdesnämnd Öster föreslås") for t in ts)
    session.commit()
    auth.login(w["registrator"].email)
    page = client.get(f"/remisser/{remiss.id}/yttrande").get_data(as_text=True)
    assert proposal in page and nämnd_proposal not in page


def test_the_page_shows_no_sammantrade_and_offers_expediering(w, auth, session, clock):
    rid = w["remiss"].id
    approve(session, w)
    session.commit()
    auth.login(w["registrator"].email)
    assert decide(auth, rid, clock, decided_by="delegat", delegat=DELEGAT, meeting_on="2015-09-21", paragraf="",
                  omedelbar_justering="").status_code == 302
    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    facts = page[page.index('id="beslut"'):]
    facts = facts[:facts.index("</dl>")]
    assert "<dt>Beslutsdatum</dt>" in facts and "<dt>Sammanträde</dt>" not in facts
    assert "Justeras inte: delegationsbeslutet anmäls till nämnden" in facts
    assert "inte justerat" not in page and 'id="justering-form"' not in page
    assert "/yttrande/expediera" in page
    decision = auth.client.get(f"/api/v1/remisser/{rid}").get_json()["yttrande"]["decision"]
    assert (decision["needs_justering"], decision["justerad"], decision["justerad_on"]) == (False, True, None)
    assert decision["reference"] == f"genom delegationsbeslut av {DELEGAT}, den 21 september 2015"
    assert auth.post(f"/remisser/{rid}/yttrande/expediera", {"confirm_expediera": "1"},
                     form_url=f"/remisser/{rid}").status_code == 302


def test_the_nämnd_s_beslut_still_waits_for_its_justering(session, w):
    approve(session, w)
    decision = record(session, w)
    assert decision.needs_justering and "inte justerat" in decisions.expediering_refusal(decision, date(2015, 9, 24))
    data = generate.render(session, now=DECIDED_AT, principal=w["r"], remiss=w["remiss"], kind="yttrande").data
    lines = [(style, text) for style, text in doc_lines(data)]
    assert ("Underskrift", "Ordförande") in lines and ("Underskrift", "Stadsområdesdirektör") not in lines


@pytest.mark.parametrize("decided_by", ["delegat", "namnd"])
def test_the_expediering_reminder_follows_the_kind_of_beslut(session, w, app, decided_by):
    """A delegationsbeslut has no justering: its expediering reminder does not ask for "det justerade yttrandet"."""
    import json

    from sqlmodel import select

    from remiss.reminders.mail import compose
    from remiss.reminders.models import OutboxMessage
    from remiss.reminders.schedule import sync_remiss

    remiss = w["remiss"]
    if decided_by == "delegat":
        delegated(session, w)
    else:
        approve(session, w)
        record(session, w, decided_by="namnd", meeting_on=date(2015, 9, 24), paragraf="142",
               omedelbar_justering=True)
    sync_remiss(session, now=DECIDED_AT, remiss=remiss)
    rows = [r for r in session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id))
            if json.loads(r.payload).get("milestone") == "expediering"]
    assert rows, "no reminder of the expediering was planned"
    with app.app_context():
        text = compose(session, rows[0], config=app.config, now=DECIDED_AT).get_body(("plain",)).get_content()
    if decided_by == "delegat":
        assert "justerade" not in text and "ett delegationsbeslut justeras inte" in text, text
    else:
        assert "Expediera det justerade yttrandet till remittenten." in text, text
