"""What a sweep did, counted by the process that did it, and why a sweep could not run."""
from __future__ import annotations

from dataclasses import dataclass, field


class SweepError(Exception):
    """The sweep could not run (database busy or locked); nothing was half done."""


@dataclass
class SweepResult:
    sent: int = 0  # rows this sweep marked sent (and only those)
    mails: int = 0  # the mails those rows went out in: a mail may carry several rows (together.py)
    skipped: int = 0  # cancelled or superseded instead of sent
    failed: int = 0  # rows this sweep made `failed` (their own failure, attempts spent): what the page counts
    retrying: int = 0  # rows whose own failure was recorded and that are tried again after a backoff
    added: int = 0  # rows the plans added
    waiting: int = 0  # claimed rows handed back unsent (outage, stop, lost database)
    unrecorded: int = 0  # accepted by the relay but not recorded as sent: each may arrive once more
    relay_down: str = ""  # why nothing could be handed over, when that is why the sweep stopped
    problem: str = ""  # what the database could not record (Swedish); the CLI exits non-zero on it
    stopped: bool = False  # a stop was requested
    errors: list[str] = field(default_factory=list)
    taken_back: int = 0  # rows of dead sweepers put back in the queue (and then sent by this sweep, if due)
    gone: list[str] = field(default_factory=list)  # the dead sweepers proved gone at once ("host:pid")

    def add(self, other: "SweepResult") -> None:
        """Add another process's sweep of the same moment (remiss reminders run --workers)."""
        for name in ("sent", "mails", "skipped", "failed", "retrying", "added", "waiting", "unrecorded", "taken_back"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.relay_down = self.relay_down or other.relay_down
        self.problem = " ".join(filter(None, [self.problem, other.problem]))
        self.stopped = self.stopped or other.stopped
        self.errors.extend(other.errors)
        self.gone.extend(other.gone)

    def line(self) -> str:
        """One line per sweep: failed rows (given up, as the outbox page counts them) apart from failed
        attempts that will be made again."""
        return (f"skickade: {self.sent_words()}, hoppade över: {self.skipped}, misslyckade (ger upp): {self.failed}, "
                f"försök som misslyckades (görs om): {self.retrying}")

    def sent_words(self) -> str:
        """"3" when each mail was one outbox row; "2 e-postmeddelanden (3 rader i utkorgen)" when a mail carried
        several rows (together.py), so the count is of mails, as the recipients see them."""
        if self.mails == self.sent:
            return str(self.sent)
        mails = "1 e-postmeddelande" if self.mails == 1 else f"{self.mails} e-postmeddelanden"
        rows = "1 rad" if self.sent == 1 else f"{self.sent} rader"
        return f"{mails} ({rows} i utkorgen)"
