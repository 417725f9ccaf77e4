"""Tell the body a unit or a hosted body stands for: a region's or kommun's own board, a body another hosts."""
from __future__ import annotations

import re

from remiss.missiv.bodies import Body, BodyMention, hosted_by

# A board, office or committee of a body: "Regionstyrelsen", "Hälso- och sjukvårdsförvaltningen".
_UNIT = re.compile(r"(?:nämnden|styrelsen|förvaltningen|kontoret|kansliet|fullmäktige)\Z", re.IGNORECASE)


def region_of_unit(value: str, mentions: list[BodyMention], by_mail: Body | None) -> Body | None:
    """Return the region a region's own board or office stands for ("Regionstyrelsen remitterar underlaget till
    samtliga nämnder inom Region Gotland", "… till Hälso- och sjukvårdsförvaltningen" with registrator.hsf@sll.se).

    The answer address's region, else the one region the text names. A kommun's nämnd is left as it is: within
    one's own kommun a nämnd is the remittent (Kulturnämnden, Kommunstyrelsen), and the parser cannot tell whose.
    """
    if not _UNIT.search(value):
        return None
    if by_mail is not None:
        return by_mail if by_mail.kind == "region" else None
    regions = {m.body for m in mentions if m.body.kind == "region"}
    if len(regions) == 1 and not any(m.body.kind == "kommun" for m in mentions):
        return regions.pop()
    return None


# "Kulturnämnden remitterar förslaget … till stadsområdesnämnderna i Malmö stad", "i samverkan med stadens övriga
# nämnder", "alla stadens förvaltningar", "inom den egna nämndens ansvarsområde", a sändlista headed "Malmö stads
# nämnder": a remiss within one kommun, to its own nämnder.
_OWN_NAMNDER = re.compile(
    r"\b(?:stadens|kommunens|[A-ZÅÄÖ][\wåäö]+[ \t]+(?:stads|kommuns))[ \t]+(?:övriga[ \t]+|egna[ \t]+)?"
    r"(?:nämnder|förvaltningar)\b|\bden[ \t]+egna[ \t]+nämnden|"
    r"nämnder\w*[ \t]+(?:i|inom)[ \t]+(?:staden|kommunen|[A-ZÅÄÖ][\wåäö]+[ \t]+(?:stad|kommun))\b")


def kommun_of_unit(text: str, value: str, mentions: list[BodyMention], by_mail: Body | None) -> Body | None:
    """Return the kommun a bare "Kommunstyrelsen" or "Kulturnämnden" belongs to: the answer address's kommun, else the
    one kommun the letter names (its letterhead, signature). Alone the name reads as the reader's own nämnd; a remiss
    sent to the nämnder of that same kommun is an internal one, where the nämnd's name alone is right."""
    if not _UNIT.search(value):
        return None
    kommuner = {m.body for m in mentions if m.body.kind == "kommun"}
    if by_mail is not None:
        kommun = by_mail if by_mail.kind == "kommun" else None
    else:
        kommun = kommuner.pop() if len(kommuner) == 1 else None
    return None if kommun is None or _OWN_NAMNDER.search(text) else kommun


def hosted(text: str, host: Body, mentions: list[BodyMention],
            by_mail: Body | None) -> tuple[Body, tuple[int, int] | None] | None:
    """Return the one body `host` hosts that the letter is from, with the span that names it, or None.

    "Vattenmyndigheten Bottenhavet, Länsstyrelsen Västernorrland", an answer address of the vattenmyndighet, or a
    hosted body named at least as often as its host: the hosted body is the remittent. A regionalt cancercentrum
    named once in passing in a region's own remiss is not.
    """
    guests = set(hosted_by(host))
    if not guests:
        return None
    named = [m for m in mentions if m.body in guests]
    if by_mail in guests:
        first = next((m for m in named if m.body == by_mail), None)
        return by_mail, (first.start, first.end) if first else None
    if len({m.body for m in named}) > 1:
        return None
    hosts = [m for m in mentions if m.body == host]
    for guest in named:
        for m in hosts:
            if _beside(text, (guest.start, guest.end), (m.start, m.end)):
                return guest.body, (guest.start, guest.end)
    if named and len(named) >= max(2, len(hosts)):
        return named[0].body, (named[0].start, named[0].end)
    if not named:
        # "Vänersborgs tingsrätt\nMark- och miljödomstolen", "Länsstyrelsen Västernorrland, Vattenmyndigheten": the
        # hosted body by its kind alone, beside its host's name (the host hosts one body of that kind).
        for guest in guests:
            head = _guest_head(guest)
            found = [g for g in guests if _guest_head(g).casefold() == head.casefold()]
            if len(found) != 1:
                continue
            pattern = re.compile(r"(?<![\wåäö])" + r"\s+".join(map(re.escape, head.split())) + r"(?![\wåäö])",
                                 re.IGNORECASE)
            for m in hosts:
                for h in pattern.finditer(text, max(0, m.start - 120), m.end + 120):
                    if _beside(text, h.span(), (m.start, m.end), 40):
                        return guest, (m.start, m.end)
    return None


def guest_beside_host(text: str, mentions: list[BodyMention]) -> BodyMention | None:
    """Return the one hosted body named beside its host ("Regionalt cancercentrum väst, Västra Götalandsregionen")."""
    pairs = {g.body: g for g in mentions for h in mentions
             if g.body.host and h.body.name == g.body.host and _beside(text, (g.start, g.end), (h.start, h.end))}
    return next(iter(pairs.values())) if len(pairs) == 1 else None


def _beside(text: str, a: tuple[int, int], b: tuple[int, int], most: int = 80) -> bool:
    """Return whether two names stand together: in the same block, no sentence between them."""
    gap = text[min(a[1], b[1]):max(a[0], b[0])]
    return len(gap) <= most and "\n\n" not in gap and not re.search(r"[.;:]\s", gap)


def _guest_head(body: Body) -> str:
    """Return a hosted body's name by its kind alone: 'Mark- och miljödomstolen', 'Vattenmyndigheten'."""
    if " vid " in body.name:
        return body.name.split(" vid ")[0]
    return " ".join(body.name.split()[:2 if body.name.startswith("Regional") else 1])
