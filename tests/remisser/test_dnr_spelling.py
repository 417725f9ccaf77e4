"""Our diarienummer typed by hand is stored as our series writes it, and one spelled differently is still a
duplicate (walk18 F16): "sofö 2026/6" beside "SOFÖ 2026/0006" was accepted and search found both."""
from tests.remisser.test_api import SEED, token  # noqa: F401  (the fixture)


def _new(client, token, **extra):
    r = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id, **extra}, headers=token["headers"])
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def test_a_differently_spelled_duplicate_is_refused_naming_the_remiss(client, token, auth):
    first = _new(client, token)
    second = _new(client, token, title="Annan remiss")
    prefix, year_number = first["our_dnr"].split(" ")
    year, number = year_number.split("/")
    sloppy = f"{prefix.lower()} {year}/{int(number)}"  # "sofö 2026/1" for "SOFÖ 2026/0001"

    r = client.patch(f"/api/v1/remisser/{second['id']}", json={"our_dnr": sloppy}, headers=token["headers"])
    assert r.status_code == 400, r.get_json()
    assert f"Diarienumret {sloppy} är redan använt: remissen {first['our_dnr']} ”Förslag till ny IoF-plan”" \
        in str(r.get_json())

    r = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id, "our_dnr": sloppy.upper()},
                    headers=token["headers"])
    assert r.status_code == 400 and f"remissen {first['our_dnr']}" in str(r.get_json())

    auth.login("api@x.se")
    url = f"/remisser/{second['id']}/andra"
    r = auth.post(url, {"title": "Annan remiss", "our_dnr": f" {prefix}  {year} / 0{number} "}, form_url=url)
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and f"remissen {first['our_dnr']} ”Förslag till ny IoF-plan” har det" in page
    assert client.get(f"/api/v1/remisser/{second['id']}", headers=token["headers"]).get_json()["our_dnr"] \
        == second["our_dnr"]


def test_a_typed_number_of_our_series_is_stored_as_the_series_writes_it(client, token, auth):
    first = _new(client, token)
    prefix, year_number = first["our_dnr"].split(" ")
    year = year_number.split("/")[0]
    r = client.patch(f"/api/v1/remisser/{first['id']}", json={"our_dnr": f"{prefix.lower()} {year}/77"},
                     headers=token["headers"])
    assert r.status_code == 200 and r.get_json()["our_dnr"] == f"{prefix} {year}/0077"
    other = _new(client, token, title="Tredje", our_dnr=f"{prefix.lower()}  {year} / 78")
    assert other["our_dnr"] == f"{prefix} {year}/0078"
    found = client.get(f"/api/v1/remisser?q={prefix} {year}/0077", headers=token["headers"]).get_json()
    assert [item["our_dnr"] for item in found["items"]] == [f"{prefix} {year}/0077"]
    # A number in another format is kept as typed.
    r = client.patch(f"/api/v1/remisser/{first['id']}", json={"our_dnr": "KS 2026:12"}, headers=token["headers"])
    assert r.status_code == 200 and r.get_json()["our_dnr"] == "KS 2026:12"


def test_an_older_spelling_kept_as_it_is_does_not_block_other_changes(client, token, db):
    from remiss.remisser.models import Remiss

    first, second = _new(client, token), _new(client, token, title="Annan remiss")
    prefix, year_number = first["our_dnr"].split(" ")
    year, number = year_number.split("/")
    old = f"{prefix.lower()} {year}/{int(number)}"  # saved before the rule: the same number as the first's
    with db.transaction() as s:
        row = s.get(Remiss, second["id"])
        row.our_dnr = old
        s.add(row)
    r = client.patch(f"/api/v1/remisser/{second['id']}", json={"title": "Nytt namn", "our_dnr": old},
                     headers=token["headers"])
    assert r.status_code == 200 and r.get_json()["our_dnr"] == old and r.get_json()["title"] == "Nytt namn"
