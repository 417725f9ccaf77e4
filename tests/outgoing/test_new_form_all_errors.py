"""walk16 #11: an empty Ny utgående remiss reported only the missing Ärendemening; the next submit revealed the
missing Sista svarsdag and Sändlista. All three are reported at once, as the incoming form does."""
from __future__ import annotations

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_user


def test_an_empty_form_reports_every_missing_field_at_once(client, auth, session):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    session.commit()
    auth.login("sekr@kommun.se")
    response = auth.post("/remisser/ny-utgaende", {"namnd_id": str(namnd.id), "title": "", "deadline_on": "",
                                                   "questions": "Behåll mig?"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Fältet måste fyllas i." in page and "Ange sista svarsdag." in page
    assert "En utgående remiss behöver minst en remissinstans på sändlistan." in page
    assert "Behåll mig?" in page
