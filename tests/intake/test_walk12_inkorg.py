"""Walk12 findings 2, 14 and 15: a remittent's reminder is no new remiss, an extension notice whose remiss waits in
the Inkorg says so, and a newsletter or an automatic reply does not look like a remiss. The mails are those of the
walk (tests/data/walk12, built from development letters)."""
from __future__ import annotations

import email.parser
import email.policy
import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlmodel import select

from remiss.intake.models import InboxMessage
from remiss.intake.service import inbox, kinds
from remiss.remisser.models import Remiss
from tests.intake.test_walk7 import kommun, page_fields, receive, register_now  # noqa: F401 (kommun: a fixture)
from tests.support.factories import make_remiss

WALK12 = Path(__file__).resolve().parent.parent / "data" / "walk12"
NOW = datetime(2026, 12, 14, 9, 0, tzinfo=timezone.utc)
DALARNA = "Länsstyrelsen i Dalarnas län"


def raw(name: str) -> bytes:
    return (WALK12 / name).read_bytes()


def headers_of(text: str):
    return email.parser.HeaderParser(policy=email.policy.default).parsestr(text)


# Unit: the kind of a mail, from patterns

@pytest.mark.parametrize("subject", ["Automatiskt svar: Remiss av Ds 2023:23", "Autosvar: Remiss - Budget 2027",
                                     "Out of Office: Remiss av SOU 2026:88", "Frånvaromeddelande: remissvar",
                                     "SV: Automatiskt svar: Remiss av Ds 2023:23", "Automatic reply: Remiss"])
def test_an_automatic_reply_is_told_by_its_subject(subject):
    assert kinds.auto_reply_reason(headers_of(""), subject)


@pytest.mark.parametrize("header", ["Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: auto_reply"])
def test_an_automatic_reply_is_told_by_its_headers(header):
    assert header.split(":")[0] in kinds.auto_reply_reason(headers_of(header + "\n\n"), "Remiss av Ds 2023:23")


@pytest.mark.parametrize("subject, header", [("Remiss av Ds 2023:23", "Auto-Submitted: no"),
                                             ("Svar på remiss om frånvarohantering", ""),
                                             ("VB: Remiss - Förslag till åtgärdsprogram 2027-2030", "")])
def test_a_remiss_is_no_automatic_reply(subject, header):
    assert kinds.auto_reply_reason(headers_of(header + "\n\n"), subject) == ""


def test_a_newsletter_is_told_by_its_subject_or_by_an_unsubscribe_line_beside_several_remisser():
    several = ("Regeringen har remitterat Ds 2026:31 (svar senast den 1 mars 2027) och SOU 2026:88 (svar senast den "
               "15 mars 2027).\nAvregistrera dig från utskicket här.")
    assert kinds.newsletter_reason(headers_of(""), "VB: SKR Nyhetsbrev vecka 49 – nya remisser", "")
    assert "avregistreringsrad" in kinds.newsletter_reason(headers_of(""), "Veckans nyheter", several)


def test_one_remiss_with_an_unsubscribe_line_is_no_newsletter():
    """A subscription mail of one remiss (regeringen.se) is a remiss: an unsubscribe line alone is not enough."""
    one = "Remiss av SOU 2026:88. Svar senast den 15 mars 2027.\nAvsluta prenumeration"
    assert kinds.newsletter_reason(headers_of(""), "Remiss av SOU 2026:88 Äldreomsorgens finansiering", one) == ""


@pytest.mark.parametrize("title, cleaned", [
    ("Påminnelse: Remiss - Förslag till åtgärdsprogram 2027-2030", "Förslag till åtgärdsprogram 2027-2030"),
    ("VB: Påminnelse: Remiss - Förslag till åtgärdsprogram", "Förslag till åtgärdsprogram"),
    ("Fwd: Remiss: Kulturplan 2027–2030", "Kulturplan 2027–2030"),
    ("Remiss av promemorian Sänkt skatt", "Remiss av promemorian Sänkt skatt"),  # a title, kept
])
def test_reminder_and_forward_lead_ins_leave_the_title(title, cleaned):
    assert kinds.clean_title(title) == cleaned


def test_a_reminder_is_told_by_its_subject_or_its_text():
    assert kinds.is_reminder("VB: Påminnelse: Remiss - X", "", "")
    assert kinds.is_reminder("Remiss - X", "", "Vi vill påminna om att svaren på remissen ska ha kommit in …")
    assert not kinds.is_reminder("Remiss av X", "X", "Remissvaren ska ha kommit in senast den 1 mars 2027.")


# Service: what the Inkorg proposes

def test_a_reminder_is_matched_by_title_and_remittent_and_loses_its_lead_in(app, db, session, kommun):
    """Finding 2: the registered remiss had no remittent's dnr; "Påminnelse: Remiss - " defeated the title match."""
    miljo, _, _ = kommun
    registered = make_remiss(session, namnd=miljo, title="Förslag till åtgärdsprogram 2027-2030", remittent=DALARNA,
                             sender_dnr="", deadline_on=date(2026, 12, 18))
    session.commit()
    message = receive(db, app, raw("08-lst-paminnelse.eml"), NOW)
    values = json.loads(message.form_values)
    assert values["title"] == "Förslag till åtgärdsprogram 2027-2030"
    assert message.match_remiss_id == registered.id
    assert inbox.mail_kind(message) == kinds.REMINDER
    assert inbox.match_note(message, registered) == "påminnelse, inget nytt"
    again = receive(db, app, raw("08-lst-paminnelse.eml"), NOW)  # the same Message-ID: the same message
    assert again.id == message.id


def test_an_open_remiss_is_preferred_to_a_withdrawn_duplicate(app, db, session, kommun):
    """Finding 2 (mail 08c): the återkallad duplicate was offered, not named so, and the open remiss not at all."""
    miljo, _, _ = kommun
    kept = make_remiss(session, namnd=miljo, title="Förslag till åtgärdsprogram 2027-2030", remittent=DALARNA,
                       sender_dnr="501-8426-2026")
    duplicate = make_remiss(session, namnd=miljo, title="Påminnelse: Remiss - Förslag till åtgärdsprogram 2027-2030",
                            remittent=DALARNA, sender_dnr="501-8426-2026")
    duplicate.status = "aterkallad"
    session.commit()
    message = receive(db, app, raw("08-lst-paminnelse.eml"), NOW)
    with db.transaction() as s:
        assert inbox.existing_remiss(s, message).id == kept.id
        kept_row = s.get(Remiss, kept.id)
        kept_row.status = "avstar"
        s.add(kept_row)
    with db.transaction() as s:  # both closed: one of them, named as closed
        found = inbox.existing_remiss(s, message)
        expected = {"avstar": "remissen har status Avstår", "aterkallad": "remissen är återkallad"}[found.status]
        assert inbox.match_note(message, found) == expected + ", påminnelse, inget nytt"


def test_an_automatic_reply_is_no_remiss_and_no_merge(app, db, session, kommun):
    """Finding 15: the reply quoted a remittent's dnr, so it was offered as "För samman"."""
    miljo, _, _ = kommun
    make_remiss(session, namnd=miljo, title="Remiss av Ds 2023:23 Tryggare äldreomsorg",
                remittent="Socialdepartementet",
                sender_dnr="S2023/02208")
    session.commit()
    message = receive(db, app, raw("14-autosvar.eml"), NOW)
    with db.transaction() as s:
        assert inbox.existing_remiss(s, message) is None
    assert not inbox.looks_like_remiss(message)
    assert inbox.not_remiss_reason(message) == "automatiskt svar (ämnet börjar med ”Automatiskt svar”)"


def test_a_newsletter_about_remisser_is_no_remiss(app, db):
    """Finding 15: "SKR Nyhetsbrev …" (not first in the subject) was proposed as a new remiss with a deadline."""
    message = receive(db, app, raw("13-skr-nyhetsbrev.eml"), NOW)
    assert not inbox.looks_like_remiss(message)
    assert inbox.not_remiss_reason(message).startswith("nyhetsbrev (")
    assert json.loads(message.form_values)["title"] == ""


# Through the pages

def test_the_list_says_finns_redan_for_a_reminder_and_registering_asks_first(client, auth, app, db, session,
                                                                              kommun, clock):
    """Finding 2: "Ny remiss" and one click registered a duplicate; the registered title only contains the core."""
    miljo, _, _ = kommun
    clock.set(NOW)
    registered = make_remiss(session, namnd=miljo, title="Förslag till åtgärdsprogram 2027-2030 till Dalarnas miljömål",
                             remittent=DALARNA, sender_dnr="", deadline_on=date(2026, 12, 18))
    session.commit()
    message = receive(db, app, raw("08-lst-paminnelse.eml"), NOW)
    auth.login("reg@malmo.se")
    listing = client.get("/inkorg").get_data(as_text=True)
    assert f"{registered.our_dnr} {registered.title}</a></strong> – påminnelse, inget nytt" in listing
    assert "Ny remiss" not in listing
    page = client.get(f"/inkorg/{message.id}").get_data(as_text=True)
    assert "– påminnelse, inget nytt</h2>" in page
    fields = page_fields(page)
    assert fields["title"] == "Förslag till åtgärdsprogram 2027-2030"
    fields["namnd_id"] = str(miljo.id)
    response = register_now(auth, message.id, **fields)
    assert response.status_code == 400 and "Remissen kan redan vara registrerad" in response.get_data(as_text=True)
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1


def test_a_reminder_of_a_remiss_not_registered_says_it_is_a_reminder(client, auth, app, db, kommun, clock):
    """Finding 2: nothing in the Inkorg said the mail was a reminder."""
    clock.set(NOW)
    receive(db, app, raw("08-lst-paminnelse.eml"), NOW)
    auth.login("reg@malmo.se")
    listing = client.get("/inkorg").get_data(as_text=True)
    assert "Ny remiss – en påminnelse; ingen registrerad remiss stämmer" in listing


def test_the_list_says_why_a_newsletter_and_an_automatic_reply_are_no_remiss(client, auth, app, db, session, kommun,
                                                                              clock):
    miljo, _, _ = kommun
    clock.set(NOW)
    make_remiss(session, namnd=miljo, title="Remiss av Ds 2023:23 Tryggare äldreomsorg",
                remittent="Socialdepartementet",
                sender_dnr="S2023/02208")
    session.commit()
    receive(db, app, raw("13-skr-nyhetsbrev.eml"), NOW)
    receive(db, app, raw("14-autosvar.eml"), NOW)
    auth.login("reg@malmo.se")
    listing = client.get("/inkorg").get_data(as_text=True)
    assert "Ser inte ut som en remiss: nyhetsbrev (ämnet säger att det är ett nyhetsbrev)" in listing
    assert "Ser inte ut som en remiss: automatiskt svar" in listing
    assert "För samman med" not in listing and "Ny remiss" not in listing


def test_an_extension_notice_whose_remiss_waits_in_the_inkorg_says_so(client, auth, app, db, session, kommun, clock):
    """Finding 14: both were "Ny remiss"; registering the notice first makes the extended day the original one."""
    miljo, _, _ = kommun
    clock.set(NOW)
    original = receive(db, app, raw("16-ku-remiss.eml"), NOW)
    notice = receive(db, app, raw("17-ku-forlangning.eml"), NOW)
    auth.login("reg@malmo.se")
    listing = client.get("/inkorg").get_data(as_text=True)
    assert (f'Förlängning – remissen väntar i Inkorgen: <a href="/inkorg/{original.id}">{original.subject}</a>'
            in listing)
    assert listing.count("Ny remiss") == 1  # the original only
    assert "Förlängning – remissen väntar i Inkorgen" in client.get(f"/inkorg/{notice.id}").get_data(as_text=True)
    # the original registered first: the notice becomes the usual "Förläng …"
    values = json.loads(original.form_values)
    registered = make_remiss(session, namnd=miljo, title=values["title"], remittent=values["remittent"],
                             sender_dnr="", deadline_on=date(2027, 1, 22))
    session.commit()
    with db.transaction() as s:
        row = s.get(InboxMessage, original.id)
        row.status, row.remiss_id = "registered", registered.id
        s.add(row)
    listing = client.get("/inkorg").get_data(as_text=True)
    assert f"Förläng {registered.our_dnr} till 12 februari 2027" in listing
    assert "remissen väntar i Inkorgen" not in listing


# From the mailbox (dovecot), as the scheduled poll reads it

def test_the_walks_mails_polled_from_the_mailbox_are_told_apart_once(client, auth, app, db, session, kommun, clock):
    """Findings 2, 14, 15 through IMAP: each mail once by its Message-ID, even when it is delivered again."""
    import shutil
    import tempfile

    from remiss.intake.scheduled import poll_mailbox
    from tests.intake import dovecot

    if not dovecot.available():
        pytest.skip("dovecot-imapd saknas (.ci/run installerar det)")
    miljo, _, _ = kommun
    clock.set(NOW)
    registered = make_remiss(session, namnd=miljo, title="Förslag till åtgärdsprogram 2027-2030", remittent=DALARNA,
                             sender_dnr="", deadline_on=date(2026, 12, 18))
    session.commit()
    root = Path(tempfile.mkdtemp(prefix="remiss-dovecot-"))
    root.chmod(0o755)
    server = dovecot.start(root)
    try:
        app.config.update(IMAP_URL=server.url, IMAP_DONE_FOLDER="Remiss-inlästa")
        names = ("08-lst-paminnelse.eml", "13-skr-nyhetsbrev.eml", "14-autosvar.eml", "16-ku-remiss.eml",
                 "17-ku-forlangning.eml")
        for name in names:
            server.deliver(raw(name))
        assert poll_mailbox(db, app.config, now=NOW).new == 5
        server.deliver(raw("08-lst-paminnelse.eml"))  # the reminder delivered twice
        assert poll_mailbox(db, app.config, now=NOW).new == 0
    finally:
        dovecot.stop(server)
        shutil.rmtree(root, ignore_errors=True)
    auth.login("reg@malmo.se")
    listing = client.get("/inkorg").get_data(as_text=True)
    assert f"{registered.our_dnr} {registered.title}</a></strong> – påminnelse, inget nytt" in listing
    assert listing.count("Ser inte ut som en remiss:") == 2
    assert "Förlängning – remissen väntar i Inkorgen" in listing
    assert listing.count("Ny remiss") == 1  # the Kulturdepartementet remiss, and nothing else
    with db.transaction() as s:
        assert len(s.exec(select(InboxMessage)).all()) == 5
