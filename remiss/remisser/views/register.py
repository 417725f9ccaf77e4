"""Registrera remiss: the form, with the missiv step and its prefill from remiss.intake (app.extensions), the
questions asked before registering (a possible duplicate, a past deadline, Inkom after it, a missiv dated after
Inkom) and the files."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for

from remiss import files, one_round, stale_form
from remiss.auth.access import Action
from remiss.clock import local_today
from remiss.db import get_session
from remiss.documents import held_uploads
from remiss.remisser import attachments, queries, sent_once, service
from remiss.remisser.date_questions import passed_deadline, received_after_deadline
from remiss.remisser.kind_words import counted, noun_of, registered
from remiss.remisser.models import Remiss
from remiss.remisser.input import (FORM_LABELS, InputErrors, RemissData, deadline_required, letter_after_arrival,
                                   parse_remiss_input)
from remiss.remisser.views import bp, namnder_for
from remiss.remisser.views.handlaggare import field_context, typed_handlaggare
from remiss.web import now, principal, requires
from remiss.field_order import in_field_order
from remiss.web.lost_input import form_labels


SCOPE = "register-new"  # the held files' token belongs to this form
# the error of a form opened from an Inkorg message that was registered, merged or avvisat meanwhile: a stale form,
# answered 409 (remiss.stale_form)
HANDLED = "intake"
MISSIV_GONE = "Det inlästa missivet finns inte längre (det sparas i 24 timmar). Läs in det igen."


@bp.route("/remisser/ny", methods=["GET", "POST"])
@form_labels(FORM_LABELS)
@requires(Action.create)
def new():
    intake = current_app.extensions["remiss_intake"]  # the missiv step (remiss.intake)
    values, errors, duplicates, past_deadline, already = dict(request.form), {}, [], None, []
    received_late = letter_late = None
    past_at = ""  # the clock time of a past deadline, said with its day
    namnd_hint = ""
    namnder = namnder_for(Action.create)
    held = []  # files chosen before the form came back, kept on the server (walk16 #13)
    if request.method == "POST":
        held = held_uploads.from_form(current_app.config["SECRET_KEY"], request.form, user_id=principal().user_id,
                                      scope=SCOPE)
        values = {k: v for k, v in values.items() if k not in (held_uploads.TOKEN_FIELD, held_uploads.KEEP_FIELD)}
    if request.method == "GET":
        values, namnd_hint, already = _opened(intake, namnder)
        if request.args.get("missiv") and not values.get("intake_token"):  # gone, or never this user's
            flash(MISSIV_GONE, "warning")
    else:
        done = _sent_before(values.get(sent_once.FIELD))
        if done:
            return done
        try:
            raw, typed_errors = typed_handlaggare(values, values.get("namnd_id"), Action.create)
            typed_errors.update(deadline_required(values))
            if values.get("direction") == "utgaende":  # every field an utgående remiss lacks at once (left17 #5)
                from remiss.outgoing.service.edits import new_outgoing_problems

                typed_errors.update(new_outgoing_problems(raw, local_today(now())))
            try:  # files first: a file that would be refused later must not cost what was typed
                file_notes = attachments.check_uploads(request.files.getlist("files"),
                                                       max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
            except files.FileRejected as exc:  # the good files are held below, the refused ones named
                typed_errors["files"] = str(exc)
            clean, unread = parse_remiss_input(raw)
            # a future Inkom and a diarienummer another remiss has in the same answer as the fields not read, and
            # before any question about the dates: they are errors, not questions (walk27 Y12, walk28 Z1)
            found = one_round.collect(typed_errors, unread, service.received_on_problem(
                clean.get("received_on"), now=now(), direction=clean.get("direction")), service.taken_dnr(
                get_session(), clean.get("our_dnr"), dnr_format=current_app.config["DNR_FORMAT"],
                default_prefix=current_app.config["DNR_DEFAULT_PREFIX"]))
            if found:
                raise InputErrors(found)
            data = RemissData(**clean)
            # opened from an Inkorg message: its row is locked first, before the diarienummer series, as on the
            # Inkorg's Registrera (one order: two sekreterare at once take turns); handled already, it is said so
            refusal = intake.take(get_session(), principal=principal(), req=request)
            if refusal:
                done = _sent_before(values.get(sent_once.FIELD))  # a double-click: the first registered it
                if done:
                    return done
                raise InputErrors({HANDLED: f"{noun_of(data.kind).The} registrerades inte: "  # walk21: "Ärendet"
                                             f"{refusal[0].lower()}{refusal[1:]}"})
            confirmed = bool(values.get("confirm_all"))  # "Registrera ändå" beside the questions asked
            if not (values.get("confirm_duplicate") or confirmed):
                duplicates = queries.possible_duplicates(get_session(), principal(), sender_dnr=data.sender_dnr,
                                                         title=data.title)
            late = received_after_deadline(data.received_on, data.deadline_on)
            # a remiss that came in late is asked about, not refused (remisser.date_questions); one that came in
            # after its sista svarsdag has a passed one too: one fact, asked once, as that (walk28 Z13)
            if not (values.get("confirm_past_deadline") or confirmed or late):
                past_deadline = passed_deadline(data.deadline_on, data.deadline_time, now())
                past_at = f"{data.deadline_time:%H.%M}" if past_deadline and data.deadline_time else ""
            if not (values.get("confirm_received_late") or confirmed):
                received_late = late
            if not (values.get("confirm_letter_date") or confirmed):
                letter_late = _letter_after_arrival(data)
            if duplicates or past_deadline or received_late or letter_late:
                raise InputErrors({})  # shown with links; registering needs "registrera ändå" ticked
            token = values.get(sent_once.FIELD)
            if not sent_once.claim(get_session(), principal().user_id, token, now=now()):
                done = _sent_before(token)  # the first of a double-click registered it (and committed)
                if done:
                    return done
            remiss = service.register(get_session(), now=now(), principal=principal(), data=data,
                                      dnr_format=current_app.config["DNR_FORMAT"],
                                      default_prefix=current_app.config["DNR_DEFAULT_PREFIX"])
            # the missiv and the files read with it in the intake step become the first remisshandlingar
            intake.attach(get_session(), now=now(), principal=principal(), remiss=remiss, req=request)
            for filename, content in held_uploads.contents(current_app.config["FILES_DIR"], held):
                attachments.add(get_session(), now=now(), principal=principal(), remiss=remiss, filename=filename,
                                data=content, files_dir=current_app.config["FILES_DIR"],
                                max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
            attachments.add_uploads(get_session(), now=now(), principal=principal(), remiss=remiss,
                                    uploads=request.files.getlist("files"), config=current_app.config)
            sent_once.record(get_session(), principal().user_id, token, remiss.id)
        except (InputErrors, files.FileRejected) as exc:
            errors = exc.errors if isinstance(exc, InputErrors) else {"files": str(exc)}
            get_session().rollback()  # the claim too: not registered, the same form may be sent again
        else:
            get_session().commit()
            held_uploads.release(current_app.config["FILES_DIR"], held)
            flash(registered(remiss.kind, remiss.our_dnr), "success")  # "Ärendet är registrerat …" (walk18 F7)
            for note in file_notes:
                flash(note, "warning")
            return redirect(url_for("remisser.show", remiss_id=remiss.id))
        held = held + _hold(errors)
    return _form(values, errors, namnder, held=held, duplicates=duplicates, past_deadline=past_deadline,
                 past_at=past_at, already=already, received_late=received_late, letter_late=letter_late,
                 namnd_hint=namnd_hint), (stale_form.CONFLICT if HANDLED in errors else 400 if errors else 200)


def form_again(status: int, **card):
    """The form as opened from the missiv (its token in the address), for a step of the missiv's card refused: the
    refusal said in the page (say_here), status 409 for a stale step or 400, and card (intake_typed: what was typed
    in the card) kept in it, instead of a flash and a redirect that lose both (remiss.stale_form)."""
    intake = current_app.extensions["remiss_intake"]
    namnder = namnder_for(Action.create)
    values, namnd_hint, already = _opened(intake, namnder)
    return _form(values, {}, namnder, already=already, namnd_hint=namnd_hint, **card), status


def _opened(intake, namnder) -> tuple[dict, str, list]:
    """The values of the form as opened (prefilled from the missiv named), the hint under Nämnd and the registered
    remisser it may duplicate."""
    namnd_hint = ""
    values = {"received_on": "", "direction": request.args.get("direction", "inkommande"),
              sent_once.FIELD: sent_once.new_token()}
    values.update(intake.prefill(request))
    # the nämnd this user registered a remiss for last time, said as such; none when the missiv names two
    last = None if values.get("namnd_id") or values.get("namnd_choice") else \
        queries.last_namnd_of(get_session(), principal().user_id)
    if last in {n.id for n in namnder}:
        values["namnd_id"] = str(last)
        if len(namnder) > 1:
            namnd_hint = "Förvald: den nämnd du registrerade för senast – kontrollera."
    elif values.get("namnd_choice") and len(namnder) > 1:
        namnd_hint = "Missivet nämner flera av dina nämnder – välj vilken som ska ansvara."
    # Read from a missiv: say at once if it is already registered (app.js says so while typing).
    already = queries.possible_duplicates(get_session(), principal(), sender_dnr=values.get("sender_dnr") or "",
                                          title=values.get("title") or "")
    return values, namnd_hint, already


def _form(values, errors, namnder, *, held=(), duplicates=(), past_deadline=None, past_at="", already=(),
          received_late=None, letter_late=None, namnd_hint="", **card):
    held = list(held)
    return render_template("remisser/form.html", values=values, errors=in_field_order(errors, FORM_LABELS),
                           namnder=namnder, labels=FORM_LABELS,
                           held=held, held_token=held_uploads.token_for(current_app.config["SECRET_KEY"],
                                                                        user_id=principal().user_id, scope=SCOPE,
                                                                        held=held),
                           editing=None, duplicates=list(duplicates), past_deadline=past_deadline, past_at=past_at,
                           already=list(already), already_said=counted(r.kind for r in already),
                           received_late=received_late, letter_late=letter_late, namnd_hint=namnd_hint,
                           noun=noun_of(values.get("kind")),  # "ärendet" in the questions for a medborgarförslag
                           **field_context(namnder, values, errors),
                           **current_app.extensions["remiss_intake"].context(request),
                           **card)


def _sent_before(token):
    """The receipt of the remiss this same form registered a moment ago (a double-click), or None."""
    done = sent_once.registered(get_session(), principal().user_id, token, now=now())
    if done is None:
        return None
    remiss_id, seconds = done
    remiss = get_session().get(Remiss, remiss_id)
    if remiss is None:
        return None
    flash(sent_once.receipt(remiss.our_dnr, seconds, remiss.kind), "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


def _hold(errors: dict) -> list:
    """Keep the chosen files that would be accepted, so they need not be chosen again; name each refused one."""
    kept, refused = [], []
    for upload in request.files.getlist("files"):  # one at a time, so each refusal names its file
        one, why = held_uploads.hold_uploads(current_app.config["FILES_DIR"], [upload],
                                             max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
        kept += one
        name = files.safe_name(upload.filename or "")
        refused += [w if name in w else f"{name}: {w}" for w in why]
    if refused:
        errors["files"] = " ".join(refused) + (
            " De andra filerna du valde är sparade och följer med när du registrerar." if kept else
            " Välj en annan fil om den behövs.")
    return kept


def _letter_after_arrival(data):
    return letter_after_arrival(data.letter_date, data.received_on, local_today(now()))
