"""A registration form opened with a read missiv that is gone (removed after 24 hours, or never read) says so
instead of showing the empty start form without a word (walk8 finding 12)."""
import html

from remiss.intake.service import batches
from tests.intake.test_paste_seed000 import SEED_000, input_value, paste, world

GONE = "Det inlästa missivet finns inte längre (det sparas i 24 timmar). Läs in det igen."


def test_an_unknown_token_says_the_missiv_is_gone(client, auth, session):
    world(session)
    auth.login("sekr@malmo.se")
    response = client.get("/remisser/ny?missiv=finnsinte123")
    assert response.status_code == 200 and GONE in html.unescape(response.get_data(as_text=True))
    assert GONE not in html.unescape(client.get("/remisser/ny").get_data(as_text=True))


def test_an_expired_missiv_says_so_and_a_fresh_one_does_not(client, auth, session, clock, app, db):
    world(session)
    auth.login("sekr@malmo.se")
    form_url = paste(auth, SEED_000).headers["Location"]
    page = html.unescape(client.get(form_url).get_data(as_text=True))
    assert GONE not in page and input_value(page, "sender_dnr") == "KS-IOF-2010-00015"
    clock.advance(hours=25)
    with db.transaction() as s:  # what the scheduler does every so often
        assert batches.cleanup(s, now=clock(), files_dir=app.config["FILES_DIR"]) == 1
    page = html.unescape(client.get(form_url).get_data(as_text=True))
    assert GONE in page and input_value(page, "sender_dnr") == ""
