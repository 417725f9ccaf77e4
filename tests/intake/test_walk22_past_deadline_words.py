"""walk22 L12e: one question had two names, "Sista svarsdagen har redan passerat" on Registrera remiss and "Sista
svarsdag har redan varit" in the Inkorg. Both pages now ask it in one wording, from one template
(templates/remisser/_past_deadline.html)."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.intake.test_walk7 import RK_TEXT, kommun, mail, page_fields, receive, register_now  # noqa: F401
from tests.support.pages import visible_text


def test_the_inkorg_and_registrera_remiss_ask_about_a_passed_deadline_in_the_same_words(client, auth, app, db,
                                                                                          kommun, clock):
    miljo, _, _ = kommun
    clock.set(datetime(2024, 6, 1, 9, 0, tzinfo=timezone.utc))  # after 15 May 2024
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt", RK_TEXT, "<late22@x>"))
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    inkorg = visible_text(register_now(auth, message.id, **fields).get_data(as_text=True))
    by_hand = visible_text(auth.post("/remisser/ny", {"title": "Remiss av promemorian Sänkt skatt", "namnd_id": miljo.id,
                                               "deadline_on": "2024-05-15"}).get_data(as_text=True))
    said = ("Sista svarsdagen har redan passerat Sista svarsdag är 15 maj 2024, som redan har varit. Kontrollera "
            "datumet. Har remissen kommit in sent kan den registreras ändå.")
    assert said in inkorg and said in by_hand
    assert "har redan varit Sista" not in inkorg and "Sista svarsdag har redan varit" not in inkorg
