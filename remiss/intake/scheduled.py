"""The mailbox poll: each new mail becomes a proposal in the Inkorg, then moves to the done folder.

Harmless to rerun: a message is stored once by its Message-ID and committed before it is moved, so a
poll that stops between the two finds it known the next time and only moves it.
"""
from __future__ import annotations

import logging
import time
from gettext import ngettext
from dataclasses import dataclass, field
from datetime import datetime

from remiss.intake.service import inbox
from remiss.intake.service.classify import reclassify_pending
from sqlalchemy.exc import IntegrityError

from remiss.intake.mailbox import open_mailbox
from remiss.intake.mailbox_status import watched
from remiss.intake.reading import BATCH_FACTOR, ReadLimits

log = logging.getLogger("remiss.inbox")


@dataclass
class PollResult:
    new: int = 0  # proposals added to the Inkorg
    known: int = 0  # already in the Inkorg (moved now)
    problems: list[str] = field(default_factory=list)
    left: int = 0  # not fetched this time: the poll's time ran out (the next poll takes them)

    def line(self) -> str:
        problems = f", {len(self.problems)} kunde inte läsas in" if self.problems else ""
        return f"Inkorgen: {new_messages(self.new)}, {self.known} redan inlästa{problems}."


def new_messages(count: int) -> str:
    """"1 nytt meddelande", "3 nya meddelanden" (Swedish plurals through gettext's ngettext)."""
    return ngettext("%(count)d nytt meddelande", "%(count)d nya meddelanden", count) % {"count": count}


def poll_mailbox(db, config: dict, *, now: datetime, timeout: float = 30, budget: float | None = None) -> PollResult:
    """Fetch every message in the configured folder into the Inkorg; raise MailboxError (Swedish). timeout bounds
    each wait on the server; budget (seconds), when given, stops fetching once spent (the Inkorg's "Hämta nu")."""
    result = PollResult()
    started = time.monotonic()
    limits = ReadLimits.of(config)
    with db.transaction() as session:  # mails read before the rules of their kind (walk12 item 7); once each
        reclassify_pending(session, files_dir=config["FILES_DIR"])
    # the Inkorg page says if it fails
    with watched(db, now=now), open_mailbox(config["IMAP_URL"], timeout=timeout) as box:
        uids = box.uids()
        for number, uid in enumerate(uids):
            if budget is not None and time.monotonic() - started > budget:
                result.left = len(uids) - number
                break
            fetched = box.fetch(uid, max_bytes=BATCH_FACTOR * limits.max_bytes)
            if fetched is None:
                continue  # moved meanwhile by a poll running beside this one (the scheduler, a "Hämta nu")
            try:
                new = _receive(db, config, now=now, fetched=fetched, limits=limits)
            except Exception as exc:  # noqa: BLE001 - one bad mail must not hold up the others; it stays for the next poll
                log.exception("Meddelande %s i brevlådan kunde inte läsas in", uid)
                result.problems.append(f"Meddelande {uid} kunde inte läsas in: {exc}")
                continue
            box.move(uid, config["IMAP_DONE_FOLDER"])
            if new:
                result.new += 1
            else:
                result.known += 1
    return result


def _receive(db, config: dict, *, now: datetime, fetched, limits: ReadLimits) -> bool:
    """Store one fetched mail; whether it is new. A poll beside this one (the scheduler and a "Hämta nu") that
    stored it first makes the unique Message-ID refuse the second: read again, it is known, not a problem."""
    for attempt in (1, 2):
        try:
            with db.transaction() as session:
                _, new = inbox.receive(session, now=now, raw=fetched.raw, size=fetched.size,
                                       files_dir=config["FILES_DIR"], limits=limits)
            return new
        except IntegrityError:
            if attempt == 2:
                raise
    return False
