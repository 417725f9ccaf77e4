"""walk10 finding 1: a pasted extension notice that quotes OUR diarienummer ("ert dnr") is matched to that remiss,
as one quoting the remittent's number is, and its series ("SOFÖ") is not proposed as an ärendemening."""
import html
import re
from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.planning.models import Extension
from remiss.remisser.models import Remiss
from tests.intake.test_paste_seed000 import paste, world
from tests.support.factories import make_namnd, make_remiss
from tests.unit.test_missiv_email_layouts import OUR_NUMBER_SUBJECT


def _notice(our_dnr: str) -> str:
    return OUR_NUMBER_SUBJECT.replace("SOFÖ 2026/0001", our_dnr)


def _registered(session, auth, clock):
    """Lidingö stad's remiss, registered, and its nämnd's sekreterare logged in."""
    clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc))
    registered = make_remiss(session, namnd=world(session), title="Remiss av ny renhållningsordning",
                             remittent="Lidingö stad", sender_dnr="KS-IOF-2010-00015", deadline_on=date(2027, 1, 29))
    session.commit()
    auth.login("sekr@malmo.se")
    return registered


def test_a_notice_quoting_our_dnr_is_matched_and_extends_in_one_click(client, auth, session, db, clock):
    registered = _registered(session, auth, clock)
    form_url = paste(auth, _notice(registered.our_dnr)).headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert "Brevet förlänger svarstiden för en registrerad remiss" in page
    assert f"Registrera förlängningen på {registered.our_dnr}" in page
    assert "ingen registrerad remiss stämmer" not in page
    assert "Diarienumret eller ärendemeningen i brevet stämmer med" in page  # ours, not only the remittent's
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', page).group()
    assert 'value="' not in title_input or re.search(r'value="\s*"', title_input), title_input
    r = auth.post(f"/remisser/ny/missiv/{form_url.split('=', 1)[1]}/forlang",
                  {"remiss_id": registered.id, "extend": "1"}, form_url=form_url)
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/remisser/{registered.id}")
    # the flash names the new sista svarsdag, as the Inkorg's does (words23 #4: it said only "Brevet är sammanfört
    # med … och förlängningen är registrerad.")
    landed = client.get(r.headers["Location"]).get_data(as_text=True)
    said = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", landed)).split())
    assert (f"Förlängningen till 12 februari 2027 är registrerad på {registered.our_dnr}, och brevet är sammanfört "
            "med den.") in said, said[:1500]
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1
        extension = s.exec(select(Extension).where(Extension.remiss_id == registered.id)).one()
        assert extension.granted_until_on == date(2027, 2, 12)


def test_our_dnr_in_an_extension_letters_text_matches_only_whole_numbers(client, auth, session, clock):
    registered = _registered(session, auth, clock)
    quoted = (f"Hej,\n\nRemisstiden förlängs till den 12 februari 2027 för ert ärende {registered.our_dnr}.\n\n"
              "Med vänliga hälsningar\nEva Lund\n")
    page = client.get(paste(auth, quoted).headers["Location"]).get_data(as_text=True)
    assert f"Registrera förlängningen på {registered.our_dnr}" in page
    longer = quoted.replace(registered.our_dnr, registered.our_dnr + "5")  # another number, not ours
    page = client.get(paste(auth, longer).headers["Location"]).get_data(as_text=True)
    assert f"Registrera förlängningen på {registered.our_dnr}" not in page


def test_our_dnr_of_a_remiss_the_user_may_not_change_offers_nothing(client, auth, session, clock):
    clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc))
    world(session)
    other = make_namnd(session, name="Annan nämnd", dnr_prefix="AN")
    theirs = make_remiss(session, namnd=other, title="Remiss av ny renhållningsordning", deadline_on=date(2027, 1, 29))
    session.commit()
    auth.login("sekr@malmo.se")
    page = client.get(paste(auth, _notice(theirs.our_dnr)).headers["Location"]).get_data(as_text=True)
    assert f"Registrera förlängningen på {theirs.our_dnr}" not in page
    assert "ingen registrerad remiss stämmer" in page
