"""walk17 F7 and F8 on Ny utgående remiss: one bad row in "Remissinstanser som inte finns i registret" also gave
the false "Sändlista: En utgående remiss behöver minst en remissinstans på sändlistan."; only one bad row was
reported per submit; "Namn, e-post" (the most natural list form) was refused."""
from __future__ import annotations

from datetime import datetime, timezone
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.support.factories import make_namnd, make_user

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)
LINES = ("Pensionärsrådet Öster <pensionarsradet@example.se>\nUngdomsrådet; ungdomsradet@example\n"
         "Polisen region Syd, registrator.syd@polisen.se\nMKB Fastighets AB\nTrafiknämnden trafik@example.se\n"
         "Miljö, Malmö; miljo@example.se")


def _form(session, auth, clock, lines):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    return {"title": "Trafikstrategi", "namnd_id": str(namnd.id), "deadline_on": "2027-02-12",
            "new_instanser": lines}


def test_every_bad_row_at_once_and_no_false_empty_sandlista(session, client, auth, clock):
    refused = auth.post("/remisser/ny-utgaende", _form(session, auth, clock, LINES))
    said = " ".join(unescape(refused.get_data(as_text=True)).split())
    assert refused.status_code == 400
    assert "Rad 2: ”ungdomsradet@example” är inte en giltig e-postadress." in said
    assert ("Rad 5 (”Trafiknämnden trafik@example.se”) kunde inte läsas. Skriv en instans per rad: ”Namn”, "
            "”Namn; e-post”, ”Namn, e-post” eller ”Namn <e-post>”.") in said
    assert "Rad 3" not in said  # "Namn, e-post" is read
    assert "behöver minst en remissinstans" not in said
    assert session.exec(select(Remiss)).first() is None


def test_name_comma_address_is_read_as_name_and_address(session, client, auth, clock):
    form = _form(session, auth, clock, LINES.replace("ungdomsradet@example", "ungdomsradet@example.se")
                 .replace("Trafiknämnden trafik", "Trafiknämnden, trafik"))
    done = auth.post("/remisser/ny-utgaende", form)
    assert done.status_code == 302, unescape(done.get_data(as_text=True))
    remiss = session.exec(select(Remiss)).one()
    assert [(e.name, e.email) for e in remisser.entries(session, remiss.id)] == [
        ("Pensionärsrådet Öster", "pensionarsradet@example.se"), ("Ungdomsrådet", "ungdomsradet@example.se"),
        ("Polisen region Syd", "registrator.syd@polisen.se"), ("MKB Fastighets AB", ""),
        ("Trafiknämnden", "trafik@example.se"), ("Miljö, Malmö", "miljo@example.se")]


def test_the_hint_quotes_the_formats_as_the_error_does(session, client, auth, clock):
    _form(session, auth, clock, "")
    page = unescape(client.get("/remisser/ny-utgaende").get_data(as_text=True))
    assert "En per rad: ”Namn”, ”Namn; e-post”, ”Namn, e-post” eller ”Namn <e-post>”" in page


def test_a_text_over_its_limit_says_both_numbers_as_swedes_write_them(session, client, auth, clock):
    """walk17 F7: "Högst 200000 tecken." for a missiv text of 212 000 characters; the same words in the API."""
    form = dict(_form(session, auth, clock, "MKB Fastighets AB"), missiv_text="x" * 212000)
    said = unescape(auth.post("/remisser/ny-utgaende", form).get_data(as_text=True))
    assert "Högst 200\u00a0000 tecken (texten har 212\u00a0000)." in said
    api = client.post("/api/v1/remisser", json={"title": "T", "namnd_id": int(form["namnd_id"]),
                                                 "sender_dnr": "x" * 101},
                      headers={"X-CSRFToken": csrf_token(client, "/remisser/ny-utgaende")})
    assert api.status_code == 400 and api.get_json()["errors"]["sender_dnr"] == "Högst 100 tecken (texten har 101)."
