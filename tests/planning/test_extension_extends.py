"""walk8 finding 3: an extension extends. One to the deadline in force or earlier ("30 april kl. 11.00" after
"30 april kl. 12.00", or "20 april") is refused with the deadline in force named, on the remiss page's forms, the
Inkorg merge, the pasted letter's merge and the API; the remiss page, list, start page and API keep agreeing."""
from datetime import date, datetime, time, timezone

from sqlmodel import select

from remiss.auth.service import create_api_token
from remiss.intake.models import InboxMessage
from remiss.planning.models import Extension
from remiss.remisser.models import Remiss
from tests.intake.test_extension_time import NOTICE, TITLE
from tests.intake.test_paste_seed000 import paste
from tests.intake.test_walk7 import kommun, mail, receive  # noqa: F401  (kommun is a fixture)
from tests.support.factories import make_remiss

IN_FORCE = "Förlängningen måste gå längre än nuvarande sista svarsdag, 30 april 2024 kl. 12.00."


def _extended_to_noon(session, db, auth, kommun, clock):
    """A remiss (original 29 mars) already extended to 30 april 2024 kl. 12.00, the registrator logged in."""
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title=TITLE, remittent="Justitiedepartementet",
                         sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29), now=clock())  # came in then
    session.commit()
    auth.login("reg@malmo.se")
    r = auth.post(f"/remisser/{remiss.id}/forlangningar/allman",
                  {"sender": "Justitiedepartementet", "until_on": "2024-04-30", "until_time": "12.00"},
                  form_url=f"/remisser/{remiss.id}")
    assert r.status_code == 302
    return remiss.id


def _in_force(db, remiss_id):
    with db.transaction() as s:
        fresh = s.get(Remiss, remiss_id)
        count = len(s.exec(select(Extension).where(Extension.remiss_id == remiss_id)).all())
        return fresh.effective_deadline_on, fresh.effective_deadline_time, count


def _everywhere_noon(client, remiss_id, program, headers):
    """The remiss page, the list, the start page and the API all still say 30 april kl. 12.00."""
    page = client.get(f"/remisser/{remiss_id}").get_data(as_text=True)
    assert "30 april 2024 kl. 12.00" in page and "till 20 april" not in page and "kl. 11.00" not in page
    assert "30 apr" in client.get("/remisser").get_data(as_text=True)
    assert "30 apr" in client.get("/").get_data(as_text=True)
    detail = program.get(f"/api/v1/remisser/{remiss_id}", headers=headers).get_json()
    assert detail["deadline_in_force"] == "2024-04-30T12:00"
    assert [e["granted_until"] for e in detail["extensions"]] == ["2024-04-30T12:00"]


def test_forms_and_api_refuse_an_extension_that_does_not_extend(client, auth, db, session, kommun, clock):
    rid = _extended_to_noon(session, db, auth, kommun, clock)
    form_url = f"/remisser/{rid}"
    for until_on, until_time in (("2024-04-30", "11.00"), ("2024-04-20", ""), ("2024-04-30", "12.00")):
        r = auth.post(f"/remisser/{rid}/forlangningar/allman",
                      {"sender": "Justitiedepartementet", "until_on": until_on, "until_time": until_time},
                      form_url=form_url)
        assert r.status_code == 400, r.get_json()
        assert IN_FORCE in r.get_data(as_text=True)
    r = auth.post(f"/remisser/{rid}/forlangningar", {"requested_by": "Jesper", "until_on": "2024-04-20"},
                  form_url=form_url)
    assert r.status_code == 400 and IN_FORCE in r.get_data(as_text=True)
    assert _in_force(db, rid) == (date(2024, 4, 30), time(12, 0), 1)

    # a pending request to 10 maj, then a general notice to 20 maj: the request is superseded, not left to be
    # granted (it would not extend) or denied (it was not)
    r = auth.post(f"/remisser/{rid}/forlangningar", {"requested_by": "Jesper", "until_on": "2024-05-10"},
                  form_url=form_url)
    assert r.status_code == 302
    r = auth.post(f"/remisser/{rid}/forlangningar/allman", {"sender": "Justitiedepartementet",
                                                             "until_on": "2024-05-20"}, form_url=form_url)
    assert r.status_code == 302
    with db.transaction() as s:
        request = s.exec(select(Extension).where(Extension.remiss_id == rid,
                                                 Extension.requested_until_on == date(2024, 5, 10))).one()
    assert request.decision == "superseded"
    r = auth.post(f"/remisser/{rid}/forlangningar/{request.id}/besked", {"decision": "granted"}, form_url=form_url)
    assert r.status_code == 400, r.get_json()
    assert "Begäran behöver inget besked: en förlängning som remittenten redan gett" in r.get_data(as_text=True)
    with db.transaction() as s:
        assert s.get(Extension, request.id).decision == "superseded"
        assert s.get(Remiss, rid).effective_deadline_on == date(2024, 5, 20)


def _api_headers(session, kommun, clock) -> dict:
    _, _, user = kommun
    token = create_api_token(session, now=clock(), user=session.merge(user), name="t")
    session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_the_api_refuses_it_with_a_clear_json_error(app, client, auth, db, session, kommun, clock):
    rid = _extended_to_noon(session, db, auth, kommun, clock)
    headers = _api_headers(session, kommun, clock)
    program = app.test_client()  # a program uses its token, not the browser's session
    r = program.post(f"/api/v1/remisser/{rid}/extensions", headers=headers,
                    json={"requested_by": "Justitiedepartementet", "until": "2024-04-30T11:00", "general": True})
    assert r.status_code == 400
    assert r.get_json()["errors"]["until_on"].startswith(IN_FORCE), r.get_json()
    r = program.post(f"/api/v1/remisser/{rid}/extensions", headers=headers,
                     json={"requested_by": "Justitiedepartementet", "until_on": "2024-04-20", "general": True})
    assert r.status_code == 400 and r.get_json()["errors"]["until_on"].startswith(IN_FORCE)
    assert _in_force(db, rid) == (date(2024, 4, 30), time(12, 0), 1)
    _everywhere_noon(client, rid, program, headers)


def test_the_inkorg_merge_shows_the_refusal_at_the_field_and_loses_nothing(client, auth, app, db, session, kommun,
                                                                            clock):
    rid = _extended_to_noon(session, db, auth, kommun, clock)
    # the same notice again (30 april kl. 12.00), then with the day typed as 20 april
    message = receive(db, app, mail("Förlängd remisstid – Skärpta straff för vapenbrott", NOTICE, "<igen@x>"))
    url = f"/inkorg/{message.id}"
    r = auth.post(f"{url}/sammanfor", {"remiss_id": rid, "extend": "1"}, form_url=url)
    assert r.status_code == 400 and IN_FORCE in r.get_data(as_text=True)
    r = auth.post(f"{url}/sammanfor", {"remiss_id": rid, "extend": "1", "until_on": "2024-04-20"}, form_url=url)
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and IN_FORCE in page and 'value="2024-04-20"' in page
    with db.transaction() as s:
        assert s.get(InboxMessage, message.id).status == "pending"  # still there to merge or register
    assert _in_force(db, rid) == (date(2024, 4, 30), time(12, 0), 1)


def test_the_pasted_letters_merge_refuses_it_and_keeps_the_read_letter(client, auth, db, session, kommun, clock):
    rid = _extended_to_noon(session, db, auth, kommun, clock)
    form_url = paste(auth, NOTICE.replace("kl. 12.00", "kl. 11.00")).headers["Location"]
    token = form_url.split("=", 1)[1]
    r = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": rid, "extend": "1"}, form_url=form_url)
    assert r.status_code == 400  # the form again, in the response itself (session 26)
    again = r.get_data(as_text=True)
    assert IN_FORCE in again  # the read letter is still offered, and the card now says why it extends nothing
    assert ("brevets nya svarsdag, 30 april 2024 kl. 11.00, är inte senare än sista svarsdagen som gäller, "
            "30 april 2024 kl. 12.00.") in again
    assert _in_force(db, rid) == (date(2024, 4, 30), time(12, 0), 1)
