"""Walk12b #18: a diarium filter with "Svarsdag från" after "Svarsdag till" can match nothing; it is named as an
error on the list, refused by the export and by the API, not shown as "0 remisser" in silence."""
from __future__ import annotations

import re
from html import unescape

from tests.support.factories import make_namnd, make_remiss, make_user

REVERSED = "deadline_from=2027-02-01&deadline_to=2026-01-01"


def _login(session, auth):
    namnd = make_namnd(session)
    make_user(session, role="registrator", namnder=[namnd], email="r@malmo.se")
    make_remiss(session, namnd=namnd, title="Översyn av ordningsföreskrifter")
    session.commit()
    auth.login("r@malmo.se")


def test_reversed_deadlines_are_named_on_the_list_with_the_typed_dates_kept(client, auth, session):
    _login(session, auth)
    html = client.get(f"/remisser?{REVERSED}").get_data(as_text=True)
    box = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert box, "no error summary for reversed dates"
    summary = " ".join(unescape(re.sub(r"<[^>]+>", " ", box.group(0))).split())
    assert "Svarsdag från: Datumet ligger efter Svarsdag till." in summary
    assert 'value="2027-02-01"' in html and 'value="2026-01-01"' in html


def test_reversed_deadlines_are_refused_by_the_export(client, auth, session):
    _login(session, auth)
    response = client.get(f"/remisser/export.csv?{REVERSED}")
    assert response.status_code == 400
    assert "ligger efter Svarsdag till" in response.get_data(as_text=True)


def test_dates_in_order_are_no_error(client, auth, session):
    _login(session, auth)
    html = client.get("/remisser?deadline_from=2026-01-01&deadline_to=2027-02-01").get_data(as_text=True)
    assert "error-summary" not in html


def test_a_faulty_filter_lists_without_the_faulty_part_and_says_so_in_both_cases(client, auth, session):
    """walk27 Y6: a bad date showed every remiss, reversed dates "0 remisser. Inga remisser." – one rule now: the
    faulty part is left out of the list, the message says so, and the count is of what is shown."""
    _login(session, auth)
    for query, said in ((REVERSED, "Listan visar alla svarsdagar tills dess."),
                        ("deadline_from=2027-02-31", "Listan filtreras inte på det datumet förrän det är rättat.")):
        html = client.get(f"/remisser?{query}").get_data(as_text=True)
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
        assert said in text, query
        assert "Översyn av ordningsföreskrifter" in html, query
        assert "1 remiss." in text and "0 remisser" not in text, query
