"""The filter of a list of remisser as the user sets it: read from query arguments, with a Swedish message for each
value that is not understood, and back into arguments for the links."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from remiss.remisser.input import parse_date
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.status import RemissStatus
from remiss.field_order import in_field_order


SORTS = {
    "deadline": (Remiss.effective_deadline_on.is_(None), Remiss.effective_deadline_on, Remiss.id),
    "-deadline": (Remiss.effective_deadline_on.is_(None), Remiss.effective_deadline_on.desc(), Remiss.id.desc()),
    "received": (Remiss.received_on.desc(), Remiss.id.desc()),
    "dnr": (Remiss.our_dnr, Remiss.id),
}


# Filter values of the status field that are not a status: a group of statuses, or how the answer went.
STATUS_GROUPS = {"open": "Pågående", "closed": "Avslutade",
                 "for_sent": "Besvarade för sent",  # besvarad after the sista svarsdag in force (extensions counted)
                 # the yttrande expedierat and not yet out of the house: in the Utkorg, or without a svarsadress and
                 # its sending not registered (drafting.mail_state.unsent); Besvarad and "Besvarade för sent" leave
                 # them out until it has left (walk25b Z5)
                 "expedierad": "Expedierade, inte skickade"}


IGNORED_DAY = "Listan filtreras inte på det datumet förrän det är rättat."


@dataclass
class RemissFilter:
    status: str | None = None  # a RemissStatus, or a key of STATUS_GROUPS
    namnd_id: int | None = None
    handlaggare_id: int | None = None
    mine_id: int | None = None  # Mina remisser: the user's as handläggare or kontaktperson (remisser.mine)
    handlaggare: str | None = None  # typed name or e-mail of the handläggare (the filter's text field)
    direction: str | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    text: str | None = None
    sort: str = ""  # a key of SORTS, "relevance", or "": relevance when searching, else deadline
    errors: dict[str, str] = field(default_factory=dict)
    reversed: bool = False  # Svarsdag från after Svarsdag till: both left out of the list (walk27 Y6)

    # in the order of the list page's filter fields, the order of its error summary (remiss.web.forms)
    LABELS = {"status": "Status", "namnd_id": "Nämnd", "handlaggare_id": "Handläggare", "mine_id": "Mina remisser",
              "direction": "Riktning",
              "deadline_from": "Svarsdag från", "deadline_to": "Svarsdag till"}

    def error_items(self) -> list[tuple[str, str]]:
        """The filter's errors as (key, "Svarsdag från: Ange ett giltigt datum …"), for the list page and the
        export."""
        return [(key, f"{self.LABELS.get(key, key)}: {message}")
                for key, message in in_field_order(self.errors, self.LABELS).items()]

    def list_error_items(self) -> list[tuple[str, str]]:
        """error_items for the list page, which lists without a faulty part of the filter and says so (walk27 Y6:
        a bad date showed every remiss, reversed dates "0 remisser" as if nothing were due then)."""
        def shown(key: str) -> str:
            if key == "deadline_from" and self.reversed:
                return " Listan visar alla svarsdagar tills dess."
            return f" {IGNORED_DAY}" if key in ("deadline_from", "deadline_to") else ""
        return [(key, line + shown(key)) for key, line in self.error_items()]

    @classmethod
    def from_args(cls, args) -> "RemissFilter":
        """Build a filter from query arguments; bad values are dropped with a Swedish message."""
        f = cls()
        status = args.get("status") or None
        if status and status not in STATUS_GROUPS and status not in RemissStatus.__members__:
            # the list then shows every status: say so, and which value was not understood
            f.errors["status"] = (f"Okänd status ”{status[:40]}”: listan visar alla statusar. Välj en status i "
                                  "listan (t.ex. Pågående eller Avslutade).")
        else:
            f.status = status
        for key in ("namnd_id", "handlaggare_id", "mine_id"):
            value = args.get(key) or None
            if value:
                try:
                    setattr(f, key, int(value))
                except ValueError:
                    f.errors[key] = "Ogiltigt val."
        f.handlaggare = (args.get("handlaggare") or "").strip()[:200] or None
        direction = args.get("direction") or None
        if direction and direction not in Direction.__members__:
            f.errors["direction"] = "Okänd riktning."
        else:
            f.direction = direction
        for key in ("deadline_from", "deadline_to"):
            value = args.get(key) or None
            if value:
                try:
                    setattr(f, key, parse_date(value))
                except ValueError as exc:
                    f.errors[key] = str(exc)
        if f.deadline_from and f.deadline_to and f.deadline_from > f.deadline_to:
            # no remiss can match: say so, and list as with any faulty part of the filter – without it, saying so
            # (walk27 Y6: "0 remisser" under the error read as a real result; the export and the API refuse it)
            f.errors["deadline_from"] = ("Datumet ligger efter Svarsdag till. Byt plats på datumen eller ändra "
                                         "något av dem.")
            f.deadline_from = f.deadline_to = None
            f.reversed = True
        f.text = (args.get("q") or "").strip()[:200] or None
        sort = args.get("sort") or ""
        f.sort = sort if sort in SORTS or sort == "relevance" else ""
        return f

    def as_args(self) -> dict:
        out = {"status": self.status, "namnd_id": self.namnd_id, "handlaggare_id": self.handlaggare_id,
               "mine_id": self.mine_id,
               "handlaggare": self.handlaggare, "direction": self.direction, "q": self.text, "sort": self.sort or None,
               "deadline_from": self.deadline_from.isoformat() if self.deadline_from else None,
               "deadline_to": self.deadline_to.isoformat() if self.deadline_to else None}
        return {k: v for k, v in out.items() if v not in (None, "")}

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" and not self.text:
            return "deadline"
        return self.sort or ("relevance" if self.text else "deadline")
