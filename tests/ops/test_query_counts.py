"""The SQL statements a page runs do not grow with the number of rows it shows (no N+1)."""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.remisser import service
from tests.support.factories import T0, make_namnd, make_remiss, make_user


@contextmanager
def counting(engines):
    """Collect every statement sent through the given engines."""
    statements: list[str] = []

    def _count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    for engine in engines:
        event.listen(engine, "before_cursor_execute", _count)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", _count)


def _add(session, namnd, handlaggare, *, rows: int, others: int):
    """One remiss with rows questions, sändlista entries and history events, plus other remisser."""
    big = make_remiss(session, namnd=namnd, handlaggare_id=handlaggare.id,
                      sandlista=[f"Remissinstans {n}" for n in range(rows)],
                      questions=[f"Fråga {n}?" for n in range(rows)])
    for n in range(rows):
        service.update(session, now=T0, principal=Principal.system(), remiss=big, changes={"notes": f"Not {n}"})
    for n in range(others):
        make_remiss(session, namnd=namnd, handlaggare_id=handlaggare.id if n % 2 else None)
    session.commit()
    return big


def _count_pages(db, client, remiss_id: int) -> dict[str, int]:
    counts = {}
    for name, url in (("diarium", "/remisser"), ("start", "/"), ("remiss", f"/remisser/{remiss_id}")):
        client.get(url)  # the first request warms template and mapper caches
        with counting({db.read_engine, db.write_engine}) as statements:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(statements)
    return counts


def test_pages_run_as_many_statements_for_50_rows_as_for_5(db, session, auth):
    namnd = make_namnd(session)
    admin = make_user(session, role=Role.admin)
    handlaggare = make_user(session, namnder=[namnd])
    small = _add(session, namnd, handlaggare, rows=5, others=4)
    auth.login(admin.email)
    few = _count_pages(db, auth.client, small.id)
    big = _add(session, namnd, handlaggare, rows=50, others=45)  # the diarium now shows 50 rows
    many = _count_pages(db, auth.client, big.id)
    page = auth.client.get(f"/remisser/{big.id}").get_data(as_text=True)
    assert "Remissinstans 49" in page and "Fråga 49?" in page and "Not 49" in page
    assert auth.client.get("/remisser").get_data(as_text=True).count('href="/remisser/') >= 50
    assert all(n > 0 for n in few.values())
    assert many == few, f"statements per page grew with the rows shown: {few} -> {many}"


def _fill_panels(session, app, namnd, remiss, *, rows: int) -> None:
    """Give every panel of the remiss page rows rows: yttrande versions by rows authors, samråd,
    förlängningar, files and history by rows users (with handläggare changes)."""
    from datetime import date, timedelta

    from remiss.drafting.consultations import add_consultation
    from remiss.drafting.versions import save
    from remiss.planning.service import extensions, tidplan
    from remiss.remisser import attachments

    for n in range(rows):
        author = Principal.of(session, make_user(session, namnder=[namnd], name=f"Författare {n}"))
        # a yttrande is started on an assigned remiss (drafting.versions.require_handlaggare)
        service.update(session, now=T0, principal=Principal.system(), remiss=remiss,
                       changes={"handlaggare_id": author.user_id})
        save(session, now=T0 + timedelta(minutes=n), principal=author, remiss=remiss,
             raw={"sammanfattning": f"Version {n}"})
        add_consultation(session, now=T0, principal=author, remiss=remiss, party=f"Råd {n}",
                         consulted_on=date(2026, 11, 23))  # not before the remiss came in (walk20 H4)
        extensions.request_extension(session, now=T0, principal=author, remiss=remiss, requested_by=f"Person {n}",
                                     until_on=date(2027, 1, 10) + timedelta(days=n), reason="Mer tid")
        attachments.add(session, now=T0, principal=author, remiss=remiss, filename=f"bilaga-{n}.txt",
                        data=b"text", files_dir=app.config["FILES_DIR"], max_bytes=10_000)
    tidplan.replan(session, now=T0, remiss=remiss)
    session.commit()


def test_the_remiss_page_runs_as_many_statements_with_every_panel_full(db, session, auth, app):
    namnd = make_namnd(session)
    admin = make_user(session, role=Role.admin)
    session.commit()
    auth.login(admin.email)
    counts = {}
    for rows in (2, 20):
        incoming = make_remiss(session, namnd=namnd, questions=[f"Fråga {n}?" for n in range(rows)])
        _fill_panels(session, app, namnd, incoming, rows=rows)
        outgoing = make_remiss(session, namnd=namnd, direction="utgaende",
                               sandlista=[f"Instans {n}" for n in range(rows)])
        for n, entry in enumerate(service.entries(session, outgoing.id)):
            entry.group_name = f"Grupp {n % 5}"
        session.commit()
        counts[rows] = {}
        for name, remiss in (("inkommande", incoming), ("utgående", outgoing)):
            url = f"/remisser/{remiss.id}"
            auth.client.get(url)
            with counting({db.read_engine, db.write_engine}) as statements:
                page = auth.client.get(url).get_data(as_text=True)
            counts[rows][name] = len(statements)
        assert f"Författare {rows - 1}" in auth.client.get(f"/remisser/{incoming.id}").get_data(as_text=True)
        assert f"Instans {rows - 1}" in page
    assert counts[20] == counts[2], f"statements per remiss page grew with its rows: {counts}"
