"""Walk18 F7: a medborgarförslag is "ärendet" on its page, not "remissen" (remisser.kind_words, one noun per kind);
a remiss still reads "remissen"."""
from __future__ import annotations

from datetime import date

import pytest

from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import RemissKind
from remiss.remisser.status import NEXT_STEPS, RemissStatus, next_step_of
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


@pytest.fixture
def world(session, clock):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    forslag = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind="medborgarforslag",
                          title="Medborgarförslag om fler parkbänkar", questions=[])
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), questions=[])
    undated = make_remiss(session, namnd=namnd, deadline_on=None, deadline_time=None, now=clock(),
                          kind="medborgarforslag", title="Medborgarförslag om en hundrastgård", questions=[])
    session.commit()
    return forslag.id, remiss.id, undated.id


def test_a_medborgarforslag_is_called_arendet_on_its_page(world, auth, client):
    forslag, remiss, undated = world
    auth.login("mia@miljo.se")
    page = client.get(f"/remisser/{forslag}").get_data(as_text=True)
    text = visible_text(page)
    # Old code: "Tilldela remissen en handläggare.", "Remissen har inga frågeställningar."
    assert "Nästa steg: Tilldela ärendet en handläggare." in text, text
    assert "Ärendet har inga frågeställningar." in text
    assert 'aria-label="Delar av ärendet"' in page
    assert "Ärendet är registrerat av misstag och ska makuleras" in text and "Varför makuleras ärendet?" in text
    assert "meddelar alla att svarstiden förlängs" in text
    assert ("Ärendet har ingen handläggare ännu. Välj en handläggare under ”Tilldela handläggare” på ärendets "
            "sida") in text
    assert "Avstår eller Återkallad: ärendet avslutas utan yttrande" in text and "Skrivs i ärendets historik." in text

    assert "Ingen tidplan: ärendet har ingen sista svarsdag." in visible_text(
        client.get(f"/remisser/{undated}").get_data(as_text=True))

    text = visible_text(client.get(f"/remisser/{remiss}").get_data(as_text=True))
    assert "Nästa steg: Tilldela remissen en handläggare." in text and "Remissen har inga frågeställningar." in text
    assert "meddelar alla att remisstiden förlängs" in text


def test_the_next_steps_agree_with_the_noun():
    assert next_step_of("besvarad", has_handlaggare=True, kind="medborgarforslag") == \
        "Ärendet är besvarat. Inget mer att göra."
    assert next_step_of("makulerad", has_handlaggare=True, kind=RemissKind.medborgarforslag) == \
        "Ärendet är makulerat: det registrerades av misstag. Inget mer att göra."
    for status in RemissStatus:  # a remiss reads as before
        assert next_step_of(status, has_handlaggare=False) == (
            NEXT_STEPS[RemissStatus.tilldelad] if False else NEXT_STEPS[status])
    assert noun_of(None).the == "remissen" and noun_of("medborgarforslag").done("återkallad") == "återkallat"


def test_the_yttrande_form_the_tidplan_and_makulera_name_a_medborgarforslag_arendet(session, clock, auth, client):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    mia = make_user(session, role="handlaggare", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    forslag = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind="medborgarforslag",
                          title="Medborgarförslag om fler parkbänkar", questions=[], handlaggare_id=mia.id).id
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), questions=[],
                         handlaggare_id=mia.id).id
    session.commit()
    auth.login("mia@miljo.se")
    form = visible_text(client.get(f"/remisser/{forslag}/yttrande").get_data(as_text=True))
    # Old code: "Remissen har inga frågeställningar: följ remissens egen disposition …", "Tillbaka till remissen"
    assert "Ärendet har inga frågeställningar: följ ärendets egen disposition med en rubrik per avsnitt." in form
    assert "Sammanfattning av ärendet (tjänsteskrivelsen)" in form and "Vad ärendet gäller" in form
    assert "Tillbaka till ärendet" in form
    # the tjänsteskrivelse's prefilled text: old code "Kommunstyrelsen har skickat remissen ”Medborgarförslag …”"
    assert "Kommunstyrelsen har skickat ärendet ”Medborgarförslag om fler parkbänkar” till Miljönämnden" in form
    assert "remissen" not in form.split("Redigera yttrandet", 1)[-1].split("Spara ny version")[0].casefold()
    text = visible_text(client.get(f"/remisser/{forslag}").get_data(as_text=True))
    assert "Sista svarsdag blir klar när yttrandet expedieras, inte för hand." in text  # no "(remissen besvaras)"

    form = visible_text(client.get(f"/remisser/{remiss}/yttrande").get_data(as_text=True))
    assert "Remissen har inga frågeställningar: följ remissens egen disposition" in form
    assert "Kommunstyrelsen har skickat remissen ”" in form

    make_user(session, role="registrator", namnder=[namnd], email="reg@miljo.se", name="Rut Registrator")
    session.commit()
    auth.logout()
    auth.login("reg@miljo.se")
    text = visible_text(client.get(f"/remisser/{forslag}").get_data(as_text=True))
    assert "eller är MN 2026/0001 inget ärende att yttra sig över, kan du makulera det." in text  # not "ingen remiss"
    empty = auth.post(f"/remisser/{forslag}/makulera", {"reason": " "}, form_url=f"/remisser/{forslag}")
    said = visible_text(empty.get_data(as_text=True))
    # Old code: "Skriv varför remissen makuleras …", "Bekräfta att remissen är registrerad av misstag: den …"
    assert empty.status_code == 400 and "Skriv varför ärendet makuleras" in said
    assert "Bekräfta att ärendet är registrerat av misstag: det makuleras och visas inte längre" in said
    assert "ingen remiss, kan du makulera den." in visible_text(client.get(f"/remisser/{remiss}").get_data(as_text=True))


def test_registering_a_medborgarforslag_says_arendet_is_registered(session, auth, clock):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    session.commit()
    auth.login("mia@miljo.se")
    form = {"title": "Medborgarförslag om en badplats", "namnd_id": str(namnd.id), "kind": "medborgarforslag",
            "remittent": "Kommunfullmäktige", "received_on": "2026-12-03", "deadline_on": "2027-03-01"}
    done = visible_text(auth.post("/remisser/ny", form, follow_redirects=True).get_data(as_text=True))
    # Old code: "Remissen är registrerad med diarienummer MN 2026/0001."
    assert "Ärendet är registrerat med diarienummer MN 2026/0001." in done, done[:3000]


def test_the_mails_to_the_handlaggare_of_a_medborgarforslag_say_arendet(session, clock, auth, app, runner):
    import email
    from email.policy import default as default_policy
    from pathlib import Path

    from tests.reminders.test_events import sweep

    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    hans = make_user(session, role="handlaggare", namnder=[namnd], email="hans@miljo.se", name="Hans Handläggare")
    rid = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind="medborgarforslag",
                      title="Medborgarförslag om fler parkbänkar").id
    session.commit()
    auth.login("mia@miljo.se")
    assert auth.post(f"/remisser/{rid}/tilldela", {"handlaggare_id": str(hans.id)},
                     form_url=f"/remisser/{rid}").status_code == 302
    sweep(session, runner, "2026-12-04T09:05")  # the assigned notice goes before the ärende is closed
    for status in ("under_beredning", "klar_for_beslut", "beslutad", "besvarad"):
        assert auth.post(f"/remisser/{rid}/status", {"status": status, "note": ""},
                         form_url=f"/remisser/{rid}").status_code == 302
    sweep(session, runner, "2026-12-04T09:06")
    mails = {m["Subject"]: " ".join(m.get_body(("plain",)).get_content().split())
             for m in (email.message_from_bytes(p.read_bytes(), policy=default_policy)
                       for p in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))) if m["To"] == "hans@miljo.se"}
    # Old code: "Du har tilldelats remiss …", "Du har tilldelats remissen och är handläggare för den."
    assigned = mails["[MN 2026/0001] Du har tilldelats ärendet ”Medborgarförslag om fler parkbänkar”"]
    assert "Du har tilldelats ärendet och är handläggare för det." in assigned and "Öppna ärendet" in assigned
    answered = mails["[MN 2026/0001] Besvarad: Medborgarförslag om fler parkbänkar"]
    assert "Ärendets status har ändrats till Besvarad för hand." in answered
    assert "Inga fler påminnelser skickas om ärendet." in answered and "remissen" not in answered.casefold()


def test_the_tidplan_advice_names_a_medborgarforslag_arendet(session, clock, auth, client):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2026, 12, 17, 17), "")])
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    late = dict(namnd=namnd, received_on=date(2026, 12, 4), deadline_on=date(2026, 12, 30), now=clock(), questions=[])
    forslag = make_remiss(session, kind="medborgarforslag", title="Medborgarförslag om en skatepark", **late).id
    remiss = make_remiss(session, **late).id
    session.commit()
    auth.login("mia@miljo.se")
    tidplan = visible_text(client.get(f"/remisser/{remiss}").get_data(as_text=True)).split(" Tidplan ", 1)[1]
    assert "före remissens ankomst" in tidplan and "förlängd remisstid" in tidplan  # a remiss reads as before
    tidplan = visible_text(client.get(f"/remisser/{forslag}").get_data(as_text=True)).split(" Tidplan ", 1)[1]
    tidplan = tidplan.split(" Förlängningar ", 1)[0]
    # Old code: "Datumet låg före remissens ankomst …", "Begär förlängd remisstid hos remittenten."
    assert "före ärendets ankomst" in tidplan and "förlängd svarstid" in tidplan, tidplan
    assert "remissen" not in tidplan and "remissens" not in tidplan and "remisstid" not in tidplan, tidplan

    start = visible_text(client.get("/").get_data(as_text=True))  # Att göra: each row in the words of its kind
    assert "(datumet låg före ärendets ankomst)" in start and "(datumet låg före remissens ankomst)" in start, start


def test_the_expediering_notes_agree_with_the_noun():
    from remiss.drafting.dispatch import sent_by_hand_note

    # Old code: "Remissen saknar svarsadress, så yttrandet har inte e-postats och remissen är inte besvarad ännu."
    assert sent_by_hand_note("medborgarforslag").startswith(
        "Ärendet saknar svarsadress, så yttrandet har inte e-postats och ärendet är inte besvarat ännu.")
    assert sent_by_hand_note("remiss").startswith("Remissen saknar svarsadress, så yttrandet har inte e-postats och "
                                                  "remissen är inte besvarad ännu.")


def _skatepark(session, clock, auth) -> None:
    """A medborgarförslag received today whose nämnd meets before its deadline, and its registrator logged in."""
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2026, 12, 17, 17), "")])
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    make_remiss(session, kind="medborgarforslag", title="Medborgarförslag om en skatepark", namnd=namnd,
                received_on=date(2026, 12, 4), deadline_on=date(2026, 12, 30), now=clock(), questions=[])
    session.commit()
    auth.login("mia@miljo.se")


def test_forsenat_names_a_medborgarforslag_arendet(session, clock, auth, client):
    """/forsenat said "datumet låg före remissens ankomst" and "förlängd remisstid" of a medborgarförslag."""
    _skatepark(session, clock, auth)
    page = visible_text(client.get("/forsenat").get_data(as_text=True))
    rows = page.split(" Försenat i Miljönämnden ", 1)[1]
    assert "(datumet låg före ärendets ankomst)" in rows, rows
    assert "remissens" not in rows and "remisstid" not in rows and "remissen" not in rows, rows


def test_the_kalender_names_a_medborgarforslag_arendet(session, clock, auth, client):
    """The Kalender's month and day pages said "datumet låg före remissens ankomst" of a medborgarförslag."""
    _skatepark(session, clock, auth)
    month = visible_text(client.get("/kalender?manad=2026-12").get_data(as_text=True))
    day = visible_text(client.get("/kalender/dag?datum=2026-12-03").get_data(as_text=True))
    for page in (month, day):
        assert "(datumet låg före ärendets ankomst)" in page, page
        assert "remissens" not in page and "remisstid" not in page and "remissen" not in page, page


def test_the_calendar_feed_names_a_medborgarforslag_arendet(session, clock, auth, client, db):
    """The nämnd's ICS feed described a medborgarförslag's steps in the remiss's words."""
    import icalendar

    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2026, 12, 17, 17), "")])
    mia = make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    make_remiss(session, kind="medborgarforslag", title="Medborgarförslag om en skatepark", namnd=namnd,
                received_on=date(2026, 12, 4), deadline_on=date(2026, 12, 30), now=clock(), questions=[])
    session.commit()
    token, namnd_id = mia.ics_token, namnd.id
    session.rollback()
    cal = icalendar.Calendar.from_ical(client.get(f"/ics/anvandare/{token}/namnd/{namnd_id}.ics").data)
    said = " ".join(str(e.get("DESCRIPTION", "")) for e in cal.walk("VEVENT"))
    assert "remissens" not in said and "remissen" not in said and "remisstid" not in said, said
    # Old code: "Datumet låg före remissens ankomst …", "Begär förlängd remisstid hos remittenten."
    assert "Datumet låg före ärendets ankomst" in said and "Begär förlängd svarstid" in said, said
