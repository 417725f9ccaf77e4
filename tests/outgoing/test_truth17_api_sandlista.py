"""truth17 F10: the API stored the line "Miljönämnden; miljo@example.org" whole as an instans's name with no
address, while the form reads name and address (outgoing.forms.parse_new_instanser, the same function now); and an
anstånd on a remiss not yet sent was granted while an answer is refused."""
from __future__ import annotations

from sqlmodel import select

from remiss.remisser.models import Remiss, SandlistaEntry
from tests.conftest import csrf_token
from tests.outgoing.test_api_needs_sandlista import _post


def _entries(session, rid) -> list[tuple[str, str]]:
    session.expire_all()
    rows = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == rid)
                        .order_by(SandlistaEntry.position)).all()
    found = [(e.name, e.email) for e in rows]
    session.rollback()
    return found


def test_api_lines_are_read_as_the_form_reads_them(session, client, auth, clock):
    made = _post(session, client, auth, clock, direction="utgaende",
                 sandlista=["Miljönämnden; miljo@example.org", "Pensionärsrådet, pr@example.org", "Kulturnämnden"])
    assert made.status_code == 201, made.get_json()
    assert _entries(session, made.get_json()["id"]) == [
        ("Miljönämnden", "miljo@example.org"), ("Pensionärsrådet", "pr@example.org"), ("Kulturnämnden", "")]


def test_api_lines_that_cannot_be_read_are_refused_every_one(session, client, auth, clock):
    refused = _post(session, client, auth, clock, direction="utgaende",
                    sandlista="Miljönämnden miljo@example.org\nKultur; kultur@example")
    assert refused.status_code == 400
    said = refused.get_json()["errors"]["sandlista"]
    assert said.startswith("Rad 1 (”Miljönämnden miljo@example.org”) kunde inte läsas. Rad 2: ")
    assert "behöver minst en" not in said
    session.expire_all()
    assert session.exec(select(Remiss)).first() is None


def test_no_anstand_before_the_remiss_is_sent(session, client, auth, clock):
    made = _post(session, client, auth, clock, direction="utgaende", sandlista=["Pensionärsrådet; pr@example.org"])
    rid = made.get_json()["id"]
    entry = made.get_json()["sandlista_status"]["entries"][0]["id"]
    headers = {"X-CSRFToken": csrf_token(client, "/")}
    refused = client.post(f"/api/v1/remisser/{rid}/sandlista/{entry}/extension", headers=headers,
                          json={"until_on": "2027-02-12", "until_time": "15.00"})
    assert refused.status_code == 400, refused.get_json()
    assert refused.get_json()["errors"]["answer_status"].startswith(
        "Remissen är inte skickad än, så Pensionärsrådet kan inte få anstånd.")
    answer = client.post(f"/api/v1/remisser/{rid}/sandlista/{entry}/answer", headers=headers, json={})
    assert answer.status_code == refused.status_code  # refused the same way as an answer
    page = client.get(f"/remisser/{rid}/utskick/instanser/{entry}").get_data(as_text=True)
    assert "Remissen är inte skickad än. Anstånd ges när remissen är skickad" in page
    session.expire_all()
    assert session.get(SandlistaEntry, entry).extended_until_on is None
