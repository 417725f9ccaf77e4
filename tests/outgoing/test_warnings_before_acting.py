"""Warnings on an outgoing remiss before a step that cannot be undone, or when a date looks mistyped: sending
without remisshandlingar, compiling while the svarstid runs and instanser have not answered, and an answer
dated before the utskick."""
from __future__ import annotations

from html import unescape

from remiss.remisser import service as remisser


def test_warnings_for_no_handlingar_an_early_compilation_and_an_answer_dated_before_the_utskick(
        session, client, auth, unsent_utgaende):
    remiss = unsent_utgaende()  # on Monday 23 November 2026, svarstid to 29 January 2027, to Norr and Söder
    page = f"/remisser/{remiss.id}"
    shown = unescape(client.get(page).get_data(as_text=True))
    assert "Remissen har inga remisshandlingar." in shown  # on the page, next to the button
    assert ('data-confirm="Remissen har inga remisshandlingar: remissinstanserna får bara missivet. Missivet är inte '
            'skapat än: det skapas nu från standardmallen och skickas utan att någon har läst det. Skicka') in shown
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302

    shown = unescape(client.get(page).get_data(as_text=True))
    assert ('data-confirm="Svarstiden löper till 29 januari 2027 (67 dagar kvar), och 2 remissinstanser har inte svarat. '
            'Missivet till Norr och Söder väntar i utkorgen och är inte skickat än. '  # no sweep here (walk28 Z4)
            'Sammanställa svaren ändå? Planerade påminnelser stoppas."') in shown

    first, second = (entry.id for entry in remisser.entries(session, remiss.id))
    session.rollback()  # end the test's read, so the requests below can write (SQLite has one writer)
    url = f"{page}/utskick/instanser/{first}"
    asked = auth.post(url, {"action": "answer", "answered_on": "2026-11-20", "summary": "Positiva."}, form_url=url)
    assert asked.status_code == 400  # asked first (walk9): nothing registered until the date is confirmed
    assert ("Svaret är daterat 20 november 2026, före utskicket 23 november 2026. Kontrollera datumet."
            in unescape(asked.get_data(as_text=True)))
    answered = auth.post(url, {"action": "answer", "answered_on": "2026-11-20", "summary": "Positiva.",
                               "confirm_date": "1"}, form_url=url, follow_redirects=True)
    assert answered.status_code == 200
    assert ("Det är daterat 20 november 2026, före utskicket 23 november 2026, som du bekräftade."
            in unescape(answered.get_data(as_text=True)))
    fine = auth.post(f"{page}/utskick/instanser/{second}",
                     {"action": "answer", "answered_on": "2026-11-23", "summary": "Bra."}, form_url=url,
                     follow_redirects=True)
    assert "före utskicket" not in unescape(fine.get_data(as_text=True))
    assert "data-confirm=\"Svarstiden löper" not in unescape(client.get(page).get_data(as_text=True))  # all answered
