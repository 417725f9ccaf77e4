"""walk24 V5: on "Ny utgående remiss", remisshandlingar "program.exe" and an empty "tom.pdf" were refused one at a
time: the .exe first, the empty file only in the next round. Every refused file is named in the first round, and
a good file chosen with them is kept."""
from __future__ import annotations

import io
from html import unescape

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_user

PDF = b"%PDF-1.4\n% remisshandling\n"


def test_every_refused_file_is_named_at_once(session, auth, clock):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    form = {"title": "Trafikplan för Öster", "namnd_id": str(namnd.id), "deadline_on": "2027-06-30",
            "new_instanser": "Trafiknämnden; trafik@example.se",
            "files": [(io.BytesIO(b"MZ\x90\x00program"), "program.exe"), (io.BytesIO(b""), "tom.pdf"),
                      (io.BytesIO(PDF), "Trafikplan.pdf")]}
    response = auth.post("/remisser/ny-utgaende", form, content_type="multipart/form-data")
    page = " ".join(unescape(response.get_data(as_text=True)).split())
    assert response.status_code == 400
    assert "program.exe: Filtypen .exe tas inte emot." in page
    # Old code: not said until program.exe was left out and the form sent again.
    assert "Filen tom.pdf är tom." in page
    assert "De andra filerna du valde är sparade och följer med." in page and "Vald fil: Trafikplan.pdf (" in page
    # the service's own words are not said twice (the summary and the field say each message once)
    assert page.count("Filtypen .exe tas inte emot") == page.count("Filen tom.pdf är tom.")
