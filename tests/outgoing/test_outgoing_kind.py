"""An utgående remiss is a remiss, not a medborgarförslag (outgoing.service.sending.kind_problem): what we send to a
sändlista is a remiss, also when it is about a medborgarförslag. Registered as one, through the API or the
"Registrera remiss" form, or changed into one, it is refused with the reason and nothing is saved. (Before: it was
registered, and its missiv, mails and pages spoke of "Remissen …" of an ärende called "ärendet" elsewhere.)"""
from __future__ import annotations

import re
from html import unescape

from sqlmodel import select

from remiss.api.views import OUTGOING_KIND as API_WORDS, OUTGOING_MEDBORGARFORSLAG
from remiss.auth.models import Role
from remiss.outgoing.service.sending import OUTGOING_KIND
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.outgoing.test_api_needs_sandlista import TODAY, _post, _saved
from tests.support.factories import make_namnd, make_remiss, make_user


def test_the_api_refuses_an_utgaende_medborgarforslag_with_a_code(session, client, auth, clock):
    response = _post(session, client, auth, clock, direction="utgaende", kind="medborgarforslag",
                     sandlista=["Tekniska nämnden"])
    said = response.get_json()
    # Old code: 201, and the utgående texts called it "Remissen"
    assert response.status_code == 400, said
    assert said == {"error": "Uppgifterna innehåller fel.", "status": 400, "field": "kind",
                    "code": OUTGOING_MEDBORGARFORSLAG, "errors": {"kind": API_WORDS}}
    assert API_WORDS.startswith("Ett utgående ärende är en remiss: det som skickas till remissinstanserna är en "
                                "remiss, också när den gäller ett medborgarförslag. Skicka \"kind\": \"remiss\"")
    assert _saved(session) == []
    # an incoming medborgarförslag and an utgående remiss are registered as before
    headers = {"X-CSRFToken": csrf_token(client, "/")}
    namnd_id = _namnd_id(session)
    for body in ({"kind": "medborgarforslag"}, {"direction": "utgaende", "sandlista": ["Tekniska nämnden"]}):
        made = client.post("/api/v1/remisser", headers=headers,
                           json={"title": "Förslag", "namnd_id": namnd_id, "deadline_on": "2027-01-29", **body})
        assert made.status_code == 201, made.get_json()


def _namnd_id(session) -> int:
    from remiss.namnd.models import Namnd

    value = session.exec(select(Namnd.id)).first()
    session.rollback()
    return value


def test_a_change_into_an_utgaende_medborgarforslag_is_refused_by_the_api(session, client, auth, clock):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    proposal = make_remiss(session, namnd=namnd, now=TODAY, kind="medborgarforslag", title="Fler bänkar")
    outgoing = make_remiss(session, namnd=namnd, now=TODAY, direction="utgaende", title="Lekplatsprogram",
                           sandlista=["Ungdomsrådet"])
    session.commit()
    ids = proposal.id, outgoing.id
    auth.login(user.email)
    headers = {"X-CSRFToken": csrf_token(client, "/")}
    for rid, change in ((ids[0], {"direction": "utgaende", "sandlista": ["Tekniska nämnden"]}),
                        (ids[1], {"kind": "medborgarforslag"})):
        response = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json=change)
        said = response.get_json()
        assert response.status_code == 400, said
        assert (said["code"], said["errors"]) == (OUTGOING_MEDBORGARFORSLAG, {"kind": API_WORDS})
    session.expire_all()
    assert [(r.direction, r.kind) for r in (session.get(Remiss, i) for i in ids)] == [
        ("inkommande", "medborgarforslag"), ("utgaende", "remiss")]


def test_the_registration_form_says_it_at_arendetyp_and_keeps_what_was_typed(session, client, auth, clock):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    page = unescape(auth.post("/remisser/ny", {
        "title": "Medborgarförslag om fler bänkar", "namnd_id": str(namnd.id), "direction": "utgaende",
        "kind": "medborgarforslag", "deadline_on": "2027-01-29", "sandlista": "Tekniska nämnden"}).get_data(as_text=True))
    field = re.search(r'<div class="field has-error">\s*<label for="f-kind">Ärendetyp</label>.*?</select>', page, re.S)
    assert field and OUTGOING_KIND in field.group(0) and 'aria-invalid="true"' in field.group(0)
    assert 'value="Medborgarförslag om fler bänkar"' in page
    assert _saved(session) == []
