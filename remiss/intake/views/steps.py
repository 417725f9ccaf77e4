"""The steps on one Inkorg message: Registrera (in one step, or through the prefilled form), För samman with a
registered remiss (an extension notice extends it), Avvisa and Ångra avvisningen, and Makulera the remiss it was
registered as by mistake."""
from __future__ import annotations

import json

from flask import current_app, flash, redirect, request, url_for

from remiss import files, one_round, stale_form
from remiss.auth.access import AccessDenied, Action, NotFound, load_remiss, INBOX_WORDS
from remiss.calendar.swedish import format_deadline
from remiss.clock import local_today
from remiss.db import get_session
from remiss.intake.service import inbox as inbox_service
from remiss.intake.service.batches import handled_text
from remiss.intake.models import InboxMessage
from remiss.intake.views import NO_MERGE_DNR, bp, handled, nothing_named, parse_until, remiss_id_by_typed_dnr
from remiss.intake.views.match_card import extension_moot
from remiss.intake.views.message import (EDITABLE, LABELS, NO_EXTENSION_DAY, NO_RECEIVED_ON, REQUIRED, _item_page,
                                         _message_or_404)
from remiss.remisser import service as remisser, voided
from remiss.remisser.date_questions import passed_deadline
from remiss.remisser.input import (InputErrors, RemissData, deadline_required, letter_after_arrival,
                                   parse_remiss_input)
from remiss.remisser.kind_words import registered
from remiss.remisser.finished import RemissFinished
from remiss.remisser.models import Remiss
from remiss.remisser.status import TransitionError
from remiss.remisser.views import show as remiss_page
from remiss.web import now, principal, requires, say_here
from remiss.web.lost_input import form_labels


@bp.route("/inkorg/<int:message_id>/registrera", methods=["POST"])
@form_labels(LABELS)
@requires(Action.create, doing=INBOX_WORDS)
def inbox_accept(message_id: int):
    """Registrera: in one step with the fields checked on the proposal page, or (oppna=1, or from an older page
    without them) through the prefilled registration form."""
    message = _message_or_404(message_id)
    if "namnd_id" in request.form and request.form.get("oppna") != "1":
        return _register_now(message)
    typed = {name: request.form.get(name, "").strip()[:500] for name in (*EDITABLE, "namnd_id")}
    typed["no_deadline"] = "1" if request.form.get("no_deadline") else ""  # the form shows the tick too
    # handled meanwhile (merged, registered, dismissed): the proposal page says so with what was typed, 409
    refusal = inbox_service.take_message(get_session(), message, user_id=principal().user_id)
    if refusal:
        return _handled(message, refusal, "registered", "Meddelandet registrerades inte", typed)
    try:
        batch = inbox_service.accept(get_session(), now=now(), principal=principal(), message=message,
                                     files_dir=current_app.config["FILES_DIR"], typed=typed)
    except files.FileRejected as exc:
        get_session().rollback()
        say_here(str(exc), "error")
        return _item_page(message, typed=typed, status=400)
    return redirect(url_for("remisser.new", missiv=batch.token))


def _register_now(message: InboxMessage):
    session = get_session()
    typed = {name: request.form.get(name, "").strip() for name in (*EDITABLE, "namnd_id")}
    typed["no_deadline"] = "1" if request.form.get("no_deadline") else ""
    # the message's row first, as the registration form takes it: a second Registrera (a double-click, another
    # process, the form opened from this proposal) waits here, then is told what became of the message
    refusal = inbox_service.take_message(session, message, user_id=principal().user_id)
    if refusal:
        return _handled(message, refusal, "registered", "Meddelandet registrerades inte", typed)
    errors = {name: text for name, text in REQUIRED.items()
              if not typed.get(name) and not (name == "deadline_on" and typed["no_deadline"])}
    if not typed.get("received_on") and message.sent_at is None:  # never the day it was read in (walk12 item 5)
        errors["received_on"] = NO_RECEIVED_ON
    # a date and the tick together: asked which holds, as on Registrera remiss (the tick was silently dropped)
    errors.update({k: v for k, v in deadline_required(typed).items() if k not in errors})
    stored = json.loads(message.form_values)
    raw = {key: stored.get(key, "") for key in ("answer_email", "copy_emails", "answer_address", "contact_person",
                                                "contact_email",
                                                "sandlista", "questions", "letter_date", "missiv_text")}
    raw.update({k: v for k, v in typed.items() if k != "no_deadline"}, direction="inkommande", kind="remiss")
    clean, unread = parse_remiss_input(raw)
    # every error in one answer, as on Registrera remiss (walk27 Y12): a future Inkom beside the fields not read
    errors = one_round.collect(errors, _labelled(unread), lambda: _labelled(remisser.received_on_problem(
        one_round.readable(clean, unread).get("received_on"), now=now(), direction=clean["direction"])))
    if errors:
        return _item_page(message, register_errors=errors, typed=typed, status=400)
    data = RemissData(**clean)
    duplicates = [] if request.form.get("confirm_duplicate") else \
        inbox_service.register_duplicates(session, principal(), message, sender_dnr=data.sender_dnr, title=data.title)
    past = None if request.form.get("confirm_past_deadline") else \
        passed_deadline(data.deadline_on, data.deadline_time, now())  # the rule of Registrera remiss
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
        return _item_page(message, register_errors=_labelled(exc.errors), typed=typed, status=400)
    except (AccessDenied, files.FileRejected) as exc:
        session.rollback()
        return _item_page(message, register_errors={"namnd_id": str(exc) or "Du får inte registrera för den nämnden."},
                          typed=typed, status=400)
    flash(registered(remiss.kind, remiss.our_dnr), "success")  # "Ärendet är registrerat …" (walk18 F7)
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


def _labelled(errors: dict[str, str]) -> dict[str, str]:
    """The errors with their fields' labels: the proposal page's summary says them as written."""
    return {k: f"{LABELS.get(k, k)}: {v}" for k, v in errors.items()}


def _handled(message: InboxMessage, refusal: str, pressed: str, not_done: str, typed: dict | None = None):
    """A step on a message handled already: see remiss.intake.views.handled; by someone else, the message's page
    itself says so (409, with what was typed), not a flash and a redirect (remiss.stale_form)."""
    return handled(message, refusal, back=url_for("intake.inbox_item", message_id=message.id), pressed=pressed,
                   not_done=not_done, page=lambda: _item_page(message, typed=typed, status=stale_form.CONFLICT))


@bp.route("/inkorg/<int:message_id>/atervand", methods=["POST"])
@requires(Action.create, doing=INBOX_WORDS)
def inbox_undismiss(message_id: int):
    """Ångra avvisningen: the dismissed message is a proposal again."""
    message = _message_or_404(message_id)
    try:
        inbox_service.undismiss(get_session(), principal=principal(), message=message)
    except files.FileRejected:
        if message.status != "pending":  # registered or merged meanwhile: said in its page, 409 (stale_form)
            get_session().rollback()
            said = handled_text(get_session(), message, user_id=principal().user_id)
            say_here(f"Avvisningen ångrades inte: {said[0].lower()}{said[1:]}", "error")
            return _item_page(message, status=stale_form.CONFLICT)
        # a double-click: the first took it back (undismiss read it again)
        flash("Meddelandet ligger redan bland de som ska hanteras.", "info")
    else:
        flash("Avvisningen är ångrad; meddelandet ligger bland de som ska hanteras.", "success")
    return redirect(url_for("intake.inbox_item", message_id=message_id))


@bp.route("/inkorg/<int:message_id>/sammanfor", methods=["POST"])
@requires(Action.create, doing=INBOX_WORDS)
def inbox_merge(message_id: int):
    """Merge into the suggested remiss (remiss_id) or into the one whose diarienummer was typed (our_dnr)."""
    message = _message_or_404(message_id)
    session = get_session()
    # the message's row first, then the remiss's (take_remiss): a second click, or another person merging,
    # registering or dismissing it at once, waits here and is told what became of the message
    refusal = inbox_service.take_message(session, message, user_id=principal().user_id)
    if refusal:
        return _handled(message, refusal, "merged", "Meddelandet fördes inte samman")
    our_dnr = request.form.get("our_dnr", "").strip()
    typed = {"our_dnr": our_dnr, "until_on": request.form.get("until_on", ""),
             "until_time": request.form.get("until_time", "")}
    extend = request.form.get("extend") == "1"
    errors = {"our_dnr": NO_MERGE_DNR} if nothing_named(request.form) else {}
    try:
        until_on, until_time = parse_until(request.form)
    except InputErrors as exc:
        return _item_page(message, errors={**errors, **exc.errors}, values=typed, status=400)
    if extend and until_on is None and message.extension_to is None:
        errors["until_on"] = NO_EXTENSION_DAY
    if errors:
        return _item_page(message, errors=errors, values=typed, status=400)
    try:
        if our_dnr:
            found = remiss_id_by_typed_dnr(session, our_dnr)
            if found is None:
                raise NotFound(our_dnr)
        else:
            found = int(request.form.get("remiss_id", "0"))
        remiss = load_remiss(session, principal(), found, Action.edit)
        from remiss.outgoing.replies import refuse_merge  # walk12b #4: an answer is no remisshandling
        refuse_merge(remiss)
        merged = inbox_service.merge(session, now=now(), principal=principal(), message=message, remiss=remiss,
                                     extend=extend, files_dir=current_app.config["FILES_DIR"],
                                     max_bytes=current_app.config["UPLOAD_MAX_BYTES"], until_on=until_on,
                                     until_time=until_time)
    except InputErrors as exc:  # before ValueError, its base: the extension's date refused, at the field
        session.rollback()
        return _item_page(message, errors={"until_on" if extend else "our_dnr": " ".join(exc.errors.values())
                                           or "Förlängningen kunde inte registreras."},
                          values=typed, status=400)
    except RemissFinished as exc:  # a ValueError: the true reason, never "finns inte" (walk24 V17)
        session.rollback()
        finished = session.get(Remiss, exc.remiss_id)
        error = extension_moot(session, finished) if extend else str(exc)
        return _item_page(message, errors={"our_dnr": error}, values=typed, status=400)
    except (ValueError, NotFound, AccessDenied):
        session.rollback()
        error = f"Ingen remiss med diarienummer {our_dnr} som du får ändra." if our_dnr else \
            "Remissen finns inte eller du får inte ändra den."
        return _item_page(message, errors={"our_dnr": error}, values=typed, status=400)
    except files.FileRejected as exc:  # a file refused: said in the message's page, what was typed kept
        session.rollback()
        say_here(str(exc), "error")
        return _item_page(message, values=typed, status=400)
    flash(merged_words(remiss, extended=extend) + filled_words(merged.filled), "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


def filled_words(filled: list[str], *, source: str = "meddelandet") -> str:
    """" Tomma fält ifyllda från meddelandet: Remittentens diarienummer och Svar till e-post." or "" (walk32 #6);
    source: "brevet" for a letter pasted on Registrera från missivet, whose flash says "Brevet är sammanfört …"."""
    if not filled:
        return ""
    names = filled[0] if len(filled) == 1 else ", ".join(filled[:-1]) + " och " + filled[-1]
    return f" {'Ett tomt fält ifyllt' if len(filled) == 1 else 'Tomma fält ifyllda'} från {source}: {names}."


def merged_words(remiss: Remiss, *, extended: bool, what: str = "Meddelandet") -> str:
    """The flash of a merge: with the förlängning recorded, its new last day first (walk22 L11: "Klart: Meddelandet
    är sammanfört med …" did not name the förlängning the button registered). what: "Brevet" for a pasted letter's
    card on the registration form (words23 #4), which said only "… och förlängningen är registrerad."."""
    where = remiss.our_dnr or remiss.title
    if not extended:
        return f"{what} är sammanfört med {where}."
    until = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)
    return f"Förlängningen till {until} är registrerad på {where}, och {what.lower()} är sammanfört med den."


@bp.route("/inkorg/<int:message_id>/avvisa", methods=["POST"])
@requires(Action.create, doing=INBOX_WORDS)
def inbox_dismiss(message_id: int):
    message = _message_or_404(message_id)
    refusal = inbox_service.take_message(get_session(), message, user_id=principal().user_id)
    mine = message.status == "dismissed" and message.decided_by_id == principal().user_id  # a second click
    if refusal and not mine:  # registered, merged or dismissed by another meanwhile: not dismissed over it
        return _handled(message, refusal, "dismissed", "Meddelandet avvisades inte")
    try:
        if not mine:
            inbox_service.dismiss(get_session(), now=now(), principal=principal(), message=message)
    except files.FileRejected as exc:
        get_session().rollback()
        say_here(str(exc), "error")
        return _item_page(message, status=stale_form.CONFLICT)
    flash("Meddelandet är avvisat och ligger kvar bland de hanterade.", "success")
    return redirect(url_for("intake.inbox"))


@bp.route("/inkorg/<int:message_id>/makulera", methods=["POST"])
@requires(Action.create, doing=INBOX_WORDS)
def inbox_void(message_id: int):
    """Registrerad av misstag: makulera the remiss the message was registered as (walk12 item 4)."""
    message = _message_or_404(message_id)
    session = get_session()
    remiss = session.get(Remiss, message.remiss_id) if message.status == "registered" and message.remiss_id else None
    if remiss is None:
        flash("Meddelandet är inte registrerat som en remiss, så det finns inget att makulera.", "error")
        return redirect(url_for("intake.inbox_item", message_id=message_id))
    reason = request.form.get("reason", "").strip()
    try:
        voided.makulera(session, now=now(), principal=principal(), remiss=remiss, reason=reason)
    except InputErrors as exc:
        session.rollback()
        return _item_page(message, void_errors=exc.errors, void_reason=reason, status=400)
    except (AccessDenied, TransitionError) as exc:
        session.rollback()
        return _item_page(message, void_errors={"reason": str(exc)}, void_reason=reason, status=400)
    except voided.AlreadyVoided as exc:  # a double-click: the first made it
        # this answer is the remiss page itself, saying so: the browser shows it, and a redirect's message went by
        # the cookie session, where the first answer's raced it (walk21b K4, as remisser.views.void)
        session.rollback()
        say_here(str(exc), "info")  # in this page only: a flash would ride the cookie too (remiss.stale_form)
        return remiss_page(remiss.id), stale_form.twice_status(exc.by_other)  # 409 when another makulerade it
    flash(f"{remiss.our_dnr or remiss.title} är makulerad: den finns kvar med sin historik men visas inte i "
          "listorna, och inga påminnelser skickas.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


@bp.get("/inkorg/<int:message_id>/<any(registrera, sammanfor, avvisa, atervand, makulera, svar):step>")
def inbox_step_page(message_id: int, step: str):
    """The address a refused step leaves in the address bar (Registrera without a nämnd: /inkorg/1/registrera),
    opened again: the message's page, where the form is, not "Metoden är inte tillåten här" (walk25 Y13)."""
    return redirect(url_for("intake.inbox_item", message_id=message_id))
