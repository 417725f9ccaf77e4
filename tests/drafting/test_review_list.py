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


def test_the_granskare_reads_the_draft_in_the_page_without_word(world, auth, client):
    from html import unescape

    from tests.drafting.test_flow import ANSWERS

    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login("sabina.dethorey@malmo.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Läs yttrandet" not in page  # nothing saved yet: nothing to read
    auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}")
    assert "Läs yttrandet" not in client.get(f"/remisser/{rid}").get_data(as_text=True)  # she edits it instead
    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}")
    auth.logout()
    auth.login("marie.hendra@malmo.se")
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    reading = page[page.index("Läs yttrandet (version 1)"):page.index("<h3>Handlingar</h3>")]
    assert "<details class=\"draft-reading\" open>" in page
    assert "Stadsområdesnämnd Öster ställer sig positiva till förslaget." in reading
    # every answer under its own frågeställning, in order
    positions = [reading.index(f"Fråga {n}:") for n in range(1, len(ANSWERS) + 1)]
    assert positions == sorted(positions)
    for answer in ANSWERS:
        assert answer.splitlines()[0].strip() in reading
    assert "Andreas Konstantinides" not in reading  # the signature lines are not what is reviewed
