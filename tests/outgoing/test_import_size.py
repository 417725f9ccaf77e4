"""The register import refuses a file over its limit with the shared message (remiss.files.too_large): the file's
real size, not the part read, and the limit its hint names."""
from __future__ import annotations

import io
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.outgoing.models import Organisation
from tests.support.factories import make_user

CSV = "Namn;E-post;Kontaktperson;Grupp\nKommunal;kansli@kommunal.se;;Fack\n".encode()


def test_a_register_file_over_the_limit_says_its_size_and_the_limit(session, client, auth):
    admin = make_user(session, role=Role.admin)
    session.commit()
    auth.login(admin.email)
    page = unescape(client.get("/admin/instanser/import").get_data(as_text=True))
    assert "Högst 5 MB." in page
    big = CSV + b"\n" * (12 * 1024 * 1024)
    refused = auth.post("/admin/instanser/import", {"file": (io.BytesIO(big), "instanser.csv")},
                        content_type="multipart/form-data")
    said = " ".join(unescape(refused.get_data(as_text=True)).split())
    assert refused.status_code == 400
    assert "Filen är 12 MB; gränsen är 5 MB." in said and "Högst 5 MB." in said
    session.rollback()
    assert session.exec(select(Organisation)).all() == []
