"""The Inkorg's pages: the list of mails fetched from the registrator's mailbox, one proposal page per mail, and
its steps (register in one step or through the form, merge into a registered remiss, dismiss, undismiss); the
count beside the menu's Inkorg and the line on Att göra."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for

from remiss import files
from remiss.auth.access import AccessDenied, Action, NotFound, load_remiss
from remiss.calendar.swedish import format_date
from remiss.clock import local_today
from remiss.db import get_session
from remiss.intake.arrival import arrival, remittent_of
from remiss.intake.service import batches, inbox as inbox_service
from remiss.intake.models import InboxMessage
from remiss.intake.views import (bp, not_later_than_in_force, our_dnr_prefill, parse_until, remiss_id_by_typed_dnr,
                                 without_extends_warning)
from remiss.remisser.input import (InputErrors, deadline_required, letter_after_arrival, parse_date, parse_time,
                                   to_remiss_data)
from remiss.remisser.models import Remiss
from remiss.web import now, principal, requires
from remiss.web.lost_input import form_labels

STATUS_LABELS = {"pending": "Att hantera", "registered": "Registrerad", "merged": "Sammanförd", "dismissed": "Avvisad"}


@dataclass(frozen=True)
class InboxSection:
    """On Att göra: how many mails wait in the Inkorg."""

    count: int
    template: str = "intake/_start.html"


def start_section(session, principal, now) -> InboxSection | None:
    """Att göra's line about the Inkorg, for those who register; None when nothing waits."""
    if principal.user_id is None or not principal.may(Action.create):
        return None
    count = inbox_service.pending_count(session)
    return InboxSection(count) if count else None


def menu_count(session, principal) -> int:
    """The number shown beside Inkorg in the menu."""
    return inbox_service.pending_count(session) if principal.may(Action.create) else 0


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
READ_ONLY = [("letter_date", "Missivets datum"), ("answer_email", "Svarsadress"), ("copy_emails", "Kopia till"),
             ("answer_address", "Svar till adress"), ("contact_person", "Kontaktperson"), ("sandlista", "Sändlista"),
             ("questions", "Frågeställningar")]
SHOWN_WHEN_READ = ("answer_address",)  # a row only when the letter gives one (most answer by e-post only)
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
    from remiss.intake.namnd_hint import propose_namnd
    from remiss.remisser.queries import last_namnd_of, namnder_for

    namnder = namnder_for(session, principal(), Action.create)
    values = json.loads(message.form_values)
    proposal = propose_namnd(values.get("missiv_text") or "", (values.get("sandlista") or "").splitlines(), namnder)
    ids = [nid for nid, _ in namnder]
    belongs = match is not None and match.namnd_id in ids and len(ids) > 1
    if proposal is not None and proposal.namnd_id is not None and not (proposal.to_kommun and belongs):
        return namnder, str(proposal.namnd_id), proposal.note  # a letter to the kommun: its remiss's nämnd first
    if proposal is not None and proposal.namnd_id is None:  # two of ours named: none preselected, not even the last one (walk8 finding 10)
        return namnder, str(ids[0]) if len(ids) == 1 else "", proposal.note
    if len(ids) == 1:
        return namnder, str(ids[0]), ""
    if belongs:
        return namnder, str(match.namnd_id), MATCH_NAMND.format(dnr=match.our_dnr or match.title)
    last = last_namnd_of(session, principal().user_id)
    if last in ids:
        return namnder, str(last), LAST_NAMND
    return namnder, "", NO_NAMND if ids else ""


LAST_NAMND = "Förvald: den nämnd du registrerade för senast – kontrollera."
MATCH_NAMND = "Förvald: samma nämnd som {dnr}, den remiss meddelandet hör till – kontrollera."
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


@bp.route("/inkorg")
@requires(Action.create)
def inbox():
    handled = request.args.get("visa") == "hanterade"
    statuses = ("registered", "merged", "dismissed") if handled else ("pending",)
    session = get_session()
    messages = [m for status in statuses for m in inbox_service.inbox(session, principal=principal(), status=status)]
    titles = {m.id: json.loads(m.form_values).get("title") or "" for m in messages}
    remiss_like = {m.id: inbox_service.looks_like_remiss(m) for m in messages}
    newsletters = {m.id for m in messages if inbox_service.is_newsletter(m)}
    reasons = {m.id: inbox_service.not_remiss_reason(m) for m in messages}  # an automatic reply, a newsletter
    reminders = {m.id for m in messages if inbox_service.mail_kind(m) == "påminnelse"}
    existing, may_merge, extension, not_later, notes, waiting = {}, {}, {}, {}, {}, {}
    for m in messages if not handled else ():
        found = inbox_service.existing_remiss(session, m)
        if found is None and (original := inbox_service.waiting_original(session, m)) is not None:
            waiting[m.id] = original  # an extension notice whose remiss waits in the Inkorg too
        if found is not None and principal().may(Action.view, found.namnd_id):
            existing[m.id] = found
            notes[m.id] = inbox_service.match_note(m, found)
            may_merge[m.id] = principal().may(Action.edit, found.namnd_id)
            extension[m.id] = batches.mentions_extension(
                dict(json.loads(m.form_values),
                     extension_to=batches.extension_value(m.extension_to, m.extension_time)),
                m.subject)
            not_later[m.id] = not_later_than_in_force(found, m.extension_to, m.extension_time)
    done = {}  # handled: the remiss each mail was registered as or merged into, if the user may see it
    for m in messages if handled else ():
        remiss = session.get(Remiss, m.remiss_id) if m.remiss_id else None
        if remiss is not None and principal().may(Action.view, remiss.namnd_id):
            done[m.id] = remiss
    came = {m.id: arrival(m) for m in messages}
    senders = {m.id: remittent_of(m) for m in messages}
    # oldest Inkom first: a queue is worked from the mail that has waited longest (walk12 finding 16); the handled,
    # newest decided first. What looks like a remiss first; mail that does not, last.
    if handled:
        messages.sort(key=lambda m: (m.decided_at or m.fetched_at, m.id), reverse=True)
    else:
        messages.sort(key=lambda m: (not (remiss_like[m.id] or m.id in existing), came[m.id].proposed,
                                     m.sent_at or m.fetched_at, m.id))
    return render_template("intake/inbox.html", messages=messages, titles=titles, handled=handled,
                           remiss_like=remiss_like, newsletters=newsletters, existing=existing, may_merge=may_merge,
                           extension=extension, not_later=not_later, reasons=reasons, notes=notes, waiting=waiting,
                           reminders=reminders, done=done, came=came, senders=senders,
                           configured=bool(current_app.config.get("IMAP_URL")), status_labels=STATUS_LABELS)


@bp.route("/inkorg/<int:message_id>")
@requires(Action.create)
def inbox_item(message_id: int):
    return _item_page(_message_or_404(message_id))


def _item_page(message: InboxMessage, *, errors: dict | None = None, values: dict | None = None, status: int = 200,
               register_errors: dict | None = None, typed: dict | None = None, past_deadline: date | None = None,
               duplicates: list | None = None, letter_late: tuple | None = None):
    """The proposal page; after a refused step, with what was typed and the error beside its field."""
    session = get_session()
    match = inbox_service.existing_remiss(session, message) if message.status == "pending" else None
    if match is not None and not principal().may(Action.view, match.namnd_id):
        match = None
    done = session.get(Remiss, message.remiss_id) if message.remiss_id else None
    stored = json.loads(message.form_values)
    namnder, chosen, namnd_note = _namnd_choice(session, message, match)
    form = {name: stored.get(name) or "" for name in EDITABLE}
    came = arrival(message)  # a forward: the day the remittent's own mail was sent (walk12 finding 8)
    if form["received_on"] in ("", came.mailbox_day.isoformat()):
        form["received_on"] = came.proposed.isoformat()
    form["namnd_id"] = chosen
    form.update(typed or {})
    extension_values = dict(stored, extension_to=batches.extension_value(message.extension_to, message.extension_time))
    is_extension = batches.mentions_extension(extension_values, message.subject)
    not_later = not_later_than_in_force(match, message.extension_to, message.extension_time) if is_extension else ""
    warnings = json.loads(message.warnings)
    merge_values = {"until_on": message.extension_to.isoformat() if message.extension_to else "",
                    "until_time": f"{message.extension_time:%H.%M}" if message.extension_time else ""}
    our_dnr_hint = ""
    if is_extension and match is None and message.status == "pending" and values is None:  # not over what was typed
        merge_values["our_dnr"], our_dnr_hint = our_dnr_prefill(session, [message.subject,
                                                                          stored.get("missiv_text") or ""])
    merge_values.update(values or {})
    return render_template("intake/inbox_item.html", message=message, rows=_rows(message), match=match, done=done,
                           warnings=without_extends_warning(warnings) if not_later else warnings,
                           files=json.loads(message.files), not_later=not_later, our_dnr_hint=our_dnr_hint,
                           may_merge=match is not None and principal().may(Action.edit, match.namnd_id),
                           remiss_like=inbox_service.looks_like_remiss(message),
                           newsletter=inbox_service.is_newsletter(message),
                           not_remiss=inbox_service.not_remiss_reason(message),
                           match_note=inbox_service.match_note(message, match),
                           waiting=inbox_service.waiting_original(session, message) if match is None else None,
                           is_extension=is_extension,
                           evidence=json.loads(message.evidence), form=form, namnder=namnder, namnd_note=namnd_note,
                           register_errors=register_errors or {}, past_deadline=past_deadline, labels=LABELS,
                           letter_late=letter_late, received_note=came.note(message),
                           remittent_day=came.remittent_day,
                           duplicates=duplicates or [], deadline_words=_deadline_words(form),
                           status_labels=STATUS_LABELS, errors=errors or {}, values=merge_values), status


@bp.route("/inkorg/<int:message_id>/filer/<int:number>")
@requires(Action.create)
def inbox_file(message_id: int, number: int):
    items = json.loads(_message_or_404(message_id).files)
    if not 0 <= number < len(items):
        abort(404)
    item = items[number]
    return send_file(files.path_of(current_app.config["FILES_DIR"], item["key"]), mimetype=item["content_type"],
                     as_attachment=True, download_name=item["filename"])


@bp.route("/inkorg/<int:message_id>/registrera", methods=["POST"])
@form_labels(LABELS)
@requires(Action.create)
def inbox_accept(message_id: int):
    """Registrera: in one step with the fields checked on the proposal page, or (oppna=1, or from an older page
    without them) through the prefilled registration form."""
    message = _message_or_404(message_id)
    if "namnd_id" in request.form and request.form.get("oppna") != "1":
        return _register_now(message)
    typed = {name: request.form.get(name, "").strip()[:500] for name in (*EDITABLE, "namnd_id")}
    typed["no_deadline"] = "1" if request.form.get("no_deadline") else ""  # the form shows the tick too
    try:
        batch = inbox_service.accept(get_session(), now=now(), principal=principal(), message=message,
                                     files_dir=current_app.config["FILES_DIR"], typed=typed)
    except files.FileRejected as exc:
        flash(str(exc), "error")
        return redirect(url_for("intake.inbox_item", message_id=message_id))
    return redirect(url_for("remisser.new", missiv=batch.token))


def _register_now(message: InboxMessage):
    session = get_session()
    typed = {name: request.form.get(name, "").strip() for name in (*EDITABLE, "namnd_id")}
    typed["no_deadline"] = "1" if request.form.get("no_deadline") else ""
    if message.status != "pending":
        flash("Meddelandet är redan hanterat.", "error")
        return redirect(url_for("intake.inbox_item", message_id=message.id))
    errors = {name: text for name, text in REQUIRED.items()
              if not typed.get(name) and not (name == "deadline_on" and typed["no_deadline"])}
    # a date and the tick together: asked which holds, as on Registrera remiss (the tick was silently dropped)
    errors.update({k: v for k, v in deadline_required(typed).items() if k not in errors})
    stored = json.loads(message.form_values)
    raw = {key: stored.get(key, "") for key in ("answer_email", "copy_emails", "answer_address", "contact_person",
                                                "contact_email",
                                                "sandlista", "questions", "letter_date", "missiv_text")}
    raw.update({k: v for k, v in typed.items() if k != "no_deadline"}, direction="inkommande", kind="remiss")
    data = None
    try:
        data = to_remiss_data(raw)
    except InputErrors as exc:
        errors.update({k: f"{LABELS.get(k, k)}: {v}" for k, v in exc.errors.items() if k not in errors})
    if errors:
        return _item_page(message, register_errors=errors, typed=typed, status=400)
    duplicates = [] if request.form.get("confirm_duplicate") else \
        inbox_service.register_duplicates(session, principal(), message, sender_dnr=data.sender_dnr, title=data.title)
    past = None if request.form.get("confirm_past_deadline") else \
        (data.deadline_on if data.deadline_on and data.deadline_on < local_today(now()) else None)
    letter_late = None if request.form.get("confirm_letter_date") else \
        letter_after_arrival(data.letter_date, data.received_on, local_today(now()))
    if duplicates or past or letter_late:
        return _item_page(message, typed=typed, past_deadline=past, duplicates=duplicates, letter_late=letter_late,
                          status=400)
    try:
        remiss = inbox_service.register(session, now=now(), principal=principal(), message=message, data=data,
                                        files_dir=current_app.config["FILES_DIR"],
                                        max_bytes=current_app.config["UPLOAD_MAX_BYTES"],
                                        dnr_format=current_app.config["DNR_FORMAT"],
                                        default_prefix=current_app.config["DNR_DEFAULT_PREFIX"])
    except InputErrors as exc:
        session.rollback()
        return _item_page(message, register_errors={k: f"{LABELS.get(k, k)}: {v}" for k, v in exc.errors.items()},
                          typed=typed, status=400)
    except (AccessDenied, files.FileRejected) as exc:
        session.rollback()
        return _item_page(message, register_errors={"namnd_id": str(exc) or "Du får inte registrera för den nämnden."},
                          typed=typed, status=400)
    flash(f"Remissen är registrerad med diarienummer {remiss.our_dnr}.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


@bp.route("/inkorg/<int:message_id>/atervand", methods=["POST"])
@requires(Action.create)
def inbox_undismiss(message_id: int):
    """Ångra avvisningen: the dismissed message is a proposal again."""
    message = _message_or_404(message_id)
    try:
        inbox_service.undismiss(get_session(), principal=principal(), message=message)
    except files.FileRejected as exc:
        flash(str(exc), "error")
    else:
        flash("Avvisningen är ångrad; meddelandet ligger bland de som ska hanteras.", "success")
    return redirect(url_for("intake.inbox_item", message_id=message_id))


@bp.route("/inkorg/<int:message_id>/sammanfor", methods=["POST"])
@requires(Action.create)
def inbox_merge(message_id: int):
    """Merge into the suggested remiss (remiss_id) or into the one whose diarienummer was typed (our_dnr)."""
    message = _message_or_404(message_id)
    session = get_session()
    our_dnr = request.form.get("our_dnr", "").strip()
    typed = {"our_dnr": our_dnr, "until_on": request.form.get("until_on", ""),
             "until_time": request.form.get("until_time", "")}
    extend = request.form.get("extend") == "1"
    try:
        until_on, until_time = parse_until(request.form)
    except InputErrors as exc:
        return _item_page(message, errors=exc.errors, values=typed, status=400)
    if extend and until_on is None and message.extension_to is None:
        return _item_page(message, errors={"until_on": NO_EXTENSION_DAY}, values=typed, status=400)
    try:
        if our_dnr:
            found = remiss_id_by_typed_dnr(session, our_dnr)
            if found is None:
                raise NotFound(our_dnr)
        else:
            found = int(request.form.get("remiss_id", "0"))
        remiss = load_remiss(session, principal(), found, Action.edit)
        inbox_service.merge(session, now=now(), principal=principal(), message=message, remiss=remiss,
                            extend=extend, files_dir=current_app.config["FILES_DIR"],
                            max_bytes=current_app.config["UPLOAD_MAX_BYTES"], until_on=until_on, until_time=until_time)
    except InputErrors as exc:  # before ValueError, its base: the extension's date refused, at the field
        session.rollback()
        return _item_page(message, errors={"until_on" if extend else "our_dnr": " ".join(exc.errors.values())
                                           or "Förlängningen kunde inte registreras."},
                          values=typed, status=400)
    except (ValueError, NotFound, AccessDenied):
        session.rollback()
        error = f"Ingen remiss med diarienummer {our_dnr} som du får ändra." if our_dnr else \
            "Remissen finns inte eller du får inte ändra den."
        return _item_page(message, errors={"our_dnr": error}, values=typed, status=400)
    except files.FileRejected as exc:
        session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("intake.inbox_item", message_id=message_id))
    flash(f"Meddelandet är sammanfört med {remiss.our_dnr or remiss.title}.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


@bp.route("/inkorg/<int:message_id>/avvisa", methods=["POST"])
@requires(Action.create)
def inbox_dismiss(message_id: int):
    message = _message_or_404(message_id)
    try:
        inbox_service.dismiss(get_session(), now=now(), principal=principal(), message=message)
    except files.FileRejected as exc:
        flash(str(exc), "error")
    else:
        flash("Meddelandet är avvisat och ligger kvar bland de hanterade.", "success")
    return redirect(url_for("intake.inbox"))
