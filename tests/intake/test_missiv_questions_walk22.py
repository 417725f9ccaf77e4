"""Walk 22, L5: the Registrera-from-missiv page fills Frågeställningar from a bulleted list after "Vi vill särskilt ha
svar på:", and says so under Observera when a lead-in's questions cannot be read."""
import html
import re

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_user
from tests.unit.test_missiv_questions22 import _letter

WALK_LETTER = _letter("Vi vill särskilt ha svar på:\n- Är målen i planen rimliga?\n"
                      "- Hur vill ni delta i genomförandet?\n")  # /tmp/h-walk22/missiv2.txt, word for word


def _form_after_reading(client, auth, session, text: str) -> str:
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@lund.se")
    session.commit()
    auth.login("sekr@lund.se")
    response = auth.post("/remisser/ny/missiv", {"text": text}, form_url="/remisser/ny/missiv")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _textarea(page: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, name
    return html.unescape(found.group(1)).strip()


def test_the_walks_letter_fills_the_fragestallningar(client, auth, session, db):
    page = _form_after_reading(client, auth, session, WALK_LETTER)
    assert _textarea(page, "questions").splitlines() == ["Är målen i planen rimliga?",
                                                         "Hur vill ni delta i genomförandet?"]
    assert _textarea(page, "sandlista").splitlines() == ["Malmö stad", "Burlövs kommun", "VA SYD", "Sysav"]
    assert "Missivet verkar ställa frågor" not in html.unescape(page)


def test_a_lead_in_whose_questions_cannot_be_read_is_said_under_observera(client, auth, session, db):
    letter = _letter("Vi vill särskilt ha svar på:\nHur ni ser på målen och hur ni vill delta, gärna med exempel.\n")
    page = html.unescape(_form_after_reading(client, auth, session, letter))
    assert _textarea(page, "questions") == ""
    observera = page[page.index("Observera:"):]
    observera = observera[:observera.index("</div>")]
    assert ("<li>Missivet verkar ställa frågor (”Vi vill särskilt ha svar på:”) som inte kunde läsas in; "
            "fyll i frågeställningarna för hand.</li>") in observera
