"""What the card beside a read letter says, on the paste step and in the Inkorg: the deadline in force that the
letter's new day does not pass, why a förlängning of the matched remiss is not needed, the diarienummer of ours the
no-match card prefills, and which of the parser's warnings show beside the card."""
from __future__ import annotations

import re
from datetime import date

from flask import current_app

from remiss.auth.access import Action
from remiss.calendar.swedish import format_deadline
from remiss.intake.service import batches, matching, our_dnr
from remiss.remisser.models import Remiss
from remiss.web import principal


def not_later_than_in_force(match: Remiss | None, day: date | None, clock) -> str:
    """The deadline in force, as the match card names it, when a letter's new day (and clock time) does not go past
    it; else "". The paste card and the Inkorg's say so instead of offering an extension that would be refused
    after the click (walk10 finding 5); the rule is the extension's own (not_beyond_in_force)."""
    from remiss.planning.service.extensions import not_beyond_in_force

    if match is None or day is None or not_beyond_in_force(match, day, clock) is None:
        return ""
    in_force_day, at = match.effective_deadline_on, match.effective_deadline_time
    return format_deadline(in_force_day, at) + ("" if at is not None else " (hela dagen)")


# a finished remiss other than besvarad, in "KS 2026/0001 är …: förlängningen behövs inte"
CLOSED_STATES = {"avstar": "är avslutad (nämnden avstår från att svara)", "aterkallad": "är återkallad",
                 "makulerad": "är makulerad"}


def extension_moot(session, match: Remiss | None) -> str:
    """Why a förlängning of the matched remiss is not needed: it is besvarad (when, and how) or otherwise finished;
    "" while it is open. The Inkorg says so and offers the steps that work, instead of a "Förläng" refused after
    the click (walk24 V17)."""
    from remiss.calendar.swedish import format_weekday_date
    from remiss.clock import local
    from remiss.remisser.finished import is_finished
    from remiss.remisser.present import answered_by_hand
    from remiss.remisser.status import RemissStatus

    if match is None or not is_finished(match):
        return ""
    name = match.our_dnr or match.title
    if match.status == RemissStatus.besvarad:
        how = "status ändrad till Besvarad för hand" if answered_by_hand(session, match) else "yttrandet expedierat"
        when = f" {format_weekday_date(local(match.answered_at).date())}" if match.answered_at else ""
        state = f"är redan besvarad ({how}{when})"
    else:
        state = CLOSED_STATES.get(str(getattr(match.status, "value", match.status)), "är avslutad")
    return (f"{name} {state}: förlängningen behövs inte. För samman meddelandet med remissen som handling, eller "
            "avvisa det.")


def our_dnr_prefill(session, texts: list[str]) -> tuple[str, str]:
    """What the no-match card of an extension notice prefills as "Vårt diarienummer" (a number in our own format
    that the letter quotes, remiss.intake.service.our_dnr) and the hint saying where it came from; ("", "")."""
    found = our_dnr.candidate(session, texts, dnr_format=current_app.config["DNR_FORMAT"],
                              default_prefix=current_app.config["DNR_DEFAULT_PREFIX"])
    if not found:
        return "", ""
    remiss_id = matching.remiss_id_by_our_dnr(session, found)
    remiss = session.get(Remiss, remiss_id) if remiss_id else None
    if remiss is not None and principal().may(Action.edit, remiss.namnd_id):
        return found, f"Läst ur brevet: {found}, {remiss.title}. Kontrollera att det är rätt remiss."
    return found, "Läst ur brevet, men ingen remiss som du får ändra har det numret. Kontrollera numret."


# The parser's warnings about a missiv's own fields: meaningless on an instans's answer to a remiss we sent.
_MISSIV_FIELD = re.compile(r"remittent|svarsfrist|svarstiden|ärendemening|diarienummer|sändlist|kontaktperson|"
                           r"remissinstans|årtal|sista svarsdag|frågeställning", re.IGNORECASE)


def item_warnings(warnings: list[str], *, reply: bool, extension_card: bool, not_later: bool,
                  merge_card: bool = False) -> list[str]:
    """Return the Inkorg item's warnings as the page shows them (walk14 #6, #7): none about missiv fields on an
    answer to our utgående remiss; no "finns remissen redan ska den förlängas" beside the card that offers it; none
    about a new remiss's fields beside a card that merges the mail into a registered one (walk25 Y8)."""
    if merge_card:  # the card asks for no remittent, title or sändlista: no "fyll i remittenten"
        warnings = [w for w in warnings if not _NEW_REMISS_FIELD.search(w)]
    if reply:
        return [w for w in warnings if not _MISSIV_FIELD.search(w)]
    if not_later:
        return without_extends_warning(warnings)
    if extension_card:
        return [w.replace(batches.EXTEND_INSTEAD, ".") for w in warnings]
    return warnings


# What the parser says about a new remiss's fields, which a card merging a mail into a registered remiss does not
# show: "Ingen remittent hittades.", "… fyll i remittenten.", "Inget diarienummer från remittenten hittades."
_NEW_REMISS_FIELD = re.compile(r"remittent|ärendemening|sändlist|kontaktperson|remissinstans|frågeställning",
                               re.IGNORECASE)


def without_extends_warning(warnings: list[str]) -> list[str]:
    """Return the warnings without the parser's "Brevet förlänger svarstiden (till …)": a not-later card says
    otherwise."""
    return [w for w in warnings if not w.startswith("Brevet förlänger svarstiden (till")]
