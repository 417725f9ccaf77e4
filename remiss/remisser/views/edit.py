"""Ändra uppgifter of a remiss: the edit form, what it asks before saving (the dates, a correction or a
förlängning, missivets datum), the fields this user may not change, and what is said after saving (an outgoing
remiss's missiv made anew, an expedited yttrande that can now be sent)."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from remiss import one_round
from remiss.clock import local_today
from remiss.auth.access import FIELD_ACTIONS, AccessDenied, Action, load_remiss, may_change_field, require_field
from remiss.db import get_session
from remiss.calendar.swedish import format_deadline
from remiss.remisser import direction, edit_base, finished, present, service
from remiss.remisser.date_questions import questions_of_change
from remiss.remisser.deadlines import answering_over, told_words
from remiss.remisser.kind_words import noun_of
from remiss.remisser.input import (FORM_LABELS, InputErrors, deadline_required, letter_after_arrival_change,
                                   parse_remiss_input)
from remiss.remisser.models import Direction, RemissKind
from remiss.remisser.views import bp, namnder_for
from remiss.remisser.views.handlaggare import field_context, typed_handlaggare
from remiss.web import now, principal
from remiss.field_order import in_field_order
from remiss.web.lost_input import form_labels


@bp.route("/remisser/<int:remiss_id>/andra", methods=["GET", "POST"])
@form_labels(FORM_LABELS)
@login_required
def edit(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    errors: dict = {}
    deadline_question = letter_late = None
    asked: dict = {}  # the date questions (_asked)
    denied: dict = {}  # the fields this user may not change, posted changed (_locked_changes)
    values = edit_base.form_values(session, remiss)
    base, clashed = edit_base.base_of(values), False  # what the form was opened with (walk22 L2)
    refused = finished.voided_refusal(remiss)  # a makulerad remiss is not changed (walk22 L8)
    if refused and request.method == "GET":
        flash(refused, "error")
        return redirect(url_for("remisser.show", remiss_id=remiss.id))
    if request.method == "POST" and refused:
        values, errors = dict(request.form), {"remiss": refused}
    elif request.method == "POST":
        values = dict(request.form)
        base = values.pop(edit_base.BASE, "")
        if principal().may(Action.assign, remiss.namnd_id):
            raw, typed_errors = typed_handlaggare(values, values.get("namnd_id", remiss.namnd_id), Action.edit,
                                                  current=remiss.handlaggare_id)
        else:
            raw = {k: v for k, v in values.items() if k not in ("csrf_token", "handlaggare", "handlaggare_id")}
            typed_errors = {}
        locked = _locked_fields(remiss)
        denied = _locked_changes(session, remiss, locked, values, base)  # refused, not dropped (walk28 Z2)
        for name in locked:
            raw.pop(name, None)  # shown, not changeable (remiss.auth.access.FIELD_ACTIONS)
        if "deadline_on" in locked:
            raw.pop("no_deadline", None)
        clean, errors = parse_remiss_input(raw, partial=True)
        errors.update(typed_errors)
        errors.update(denied)
        if "deadline_on" not in locked:
            errors.update(deadline_required(values))
        # a diarienummer another remiss has is an error of the first answer, not one after the questions about
        # the dates (walk28 Z1)
        errors = one_round.collect(errors, service.taken_dnr(
            session, clean.get("our_dnr"), remiss=remiss, dnr_format=current_app.config["DNR_FORMAT"],
            default_prefix=current_app.config["DNR_DEFAULT_PREFIX"]))
        if errors:  # the checks of the fields that were read too, in the same answer (walk27 Y12)
            errors = one_round.collect(errors, service.change_problems(remiss, one_round.readable(clean, errors),
                                                                       now=now()))
        if not errors:  # only what this tab changed; a field another save changed too is asked about
            loaded = edit_base.loaded({edit_base.BASE: base})
            clean, errors = edit_base.only_changed(session, remiss, clean, loaded, typed=values)
            if clashed := bool(errors):  # the remiss as it is now, this tab's changes on top: saving again writes them
                values, base = edit_base.after_clash(session, remiss, values, clean, loaded)
        letter_late = None if errors else _letter_late(remiss, clean, values)
        correction = bool(values.get("confirm_deadline_correction") or values.get("confirm_all"))
        asked = {} if errors else _asked(session, remiss, clean, values, correction)
        deadline_question = asked.pop("deadline_question", None)
        if not errors and not letter_late and not deadline_question and not any(asked.values()):
            before = ((remiss.deadline_on, remiss.deadline_time),
                      (remiss.effective_deadline_on, remiss.effective_deadline_time))
            try:
                moved: list[str] = []  # what a move to another nämnd did (remisser.move)
                service.update(session, now=now(), principal=principal(), remiss=remiss, changes=clean,
                               notes=moved, deadline_correction=correction,
                               dnr_format=current_app.config["DNR_FORMAT"],
                               default_prefix=current_app.config["DNR_DEFAULT_PREFIX"])
            except service.DeadlineQuestion:
                session.rollback()
                deadline_question = (remiss.deadline_on, remiss.deadline_time)
            except InputErrors as exc:
                errors = exc.errors
                session.rollback()
            else:
                said = " ".join([present.saved_deadline_message(remiss, before)] + moved
                                + [_outgoing_edit_note(session, remiss),
                                   _unsent_yttrande_note(session, remiss)]).strip()
                flash("Ändringarna är sparade." + (f" {said}" if said else ""), "success")
                return redirect(url_for("remisser.show", remiss_id=remiss.id))
    namnder = namnder_for(Action.edit)
    return render_template("remisser/form.html", values=values, errors=in_field_order(errors, FORM_LABELS),
                           namnder=namnder, labels=FORM_LABELS,
                           editing=remiss, base=base, outgoing=remiss.direction == Direction.utgaende,
                           # the Riktning said, not offered, once it cannot change (session 29)
                           direction_fixed=direction.fixed_reason(session, remiss),
                           direction_label=direction.form_label(remiss.direction),
                           sandlista_note=_sandlista_note(remiss),
                           errors_title=edit_base.title(refused or bool(denied), clashed),
                           locked=_locked_fields(remiss), dnr_locked="our_dnr" in _locked_fields(remiss),
                           extended_note=_extended_note(remiss), deadline_note=_sent_note(remiss),
                           deadline_question=deadline_question, letter_late=letter_late, **asked,
                           noun=noun_of(values.get("kind") if values.get("kind") in RemissKind.__members__
                                        else remiss.kind),  # "ärendet" for a medborgarförslag
                           **field_context(namnder, values, errors, current=remiss.handlaggare_id)), \
        (403 if denied else 409 if refused or clashed
         else 400 if errors or deadline_question or letter_late or any(asked.values()) else 200)



def _locked_fields(remiss) -> frozenset[str]:
    """The fields of the form this user sees but may not change (remiss.auth.access.FIELD_ACTIONS)."""
    return frozenset(name for name in FIELD_ACTIONS if not may_change_field(principal(), remiss.namnd_id, name))


def _locked_changes(session, remiss, locked: frozenset[str], values: dict, base: str) -> dict[str, str]:
    """A field this user may not change (readonly in the form) posted with another value than it was opened with and
    than it has now (a stale or crafted form): field -> the refusal the API gives for it, naming the role and who
    changes it (walk28 Z2: the change was dropped under "Ändringarna är sparade"). The whole save is refused, as
    the PATCH is; the field shows its value again, so that saving again saves the rest, and the refusal names what
    was typed. A diarienummer left empty is no change (a diarienummer once given is kept, service.update)."""
    posted = {name: values[name] for name in locked if name in values}
    if not posted:
        return {}
    now_values = edit_base.form_values(session, remiss)
    mine, unreadable = parse_remiss_input(posted, partial=True)
    stored, _ = parse_remiss_input({name: now_values[name] for name in posted}, partial=True)
    opened = edit_base.loaded({edit_base.BASE: base}) or {}
    was, _ = parse_remiss_input({name: opened[name] for name in posted if name in opened}, partial=True)
    denied = {}
    for name, typed in posted.items():
        if name not in unreadable and (mine[name] == stored[name] or (name in was and mine[name] == was[name])
                                       or (name == "our_dnr" and not mine[name])):
            continue
        try:
            require_field(principal(), remiss.namnd_id, name)
        except AccessDenied as exc:
            shown = str(typed).strip()
            denied[name] = f"{exc} Fältet visar det sparade värdet igen" + (f", inte ”{shown}”." if shown else ".")
            values[name] = now_values[name]
    return denied


def _asked(session, remiss, clean: dict, values: dict, correction: bool) -> dict:
    """What Registrera remiss asks about the dates, asked here too when the change moves the sista svarsdag or
    Inkom (walk20 H12), on one page with the correction-or-förlängning question: past_deadline, past_at,
    received_late and deadline_question, each None when not asked (or ticked as right)."""
    confirmed = values.get("confirm_all")
    past, at, late = questions_of_change(remiss, clean, now=now(),
                                         in_force=service.in_force_after(session, remiss, clean))
    # Inkom after the sista svarsdag implies a passed one: one fact, asked once, as that (walk28 Z13)
    asked = {"past_deadline": None if values.get("confirm_past_deadline") or confirmed or late else past,
             "received_late": None if values.get("confirm_received_late") or confirmed else late}
    asked["past_at"] = f"{at:%H.%M}" if asked["past_deadline"] and at else ""
    try:
        service.check_deadline_change(remiss, clean, correction=correction)
    except service.DeadlineQuestion:
        asked["deadline_question"] = (remiss.deadline_on, remiss.deadline_time)
    except InputErrors:
        pass  # refused: said when saving (service.update)
    return asked


def _letter_late(remiss, clean: dict, values: dict):
    """Missivets datum after Inkom, asked as on Registrera remiss when either date changes here
    (remisser.input.letter_after_arrival_change)."""
    if values.get("confirm_letter_date") or values.get("confirm_all"):
        return None
    return letter_after_arrival_change(remiss, clean, local_today(now()))


def _sent_note(remiss) -> str:
    """Beside Sista svarsdag of an outgoing remiss that has gone out: the instanser were told the date."""
    if remiss.sent_at is None:
        return ""
    if answering_over(remiss):  # closed: the förlängning form is gone too (walk21 J6)
        return answering_over(remiss).split(":", 1)[0] + "."
    return (f"Remissen är skickad: {told_words(remiss)} har fått svarsdagen. Ge mer tid med ”Förläng "
            "remisstiden för alla” på remissens sida.")


def _sandlista_note(remiss) -> str:
    """Beside the Sändlista of an outgoing remiss that has gone out: one added here is not sent the remiss by saving,
    nor counted as asked until it is (walk28 Z12)."""
    if remiss.direction != Direction.utgaende or remiss.sent_at is None:
        return ""
    from remiss.outgoing.service import lifecycle

    if remiss.status in lifecycle.SENDS:
        return ("En remissinstans som läggs till här har inte fått remissen: skicka den till instansen med ”Skicka "
                "remissen” under Utskick och svar.")
    return f"En remissinstans som läggs till här får inte remissen: {lifecycle.not_sent_reason(remiss)}."


def _extended_note(remiss) -> str:
    """Beside the edit form's Sista svarsdag (the original): which one is in force after a förlängning."""
    if not present.is_extended(remiss):
        return ""
    return (f"Gäller: {format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)} efter "
            "förlängning. Fältet är den ursprungliga sista svarsdagen: ändrar du den gäller förlängningen "
            "fortfarande, så länge den är senare.")


def _outgoing_edit_note(session, remiss) -> str:
    """After a change to a sent outgoing remiss: the missiv still in the Utkorg made anew from it (h-out23 M5), who
    has the old frågeställningar, who is still to be sent it."""
    if remiss.direction != Direction.utgaende:
        return ""
    from remiss.outgoing.service.amendments import after_edit_note, requeue, requeued_words
    done = requeue(session, now=now(), principal=principal(), remiss=remiss,
                   files_dir=current_app.config["FILES_DIR"], base_url=current_app.config["BASE_URL"])
    if done.held:  # saved, but the missiv could not be made anew: said apart, as a warning (h-queue24)
        flash(requeued_words(done), "warning")
        return after_edit_note(session, remiss)
    return " ".join(filter(None, [requeued_words(done), after_edit_note(session, remiss)]))


def _unsent_yttrande_note(session, remiss) -> str:
    """After a svarsadress was added to an "Expedierad, inte skickad" remiss: the page's question, pointed to (walk26b
    X10); "" otherwise."""
    if remiss.direction != Direction.inkommande or not (remiss.answer_email or "").strip():
        return ""
    from remiss.drafting.sent_by_hand import waits_to_be_sent  # drafting builds on remisser

    if not waits_to_be_sent(session, remiss):
        return ""
    return (f"Yttrandet är expedierat men inte skickat: skicka det nu till {remiss.answer_email.strip()} med "
            "”Skicka yttrandet nu” under Yttrande.")
