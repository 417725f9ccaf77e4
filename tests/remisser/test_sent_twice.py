"""walk17 F11: a double-click on Registrera sent the same form twice. The remiss was registered once, but the second
request showed the form again with "Remissen kan redan vara registrerad – <the one just made>" and "registrera
ändå", a duplicate one tick away. The second sending is shown the receipt of the remiss it registered."""
import re
import threading

from sqlmodel import select

from remiss.remisser.models import FormSubmission, Remiss
from tests.conftest import Auth, csrf_token
from tests.remisser.test_registration import SEED_000_FORM, _world


def _token(client) -> str:
    page = client.get("/remisser/ny").get_data(as_text=True)
    return re.search(r'name="form_once" value="([0-9a-f]{32})"', page).group(1)


def _sent_twice(client, auth, session, **fields) -> str:
    """The seed000 form (with fields) sent twice with one token: the page the second sending leads to."""
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    form = {**SEED_000_FORM, "namnd_id": namnd.id, **fields, "form_once": _token(client)}
    first = auth.post("/remisser/ny", form)
    assert first.status_code == 302
    client.get(first.headers["Location"])  # the first receipt, shown (the flash is used up)
    second = auth.post("/remisser/ny", form)
    assert second.status_code == 302 and second.headers["Location"] == first.headers["Location"]
    return client.get(second.headers["Location"]).get_data(as_text=True)


def test_the_same_form_sent_twice_shows_the_receipt_of_the_one_registered(client, auth, session, db):
    page = _sent_twice(client, auth, session)
    assert "Remissen är registrerad med diarienummer LB 2026/0001." in page
    assert re.search(r"Formuläret skickades två gånger; remissen registrerades en gång, av dig för \d+ sekunde?r? "
                     r"sedan\.", page)
    assert "Remissen kan redan vara registrerad" not in page
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1


def test_a_medborgarforslag_sent_twice_is_called_arendet_in_the_receipt(client, auth, session, db):
    """walk18 F7: the receipt named a medborgarförslag "remissen"."""
    page = _sent_twice(client, auth, session, kind="medborgarforslag")
    assert "Ärendet är registrerat med diarienummer LB 2026/0001." in page
    assert re.search(r"Formuläret skickades två gånger; ärendet registrerades en gång, av dig för \d+ sekunde?r? "
                     r"sedan\.", page)
    assert "remissen registrerades" not in page and "Remissen är registrerad" not in page


def test_a_form_that_came_back_with_a_question_keeps_its_token_and_registers_once(client, auth, session, db):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    token = _token(client)
    form = {**SEED_000_FORM, "namnd_id": namnd.id, "form_once": token}
    del form["confirm_past_deadline"]
    asked = auth.post("/remisser/ny", form).get_data(as_text=True)
    assert 'name="confirm_past_deadline"' in asked and f'name="form_once" value="{token}"' in asked
    first = auth.post("/remisser/ny", {**form, "confirm_past_deadline": "1"})
    again = auth.post("/remisser/ny", {**form, "confirm_past_deadline": "1"})  # "registrera ändå" double-clicked
    assert first.status_code == again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"]
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1
    # a new form (a new token) for the same letter is asked about as before
    html = auth.post("/remisser/ny", {**form, "confirm_past_deadline": "1", "form_once": _token(client)}) \
        .get_data(as_text=True)
    assert "Remissen kan redan vara registrerad" in html


def send_at_once(clients, page: str, target: str, form: dict) -> None:
    """POST the same form (each client's own CSRF token from `page`) to `target` from every client at one moment;
    each must be redirected, all to the same place."""
    pairs = [(c, {**form, "csrf_token": csrf_token(c, page)}) for c in clients]
    barrier = threading.Barrier(len(pairs))
    results = [None] * len(pairs)

    def send(i):
        c, data = pairs[i]
        barrier.wait()
        results[i] = c.post(target, data=data)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(pairs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert [r.status_code for r in results] == [302] * len(pairs), [r.get_data(as_text=True)[:500] for r in results]
    assert len({r.headers["Location"] for r in results}) == 1


def _second_app(app, tmp_path, *, files_dir: str = ""):
    """Another app process on the same database, with its own file store (another host behind the same address)
    unless files_dir is given."""
    from remiss import create_app

    other = create_app({**{k: app.config[k] for k in ("TESTING", "DATABASE_URL", "SECRET_KEY", "CLOCK", "BASE_URL",
                                                    "SMTP_URL", "ARGON2_TIME_COST", "ARGON2_MEMORY_KIB",
                                                    "ARCHIVE_SENT_PDF")},
                        "INSTANCE_PATH": str(tmp_path / "instance2"), "MAIL_DIR": str(tmp_path / "mail2"),
                        "FILES_DIR": files_dir or str(tmp_path / "files2")})
    return other


def test_the_form_sent_again_to_another_app_process_shows_the_receipt(app, client, auth, session, db, tmp_path):
    """The token was a file in one host's file store: a second process with its own store registered nothing
    more only because it asked "Remissen kan redan vara registrerad" – the question this guard is there to spare."""
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    form = {**SEED_000_FORM, "namnd_id": namnd.id, "form_once": _token(client)}
    other = _second_app(app, tmp_path)
    try:
        other_client = other.test_client()
        other_auth = Auth(other_client)
        other_auth.login("sekr@malmo.se")
        first = auth.post("/remisser/ny", form)
        second = other_auth.post("/remisser/ny", form)
        assert first.status_code == second.status_code == 302
        assert second.headers["Location"] == first.headers["Location"]
        page = other_client.get(second.headers["Location"]).get_data(as_text=True)
        assert "Formuläret skickades två gånger; remissen registrerades en gång" in page
    finally:
        other.extensions["remiss_db"].dispose()
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1


def test_two_sendings_at_once_to_two_app_processes_register_once(app, client, auth, session, db, tmp_path):
    """A double-click reaching two processes at the same moment: one registers, the other waits for it and is shown
    its receipt (on PostgreSQL its INSERT of the claim waits for the first's commit)."""
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    form = {**SEED_000_FORM, "namnd_id": namnd.id, "form_once": _token(client)}
    other = _second_app(app, tmp_path)
    try:
        other_client = other.test_client()
        Auth(other_client).login("sekr@malmo.se")
        send_at_once((client, other_client), "/remisser/ny", "/remisser/ny", form)
    finally:
        other.extensions["remiss_db"].dispose()
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1


def test_a_day_old_claim_is_deleted_at_the_next_claim(client, auth, session, db, clock):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    assert auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id, "form_once": _token(client)}) \
        .status_code == 302
    clock.advance(hours=25)
    later = {**SEED_000_FORM, "namnd_id": namnd.id, "title": "Ny översiktsplan", "sender_dnr": "KS-2026-1",
             "form_once": _token(client)}
    assert auth.post("/remisser/ny", later).status_code == 302
    with db.transaction() as s:
        kept = s.exec(select(FormSubmission)).all()
        assert [(k.token, k.remiss_id) for k in kept] == [(later["form_once"], 2)]


def test_a_refused_claim_leaves_the_transaction_usable(session, db, clock):
    """The claim is a savepoint: the second INSERT of the same form fails alone, and what the request did before
    it is kept (SQLite and PostgreSQL)."""
    from remiss.remisser import sent_once

    _, _, registrator, _ = _world(session)
    token = sent_once.new_token()
    with db.transaction() as s:
        assert sent_once.claim(s, registrator.id, token, now=clock())
    with db.transaction() as s:
        s.exec(select(Remiss)).all()  # the request has read before it claims
        assert not sent_once.claim(s, registrator.id, token, now=clock())
        assert sent_once.claim(s, registrator.id, sent_once.new_token(), now=clock())  # another form: claimed
        assert sent_once.registered(s, registrator.id, token, now=clock()) is None  # no remiss recorded with it
        assert sent_once.claim(s, registrator.id, None, now=clock())  # an old form without a token
    with db.transaction() as s:
        assert len(s.exec(select(FormSubmission)).all()) == 2


def test_a_registration_that_failed_after_the_claim_lets_the_same_form_register(client, auth, session, db):
    """The claim is rolled back with the registration: the form, sent again when what failed is put right,
    registers (not a receipt of nothing)."""
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    form = {**SEED_000_FORM, "namnd_id": namnd.id, "form_once": _token(client)}
    failed = auth.post("/remisser/ny", {**form, "intake_token": "gone-batch"})  # the read missiv's files are gone
    assert failed.status_code == 400 and "finns inte längre" in failed.get_data(as_text=True)
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == [] and s.exec(select(FormSubmission)).all() == []
    again = auth.post("/remisser/ny", form)
    assert again.status_code == 302
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Remissen är registrerad med diarienummer LB 2026/0001." in page and "Formuläret skickades" not in page
