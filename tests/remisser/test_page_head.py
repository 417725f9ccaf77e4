"""The top of the remiss page says when an open remiss is past its sista svarsdag, and what to do about it."""
from datetime import date, datetime, timezone

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_remiss, make_user


def test_the_head_of_a_late_remiss_says_so_and_the_next_step_asks_for_an_extension(session, auth, clock):
    namnd = make_namnd(session, name="Kulturnämnden")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@x.se")
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2026, 11, 20))
    on_time = make_remiss(session, namnd=namnd, deadline_on=date(2026, 12, 18))
    session.commit()
    clock.set(datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    auth.login("sekr@x.se")

    head = auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True).split('<nav aria-label="Delar')[0]
    assert "Försenad. Sista svarsdagen var för 3 dagar sedan." in head
    assert "Nästa steg:</strong> Begär förlängd remisstid hos remittenten, eller svara så snart som möjligt." in head

    clock.set(datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc))
    assert "Sista svarsdagen var i går." in auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True)

    head = auth.client.get(f"/remisser/{on_time.id}").get_data(as_text=True).split('<nav aria-label="Delar')[0]
    assert "Försenad" not in head and "Begär förlängd" not in head

    # once the nämnd has decided, only expediering is left: no advice to ask for more time
    remiss.status = "beslutad"
    session.add(remiss)
    session.commit()
    head = auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True).split('<nav aria-label="Delar')[0]
    assert "Försenad" in head and "Begär förlängd" not in head
