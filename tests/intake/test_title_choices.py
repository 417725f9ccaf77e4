"""Round 26: the registration form read from a missiv offers the parser's other titles, and a pick fills the field."""
import html
import json
from pathlib import Path

from tests.intake.test_paste_seed000 import input_value, paste, world

KINDS = Path(__file__).resolve().parents[1] / "data" / "missiv" / "kinds"
D24 = next(c for c in json.loads((KINDS / "missiv-dev.json").read_text(encoding="utf-8")) if c["id"] == "d24")["text"]


def test_the_other_titles_are_offered_and_a_pick_fills_the_field(client, auth, session):
    world(session)
    auth.login("sekr@malmo.se")
    read = paste(auth, D24)
    assert read.status_code == 302
    form_url = read.headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert input_value(page, "title") == "Länstransportplan 2022-2033"
    assert "Andra förslag på ärendemening:" in page
    choices = page[page.index('id="title-choices"'):]
    assert 'aria-label="Använd ärendemeningen: Förslag till länstransportplan"' in choices
    link = html.unescape(choices.split('href="', 1)[1].split('"', 1)[0])
    assert "titel=0" in link
    # without JavaScript the link reopens the prefilled form with that title in the field, the rest as read
    picked = client.get(link).get_data(as_text=True)
    assert input_value(picked, "title") == "Förslag till länstransportplan"
    assert input_value(picked, "deadline_on") == input_value(page, "deadline_on")
    # a number beyond the list changes nothing
    assert input_value(client.get(link.replace("titel=0", "titel=7")).get_data(as_text=True), "title") == \
        "Länstransportplan 2022-2033"
