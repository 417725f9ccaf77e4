"""B3 edge (session 32): a notice of förlängd remisstid that the instans's answer made unneeded in the Utkorg
("Behövs inte – har svarat") stayed stopped when the answer was undone (Ångra), so the instans, awaited again, was
never told its later svarsdag. Undoing the answer puts the same notice back in the Utkorg, says so, and it is sent
once; a notice whose date no longer holds (a later förlängning came meanwhile) stays stopped."""
from __future__ import annotations

from html import unescape

from tests.conftest import Auth
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk12b_extension import at
from tests.outgoing.test_walk29b_outgoing import _section
from tests.outgoing.test_walk30_outdated_notices import LUND, _body, _extend, _notices, _world


def _text(response) -> str:
    return " ".join(unescape(response.get_data(as_text=True)).split())


def _answer(auth, remiss_id, entry_id, action="answer"):
    form = {"action": action, "answered_on": "2026-12-05", "summary": "Bra"} if action == "answer" else \
        {"action": action}
    response = auth.post(f"/remisser/{remiss_id}/utskick/instanser/{entry_id}", form)
    assert response.status_code == 302, _text(response)[:3000]


def test_undoing_the_answer_puts_the_stopped_notice_back_in_the_utkorg(app, db, session, clock, auth, smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 40))  # the missiv goes out
    _extend(auth, remiss_id, "2027-03-15")  # a notice to each, in the Utkorg
    _answer(auth, remiss_id, ids["Lunds kommun"])
    assert [status for email, _, status, _ in _notices(db, remiss_id) if email == LUND] == ["superseded"]
    url = f"/remisser/{remiss_id}/utskick/instanser/{ids['Lunds kommun']}"
    page = _text(auth.post(url, {"action": "reopen"}, form_url=url, follow_redirects=True))
    # old code: the notice stayed "Behövs inte – har svarat", and Lund was never told of 15 mars
    said = _section(page, "Svaret från Lunds kommun är borttaget", "</div>")
    assert said == ("Svaret från Lunds kommun är borttaget; instansen räknas som ej svarat. Meddelandet om förlängd "
                    "remisstid till Lunds kommun ligger i utkorgen igen och skickas vid nästa utskick. "), said
    assert [(status, why) for email, _, status, why in _notices(db, remiss_id) if email == LUND] == [("pending", "")]
    admin = Auth(app.test_client())
    admin.login("admin@kommun.example")
    row = _text(admin.client.get(f"/admin/utkorg?email={LUND}"))
    assert "Behövs inte" not in row and 'data-label="Status">Väntar' in row
    history = _text(auth.client.get(f"/remisser/{remiss_id}"))
    assert ("Meddelandet om förlängd remisstid till Lunds kommun lades i utkorgen igen och skickas vid nästa "
            "utskick: svaret från Lunds kommun togs bort.") in history
    mails = run_sweep(runner, smtp, at(2026, 12, 5, 0, 50))
    to_lund = [mail for rcpts, mail in mails if rcpts == [LUND]]
    assert len(to_lund) == 1 and "15 mars 2027" in _body(to_lund[0])
    # answered again and undone again: nothing is sent twice
    _answer(auth, remiss_id, ids["Lunds kommun"])
    _answer(auth, remiss_id, ids["Lunds kommun"], action="reopen")
    assert [status for email, _, status, _ in _notices(db, remiss_id) if email == LUND] == ["sent"]


def test_a_notice_whose_date_no_longer_holds_stays_stopped(app, db, session, clock, auth, smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 40))
    _extend(auth, remiss_id, "2027-03-15")
    _answer(auth, remiss_id, ids["Lunds kommun"])
    _extend(auth, remiss_id, "2027-03-29")  # Lund has answered: no notice of 29 mars to it
    url = f"/remisser/{remiss_id}/utskick/instanser/{ids['Lunds kommun']}"
    page = _text(auth.post(url, {"action": "reopen"}, form_url=url, follow_redirects=True))
    assert [status for email, _, status, _ in _notices(db, remiss_id) if email == LUND] == ["superseded"]
    said = _section(page, "Svaret från Lunds kommun är borttaget", "</div>")
    # old code: nothing said, and Lund, awaited again, was told of neither date
    assert said == ("Svaret från Lunds kommun är borttaget; instansen räknas som ej svarat. Meddelandet om förlängd "
                    "remisstid till Lunds kommun stoppades i utkorgen när svaret registrerades och skickas inte, "
                    "eftersom svarsdagen har ändrats sedan dess: meddela Lunds kommun att svarsdagen nu är 29 mars "
                    "2027 kl. 12.00. "), said
