"""walk8 finding 7 (Beslutsunderlag): the yttrande's prefilled Beslutsunderlag lists each remisshandling once by a
name that says what it is. A merged extension letter (a second "Missiv.txt") is "Besked om förlängd svarstid till
…", not a second "Missiv"."""
from datetime import date, datetime, timezone
from io import BytesIO

from remiss.drafting import content as sections
from remiss.drafting.drafts import beslutsunderlag, defaults_for
from remiss.remisser.models import Remiss
from tests.intake.test_extension_time import NOTICE, TITLE
from tests.intake.test_paste_seed000 import paste
from tests.intake.test_walk7 import kommun  # noqa: F401  (a fixture)
from tests.support.factories import make_remiss


def _upload(auth, rid: int, name: str, text: str):
    url = f"/remisser/{rid}"
    r = auth.post(f"{url}/filer", {"files": (BytesIO(text.encode()), name)}, form_url=url,
                  content_type="multipart/form-data")
    assert r.status_code == 302


def test_each_handling_once_and_the_extension_letter_by_its_name(client, auth, db, session, kommun, clock):
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title=TITLE, remittent="Justitiedepartementet",
                         sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29))
    session.commit()
    auth.login("reg@malmo.se")
    _upload(auth, remiss.id, "Missiv.txt", "Remiss av promemorian Skärpta straff för vapenbrott. Svar senast 29 mars.")
    clock.set(datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc))
    form_url = paste(auth, NOTICE).headers["Location"]  # kept as the remisshandling "Missiv.txt"
    token = form_url.split("=", 1)[1]
    r = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": remiss.id, "extend": "1"},
                  form_url=form_url)
    assert r.status_code == 302
    clock.set(datetime(2024, 3, 2, 9, 0, tzinfo=timezone.utc))
    _upload(auth, remiss.id, "Missiv.txt", "Komplettering: rättad sida 4.")
    _upload(auth, remiss.id, "Sändlista.txt", "Samtliga nämnder")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert page.count("Missiv.txt") >= 3  # the Handlingar list keeps every file as it is

    expected = ["Missiv", "Besked om förlängd svarstid till 30 april 2024", "Sändlista"]
    with db.transaction() as s:
        fresh = s.get(Remiss, remiss.id)
        assert beslutsunderlag(s, fresh) == expected
        assert sections.initial_content(defaults_for(s, fresh))["beslutsunderlag"] == "\n".join(expected)


def test_a_besked_given_without_a_file_is_listed_too(client, auth, db, session, kommun, clock):
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title=TITLE, deadline_on=date(2024, 3, 29))
    session.commit()
    auth.login("reg@malmo.se")
    url = f"/remisser/{remiss.id}"
    r = auth.post(f"{url}/forlangningar/allman", {"sender": "Justitiedepartementet", "until_on": "2024-04-30",
                                                   "evidence_text": NOTICE}, form_url=url)
    assert r.status_code == 302
    with db.transaction() as s:
        assert beslutsunderlag(s, s.get(Remiss, remiss.id)) == ["Besked om förlängd svarstid till 30 april 2024"]
