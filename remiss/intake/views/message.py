"""One Inkorg message's page: the proposal read from the mail, with the fields to check before Registrera,
the registered remiss it matches (or the answer it is to a remiss we sent) and the steps offered; and the download
of its files. The steps themselves (POST) are in remiss.intake.views.steps."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from flask import abort, current_app, render_template, request, send_file, url_for

from remiss import files
from remiss.auth.access import AccessDenied, Action, INBOX_WORDS
from remiss.calendar.swedish import format_date, format_date_time
from remiss.clock import local
from remiss.db import get_session
from remiss.intake import title_choices
from remiss.intake.arrival import arrival
from remiss.intake.service import batches, inbox as inbox_service, matching
from remiss.intake.models import InboxMessage
from remiss.intake.views import bp
from remiss.intake.views.match_card import extension_moot, item_warnings, not_later_than_in_force, our_dnr_prefill
from remiss.intake.views.inbox import STATUS_LABELS
from remiss.remisser import voided
from remiss.remisser.input import parse_date, parse_time
from remiss.remisser.models import Remiss
from remiss.web import principal, requires
from remiss.field_order import in_field_order

NO_EXTENSION_DAY = ("Ange den nya sista svarsdagen: brevet förlänger remisstiden, men datumet kunde inte läsas ur "
                    "det. Förlängningen registreras inte utan datum.")


@dataclass(frozen=True)
class FieldRow:
    label: str
    value: str  # display-ready: dates in Swedish, lists counted
    day: date | None
    evidence: str


# What the proposal page lets the registrator check and correct before Registrera; the rest is shown as read.
EDITABLE = ("title", "remittent", "sender_dnr", "received_on", "deadline_on", "deadline_time")
# the fields of Registrera and of För samman on the page (templates/intake/inbox_item.html), in its order: the
# order of their error summaries (remiss.web.forms)
REGISTER_FIELDS = ("namnd_id", *EDITABLE)
MERGE_FIELDS = ("our_dnr", "extend", "until_on", "until_time")
READ_ONLY = [("letter_date", "Missivets datum"), ("answer_email", "Svarsadress"), ("copy_emails", "Kopia till"),
             ("answer_address", "Svar till adress"), ("contact_person", "Kontaktperson"),
             ("contact_email", "Kontaktpersonens e-post"), ("sandlista", "Sändlista"),
             ("questions", "Frågeställningar")]
# a row only when the letter gives one (a contact's own address is written now and then). Svar till adress is shown
# always, "–" when none was read: what follows into the remiss, and so what was not read (walk25 Y16)
SHOWN_WHEN_READ = ("contact_email",)
NO_RECEIVED_ON = "Inkom saknas: meddelandet har inget datum. Fyll i den dag brevet kom in till er."
REQUIRED = {"title": "Ärendemening saknas. Skriv vad remissen gäller och tryck på Registrera igen.",
            "namnd_id": "Ansvarig nämnd saknas. Välj nämnd och tryck på Registrera igen.",
            "deadline_on": "Sista svarsdag saknas. Fyll i den, eller kryssa i att remissen inte har någon, och "
                           "tryck på Registrera igen."}
LABELS = {"title": "Ärendemening", "remittent": "Remittent", "sender_dnr": "Remittentens diarienummer",
          "received_on": "Inkom", "deadline_on": "Sista svarsdag", "deadline_time": "Klockslag",
          "namnd_id": "Ansvarig nämnd", "until_on": "Ny sista svarsdag", "until_time": "Klockslag",
          "our_dnr": "Vårt diarienummer", "answer_email": "Svarsadress", "letter_date": "Missivets datum",
          "contact_email": "Kontaktpersonens e-post", "copy_emails": "Kopia till", "sandlista": "Sändlista",
          "questions": "Frågeställningar"}


def _rows(message: InboxMessage) -> list[FieldRow]:
    values, evidence = json.loads(message.form_values), json.loads(message.evidence)
    rows = []
    for name, label in READ_ONLY:
        value = values.get(name) or ""
        if name in SHOWN_WHEN_READ and not value:
            continue
        if name in ("sandlista", "questions") and value:
            count = len(value.splitlines())
            value = f"{count} remissinstans" + ("er" if count != 1 else "") if name == "sandlista" else \
                f"{count} " + ("fråga" if count == 1 else "frågor") + ": " + "; ".join(value.splitlines())[:300]
        day = date.fromisoformat(value[:10]) if name == "letter_date" and value else None
        rows.append(FieldRow(label, format_date(day) if day else value, day, evidence.get(name, "")))
    return rows


def _deadline_words(form: dict) -> str:
    """The deadline as the page reads it, in Swedish ("15 maj 2024 kl. 12.00"); empty when it cannot be read."""
    try:
        day = parse_date(form.get("deadline_on") or "")
    except ValueError:
        return ""
    try:
        moment = parse_time(form["deadline_time"]) if form.get("deadline_time") else None
    except ValueError:
        moment = None
    return format_date(day) + (f" kl. {moment:%H.%M}" if moment else "")


def _namnd_choice(session, message: InboxMessage, match: Remiss | None = None) -> tuple[list, str, str]:
    """The nämnder this user may register for, the one preselected and the note saying which rule chose it: the
    nämnd the letter names (or Kommunstyrelsen for a letter to the kommun), the nämnd of the registered remiss the
    mail belongs to, the only one, then the one the user registered for last (walk12 finding 12)."""
    from remiss.intake.namnd_hint import preselect, propose_namnd
    from remiss.remisser.queries import last_namnd_of, namnder_for

    namnder = namnder_for(session, principal(), Action.create)
    values = json.loads(message.form_values)
    proposal = propose_namnd(values.get("missiv_text") or "", (values.get("sandlista") or "").splitlines(), namnder)
    ids = [nid for nid, _ in namnder]
    chosen = preselect(proposal, ids, match.namnd_id if match is not None else None,
                       (match.our_dnr or match.title) if match is not None else "")
    if chosen is not None:
        return namnder, str(chosen.namnd_id or ""), chosen.note
    if len(ids) == 1:
        return namnder, str(ids[0]), ""
    last = last_namnd_of(session, principal().user_id)
    if last in ids:
        return namnder, str(last), LAST_NAMND
    return namnder, "", NO_NAMND if ids else ""


LAST_NAMND = "Förvald: den nämnd du registrerade för senast – kontrollera."
NO_NAMND = ("Välj nämnd: missivet nämner ingen av dina nämnder, och du har inte registrerat någon remiss tidigare "
            "som nämnden kan hämtas från.")


def _message_or_404(message_id: int) -> InboxMessage:
    try:
        message = inbox_service.inbox_message(get_session(), principal=principal(), message_id=message_id)
    except AccessDenied:
        abort(403)
    if message is None:
        abort(404)
    return message

@bp.route("/inkorg/<int:message_id>")
@requires(Action.create, doing=INBOX_WORDS)
def inbox_item(message_id: int):
    return _item_page(_message_or_404(message_id))


def _item_page(message: InboxMessage, *, errors: dict | None = None, values: dict | None = None, status: int = 200,
               register_errors: dict | None = None, typed: dict | None = None, past_deadline: date | None = None,
               duplicates: list | None = None, letter_late: tuple | None = None, void_errors: dict | None = None,
               void_reason: str | None = None):
    """The proposal page; after a refused step, with what was typed and the error beside its field."""
    session = get_session()
    first = inbox_service.copy_of(session, message)  # the same mail come before: no proposal of its own (walk33 #1)
    copied = session.get(Remiss, first.remiss_id) if first is not None and first.remiss_id else None
    if copied is not None and not principal().may(Action.view, copied.namnd_id):
        copied = None
    match = inbox_service.existing_remiss(session, message) if message.status == "pending" and first is None \
        else None
    if match is not None and not principal().may(Action.view, match.namnd_id):
        match = None
    done = session.get(Remiss, message.remiss_id) if message.remiss_id else None
    stored = json.loads(message.form_values)
    namnder, chosen, namnd_note = _namnd_choice(session, message, match)
    form = {name: stored.get(name) or "" for name in EDITABLE}
    form["deadline_time"] = form["deadline_time"].replace(":", ".")  # read before walk29 A8 as "15:00": "15.00"
    came = arrival(message)  # a forward: the day the remittent's own mail was sent (walk12 finding 8)
    if message.sent_at is None and came.remittent_day is None:
        pass  # no date to propose: left to the person (walk12 item 5), not the day it was read in
    elif form["received_on"] in ("", came.mailbox_day.isoformat()):
        form["received_on"] = came.proposed.isoformat()
    form["namnd_id"] = chosen
    evidence = json.loads(message.evidence)
    picked = title_choices.chosen(stored, request.args.get("titel")) if typed is None else None
    if picked:  # "Andra förslag på ärendemening" without JavaScript: the title and its hint (walk26b X20)
        form["title"] = picked.title
        evidence.pop("title", None)
        evidence.update({"title": picked.source} if picked.source else {})
    offered = title_choices.choices(stored, lambda i: url_for(
        "intake.inbox_item", message_id=message.id, titel=i, _anchor="f-title")) \
        if message.status == "pending" else []
    form.update(typed or {})
    extension_values = dict(stored, extension_to=batches.extension_value(message.extension_to, message.extension_time))
    is_extension = matching.mentions_extension(extension_values, message.subject)
    not_later = not_later_than_in_force(match, message.extension_to, message.extension_time) if is_extension else ""
    moot = extension_moot(session, match) if is_extension else ""  # answered already: no förlängning (walk24 V17)
    warnings = json.loads(message.warnings)
    merge_values = {"until_on": message.extension_to.isoformat() if message.extension_to else "",
                    "until_time": f"{message.extension_time:%H.%M}" if message.extension_time else ""}
    our_dnr_hint = ""
    if is_extension and match is None and message.status == "pending" and values is None:  # not over what was typed
        merge_values["our_dnr"], our_dnr_hint = our_dnr_prefill(session, [message.subject,
                                                                          stored.get("missiv_text") or ""])
    merge_values.update(values or {})
    from remiss.outgoing.replies import find as find_reply  # walk12b #4: an answer to a remiss we sent
    reply = find_reply(session, message, current_app.config["FILES_DIR"]) if first is None else None
    waiting = inbox_service.waiting_original(session, message) if match is None and first is None else None
    early = _early_answer(message, reply)
    may_void = done is not None and message.status == "registered" and voided.may_void(principal(), done)
    if may_void and void_reason is None:
        void_reason = voided.suggested_reason(session, principal(), done)
    may_merge = match is not None and principal().may(Action.edit, match.namnd_id)
    supplement = match is not None and not is_extension and inbox_service.is_supplement(message)
    return render_template("intake/inbox_item.html", message=message, rows=_rows(message), match=match, done=done,
                           copy_first=first, copy_remiss=copied,
                           reply=reply, early=early, may_void=may_void, void_reason=void_reason or "",
                           void_errors=void_errors or {},
                           warnings=item_warnings(warnings, reply=reply is not None, not_later=bool(not_later),
                                                  extension_card=match is not None and is_extension
                                                  and message.status == "pending",
                                                  merge_card=match is not None and may_merge and not moot
                                                  and (is_extension or supplement) and message.status == "pending"),
                           files=json.loads(message.files), not_later=not_later, our_dnr_hint=our_dnr_hint,
                           may_merge=may_merge, register_other=_register_other(match, may_merge, waiting, reply, supplement),
                           supplement=supplement,
                           remiss_like=inbox_service.looks_like_remiss(message),
                           newsletter=inbox_service.is_newsletter(message),
                           not_remiss=inbox_service.not_remiss_reason(message),
                           match_note=inbox_service.match_note(message, match),
                           match_reason=matching.match_reason(json.loads(message.form_values or "{}"), match)
                           if match is not None else "",
                           waiting=waiting,
                           is_extension=is_extension, moot=moot,
                           evidence=evidence, title_choices=offered, form=form, namnder=namnder, namnd_note=namnd_note,
                           register_errors=in_field_order(register_errors or {}, REGISTER_FIELDS),
                           past_deadline=past_deadline, labels=LABELS,
                           letter_late=letter_late, received_note=came.note(message),
                           remittent_day=came.remittent_day,
                           duplicates=duplicates or [], deadline_words=_deadline_words(form),
                           status_labels=STATUS_LABELS, errors=in_field_order(errors or {}, MERGE_FIELDS),
                           values=merge_values,
                           not_saved=_not_saved(message, stored, typed, values)), status


def _not_saved(message: InboxMessage, stored: dict, typed: dict | None, values: dict | None) -> list[tuple[str, str]]:
    """What a refused step typed that the page can no longer show in its form (the message was handled meanwhile:
    remiss.stale_form), under the labels the form gave it; what was only read from the mail is left out."""
    if message.status == "pending":
        return []
    posted = {**(typed or {}), **(values or {})}
    return [(LABELS[name], str(value)) for name, value in posted.items()
            if name in LABELS and name != "namnd_id" and str(value).strip() and value != stored.get(name)]


@dataclass(frozen=True)
class EarlyAnswer:
    """An instans's answer dated before the remiss was sent to it: asked about before it is registered."""

    entry_id: int
    question: str


def _early_answer(message: InboxMessage, reply) -> EarlyAnswer | None:
    """The question for an answer dated before its utskick (walk12 item 3): for the instans the mail was matched to,
    or the one chosen when "Registrera som svar" was refused for that reason (?svar_fore_utskick=id)."""
    if reply is None:
        return None
    chosen = request.args.get("svar_fore_utskick", "")
    entry = reply.entry or next((e for e in reply.entries if str(e.id) == chosen), None)
    day = local(message.sent_at or message.fetched_at).date()
    if entry is None or entry.sent_at is None:
        return None
    sent = local(entry.sent_at)
    if day == sent.date() and message.sent_at is not None and local(message.sent_at) < sent:
        # the same day, but before the utskick left (walk27 Y7): the time says it
        dated, sent_words = format_date_time(message.sent_at), format_date_time(sent)
    elif day < sent.date():
        dated, sent_words = format_date(day), format_date(sent.date())
    else:
        return None
    return EarlyAnswer(entry.id, f"Meddelandet är daterat {dated}, före utskicket till {entry.name} "
                                 f"{sent_words}. Kontrollera datumet och att det är ett svar på den här "
                                 "remissen. Stämmer det, registrera svaret ändå; svarsdatumet kan rättas på "
                                 "instansens sida. Är det inget svar på remissen, registrera meddelandet som en ny "
                                 "remiss eller avvisa det nedan.")


def _register_other(match: Remiss | None, may_merge: bool, waiting: InboxMessage | None, reply,
                    supplement: bool = False) -> str:
    """The heading of "Registrera som ny remiss" folded away when the mail belongs elsewhere (walk12 finding 14):
    an extension notice or a second copy of a registered remiss, a notice whose remiss waits in the Inkorg, an
    instans's answer to a remiss we sent. Empty: registering is the page's own step."""
    if reply is not None:
        return "Inte ett svar? Registrera meddelandet som en ny remiss i stället"
    if match is not None and may_merge and supplement:
        return (f"Är det ingen komplettering av {match.our_dnr or match.title}? Registrera meddelandet som en ny "
                "remiss i stället")
    if match is not None and may_merge:
        return f"Hör meddelandet inte till {match.our_dnr or match.title}? Registrera det som en ny remiss i stället"
    if waiting is not None:
        return "Registrera meddelandet som en ny remiss ändå"
    return ""


@bp.route("/inkorg/<int:message_id>/filer/<int:number>")
@requires(Action.create, doing=INBOX_WORDS)
def inbox_file(message_id: int, number: int):
    items = json.loads(_message_or_404(message_id).files)
    if not 0 <= number < len(items):
        abort(404)
    item = items[number]
    return send_file(files.path_of(current_app.config["FILES_DIR"], item["key"]), mimetype=item["content_type"],
                     as_attachment=True, download_name=item["filename"])

