"""words23 #4: "Registrera förlängningen på …" on the pasted letter's card said only "Brevet är sammanfört med MN
2026/0001 och förlängningen är registrerad." The flash names the new sista svarsdag, as the Inkorg's does."""
import html
import re
from datetime import date, datetime, timezone

from tests.intake.test_paste_seed000 import paste, world
from tests.support.factories import make_remiss
from tests.unit.test_missiv_email_layouts import OUR_NUMBER_SUBJECT


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_pasted_letters_extension_names_its_new_day(client, auth, session, clock):
    clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc))
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Remiss av ny renhållningsordning", remittent="Lidingö stad",
                             sender_dnr="KS-IOF-2010-00015", deadline_on=date(2027, 1, 29))
    session.commit()
    auth.login("sekr@malmo.se")
    form_url = paste(auth, OUR_NUMBER_SUBJECT.replace("SOFÖ 2026/0001", registered.our_dnr)).headers["Location"]
    r = auth.post(f"/remisser/ny/missiv/{form_url.split('=', 1)[1]}/forlang",
                  {"remiss_id": registered.id, "extend": "1"}, form_url=form_url)
    assert r.status_code == 302
    page = _text(client.get(r.headers["Location"]).get_data(as_text=True))
    assert (f"Förlängningen till 12 februari 2027 är registrerad på {registered.our_dnr}, och brevet är sammanfört "
            "med den.") in page, page[:1500]
