"""The start page of one who only reads (a läsare, often a chef): what goes on in their nämnder said as states, never as
steps they cannot take (walk26 W7): "SOFÖ 2026/0001 … behöver förlängd remisstid till minst …", not "Begär förlängd
remisstid …". The texts are the Tidplan's; only their advice is turned into a state."""
from __future__ import annotations

from dataclasses import replace

from remiss.auth.access import Action, Principal
from remiss.calendar.missed import NONE_IN_TIME, WHAT_TO_DO
from remiss.planning.pending_extension import ASK

NEEDS = "behöver förlängd remisstid"  # said after the ärende's link; kind_words.reword makes it "svarstid" where due


def is_onlooker(principal: Principal) -> bool:
    """Whether the principal may change nothing in any nämnd (a läsare): the start page reports, it does not ask."""
    return not principal.may(Action.edit)


def _needs(advice: str) -> str:
    """"Begär förlängd remisstid till minst X, så att …" → "behöver förlängd remisstid till minst X, så att …"; the
    other ways out the advice offers ("eller meddela remittenten …", "hos remittenten") are the handläggare's."""
    rest = advice[len(ASK):]
    for cut in (" eller ", " hos remittenten"):
        rest = rest.split(cut)[0]
    return NEEDS + rest.rstrip(".") + "."


def needing_state(item: dict) -> str:
    """What follows the ärende's link in "Förlängning behövs" for an onlooker: a state, from the item's texts."""
    late, asked = item.get("late", ""), item.get("asked", "")
    behind = f"sista svarsdag {item['deadline']} hinns inte med i sammanträdesplanen."
    if asked:  # requested and waiting: already a state (pending_extension.instead_of_asking)
        return f": {late or behind + ' ' + asked}"
    if late:
        at = late.find(ASK)
        if at < 0:
            return f": {late}"
        before = late[:at].strip()
        return f" {_needs(late[at:])}" + (f" {before}" if before else "")
    if item.get("suggested"):
        return f" {NEEDS} till minst {item['suggested']}: {behind}"
    return f" {NEEDS}: {behind}"


def row_state(row):
    """A start-page row (present.DueRow) without the ways out of a missed sammanträde, which are the handläggare's
    and registrator's to take ("– begär förlängd remisstid, ta upp ärendet …")."""
    reason = row.flag_reason
    for advice in (WHAT_TO_DO, NONE_IN_TIME):
        reason = reason.replace(f" – {advice}", "").replace(f" - {advice}", "")
    return replace(row, flag_reason=reason) if reason != row.flag_reason else row
