"""The yttrande form built its own "Sammanfattning av … (tjänsteskrivelsen)" beside drafting.reading.summary_label,
which the API and the reading view use: two rules for one label. The form now labels the field with that function
(a template global), the text unchanged for each kind ("ärendet" of a medborgarförslag), and the error summary
names the field by the kind too (it said "Sammanfattning av remissen" of a medborgarförslag)."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest

from remiss.drafting.reading import summary_label
from tests.support.factories import make_namnd, make_remiss, make_user


def _label(page: str) -> str:
    return html.unescape(re.search(r'<label for="f-remiss_sammanfattning">([^<]*)</label>', page).group(1))


@pytest.fixture
def forms(session):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    mia = make_user(session, role="handlaggare", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    made = {kind: make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), kind=kind, questions=[],
                              handlaggare_id=mia.id).id for kind in ("remiss", "medborgarforslag")}
    session.commit()
    return made


def test_the_form_labels_the_summary_with_the_one_rule(forms, auth, client, app):
    auth.login("mia@miljo.se")
    pages = {kind: client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True) for kind, rid in forms.items()}
    assert _label(pages["remiss"]) == "Sammanfattning av remissen (tjänsteskrivelsen)" == summary_label("remiss")
    assert _label(pages["medborgarforslag"]) == "Sammanfattning av ärendet (tjänsteskrivelsen)" == \
        summary_label("medborgarforslag")
    # one rule: the form follows the function, not a copy of its words in the template
    app.jinja_env.globals["summary_label"] = lambda kind=None: f"Ny regel för {kind}"
    try:
        page = client.get(f"/remisser/{forms['medborgarforslag']}/yttrande").get_data(as_text=True)
    finally:
        app.jinja_env.globals["summary_label"] = summary_label
    assert _label(page) == "Ny regel för medborgarforslag"


def test_the_error_summary_names_the_field_as_the_form_does(forms, auth, client):
    auth.login("mia@miljo.se")
    url = f"/remisser/{forms['medborgarforslag']}/yttrande"
    response = auth.post(url, {"remiss_sammanfattning": "x" * 100_001, "base_version": "0"}, form_url=url)
    page = " ".join(html.unescape(response.get_data(as_text=True)).split())
    assert response.status_code == 400
    assert re.search(r'<a href="#f-remiss_sammanfattning">Sammanfattning av ärendet \(tjänsteskrivelsen\): ', page)
    assert "Sammanfattning av remissen" not in page


def test_the_hint_says_where_the_summary_comes_from_by_the_kind(forms, auth, client):
    """walk21b K3: the hint said "förifyllt från missivet" of a medborgarförslag, which has none (and of a remiss
    registered by hand without one); the summary is made from the case's own uppgifter (and a remiss's missiv)."""
    auth.login("mia@miljo.se")
    pages = {kind: " ".join(html.unescape(client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True)).split())
             for kind, rid in forms.items()}
    assert "Vad ärendet gäller, förifyllt från ärendets uppgifter. Yttrandets" in pages["medborgarforslag"]
    assert "Vad remissen gäller, förifyllt från remissens uppgifter och missivet. Yttrandets" in pages["remiss"]
    assert "förifyllt från missivet" not in pages["medborgarforslag"]
