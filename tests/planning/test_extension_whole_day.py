"""walk10 finding 6: a svarsdag without a clock time runs the whole day, so an extension to a time that same day is
refused; the refusal says so ("… 29 mars 2024 (hela dagen)") instead of looking self-contradictory."""
from datetime import date, datetime, timezone

from tests.intake.test_extension_time import TITLE
from tests.intake.test_walk7 import kommun  # noqa: F401  (kommun is a fixture)
from tests.support.factories import make_remiss


def test_a_time_on_a_date_only_deadline_is_refused_as_the_whole_day(client, auth, session, kommun, clock):
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title=TITLE, remittent="Justitiedepartementet",
                         sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29), deadline_time=None)
    session.commit()
    auth.login("reg@malmo.se")
    r = auth.post(f"/remisser/{remiss.id}/forlangningar/allman",
                  {"sender": "Justitiedepartementet", "until_on": "2024-03-29", "until_time": "16.00"},
                  form_url=f"/remisser/{remiss.id}")
    assert r.status_code == 400
    assert "måste gå längre än nuvarande sista svarsdag, 29 mars 2024 (hela dagen)." in r.get_data(as_text=True)


def test_a_deadline_with_a_time_is_named_without_the_whole_day(client, auth, session, kommun, clock):
    from datetime import time
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title=TITLE, remittent="Justitiedepartementet",
                         sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29), deadline_time=time(12, 0))
    session.commit()
    auth.login("reg@malmo.se")
    r = auth.post(f"/remisser/{remiss.id}/forlangningar/allman",
                  {"sender": "Justitiedepartementet", "until_on": "2024-03-29", "until_time": "11.00"},
                  form_url=f"/remisser/{remiss.id}")
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "sista svarsdag, 29 mars 2024 kl. 12.00." in page and "hela dagen" not in page
