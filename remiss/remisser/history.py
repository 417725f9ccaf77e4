"""Turn audit events into display rows for the remiss page."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import bindparam, select
from sqlmodel import Session

from remiss.auth.models import User
from remiss.calendar.milestones import HISTORY_KEYS as MILESTONE_HISTORY_KEYS
from remiss.calendar.planner import LABELS as MILESTONE_LABELS
from remiss.calendar.swedish import count_words, format_date, format_date_time
from remiss.drafting.generate import KIND_NAMES
from remiss.files import human_size
from remiss.drafting.models import DecidedBy, DraftState
from remiss.namnd.models import Namnd
from remiss.planning.service.extensions import DECISIONS
from remiss.planning.service.milestones import expedited_now
from remiss.reminders.models import OutboxStatus
from remiss.remisser.input import FORM_LABELS
from remiss.remisser.models import AnswerStatus, Direction, RemissKind
from remiss.remisser.status import NOT_SENT_LABEL, RemissStatus

# Each tidplan step by its history key: its kind, or the key of a label of its own ("Beslut (inget sammanträde)",
# recorded under its own key, calendar.milestones.history_key)
_STEP_LABELS = {**MILESTONE_LABELS, **{key: label for label, key in MILESTONE_HISTORY_KEYS.items()}}
# The registered fields under the labels of the registration form, where the history has its own few words
FIELD_LABELS = {
    **FORM_LABELS, "contact_person": "Kontaktperson", "namnd_id": "Nämnd", "status": "Status", "filename": "Fil",
    "size": "Storlek", "from_mail": "Avsändare",
    "effective_deadline": "Gällande svarsdag", "answer_instructions": "Anvisningar för svaret",
    "rattelse": "Rättelse nr",  # of the expedierat yttrande (drafting.rattelse.start_rattelse)
    # extensions (remiss.planning.service.extensions, outgoing.service.remisstid.general_extension)
    "requested_until": "Begärd till", "decision": "Besked", "granted_until": "Beviljad till",
    # the yttrande (drafting.versions, drafting.states, drafting.generate, drafting.mailing)
    "version": "Version", "state": "Yttrandets status", "party": "Samråd med", "till": "Till", "kopia": "Kopia",
    # the beslut (drafting.decision)
    "decided_by": "Beslutad av", "meeting_on": "Beslutsdatum", "paragraf": "Paragraf", "justering": "Justering",
    "justerad_on": "Justerad",
    # an instans on an outgoing remiss (outgoing.service.answers, outgoing.service.addresses)
    "answer_status": "Svar", "answered_on": "Svarade", "no_comments": "Inga synpunkter",
    "summary": "Sammanfattning", "other_comments": "Övriga synpunkter", "extended_until_on": "Anstånd till",
    "extended_until_time": "Anstånd till klockslag", "email": "E-post", "postal_address": "Postadress",
    "published_files": "Publicerade filer",  # outgoing.service.publication
    "sent_to": "Utskick till",  # outgoing.service.sending: put in the Utkorg or to print, not yet e-mailed (h-out23)
    "compiled_answers": "Sammanställda svar", "compiled_declined": "Avstår",  # outgoing.service.compiled
    "chasers_kept": "Påminns enligt sitt anstånd", "chasers_stopped": "Påminnelser stoppade trots anstånd",
    # the tidplan (remiss.planning.service.tidplan): a milestone's date, set by hand, or done
    **_STEP_LABELS,
    **{f"override:{kind}": f"{label} (satt för hand)" for kind, label in _STEP_LABELS.items()},
    **{f"done:{kind}": f"{label} (klar)" for kind, label in _STEP_LABELS.items()},
    # called off when the remiss closed without an answer (planning.service.milestones.complete)
    **{f"utgar:{kind}": label for kind, label in _STEP_LABELS.items()},
}
# The term differs where we are the remittent: an outgoing remiss was upprättad, not received.
OUTGOING_FIELD_LABELS = {**FIELD_LABELS, "received_on": "Upprättad"}
# (entity, action) as audit.record writes them for a remiss; every pair the code writes has words
# (tests/remisser/test_history_words.py reads the code to check).
ACTION_LABELS = {
    ("remiss", "create"): "Registrerad", ("remiss", "update"): "Ändrad", ("remiss", "status"): "Status ändrad",
    ("remiss", "deadline"): "Svarsdag ändrad", ("remiss", "milestone"): "Tidplan",
    # the missiv put in the Utkorg, letters to print (h-out23 M9a); the queued missiv made anew (M5)
    ("remiss", "send"): "Utskick", ("remiss", "requeue_missiv"): "Missivet i utkorgen gjordes om",
    ("remiss", "hold_missiv"): "Missivet i utkorgen hålls kvar",  # it could not be made anew (h-queue24)
    ("remiss", "publish"): "Publicerad på den öppna sidan",
    ("remiss", "unpublish"): "Borttagen från den öppna sidan", ("remiss", "yttrande_mail"): "Yttrandet lagt i utkorgen",
    ("attachment", "upload"): "Fil uppladdad", ("attachment", "missiv"): "Missiv skapat",
    # a file that came with a mail in the Inkorg, registered or merged by the one named after it (walk25 Y14)
    ("attachment", "from_mail"): "Fil från e-post i Inkorgen, registrerad",
    # … and one too large to keep: the Inkorg's warning, kept with the remiss (walk32 finding 7)
    ("remiss", "file_left_out"): "Fil i e-posten inte sparad – för stor",
    ("attachment", "sammanstallning"): "Svaren sammanställda",
    ("extension", "extension"): "Förlängning", ("extension", "general_extension"): "Allmän förlängning",
    ("milestone", "milestone"): "Tidplan",
    ("yttrande_draft", "save"): "Yttrandet sparat", ("yttrande_draft", "state"): "Yttrandets status ändrad",
    ("yttrande_draft", "rattelse"): "Rättelse",  # of an expedierat yttrande (drafting.rattelse.start_rattelse)
    ("consultation", "create"): "Samråd tillagt", ("consultation", "delete"): "Samråd borttaget",
    ("decision", "decision"): "Beslut", ("decision", "justering"): "Justering",
    ("generated_document", "generate"): "Dokument skapat",
    ("sandlista_entry", "answer"): "Svar registrerat",
    ("sandlista_entry", "answer_supplement"): "Komplettering av svar registrerad",
    ("sandlista_entry", "decline"): "Avstår",
    ("sandlista_entry", "reopen"): "Svar öppnat igen", ("sandlista_entry", "extension_request"): "Anstånd begärt",
    ("sandlista_entry", "extension_granted"): "Anstånd beviljat", ("sandlista_entry", "address"): "Adress rättad",
    # the changed frågeställningar, in the missiv as it now reads, sent to one instans (outgoing.service.amendments)
    ("sandlista_entry", "send_amendment"): "Ändring skickad till remissinstansen",
    ("outbox_message", "resend"): "E-post skickas igen",
    # a besked om anstånd or notice of förlängd remisstid stopped in the Utkorg when the case was closed, and put
    # back there when it was opened again (outgoing.service.closing)
    ("outbox_message", "notices_stopped"): "Stoppat i utkorgen",
    ("outbox_message", "notices_requeued"): "Lagt i utkorgen igen",
    # … and one made outdated, while unsent, by a later anstånd or förlängning or the instans's answer
    # (outgoing.service.outdated; walk30 finding 1: the history showed the key "notices_superseded")
    ("outbox_message", "notices_superseded"): "Ersatt i utkorgen",
    # … or made unneeded by the instans's answer or avstår: nothing replaced it (walk31 #8)
    ("outbox_message", "notices_not_needed"): "Stoppat i utkorgen – behövs inte",
    # not audit events: the moment the sweep sent the expedierat yttrande's mail, from its outbox row
    # (drafting.mail_state.history_of; the expediering's own line says it was put in the Utkorg, walk22 L7)
    ("outbox_message", "yttrande_sent"): "Yttrandet e-postat", ("outbox_message", "rattelse_sent"): "Rättelsen e-postad",
    # not audit events either: the moments the sweep e-mailed a mail to an instans or gave up on it
    # (outgoing.held.history_of)
    ("outbox_message", "missiv_sent"): "Missivet e-postat",
    ("outbox_message", "missiv_failed"): "Missivet kunde inte e-postas",
    # … and every other mail to an instans (walk24 V15)
    ("outbox_message", "amendment_sent"): "Det ändrade missivet e-postat",
    ("outbox_message", "amendment_failed"): "Det ändrade missivet kunde inte e-postas",
    ("outbox_message", "extension_sent"): "Meddelandet om förlängd remisstid e-postat",
    ("outbox_message", "extension_failed"): "Meddelandet om förlängd remisstid kunde inte e-postas",
    ("outbox_message", "anstand_sent"): "Beskedet om anstånd e-postat",
    ("outbox_message", "anstand_failed"): "Beskedet om anstånd kunde inte e-postas",
    ("remiss", "arkiv"): "Expedierat yttrande arkiverat",  # by kind at render time: old events too
    ("remiss", "makulera"): "Makulerad – registrerad av misstag",  # remiss.remisser.voided
}
# Older events, and any whose entity is not listed: the action alone.
_BY_ACTION = {"upload": "Fil uppladdad", "draft": "Yttrande", "document": "Dokument", "mail": "E-post",
              **{action: label for (_, action), label in ACTION_LABELS.items()},
              "create": "Registrerad", "update": "Ändrad"}
# Fields whose meaning depends on what changed: (entity, field) → (label, words for the value).
ENTITY_FIELDS = {("outbox_message", "status"): ("E-postens status", lambda v: _label(OutboxStatus, v)),
                 # a generated document's kind is the document (yttrande, tjänsteskrivelse), not the ärendetyp
                 ("generated_document", "kind"): ("Dokument", lambda v: _show("kind", v, {}))}
# Values stored as codes, in words.
_VALUE_WORDS = {
    "status": lambda v: _label(RemissStatus, v), "direction": lambda v: _label(Direction, v),
    "state": lambda v: _label(DraftState, v), "decided_by": lambda v: _label(DecidedBy, v),
    "answer_status": lambda v: _label(AnswerStatus, v), "decision": lambda v: DECISIONS.get(v, v),
}
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# registrations noted "1 frågeställningar" before the note was written with ngettext (remisser.service)
_OLD_SINGULAR = re.compile(r"(?<!\d)(1) frågeställningar(,)")


# the yttrande_mail event of an expediering without an answer address (drafting.mailing.enqueue_yttrande): it names
# no "till", and its note says "Yttrandet e-postades inte: … saknar svarsadress." (walk21 J8). What the user did is
# the subject, never the mail that did not go ("Yttrandet inte e-postat av Sara Sekreterare", walk25b Z5).
NOT_MAILED = "Yttrandet expedierat utan e-post (ingen svarsadress)"


def _mail_label(mail_labels: dict | None, event, changes: dict) -> str:
    if (getattr(event, "entity", None), event.action) != ("remiss", "yttrande_mail"):
        return ""
    if "till" not in changes:
        return NOT_MAILED
    return (mail_labels or {}).get(event.at, "")


# The status the history tells at each step of an expedierat yttrande, on both paths alike (walk25b Z3, Z5): at the
# expediering "Beslutad → Expedierad, inte skickad" (stored: besvarad when the mail is queued, beslutad without a
# svarsadress), and "Expedierad, inte skickad → Besvarad" when it leaves (the sweep's e-mail; the sending
# registered, drafting.sent_by_hand, whose note begins SENT_BY_HAND_NOTE).
_BESLUTAD, _BESVARAD = RemissStatus.beslutad.label, RemissStatus.besvarad.label
SENT_BY_HAND_NOTE = "Yttrandet skickat "


def _told_status(e, changes: dict, shown: list) -> list:
    """shown, with the status line of an expediering and of its sending as the history tells them."""
    entity, note = getattr(e, "entity", None), e.note or ""
    if (entity, e.action) == ("remiss", "yttrande_mail") and "till" not in changes:  # NOT_MAILED: stays beslutad
        return [*shown, ("Status", _BESLUTAD, NOT_SENT_LABEL)]
    if e.action == "yttrande_sent":  # the sweep e-mailed it (drafting.mail_state.history_of)
        return [*shown, ("Status", NOT_SENT_LABEL, _BESVARAD)]
    if "status" not in changes or changes["status"][1] != RemissStatus.besvarad.value:
        return shown
    if expedited_now(note):
        return [(label, old, NOT_SENT_LABEL if label == "Status" else new) for label, old, new in shown]
    if note.startswith(SENT_BY_HAND_NOTE) and changes["status"][0] == RemissStatus.beslutad.value:
        return [(label, NOT_SENT_LABEL if label == "Status" else old, new) for label, old, new in shown]
    return shown


def action_label(entity: str | None, action: str) -> str:
    return ACTION_LABELS.get((entity, action)) or _BY_ACTION.get(action, action)


@dataclass(frozen=True)
class HistoryRow:
    at: str
    at_iso: str
    who: str
    action: str
    changes: list[tuple[str, str, str]]
    note: str


def _show(field: str, value, names: dict[str, dict]) -> str:
    """A changed value as a registrator would write it in the diarium."""
    if field.startswith("done:"):  # a milestone marked done (a moment or True) or not (None): "nej → ja", "ja → nej"
        return "ja" if value else "nej"
    if field.startswith("utgar:"):  # "planerad → utgår": the remiss closed (avstår, återkallad) before the work
        return "utgår" if value else "planerad"
    if value in (None, "", []):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if field in _VALUE_WORDS:
        return _VALUE_WORDS[field](value)
    if field == "kind":
        return KIND_NAMES.get(value) or _label(RemissKind, value)
    if field == "published_files" and isinstance(value, list):
        return count_words(len(value), "fil", "filer")
    if field == "justering" and isinstance(value, str):  # "justerad 2026-12-03"
        return _ISO_DATE.sub(lambda m: format_date(date.fromisoformat(m.group())), value)
    if field in ("handlaggare_id", "namnd_id"):
        return names[field].get(value, "okänd" if field == "namnd_id" else f"användare {value}")
    if field == "size" and isinstance(value, int):  # as Handlingar says it (walk24 V4)
        return human_size(value)
    if isinstance(value, list):
        if len(value) == 2 and all(isinstance(v, str) or v is None for v in value) and _is_date(value[0]):
            return " ".join(_moment(v) for v in value if v)  # a deadline: [date, time]
        return "; ".join(_moment(v) if isinstance(v, str) else str(v) for v in value)
    return _moment(value) if isinstance(value, str) else str(value)


def _label(enum, value) -> str:
    try:
        return enum(value).label
    except ValueError:
        return str(value)


def _is_date(text) -> bool:
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return True


def _moment(text: str) -> str:
    """An ISO date, time or moment in Swedish ("31 mars 2010", "kl. 12.00"); other text as it is."""
    for parse, show in ((date.fromisoformat, format_date), (_clock, lambda t: f"kl. {t:%H.%M}"),
                        (datetime.fromisoformat, format_date_time)):
        try:
            return show(parse(text))
        except ValueError:
            continue
    return text


def _clock(text: str) -> time:
    if len(text) not in (5, 8) or text[2] != ":":
        raise ValueError(text)
    return time.fromisoformat(text)


_U = User.__table__.c
_N = Namnd.__table__.c
_USER_NAMES = select(_U.id, _U.name).where(_U.id.in_(bindparam("ids", expanding=True)))
_NAMND_NAMES = select(_N.id, _N.name).where(_N.id.in_(bindparam("ids", expanding=True)))


def _change(labels: dict, entity: str | None, field: str, old, new, names: dict) -> tuple[str, str, str]:
    if (entity, field) in ENTITY_FIELDS:
        label, words = ENTITY_FIELDS[entity, field]
        return label, *(words(v) if v not in (None, "") else "–" for v in (old, new))
    return labels.get(field, field), _show(field, old, names), _show(field, new, names)


def describe(session: Session, events: list, *, outgoing: bool = False,
             mail_labels: dict[datetime, str] | None = None) -> list[HistoryRow]:
    """Display rows for events as audit.history_rows reads them (with the actor's user_name); outgoing: the
    remiss is one we sent, with its own terms; mail_labels: the yttrande mail's words by the moment it was queued,
    as its outbox row stands now (drafting.mail_state: "väntar i utkorgen" until it is sent, walk18 F2)."""
    labels = OUTGOING_FIELD_LABELS if outgoing else FIELD_LABELS
    parsed = [(e, json.loads(e.changes or "{}")) for e in events]
    users = {e.user_id: e.user_name for e in events if e.user_id and e.user_name is not None}
    named = {field: {v for _, changes in parsed for v in changes.get(field, ()) if isinstance(v, int)}
             for field in ("handlaggare_id", "namnd_id")}
    if named["handlaggare_id"] - users.keys():  # handläggare named in changes who did nothing themselves
        users.update(session.connection().execute(_USER_NAMES, {"ids": sorted(named["handlaggare_id"])}).all())
    namnder = dict(session.connection().execute(_NAMND_NAMES, {"ids": sorted(named["namnd_id"])}).all()) \
        if named["namnd_id"] else {}
    names = {"handlaggare_id": users, "namnd_id": namnder}
    rows = []
    for e, changes in parsed:
        note = _OLD_SINGULAR.sub(r"\1 frågeställning\2", e.note or "")  # written before walk11 finding 17
        entity = getattr(e, "entity", None)
        shown = _told_status(e, changes, [_change(labels, entity, k, old, new, names)
                                          for k, (old, new) in changes.items()])
        rows.append(HistoryRow(
            at=format_date_time(e.at), at_iso=e.at.isoformat(), who=users.get(e.user_id, "Systemet"),
            action=_mail_label(mail_labels, e, changes) or action_label(entity, e.action),
            changes=[change for change in shown if change[1] != change[2]], note=note))
    return rows
