"""walk11 finding 20: the Kalender page left out the nämnd's own sammanträden that its .ics feed shows."""
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
