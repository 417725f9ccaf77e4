"""Finding a remiss: a diarienummer typed in the header's search box opens it; the menu shows what the role may do."""
from __future__ import annotations

import re
from datetime import date

import pytest

from remiss.auth.models import Role
from remiss.planning.present import relative
from tests.support.factories import make_namnd, make_remiss, make_user


@pytest.fixture
def world(session):
    sofo = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    other = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[sofo])
    ours = make_remiss(session, namnd=sofo, title="Handlingsplan för kulturstrategi", sender_dnr="KS-IOF-2010-00015")
    make_remiss(session, namnd=sofo, title="Annan remiss", sender_dnr="Fi2024/01234")
    hidden = make_remiss(session, namnd=other, title="Annan nämnds remiss", sender_dnr="N2026/77")
    session.commit()
    return {"user": user, "ours": ours, "hidden": hidden}


@pytest.mark.parametrize("typed", ["{dnr}", "{dnr_lower}", "{dnr_short}", "  {dnr_spaced}  ", "ks-iof-2010-00015",
                                   "KS-IOF-2010-00015"])
def test_a_typed_diarienummer_opens_its_remiss(world, auth, typed):
    dnr = world["ours"].our_dnr  # "SOFÖ 2026/0001"
    prefix, rest = dnr.split(" ")
    year, number = rest.split("/")
    text = typed.format(dnr=dnr, dnr_lower=dnr.lower(), dnr_short=f"sofö {year}/{int(number)}",
                        dnr_spaced=f"{prefix}  {year} / {number}")
    auth.login(world["user"].email)
    response = auth.client.get("/remisser", query_string={"q": text})
    assert response.status_code == 302, text
    assert response.headers["Location"].endswith(f"/remisser/{world['ours'].id}")


def test_words_and_other_nämnders_diarienummer_give_the_list(world, auth):
    auth.login(world["user"].email)
    for text in ("kulturstrategi", "N2026/77", world["hidden"].our_dnr):
        response = auth.client.get("/remisser", query_string={"q": text})
        assert response.status_code == 200, text
    assert "Annan nämnds remiss" not in auth.client.get("/remisser?q=N2026/77").get_data(as_text=True)


def test_every_page_has_the_search_box(world, auth):
    auth.login(world["user"].email)
    for url in ("/", "/remisser", f"/remisser/{world['ours'].id}"):
        html = auth.client.get(url).get_data(as_text=True)
        assert 'role="search" aria-label="Sök remisser"' in html and 'id="header-q" name="q"' in html, url


@pytest.mark.parametrize("role, shown, hidden", [
    (Role.handlaggare, ["Att göra", "Mina remisser", "Diarium", "Kalender"],
     ["Registrera", "Ny utgående remiss", "Dokumentmallar", "Administration"]),
    # a läsare does nothing, so the start page is an Översikt and there are no Mina remisser (walk26 W7)
    (Role.lasare, ["Översikt", "Diarium"], ["Att göra", "Mina remisser", "Registrera", "Ny utgående remiss",
                                            "Administration"]),
    (Role.registrator, ["Registrera", "Ny utgående remiss", "Dokumentmallar"], ["Administration"]),
    # Administration is a disclosure of every admin page; Dokumentmallar is one of them for an administrator
    (Role.admin, ["Registrera"], []),
])
def test_the_menu_shows_what_the_role_may_do(session, auth, role, shown, hidden):
    namnd = make_namnd(session)
    user = make_user(session, role=role, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    html = auth.client.get("/").get_data(as_text=True)
    menu = html[html.index('aria-label="Huvudmeny"'):html.index("</nav>")]
    for label in shown:
        assert f">{label}</a>" in menu, label
    for label in hidden:
        assert f">{label}</a>" not in menu and f">{label}</summary>" not in menu, label
    disclosure = re.search(r'<details class="nav-more">\s*<summary>Administration</summary>(.*?)</details>', menu, re.S)
    assert bool(disclosure) == (role == Role.admin), menu
    if disclosure:
        inside = re.findall(r">([^<>]+)</a>", disclosure.group(1))
        assert inside[:3] == ["Användare", "Nämnder", "Remissinstanser"] and "Utkorg (e-post)" in inside, inside
        assert inside[-1] == "Dokumentmallar" and menu.count(">Dokumentmallar</a>") == 1, inside


@pytest.mark.parametrize("day, words", [
    (date(2026, 12, 3), "i dag"), (date(2026, 12, 4), "i morgon"), (date(2026, 12, 8), "om 5 dagar"),
    (date(2027, 3, 3), "om 3 månader"), (date(2026, 12, 2), "försenad sedan i går"),
    (date(2026, 11, 12), "försenad i 21 dagar"), (date(2026, 9, 3), "försenad i 3 månader"),
    (date(2026, 12, 1), "försenad i 2 dagar"), (date(2010, 3, 31), "försenad i 16 år"),
])
def test_relative_days_read_as_swedish(day, words):
    assert relative(day, date(2026, 12, 3)) == words


def test_the_diarium_sorts_by_its_headings_and_shows_inkom(world, auth, session):
    auth.login(world["user"].email)
    html = auth.client.get("/remisser?sort=deadline").get_data(as_text=True)
    head = html[html.index("<thead>"):html.index("</thead>")]
    assert head.index("Sista svarsdag") < head.index("Ärende")  # the column read first comes first
    assert 'aria-sort="ascending"' in head and "sort=-deadline" in head and "sort=dnr" in head and "sort=received" in head
    assert 'aria-sort="descending"' in auth.client.get("/remisser?sort=-deadline").get_data(as_text=True)
    assert 'data-label="Inkom"' in html


def test_the_admin_sees_when_mail_links_point_elsewhere(session, auth, app):
    admin = make_user(session, role=Role.admin)
    session.commit()
    auth.login(admin.email)
    app.config["BASE_URL"] = "http://127.0.0.1:5000"
    assert "pekar på http://127.0.0.1:5000, men Remiss nås just nu på http://localhost" in \
        auth.client.get("/admin/anvandare").get_data(as_text=True)
    app.config["BASE_URL"] = "http://localhost"
    assert "Sätt REMISS_BASE_URL" not in auth.client.get("/admin/anvandare").get_data(as_text=True)


@pytest.fixture
def sixes(session):
    """Three remisser numbered 6 in 2026, in two nämnder the registrator sees and one she does not."""
    sofo = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    social = make_namnd(session, name="Socialnämnden", dnr_prefix="SN")
    other = make_namnd(session, dnr_prefix="KN")
    user = make_user(session, role=Role.registrator, namnder=[sofo, social])
    ours = make_remiss(session, namnd=sofo, our_dnr="SOFÖ 2026/0006", title="Kulturstrategi",
                       sender_dnr="KS-IOF-2010-00015")
    social_six = make_remiss(session, namnd=social, our_dnr="SN 2026/0006", title="Äldreplan", sender_dnr="Fi2024/1")
    hidden = make_remiss(session, namnd=other, our_dnr="KN 2026/0006", title="Hemlig", sender_dnr="N2026/77")
    session.commit()
    return {"user": user, "ours": ours, "social": social_six, "hidden": hidden}


@pytest.mark.parametrize("typed", ["SOFO 2026/0006", "sofo 2026/6", "Sofö-2026-06", "KS-IOF-2010-15",
                                   "ks iof 2010/00015"])
def test_a_diarienummer_typed_loosely_opens_its_remiss(sixes, auth, typed):
    """The browser walk's misses: o typed for ö, the remittent's number with fewer leading zeros."""
    auth.login(sixes["user"].email)
    response = auth.client.get("/remisser", query_string={"q": typed})
    assert response.status_code == 302, typed
    assert response.headers["Location"].endswith(f"/remisser/{sixes['ours'].id}")


def test_a_number_without_prefix_lists_every_visible_remiss_it_names(sixes, auth):
    auth.login(sixes["user"].email)
    response = auth.client.get("/remisser", query_string={"q": "2026/6"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kulturstrategi" in html and "Äldreplan" in html
    assert "Hemlig" not in html  # another nämnd's 2026/6 stays out of sight
    # With a filter the list is the diarienummer's remisser that pass it.
    html = auth.client.get("/remisser", query_string={"q": "2026/6", "namnd_id": sixes["social"].namnd_id}).get_data(as_text=True)
    assert "Äldreplan" in html and "Kulturstrategi" not in html


def test_the_keys_follow_a_changed_diarienummer(sixes, session, auth):
    from remiss.auth.access import Principal
    from remiss.remisser import queries, service

    remiss, email = sixes["ours"], sixes["user"].email
    service.update(session, now=remiss.created_at, principal=Principal.system(), remiss=remiss,
                   changes={"sender_dnr": "KS 2011/0099", "title": "Ny titel"})
    session.commit()
    user = Principal.system()
    assert queries.remisser_by_dnr(session, user, "ks-2011-99") == [remiss.id]
    assert queries.remisser_by_dnr(session, user, "KS-IOF-2010-00015") == []
    assert queries.remisser_by_dnr(session, user, "2026/0006", limit=10) == sorted(
        [remiss.id, sixes["social"].id, sixes["hidden"].id])
    session.rollback()  # the pages below write (SQLite: one writer)
    # Other filters and words still search the text.
    auth.login(email)
    assert "Äldreplan" in auth.client.get("/remisser?q=%C3%A4ldreplan").get_data(as_text=True)
