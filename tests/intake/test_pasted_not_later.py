"""walk10 finding 5: a pasted notice whose new day is not after the deadline in force says so on the match card,
naming both days, and offers to open the remiss instead of an extension that would be refused after the click."""
from datetime import date, datetime, time, timezone

from tests.intake.test_paste_seed000 import paste, world
from tests.support.factories import make_remiss
from tests.unit.test_missiv_email_layouts import LONE_SUBJECT  # extends to 15 maj 2026, KS-IOF-2010-00015


def _page(client, auth, session, clock, **deadline):
    clock.set(datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc))
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Remiss av ny renhållningsordning", remittent="Lidingö stad",
                             sender_dnr="KS-IOF-2010-00015", **deadline)
    session.commit()
    auth.login("sekr@malmo.se")
    return registered, client.get(paste(auth, LONE_SUBJECT).headers["Location"]).get_data(as_text=True)


def test_a_new_day_before_the_deadline_in_force_is_no_extension_on_the_card(client, auth, session, clock):
    registered, page = _page(client, auth, session, clock, deadline_on=date(2026, 5, 20), deadline_time=time(16, 0))
    assert "Brevet hör till en registrerad remiss men förlänger inte svarstiden" in page
    assert ("brevets nya svarsdag, 15 maj 2026, är inte senare än sista svarsdagen som gäller, "
            "20 maj 2026 kl. 16.00.") in page
    assert f"Registrera förlängningen på {registered.our_dnr}" not in page
    assert "Registrera en allmän förlängning av remisstiden" not in page
    assert "Brevet förlänger svarstiden (till 15 maj 2026)" not in page
    assert f'href="/remisser/{registered.id}">Öppna {registered.our_dnr}</a>' in page


def test_the_same_day_on_a_date_only_deadline_names_the_whole_day(client, auth, session, clock):
    registered, page = _page(client, auth, session, clock, deadline_on=date(2026, 5, 15), deadline_time=None)
    assert "är inte senare än sista svarsdagen som gäller, 15 maj 2026 (hela dagen)." in page
    assert f"Registrera förlängningen på {registered.our_dnr}" not in page


def test_a_later_day_is_still_offered_as_the_extension(client, auth, session, clock):
    registered, page = _page(client, auth, session, clock, deadline_on=date(2026, 4, 1), deadline_time=None)
    assert f"Registrera förlängningen på {registered.our_dnr}" in page and "Ingen förlängning:" not in page
