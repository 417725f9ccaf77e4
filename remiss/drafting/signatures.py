"""The names under the yttrande: warn before expediering when they are missing, and let them be filled in on the
godkänd (and decided) yttrande without reopening its text (walk16 finding 12: it went out with empty lines).

The Underskrifter form carries the names it showed (`base_signatures`, a stale form's base: remiss.stale_form): one
opened before another tab or user changed the names is refused, naming who changed them, when and the names now,
with the names typed kept (base23: it replaced them silently). The base fingerprints each name apart, so a name the
stale form sent back as it showed it (this tab did not change it) comes back holding the name registered now, and
saving again changes only what this tab changed (walk24 V1: the old name, sent again, undid the other tab's).
A post without a base is never stale."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from sqlmodel import Session, select

from remiss import stale_form
from remiss.auth.access import Principal, require_act
from remiss.calendar.swedish import join_words, lower_first
from remiss.drafting import content as sections
from remiss.drafting.context import signers
from remiss.drafting.drafts import S, DraftError, current_content, decision_of, require_open
from remiss.drafting.models import Decision, DecidedBy, DraftVersion, YttrandeDraft
from remiss.drafting.versions import add_version
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Remiss

FIELDS = ("ordforande", "forvaltningschef")
COMMENT = "Underskrifter ifyllda"  # the version fill saves: names only, not a text anyone approved
BASE = stale_form.SIGNATURES  # the form's hidden field: token() of the names it showed


def _roles(content: dict) -> dict[str, str]:
    """Each field's signer as the yttrande names it ("ordförande", "förvaltningschef" or the titel given)."""
    titel = (content.get("forvaltningschef_titel") or "förvaltningschef").strip()
    return {"ordforande": "ordförande", "forvaltningschef": titel[:1].lower() + titel[1:]}


def missing(content: dict, decision: Decision | None) -> list[str]:
    """The signers whose name is empty, as the yttrande names them ("ordförande", "förvaltningschef"); none for a
    delegationsbeslut, which the delegat signs (context._signatures)."""
    if decision is not None and decision.decided_by == DecidedBy.delegat:
        return []
    roles = _roles(content)
    return [roles[key] for key in FIELDS if not (content.get(key) or "").strip()]


def warning(names: list[str]) -> str:
    """'Underskrifterna saknar namn: ordförande och förvaltningschef …' or ''."""
    if not names:
        return ""
    which = " och ".join(names)
    return (f"Underskrifterna saknar namn: {which} står utan namn i yttrandet. Fyll i "
            f"{'namnet' if len(names) == 1 else 'namnen'} under Underskrifter i panelen Yttrande innan du expedierar, "
            "annars skickas yttrandet med tomma underskriftsrader.")


def signed_by(content: dict, decision: Decision | None, what: str = "Yttrandet") -> str:
    """'Yttrandet undertecknas av Anna Ek (ordförande) och Bo Berg (förvaltningschef).': the names the document
    prints (context.signers), shown before expediering – they may have come from the nämnd's previous yttrande
    (prefill.signatures_used_before) without anyone typing them (walk20 H9); "" when it names nobody."""
    named = _named(content, decision)
    return f"{what} undertecknas av {join_words(named)}." if named else ""


def _named(content: dict, decision: Decision | None) -> list[str]:
    """'Anna Ek (ordförande)': the signers the document prints with a name."""
    return [f"{s['namn'].strip()} ({lower_first(s['roll'])})" for s in signers(content, decision)
            if (s["namn"] or "").strip()]


def _fingerprint(name: str) -> str:
    return hashlib.sha256(name.strip().encode()).hexdigest()[:8]


def token(content: dict) -> str:
    """The names under the yttrande as the Underskrifter form shows them, each fingerprinted apart ("1a2b3c4d.…", in
    the order of FIELDS): any change makes it differ, and untouched() tells which names a form left as it showed."""
    return ".".join(_fingerprint(content.get(key) or "") for key in FIELDS)


def untouched(raw: dict, base: str | None) -> list[str]:
    """The fields a form opened on base sent back as it showed them: names this tab did not change (none for a base
    of another shape, such as a page from before the names were fingerprinted apart)."""
    shown = (base or "").split(".")
    if len(shown) != len(FIELDS):
        return []
    return [key for key, was in zip(FIELDS, shown) if _fingerprint(raw.get(key) or "") == was]


def taken_over(content: dict, raw: dict, base: str | None) -> dict:
    """A stale form's names this tab did not change, with the names registered now where those differ: shown so in
    the form that comes back, saving again changes only what this tab changed (walk24 V1)."""
    return {key: content.get(key) or "" for key in untouched(raw, base)
            if (content.get(key) or "").strip() != (raw.get(key) or "").strip()}


def shown_again(session: Session, remiss: Remiss, raw: dict, base: str | None) -> dict:
    """What the Underskrifter form comes back with after a stale refusal, beside what was typed: the base of the
    names now (saving again is knowing) and the names this tab did not change as they are now (taken_over)."""
    _, _, content = current_content(session, remiss)
    return {BASE: token(content)} | taken_over(content, raw, base)


def _last_changed(session: Session, draft: YttrandeDraft) -> DraftVersion | None:
    """The newest version whose names differ from the version before it (the first, when none do)."""
    versions = session.exec(select(DraftVersion).where(DraftVersion.draft_id == draft.id)
                            .order_by(DraftVersion.number.desc()).limit(200)).all()
    names = [token(json.loads(v.content)) for v in versions]
    return next((v for v, mine, before in zip(versions, names, names[1:]) if mine != before),
                versions[-1] if versions else None)


def stale_refusal(session: Session, remiss: Remiss, draft: YttrandeDraft, content: dict, base: str | None,
                  raw: dict | None = None) -> str:
    """'Underskrifterna ändrades av … efter att du öppnade sidan. Nu undertecknas yttrandet av …': the refusal of a
    form opened on base before the names changed to content's ("" when it is not stale); it says which names of raw,
    those this tab did not change, come back as they are now (taken_over)."""
    if not stale_form.stale(base, token(content)):
        return ""
    version = _last_changed(session, draft)
    by = stale_form.changed_by(session, version.author_id, version.created_at) if version else ""
    decision = decision_of(session, remiss.id, draft.rattelse)
    what = "rättelsen" if draft.rattelse else "yttrandet"
    named, unnamed = _named(content, decision), missing(content, decision)
    now = f"Nu undertecknas {what} av {join_words(named)}." if named else ""
    if unnamed:
        blank = f"{join_words(unnamed)} står utan namn."
        now += f" {blank[:1].upper()}{blank[1:]}" if named else f"Nu står {blank}"
    taken = taken_over(content, raw or {}, base)
    if not taken:
        return (f"Underskrifterna ändrades{by}, efter att du öppnade sidan. {now.strip()} Det du skrev står kvar "
                "nedan: spara igen för att ändra underskrifterna till det.")
    roles = _roles(content)
    which = join_words([roles[key] for key in taken])
    names = ", ".join(name.strip() or "inget namn" for name in taken.values())
    return (f"Underskrifterna ändrades{by}, efter att du öppnade sidan. {now.strip()} Det du ändrade står "
            f"kvar nedan, och {which}, som du inte ändrade, har {'namnet' if len(taken) == 1 else 'namnen'} som "
            f"gäller nu ({names}): spara igen för att ändra bara det du ändrade.")


def fill(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, raw: dict,
         base: str | None = None) -> DraftVersion | None:
    """Save the signers' names on the godkänd yttrande as a new version: the text the beslut covers is unchanged;
    None when nothing changed. Refused from a form opened on base before the names changed (stale_refusal)."""
    require_act(principal, "signatures", remiss.namnd_id)
    draft, _, content = current_content(session, remiss)
    require_open(remiss, draft)
    if draft is not None and draft.state == S.expedierad:  # a tab opened before expediering (walk21 J12)
        raise DraftError(_already_sent(session, remiss, draft, content, raw))
    if draft is None or draft.state != S.godkand:
        raise DraftError("Underskrifterna fylls i här på ett godkänt yttrande; ett utkast ändras under Redigera "
                         "yttrandet.")
    if stale_form.stale(base, token(content)) and len(untouched(raw, base)) == len(FIELDS):
        return None  # opened before the names changed, and none changed here: nothing of this tab's to save
    stale = stale_refusal(session, remiss, draft, content, base, raw)
    errors = {BASE: stale} if stale else {}
    try:
        new = sections.validate({key: raw.get(key, "") for key in FIELDS}, content)
    except InputErrors as exc:  # stale too? Say both
        raise InputErrors(errors | exc.errors) from exc
    if all(not (new.get(key) or "").strip() for key in FIELDS):
        errors["ordforande"] = "Skriv minst ett namn."
    if errors:
        raise InputErrors(errors)
    if new == content:
        return None
    return add_version(session, now=now, principal=principal, remiss=remiss, draft=draft, content=new,
                        comment=COMMENT)


def _already_sent(session: Session, remiss: Remiss, draft, content: dict, raw: dict) -> str:
    """'Yttrandet är redan expedierat, så underskrifterna kan inte ändras längre. Det expedierade yttrandet
    undertecknas av …. Dina namn sparades inte: …' – what was sent and what was typed, not a word about an utkast."""
    what, sent = ("Rättelsen", "expedierad") if draft.rattelse else ("Yttrandet", "expedierat")
    printed = signed_by(content, decision_of(session, remiss.id, draft.rattelse),
                        "Den expedierade rättelsen" if draft.rattelse else "Det expedierade yttrandet")
    typed = [name.strip() for name in (raw.get(key) or "" for key in FIELDS) if name.strip()]
    kept = f" Dina namn sparades inte: {join_words(typed)}." if typed else ""
    return f"{what} är redan {sent}, så underskrifterna kan inte ändras längre.{' ' + printed if printed else ''}{kept}"
