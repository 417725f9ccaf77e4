"""The Utkorg and `remiss reminders list` name every kind and status of mail in Swedish."""
from __future__ import annotations

import html as html_lib
import re
from datetime import datetime, timezone

from sqlalchemy import update

from remiss.drafting import mailing
from remiss.outgoing.service import amendments, chasers, remisstid, sending
from remiss.reminders import outbox, policy
from remiss.reminders.models import OutboxMessage
from tests.reminders.conftest import fast_user

# Every kind the code puts in the outbox.
KINDS = (*policy.REMINDER_KINDS, policy.DIGEST, *policy.NOTICE_KINDS, chasers.NOTICE_KIND, mailing.KIND,
         sending.MISSIV_KIND, chasers.KIND, remisstid.EXTENSION_KIND, amendments.KIND)
NOW = datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc)


def _fill(session):
    for n, kind in enumerate(KINDS):
        outbox.enqueue(session, now=NOW, key=f"words:{kind}", recipient_email=f"m{n}@example.se", kind=kind,
                       due_at=NOW, subject="Ämne", payload={})
    session.execute(update(OutboxMessage).where(OutboxMessage.kind == policy.BEFORE).values(status="cancelled"))
    session.commit()


def test_every_outbox_kind_has_a_swedish_label():
    assert set(KINDS) <= policy.OUTBOX_KIND_LABELS.keys()
    assert not set(policy.OUTBOX_KIND_LABELS) - set(KINDS)  # nothing offered that is never sent
    assert set(policy.MUTABLE_KINDS) <= set(policy.KIND_LABELS)  # external mail is not a user's to mute
    assert "outgoing_missiv" not in policy.MUTABLE_KINDS


def test_utkorg_sort_in_words_and_every_kind_offered(session, auth):
    fast_user(session, role="admin", email="admin@example.se")
    _fill(session)
    auth.login("admin@example.se")
    page = auth.client.get("/admin/utkorg").get_data(as_text=True)
    select_html = page[page.index('id="f-kind"'):]
    select_html = select_html[:select_html.index("</select>")]
    offered = set(re.findall(r'<option value="([^"]*)"', select_html)) - {""}
    assert offered == set(KINDS)
    table = html_lib.unescape(re.sub(r"<[^>]+>", " ", page[page.index("<table"):page.index("</table>")])).replace("\u00ad", "")
    for kind in KINDS:
        assert f" {kind} " not in table, kind
    assert "Yttrandet expedierat till remittenten" in table and "Utgående remiss till en remissinstans" in table
    filtered = auth.client.get("/admin/utkorg?kind=outgoing_chaser").get_data(as_text=True)
    assert "Påminnelse till en remissinstans som inte har svarat" in filtered and "m0@example.se" not in filtered


def test_reminders_list_prints_swedish_words(session, runner):
    _fill(session)
    listing = runner.invoke(args=["reminders", "list"]).output
    assert listing.splitlines()[0] == f"väntar: {len(KINDS) - 1}, stoppade: 1"
    words = re.findall(r"[a-z]+(?:_[a-z]+)*", listing)
    for raw in (*KINDS, "pending", "cancelled"):
        assert raw not in words, raw
    assert "stoppad" in listing and "Påminnelse före en milstolpe" in listing
    assert "Utgående remiss till en remissinstans" in listing
