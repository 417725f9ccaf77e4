"""The API registers a remiss that may already be registered, as the form does after "registrera ändå", and says so
in the 201 answer (walk19 G12): the same remittent's diarienummer or the same ärendemening, with a link."""
from datetime import datetime, timezone

from tests.support.factories import registrator_api_headers

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)


def test_a_second_registration_of_the_same_remiss_is_made_and_named_a_possible_duplicate(client, session, clock):
    namnd, headers = registrator_api_headers(session, clock, now=NOW)
    body = {"title": "API-remiss om gatubelysning", "remittent": "Trafikverket", "namnd_id": namnd.id,
            "deadline_on": "2027-02-01"}
    first = client.post("/api/v1/remisser", json=body, headers=headers)
    assert first.status_code == 201 and first.get_json().get("warnings", []) == [], first.get_json()
    # the same title in other case and spacing, another remittent's number: still the same ärendemening
    second = client.post("/api/v1/remisser", json={**body, "title": "API-remiss om  gatubelysning "}, headers=headers)
    assert second.status_code == 201, second.get_json()
    warnings = second.get_json()["warnings"]
    assert [w["code"] for w in warnings] == ["mojlig_dubblett"], warnings
    ours = first.get_json()["our_dnr"]
    assert warnings[0]["message"] == (f"Kan redan vara registrerad: {ours} har samma diarienummer hos remittenten "
                                      "eller samma ärendemening. Makulera den nya remissen om den är en dubblett.")
    assert warnings[0]["url"] == f"/remisser/{first.get_json()['id']}"
    assert warnings[0]["link_text"] == "Öppna den remissen"
    # another remiss with the first one's diarienummer hos remittenten: both earlier ones named, newest first
    numbered = client.post("/api/v1/remisser", json={**body, "title": "Något annat", "sender_dnr": "TRV 2026/123"},
                           headers=headers)
    assert numbered.get_json().get("warnings", []) == []
    third = client.post("/api/v1/remisser", json={**body, "sender_dnr": "trv2026/123"}, headers=headers)
    named = third.get_json()["warnings"][0]["message"]
    assert named.startswith(f"Kan redan vara registrerad: {numbered.get_json()['our_dnr']}, "
                            f"{second.get_json()['our_dnr']}, {ours} har"), named
