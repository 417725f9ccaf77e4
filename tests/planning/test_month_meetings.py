"""walk11 finding 20: the Kalender page left out the nämnd's own sammanträden that its .ics feed shows."""
import re

from tests.planning.test_access_and_input import world  # noqa: F401  (a fixture)


def _text(response) -> str:
    return response.get_data(as_text=True).replace("\u00ad", "").replace("&shy;", "")


def test_the_month_shows_the_namnds_meetings(world, auth, client):
    auth.login("sekr@oster.se")
    page = _text(client.get("/kalender?manad=2015-09"))
    assert "Arbetsutskott kl. 08.30: Stadsområdesnämnd Öster" in page
    assert "Nämnd kl. 17.00: Stadsområdesnämnd Öster, Stadsområdesförvaltning Öster" in page
    assert ", 2 sammanträden." in page
    assert "sammanträde" not in _text(client.get("/kalender?manad=2015-08"))
    auth.logout()
    auth.login("sekr@teknik.se")  # another nämnd's registrator does not see them
    assert "Stadsområdesnämnd Öster" not in _text(client.get("/kalender?manad=2015-09"))


def test_the_month_links_each_namnds_sammantradesplan(world, auth, client):
    """walk17 F3: the registrator keeps the sammanträdesplan but had no link to it (only Administration, which is
    the admin's); the Kalender links the plan of every nämnd the user sees, and no other nämnd's."""
    auth.login("sekr@oster.se")
    page = _text(client.get("/kalender?manad=2015-09"))
    assert "Sammanträdesplan:" in page
    plan = client.get("/kalender?manad=2015-09").get_data(as_text=True)
    links = re.findall(r'href="(/namnder/\d+/sammantraden)">([^<]+)</a>', plan)
    assert [name for _, name in links] == ["Stadsområdesnämnd Öster"]
    assert client.get(links[0][0]).status_code == 200
    auth.logout()
    auth.login("sekr@teknik.se")
    assert "Stadsområdesnämnd Öster" not in _text(client.get("/kalender?manad=2015-09"))
