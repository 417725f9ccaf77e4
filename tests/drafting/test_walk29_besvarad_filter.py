"""walk29 A10: an expedierat yttrande still in the Utkorg is "besvarad" in the API's status, but the Diarium's
Status=Besvarad (and the API's ?status=besvarad) left it out and said "0 remisser." with no word of why – it is under
"Expedierade, inte skickade" until it has left (walk25b Z5). The list now says what it left out, with a link, and
the API's list says how many (unsent_left_out, added)."""
from __future__ import annotations

import html
import re

from tests.drafting.test_expediering_mail import expediera, sweep


def _text(page: str) -> str:
    """The page's text, inline tags left out without a space (the link ends its sentence)."""
    page = re.sub(r"</?(a|strong|span)\b[^>]*>", "", page)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_besvarad_says_the_expedierade_it_leaves_out(decided, auth, client, runner, smtp):
    rid = decided()
    sweep(runner, "2015-09-24T18:00")  # what was queued before is sent: only the yttrande's mail waits
    assert expediera(auth, rid).status_code == 302
    assert client.get(f"/api/v1/remisser/{rid}").get_json()["status"] == "besvarad"

    page = client.get("/remisser?status=besvarad").get_data(as_text=True)
    text = _text(page)
    assert "0 remisser." in text
    # old: nothing said why the remiss the API calls besvarad is not listed
    assert ("Besvarad visar inte 1 remiss som är expedierad men inte skickad än: se Expedierade, inte skickade."
            in text), text[text.find("0 remisser"):][:400]
    assert 'href="/remisser?status=expedierad"' in page
    listed = client.get("/api/v1/remisser?status=besvarad").get_json()
    assert listed["total"] == 0 and listed["unsent_left_out"] == 1, listed
    assert client.get("/api/v1/remisser?status=expedierad").get_json()["unsent_left_out"] == 0

    sweep(runner, "2015-09-24T18:15")  # the mail goes out: Besvarad lists it, and leaves nothing out
    text = _text(client.get("/remisser?status=besvarad").get_data(as_text=True))
    assert "1 remiss." in text and "visar inte" not in text
    assert client.get("/api/v1/remisser?status=besvarad").get_json()["unsent_left_out"] == 0
