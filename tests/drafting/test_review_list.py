"""Att granska: a granskare finds the yttranden sent for review on the start page."""
from tests.drafting.test_flow import draft_form


def test_a_draft_sent_for_review_is_listed_for_those_who_review(world, auth, client):
    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login("marie.hendra@malmo.se")
    assert "Inga yttranden väntar på granskning." in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login("sabina.dethorey@malmo.se")
    auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}")
    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}")
    assert "Att granska" not in client.get("/").get_data(as_text=True)  # a handläggare does not review
    auth.logout()
    for reviewer, sees in (("marie.hendra@malmo.se", True), ("nina.registrator@malmo.se", True),
                           ("olle.norr@malmo.se", False)):
        auth.login(reviewer)
        start = client.get("/").get_data(as_text=True)
        section = start[start.index("Att granska"):] if "Att granska" in start else ""
        assert (f'href="/remisser/{rid}#yttrande"' in section) is sees, reviewer
        if sees:
            assert "Att granska (1)" in start and "från Sabina Vendela Dethorey" in section
        auth.logout()
