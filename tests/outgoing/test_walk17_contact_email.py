"""walk17 F9: Kontaktperson = another user's name and no e-mail gave "Jesper Lindkvist, sekreterare@…" (the
address of the one who registered it) on the page and in the missiv sent to every instans. The address is that
of the one active user with the name; with none or several, no address, and the page says so."""
from __future__ import annotations

from datetime import date

from remiss import files
from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.outgoing.service import missiv_doc
from remiss.remisser.input import SandlistaItem
from tests.outgoing.test_missiv_reference import _all_text
from tests.support.factories import make_namnd, make_remiss, make_user


def _missiv_text(session, app, remiss, by) -> str:
    missiv = missiv_doc.generate_missiv(session, now=remiss.created_at, principal=Principal.of(session, by),
                                        remiss=remiss, files_dir=app.config["FILES_DIR"])
    session.commit()
    return _all_text(files.path_of(app.config["FILES_DIR"], missiv.storage_key).read_bytes())


def test_the_named_users_address_never_the_registrators(session, app, client, auth):
    namnd = make_namnd(session)
    sara = make_user(session, role=Role.registrator, namnder=[namnd], name="Sara Sekreterare",
                     email="sekreterare@kommun.se")
    make_user(session, role=Role.handlaggare, namnder=[namnd], name="Jesper Lindkvist", email="jesper@kommun.se")
    remiss = make_remiss(session, namnd=namnd, by=sara, direction="utgaende", deadline_on=date(2027, 1, 29),
                         contact_person="Jesper Lindkvist", sandlista=[SandlistaItem("Norr", "norr@example.se")])
    session.commit()
    text = _missiv_text(session, app, remiss, sara)
    assert "Jesper Lindkvist, jesper@kommun.se" in text
    assert "sekreterare@kommun.se" not in text
    auth.login("sekreterare@kommun.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Jesper Lindkvist, jesper@kommun.se" in page and "sekreterare@kommun.se" not in page


def test_no_address_when_no_user_or_several_have_the_name(session, app, client, auth):
    namnd = make_namnd(session)
    sara = make_user(session, role=Role.registrator, namnder=[namnd], name="Sara Sekreterare",
                     email="sekreterare@kommun.se")
    make_user(session, namnder=[namnd], name="Anna Berg", email="anna1@kommun.se")
    make_user(session, namnder=[namnd], name="Anna  berg", email="anna2@kommun.se")
    twice = make_remiss(session, namnd=namnd, by=sara, direction="utgaende", deadline_on=date(2027, 1, 29),
                        contact_person="Anna Berg", sandlista=[SandlistaItem("Norr", "norr@example.se")])
    nobody = make_remiss(session, namnd=namnd, by=sara, direction="utgaende", deadline_on=date(2027, 1, 29),
                         contact_person="Ivana Baukart", sandlista=[SandlistaItem("Norr", "norr@example.se")])
    session.commit()
    auth.login("sekreterare@kommun.se")
    for remiss, why in ((twice, "flera användare heter så"), (nobody, "ingen användare i Remiss heter så")):
        text = _missiv_text(session, app, remiss, sara)
        assert "sekreterare@kommun.se" not in text and "anna1@" not in text and "anna2@" not in text
        assert remiss.contact_person in text
        page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
        assert f"ingen e-post i missivet: {why}" in page and "sekreterare@kommun.se" not in page
