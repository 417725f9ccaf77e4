"""walk34 #1: an incoming remiss's sändlista names the other remissinstanser the remittent asked; Remiss does not
track their answers (that is the remitting side's work), so the API does not say "ej_svarat" of them: their
answer_status is null. An utgående remiss's entries keep theirs, and the page of an incoming remiss says no
"Ej svarat" either."""
from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.remisser.input import SandlistaItem
from tests.api.test_openapi import _validator, document  # noqa: F401  (a fixture)
from tests.support.factories import make_namnd, make_remiss, make_user


def test_an_incoming_remiss_claims_no_answer_status_for_its_sandlista(client, auth, session, clock, document):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    sandlista = [SandlistaItem("Region Skåne", "region@example.se", "Regioner"), SandlistaItem("Lunds kommun")]
    incoming = make_remiss(session, namnd=namnd, questions=["Fråga?"], sandlista=sandlista)
    outgoing = make_remiss(session, namnd=namnd, direction="utgaende", questions=["Fråga?"], sandlista=sandlista)
    headers = {"Authorization": f"Bearer {create_api_token(session, now=clock(), user=user, name='t')}"}
    session.commit()

    detail = client.get(f"/api/v1/remisser/{incoming.id}", headers=headers).get_json()
    assert [(e["name"], e["answer_status"]) for e in detail["sandlista"]] == [
        ("Region Skåne", None), ("Lunds kommun", None)]
    _validator(document, "RemissDetail").validate(detail)  # the document allows the null

    sent = client.get(f"/api/v1/remisser/{outgoing.id}", headers=headers).get_json()
    assert [e["answer_status"] for e in sent["sandlista"]] == ["ej_svarat", "ej_svarat"]
    _validator(document, "RemissDetail").validate(sent)

    auth.login(user.email)
    page = client.get(f"/remisser/{incoming.id}").get_data(as_text=True)
    assert "Region Skåne" in page and "Ej svarat" not in page and "ej svarat" not in page.lower()
