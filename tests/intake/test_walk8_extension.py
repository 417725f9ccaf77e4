"""walk8 finding 1: an extension e-mail whose subject names only the new day and the remittent's diarienummer is
matched to the registered remiss, in the pasted form and in the Inkorg; when nothing matches, the page says so and
lets the sekreterare name the remiss by our diarienummer."""
from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.intake.models import IntakeBatch
from remiss.missiv.parser import parse_missiv
from remiss.planning.models import Extension
from remiss.remisser.models import Remiss
from tests.intake.test_inbox import mail
from tests.intake.test_paste_seed000 import paste, world
from tests.support.factories import make_remiss

SUBJECT = "Förlängd svarstid till den 15 maj 2027 kl. 15.00 – Fi2026/01234"
BODY = """Hej,

Finansdepartementet har beslutat om förlängd svarstid till den 15 maj 2027 kl. 15.00 för remissen av \
promemorian Skattelättnader för arbetskraft (Fi2026/01234).

Med vänliga hälsningar
Anna Andersson
Finansdepartementet
"""
PASTED = f"""Från: Finansdepartementet <fi.registrator@regeringskansliet.se>
Skickat: den 4 december 2026 10:12
Ämne: {SUBJECT}

{BODY}"""


def test_the_subject_day_is_no_title_and_the_dnr_is_read():
    result = parse_missiv(PASTED)
    assert result.sender_dnr == "Fi2026/01234"
    assert result.title == "Promemorian Skattelättnader för arbetskraft"
    assert result.extension_to == datetime(2027, 5, 15, 15, 0)
    assert "Inget diarienummer från remittenten hittades." not in result.warnings
    # the body alone: the number in brackets right after the remiss's name is the remiss's own
    assert parse_missiv(BODY).sender_dnr == "Fi2026/01234"


def test_a_subject_with_only_the_day_and_the_dnr_gives_no_title_but_the_dnr():
    result = parse_missiv(f"Från: Finansdepartementet <fi@regeringskansliet.se>\nÄmne: {SUBJECT}\n\n"
                          "Svarstiden för remissen förlängs till den 15 maj 2027 kl. 15.00.\n")
    assert result.title is None
    assert result.sender_dnr == "Fi2026/01234"
    assert any(e.field == "sender_dnr" and e.text == "Fi2026/01234" for e in result.evidence)


def _registered(session):
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Promemorian Skattelättnader för arbetskraft",
                             remittent="Finansdepartementet", sender_dnr="Fi2026/01234",
                             deadline_on=date(2027, 4, 15))
    session.commit()
    return registered


def test_the_pasted_notice_is_matched_and_extends_in_one_click(client, auth, session, db, clock):
    clock.set(datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc))
    registered = _registered(session)
    auth.login("sekr@malmo.se")
    form_url = paste(auth, PASTED).headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert "Brevet förlänger svarstiden för en registrerad remiss" in page
    assert f"Registrera förlängningen på {registered.our_dnr}" in page
    assert "Till den 15 maj" not in page
    token = form_url.split("=", 1)[1]
    response = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": registered.id, "extend": "1"},
                         form_url=form_url)
    assert response.headers["Location"].endswith(f"/remisser/{registered.id}")
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1
        extension = s.exec(select(Extension).where(Extension.remiss_id == registered.id)).one()
        assert extension.granted_until_on == date(2027, 5, 15)


def test_an_unmatched_notice_says_so_and_extends_the_remiss_named_by_our_dnr(client, auth, session, db, clock):
    clock.set(datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc))
    namnd = world(session)
    # registered by hand without the remittent's number, under another name: nothing matches
    registered = make_remiss(session, namnd=namnd, title="Skatteregler för arbete", deadline_on=date(2027, 4, 15))
    session.commit()
    auth.login("sekr@malmo.se")
    form_url = paste(auth, PASTED).headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert "Brevet förlänger svarstiden – men ingen registrerad remiss stämmer" in page
    assert 'name="our_dnr"' in page
    token = form_url.split("=", 1)[1]
    response = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"our_dnr": "LB 2099/9", "extend": "1"},
                         form_url=form_url)
    assert response.status_code == 400  # the form again, what was typed kept (session 26)
    assert "Ingen remiss med diarienummer LB 2099/9" in response.get_data(as_text=True)
    assert 'value="LB 2099/9"' in response.get_data(as_text=True)
    response = auth.post(f"/remisser/ny/missiv/{token}/forlang",
                         {"our_dnr": registered.our_dnr, "extend": "1", "until_on": "2027-05-15"}, form_url=form_url)
    assert response.headers["Location"].endswith(f"/remisser/{registered.id}")
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1
        assert s.exec(select(Extension).where(Extension.remiss_id == registered.id)).one().granted_until_on == \
            date(2027, 5, 15)
        assert s.exec(select(IntakeBatch)).all() == []


def test_the_inkorg_matches_the_notice_by_the_subjects_dnr(session, db, app, tmp_path):
    from remiss.intake.service import inbox
    from remiss.intake.reading import ReadLimits

    registered = _registered(session)
    notice = mail(SUBJECT, BODY, "<fi-2026-01234-forlangd@regeringen.se>")
    with db.transaction() as s:
        message, new = inbox.receive(s, now=datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc), raw=notice,
                                      files_dir=str(tmp_path), limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert new and message.match_remiss_id == registered.id
        assert message.extension_to == date(2027, 5, 15)


def test_the_kept_letter_is_named_as_the_extension_and_is_its_evidence(client, auth, session, db, clock):
    """walk8 finding 7: no second "Missiv.txt", the file linked to the extension, and its size never "0 kB"."""
    from remiss.remisser.models import Attachment

    clock.set(datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc))
    registered = _registered(session)
    auth.login("sekr@malmo.se")
    form_url = paste(auth, PASTED).headers["Location"]
    token = form_url.split("=", 1)[1]
    auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": registered.id, "extend": "1"}, form_url=form_url)
    with db.transaction() as s:
        kept = s.exec(select(Attachment).where(Attachment.remiss_id == registered.id)).one()
        assert kept.filename == "Förlängd svarstid till den 15 maj 2027 kl. 15.00 – Fi2026-01234.txt"
        extension = s.exec(select(Extension).where(Extension.remiss_id == registered.id)).one()
        assert extension.evidence_attachment_id == kept.id
        size = kept.size
    assert size < 1024
    page = client.get(f"/remisser/{registered.id}").get_data(as_text=True)
    assert f"{size} byte" in page and "(0 kB" not in page



def test_a_pasted_notice_without_a_subject_is_named_by_its_day():
    from remiss.intake.service.batches import letter_name

    assert letter_name("Remisstiden förlängs till den 15 maj 2027.", date(2026, 12, 4)) == \
        "Förlängning 2026-12-04.txt"
    assert letter_name("Från: A <a@b.se>\nÄmne: Remiss av promemorian X\n\nText", date(2026, 12, 4)) == \
        "Förlängning Remiss av promemorian X.txt"


def test_a_merged_inkorg_notice_links_its_mail_to_the_extension(session, db, app, tmp_path):
    from remiss.auth.access import Principal
    from remiss.auth.models import User
    from remiss.intake.service import inbox
    from remiss.intake.reading import ReadLimits
    from remiss.remisser.models import Attachment

    registered = _registered(session)
    notice = mail(SUBJECT, BODY, "<fi-2026-01234-link@regeringen.se>")
    polled = datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc)
    with db.transaction() as s:
        message, _ = inbox.receive(s, now=polled, raw=notice, files_dir=str(tmp_path),
                                    limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        user = s.exec(select(User).where(User.email == "sekr@malmo.se")).one()
        inbox.merge(s, now=polled, principal=Principal.of(s, user), message=message,
                     remiss=s.get(Remiss, registered.id), extend=True, files_dir=str(tmp_path),
                     max_bytes=app.config["UPLOAD_MAX_BYTES"])
    with db.transaction() as s:
        kept = s.exec(select(Attachment).where(Attachment.remiss_id == registered.id)).all()
        assert kept[0].filename.startswith("Förlängd svarstid till den 15 maj 2027") and \
            kept[0].filename.endswith(".eml")  # the mail, by its subject
        extension = s.exec(select(Extension).where(Extension.remiss_id == registered.id)).one()
        assert extension.evidence_attachment_id == kept[0].id


def test_an_unmatched_inkorg_notice_says_so_and_asks_for_our_dnr(client, auth, session, db, app, tmp_path):
    from remiss.intake.service import inbox
    from remiss.intake.reading import ReadLimits

    namnd = world(session)
    make_remiss(session, namnd=namnd, title="Skatteregler för arbete", deadline_on=date(2027, 4, 15))
    session.commit()
    notice = mail(SUBJECT, BODY, "<fi-2026-01234-nomatch@regeringen.se>")
    with db.transaction() as s:
        message, _ = inbox.receive(s, now=datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc), raw=notice,
                                    files_dir=app.config["FILES_DIR"],
                                    limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert message.match_remiss_id is None
        message_id = message.id
    auth.login("sekr@malmo.se")
    page = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert "Meddelandet förlänger svarstiden, men ingen registrerad remiss stämmer" in page
    assert 'name="our_dnr"' in page
