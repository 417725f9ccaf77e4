"""walk18 F13: a besvarad remiss moved Öster → Norr → Öster. The message after the move back named Norr (the
previous nämnd on the remiss) as the sender of the expedierat yttrande; it names the nämnd that expedited it
(drafting.moved.sent_from, read from the history), and says what is true of the handläggare."""
from __future__ import annotations

from html import unescape

from remiss.auth.models import Role
from tests.drafting.conftest import quick_user
from tests.drafting.test_expediering_mail import expediera


def _move(auth, client, rid: int, namnd_id: int) -> str:
    url = f"/remisser/{rid}/andra"
    response = auth.post(url, {"namnd_id": str(namnd_id), "deadline_on": "2015-09-28", "deadline_time": ""},
                         form_url=url)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return " ".join(unescape(client.get(response.headers["Location"]).get_data(as_text=True)).split())


def test_moved_there_and_back_the_sender_is_the_namnd_that_expedited(world, decided, session, auth, client):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    oster, norr = world["namnd"], world["other"]
    admin = quick_user(session, world["handlaggare"], role=Role.admin, namnder=[oster, norr], name="Ada Admin",
                       email="ada.admin@malmo.se")
    session.commit()
    auth.logout()
    auth.login(admin.email)

    there = _move(auth, client, rid, norr.id)
    assert "Remissen hör nu till Stadsområdesnämnd Norr." in there
    assert "Det expedierade yttrandet skickades från Stadsområdesnämnd Öster och ändras inte." in there
    # a besvarad remiss is not told to get a new handläggare
    assert ("Handläggaren Sabina Vendela Dethorey är inte med i Stadsområdesnämnd Norr och är inte längre "
            "handläggare.") in there

    back = _move(auth, client, rid, oster.id)
    assert "Remissen hör nu till Stadsområdesnämnd Öster." in back
    assert "Det expedierade yttrandet skickades från Stadsområdesnämnd Öster och ändras inte." in back
    assert "skickades från Stadsområdesnämnd Norr" not in back
    assert "Remissen har ingen handläggare." in back and "följer med" not in back
