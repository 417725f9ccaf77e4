"""truth34 #2: an utgående remiss registered with Svar till and Kontaktperson empty: the page and the missiv say
the nämnd's funktionsbrevlåda and the one who registered it, while GET /api/v1/remisser/<id> said "answer_email": ""
and "contact_person": "". The stored fields stay as they are (the interface changes only by adding); beside them,
answer_email_in_force, contact_person_in_force and contact_email_in_force say what the page says."""
from __future__ import annotations

from remiss.auth.models import Role
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


def test_the_api_says_the_svar_till_and_kontaktperson_the_page_shows(session, client, auth):
    namnd = make_namnd(session, email="kultur@malmo.example")
    sara = make_user(session, role=Role.registrator, namnder=[namnd], name="Sara Sekreterare",
                     email="sara@malmo.example")
    outgoing = make_remiss(session, namnd=namnd, by=sara, direction="utgaende", questions=["Fråga?"],
                           answer_email="", contact_person="",
                           sandlista=[SandlistaItem("Vision", "vision@malmo.example", "Fack")])
    given = make_remiss(session, namnd=namnd, by=sara, direction="utgaende", questions=["Fråga?"],
                        answer_email="svar@malmo.example", contact_person="Ivana Baukart",
                        contact_email="ivana@malmo.example",
                        sandlista=[SandlistaItem("Vision", "vision@malmo.example", "Fack")])
    incoming = make_remiss(session, namnd=namnd, by=sara, answer_email="", contact_person="")
    session.commit()
    auth.login("sara@malmo.example")

    page = visible_text(client.get(f"/remisser/{outgoing.id}").get_data(as_text=True))
    assert "Svar till kultur@malmo.example (nämndens funktionsbrevlåda)" in page
    assert "Kontaktperson Sara Sekreterare (den som registrerade remissen) , sara@malmo.example" in page
    body = client.get(f"/api/v1/remisser/{outgoing.id}").get_json()
    assert (body["answer_email"], body["contact_person"], body["contact_email"]) == ("", "", "")  # as stored
    assert (body["answer_email_in_force"], body["contact_person_in_force"], body["contact_email_in_force"]) == (
        "kultur@malmo.example", "Sara Sekreterare", "sara@malmo.example")

    body = client.get(f"/api/v1/remisser/{given.id}").get_json()
    assert (body["answer_email_in_force"], body["contact_person_in_force"], body["contact_email_in_force"]) == (
        "svar@malmo.example", "Ivana Baukart", "ivana@malmo.example")
    body = client.get(f"/api/v1/remisser/{incoming.id}").get_json()  # the remittent's: only what was given
    assert (body["answer_email_in_force"], body["contact_person_in_force"], body["contact_email_in_force"]) == (
        "", "", "")


def test_the_openapi_document_names_the_added_fields(client):
    detail = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["RemissDetail"]
    for name in ("answer_email_in_force", "contact_person_in_force", "contact_email_in_force"):
        assert name in detail["properties"] and name in detail["required"], name
