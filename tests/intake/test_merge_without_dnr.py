"""walk18 F9: "För samman med en annan remiss" with the diarienummer field left empty answered "Meddelandet kunde inte
föras samman – Remissen finns inte eller du får inte ändra den.", as if a remiss were missing or forbidden. Nothing
typed is asked for (remiss.intake.views.nothing_named), with what was typed kept; the paste card's "Registrera
förlängningen på den remissen" the same."""
from datetime import date, datetime, timezone
from html import unescape

from remiss.intake.models import InboxMessage
from tests.intake.test_our_dnr_prefill import NOTICE
from tests.intake.test_paste_seed000 import paste, world
from tests.intake.test_walk7 import POLLED, kommun, mail, receive  # noqa: F401
from tests.support.factories import make_remiss

FORBIDDEN = "Remissen finns inte eller du får inte ändra den."
NO_MERGE_DNR = "Ange vårt diarienummer för remissen som meddelandet ska föras samman med."
NO_EXTEND_DNR = "Ange vårt diarienummer för remissen som brevet förlänger."


def test_the_inkorg_asks_for_the_diarienummer_and_keeps_the_new_day(client, auth, session, db, app, kommun, clock):
    miljo, _, _ = kommun
    clock.set(POLLED)
    make_remiss(session, namnd=miljo, title="Lokala föreskrifter om avfallshantering", remittent="Lidingö stad",
                sender_dnr="KS-IOF-2010-00015", deadline_on=date(2024, 3, 29))
    session.commit()
    body = NOTICE.split("\n\n", 1)[1].replace("12 februari 2027", "30 april 2024")
    message = receive(db, app, mail("Förlängd svarstid – ny renhållningsordning",
                                    body.format(ours="LB 2099/7", theirs="KS 2024/0412"), "<empty@x>"))
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    response = auth.post(f"{url}/sammanfor", {"our_dnr": "", "extend": "1", "until_on": "2024-05-15"}, form_url=url)
    page = " ".join(unescape(response.get_data(as_text=True)).split())
    assert response.status_code == 400
    assert "Meddelandet kunde inte föras samman" in page and NO_MERGE_DNR in page
    assert FORBIDDEN not in page
    assert 'value="2024-05-15"' in page  # the new sista svarsdag typed is kept
    with db.transaction() as s:
        assert s.get(InboxMessage, message.id).status != "merged"


def test_the_paste_card_asks_for_the_diarienummer(client, auth, session, clock):
    clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc))
    world(session)
    session.commit()
    auth.login("sekr@malmo.se")
    form_url = paste(auth, NOTICE.replace("Ert dnr: {ours}\n", "").format(theirs="LB 2026/0412")).headers["Location"]
    response = auth.post(f"/remisser/ny/missiv/{form_url.split('=', 1)[1]}/forlang",
                         {"our_dnr": "", "extend": "1", "until_on": "2027-02-12"}, form_url=form_url,
                         follow_redirects=True)
    page = " ".join(unescape(response.get_data(as_text=True)).split())
    assert NO_EXTEND_DNR in page and FORBIDDEN not in page
