"""walk21b K4: "Makulera" double-clicked (the form posted twice 30 ms apart) made one makulering, but the second
answer – the page a browser shows after a double click – said nothing: it redirected with its message in the cookie
session, where the first answer's "Klart" raced it. The second answer is now the remiss page itself, saying that the
remiss is makulerad already, by whom and when (as Expediera sent twice says it, drafting.dispatch.AlreadyExpedierat).
Two real requests at once, carrying the one browser's cookie."""
from __future__ import annotations

import re
import threading
import time
from html import unescape

from remiss.clock import local
from tests.conftest import csrf_token
from tests.intake.test_steps_sent_twice import _makuleringar
from tests.remisser.test_makulera_by_hand import world  # noqa: F401


def _messages(response) -> list[tuple[str, str]]:
    page = " ".join(unescape(response.get_data(as_text=True)).split())
    return [(kind, text.strip()) for kind, text in re.findall(r'message-kind">([^<]*)</span>([^<]*)', page)]


def test_makulera_double_clicked_the_answer_shown_says_it_is_makulerad(world, app, auth, client, db, clock):
    _, (twice_id, twice_dnr) = world
    url = f"/remisser/{twice_id}"
    auth.login("mia@miljo.se")
    form = {"reason": "Registrerad två gånger", "confirm": "1", "csrf_token": csrf_token(client, url)}
    browser = [client, app.test_client()]  # one browser: both sendings carry the same cookies
    for name in ("session", "remember_token"):
        if (cookie := client.get_cookie(name)) is not None:
            browser[1].set_cookie(name, cookie.value, domain=cookie.domain or "localhost")
    barrier, answers = threading.Barrier(2), [None, None]

    def send(i: int) -> None:
        barrier.wait()
        time.sleep(0.03 * i)  # the second click 30 ms after the first
        answers[i] = browser[i].post(f"{url}/makulera", data=form)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert _makuleringar(db, twice_id) == 1
    made, again = sorted(answers, key=lambda r: r.status_code != 302)
    assert made.status_code == 302  # the first: "Klart", by the cookie, which the browser no longer reads
    # Old code: a redirect as well, its "redan makulerad" only in the cookie: the page shown said nothing
    assert again.status_code == 200
    assert _messages(again) == [("Information:", f"{twice_dnr} är redan makulerad (av dig, "
                                                 f"kl. {local(clock()):%H.%M}).")]
    assert "Makulerad" in again.get_data(as_text=True) and "Registrerad av misstag? Makulera" not in \
        unescape(again.get_data(as_text=True))
    # K4: said in its own page only; it leaves the cookie alone, so the first answer's message is not overwritten
    assert not [h for h in again.headers.getlist("Set-Cookie") if h.startswith("session=")]
