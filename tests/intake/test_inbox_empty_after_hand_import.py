"""walk16 #15: after the last hand-imported message was handled, the empty Inkorg said "Ingen brevlåda är kopplad
… så här visas ingen e-post", though mail had just been shown and handled there. It says the Inkorg is empty,
with the same hint as the page with messages."""
from __future__ import annotations

from tests.intake.test_walk7 import POLLED, kommun, mail, receive  # noqa: F401  (kommun is a fixture)


def test_the_emptied_inkorg_says_it_is_empty_not_unconnected(client, auth, app, db, kommun, clock):
    app.config["IMAP_URL"] = ""
    clock.set(POLLED)
    message = receive(db, app, mail("Nyhetsbrev", "Veckans nyheter från förvaltningen.", "<news@x>"))
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    assert auth.post(f"{url}/avvisa", form_url=url).status_code == 302
    page = client.get("/inkorg").get_data(as_text=True)
    assert "Inkorgen är tom" in page and "så här visas ingen e-post" not in page
    assert "Ingen brevlåda hämtas automatiskt" in page and "Registrera från missivet" in page
