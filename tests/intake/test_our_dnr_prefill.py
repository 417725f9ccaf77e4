"""walk10 finding 1: the no-match card of an extension notice prefills "Vårt diarienummer" with the number in our own
format the letter quotes ("Ert dnr: LB 2026/1"), as our series writes it, on the paste card and in the Inkorg; never
the remittent's own number ("Vårt dnr", "Dnr") though a kommun may write it as we do."""
import re
from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.intake.models import InboxMessage
from remiss.planning.models import Extension
from tests.intake.test_paste_seed000 import paste, world
from tests.intake.test_walk7 import POLLED, kommun, mail, receive  # noqa: F401
from tests.support.factories import make_namnd, make_remiss

NOTICE = """Från: Eva Lund <eva.lund@lidingo.se>
Skickat: den 3 december 2026 14:02
Till: Registrator
Ämne: Förlängd svarstid – ny renhållningsordning

Hej,

Remisstiden för förslaget till ny renhållningsordning förlängs till den 12 februari 2027.

Ert dnr: {ours}
Vårt dnr: {theirs}

Med vänliga hälsningar
Eva Lund
Lidingö stad
"""


def _short(our_dnr: str) -> str:
    """Our number as a remittent writes it: "LB 2026/0001" → "LB 2026/1"."""
    series, number = our_dnr.rsplit("/", 1)
    return f"{series}/{int(number)}"


def _our_dnr_input(page: str) -> str:
    found = re.search(r'<input id="f-(?:extend-)?our_dnr" name="our_dnr" type="text" value="([^"]*)"', page)
    assert found, "no Vårt diarienummer field"
    return found.group(1)


def test_the_paste_card_prefills_our_number_as_our_series_writes_it(client, auth, session, db, clock):
    clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc))
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Lokala föreskrifter om avfallshantering",
                             remittent="Lidingö stad", sender_dnr="KS-IOF-2010-00015", deadline_on=date(2027, 1, 29))
    session.commit()
    auth.login("sekr@malmo.se")
    text = NOTICE.format(ours=_short(registered.our_dnr), theirs="LB 2026/0412")  # theirs in our format, too
    form_url = paste(auth, text).headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert "Brevet förlänger svarstiden – men ingen registrerad remiss stämmer" in page
    assert _our_dnr_input(page) == registered.our_dnr
    assert f"Läst ur brevet: {registered.our_dnr}, Lokala föreskrifter om avfallshantering." in page
    # one click on what was prefilled registers the extension on that remiss
    response = auth.post(f"/remisser/ny/missiv/{form_url.split('=', 1)[1]}/forlang",
                         {"our_dnr": _our_dnr_input(page), "extend": "1", "until_on": "2027-02-12"},
                         form_url=form_url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/remisser/{registered.id}")
    with db.transaction() as s:
        assert s.exec(select(Extension).where(Extension.remiss_id == registered.id)).one().granted_until_on == \
            date(2027, 2, 12)


def test_a_number_of_a_remiss_the_user_may_not_change_is_prefilled_and_said_so(client, auth, session, clock):
    clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc))
    world(session)
    other = make_namnd(session, name="Annan nämnd", dnr_prefix="AN")
    theirs = make_remiss(session, namnd=other, title="Remiss av ny renhållningsordning", deadline_on=date(2027, 1, 29))
    session.commit()
    auth.login("sekr@malmo.se")
    page = client.get(paste(auth, NOTICE.format(ours=theirs.our_dnr, theirs="2026/412")).headers["Location"]) \
        .get_data(as_text=True)
    assert "ingen registrerad remiss stämmer" in page
    assert _our_dnr_input(page) == theirs.our_dnr
    assert "Läst ur brevet, men ingen remiss som du får ändra har det numret." in page


def test_the_remittents_own_number_in_our_format_is_not_prefilled(client, auth, session, clock):
    clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc))
    world(session)
    auth.login("sekr@malmo.se")
    text = NOTICE.replace("Ert dnr: {ours}\n", "").format(theirs="LB 2026/0412")
    page = client.get(paste(auth, text).headers["Location"]).get_data(as_text=True)
    assert "ingen registrerad remiss stämmer" in page
    assert _our_dnr_input(page) == "" and "T.ex. KS 2026/0006." in page


def test_the_inkorg_prefills_our_number_for_an_unmatched_notice(client, auth, session, db, app, kommun, clock):
    miljo, _, _ = kommun
    clock.set(POLLED)
    registered = make_remiss(session, namnd=miljo, title="Lokala föreskrifter om avfallshantering",
                             remittent="Lidingö stad", sender_dnr="KS-IOF-2010-00015", deadline_on=date(2024, 3, 29))
    session.commit()
    body = NOTICE.split("\n\n", 1)[1].replace("12 februari 2027", "30 april 2024")
    message = receive(db, app, mail("Förlängd svarstid – ny renhållningsordning",
                                    body.format(ours=_short(registered.our_dnr), theirs="KS 2024/0412"), "<ours@x>"))
    assert message.match_remiss_id is None
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Meddelandet förlänger svarstiden, men ingen registrerad remiss stämmer" in page
    assert _our_dnr_input(page) == registered.our_dnr  # not KS 2024/0412, the remittent's, though KS is ours too
    assert f"Läst ur brevet: {registered.our_dnr}, Lokala föreskrifter om avfallshantering." in page
    response = auth.post(f"{url}/sammanfor", {"our_dnr": registered.our_dnr, "extend": "1", "until_on": ""},
                         form_url=url)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with db.transaction() as s:
        assert s.get(InboxMessage, message.id).status == "merged"
        assert s.exec(select(Extension)).one().granted_until_on == date(2024, 4, 30)
