"""walk18 F5: an utgående remiss whose sammanställning an answer has made out of date is not "Avsluta ärendet" on
the sekreterare's start page but "Sammanställ svaren igen", as the table on the same page, Nästa steg and the API
say, until the answers are compiled again."""
from __future__ import annotations

from datetime import timedelta

from remiss.auth.models import Role
from remiss.outgoing.service import lifecycle
from remiss.remisser.models import Remiss
from tests.outgoing.test_walk16_close import SYSTEM, stale  # noqa: F401  (the fixture)
from tests.support.factories import T0, make_user


def _todo(client) -> str:
    page = client.get("/").get_data(as_text=True)
    section = page[page.index('id="h-att-registrera"'):]
    return section[:section.index("</section>")]


def test_an_answer_after_the_sammanstallning_asks_to_compile_again(session, stale, app, client, auth,  # noqa: F811
                                                                   clock):
    remiss, namnd = stale[0], stale[3]
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    remiss_id, dnr, email = remiss.id, remiss.our_dnr, user.email
    session.close()
    clock.set(T0)
    auth.login(email)
    todo = _todo(client)
    assert (f'href="/remisser/{remiss_id}#utskick">Sammanställ svaren igen: {dnr} ' in todo
            and "ett svar har kommit in efter sammanställningen" in todo)
    assert "Avsluta ärendet" not in todo
    assert client.get(f"/api/v1/remisser/{remiss_id}").get_json()["sammanstallning"]["out_of_date"] is True

    # compiled again: now the case waits for Avsluta ärendet
    with app.app_context():
        lifecycle.compile_answers(session, now=T0 - timedelta(hours=1), principal=SYSTEM,
                                  remiss=session.get(Remiss, remiss_id), files_dir=app.config["FILES_DIR"])
    session.commit()
    session.close()
    todo = _todo(client)
    assert f'href="/remisser/{remiss_id}#utskick">Avsluta ärendet: {dnr} ' in todo
    assert "Sammanställ svaren igen" not in todo
    assert client.get(f"/api/v1/remisser/{remiss_id}").get_json()["sammanstallning"]["out_of_date"] is False
