"""Pages of the remiss itself: the remiss page, edit, status, assign. The blueprint's other pages are in
views/lists.py (start, diarium, Mina remisser), views/register.py (Registrera remiss), views/files_pages.py (its
files: upload, download, the archived documents) and views/handlaggare.py (the handläggare field), imported at
the end, and views/edit.py (Ändra uppgifter)."""
from __future__ import annotations

from collections import namedtuple

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required

from remiss import stale_form
from remiss.audit import service as audit
from remiss.auth.access import Action, AccessDenied, load_remiss, may_move, may_take_step, step_doers
from remiss.db import get_session, read_once, reading_once
from remiss.documents import superseded
from remiss.drafting import mail_state
from remiss.planning.beslut_link import remiss_warnings
from remiss.planning.service.tidplan import work_calendar
from remiss.remisser import archive, by_hand, finished, page, present, queries, service, voided
from remiss.remisser.history import describe
from remiss.remisser.kind_words import noun_of, reword
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Direction
from remiss.remisser.present import answered_words, lateness, outgoing_facts, with_lateness
from remiss.remisser.status import BY_VERB_ONLY, RemissStatus, TransitionError, allowed_next, next_step_of, \
    status_label, waiting_step_of
from remiss.web import now, principal, say_here

from remiss.field_order import in_field_order
from remiss.web.lost_input import form_labels
from remiss.web.panels import panels

NOTHING_LEFT = "Inget mer att göra."
WARNED = "Kvar att göra: det som varningen nedan säger."

bp = Blueprint("remisser", __name__)


def namnder_for(action: Action) -> list:
    """The nämnder the signed-in user may act on so: the choices of a form's nämnd field."""
    return queries.namnder_for(get_session(), principal(), action)


@bp.route("/remisser/<int:remiss_id>")
@login_required
def show(remiss_id: int):
    return _show(remiss_id)


_PageNamnd = namedtuple("_PageNamnd", "id name")  # what the page and its assign field read of the nämnd


def _show(remiss_id: int, *, assign_values: dict | None = None, assign_errors: dict | None = None,
          status_values: dict | None = None, status_errors: dict | None = None,
          void_values: dict | None = None, void_errors: dict | None = None):
    """The remiss page; after a failed assign (status change, makulering), with what was typed and the error at
    its field."""
    session = get_session()
    p = principal()
    remiss = page.remiss(session, p, remiss_id)  # a row: the page only shows it
    namnd = _PageNamnd(remiss.namnd_id, remiss.namnd_name)
    may_assign = p.may(Action.assign, remiss.namnd_id)
    assign = {}
    if may_assign:
        values = assign_values or {"handlaggare_id": remiss.handlaggare_id or ""}
        assign = field_context([namnd], {**values, "namnd_id": namnd.id}, dict(assign_errors or {}),
                                current=remiss.handlaggare_id, current_name=remiss.handlaggare_name)
    may_void = voided.may_void(p, remiss)  # registered by mistake (a registrator; the Inkorg's page has it too)
    if may_void and void_values is None:
        void_values = {"reason": voided.suggested_reason(session, p, remiss)}
    incoming = remiss.direction == Direction.inkommande
    logged, mail_labels = audit.history_rows(session, remiss.id), None
    if incoming:  # the expedierat yttrande's mail: its words, and when the sweep sent it (walk22 L7)
        mail_labels, sent = mail_state.history_of(session, remiss.id)
        logged = sorted([*logged, *sent], key=lambda e: e.at, reverse=True) if sent else logged
    else:  # the missiv e-mailed, or given up on, at the moment the sweep did it (h-out23 M9a)
        from remiss.outgoing.held import history_of
        sent = history_of(session, remiss.id)
        logged = sorted([*logged, *sent], key=lambda e: e.at, reverse=True) if sent else logged
    events = describe(session, logged, outgoing=not incoming, mail_labels=mail_labels)
    with reading_once(session):  # the panels show some of the same rows: load them once
        read_once(session, ("namnd_name", remiss.namnd_id), lambda: remiss.namnd_name)  # read with the remiss
        extra = [(panel, panel.context(session, p, remiss, now())) for panel in panels()]
        late = lateness(remiss, now())
        warnings = remiss_warnings(session, remiss)
        archived = [(a.id, archive.label(a), a.version_number, a.size, a.created_at)
                    for a in archive.archived_of(session, remiss.id)]
        # besvarad once its yttrande has left the Utkorg: until then neither the status nor "Besvarad i tid" (Y9)
        unsent = mail_state.not_sent_yet(session, remiss)
        answered = answered_words(remiss, work_calendar(session), by_hand=present.answered_by_hand(session, remiss)) \
            if remiss.answered_at else None
        if unsent and answered and not answered[0]:  # too late is true already; in time is not known until it left
            answered = None
        elif unsent and answered:  # the status word says "för sent" already (walk25b Z12): how late, after it,
            # of the expediering, not the sending that has not happened ("… inte skickad än efter klockslaget", Y10)
            answered = (True, "expedierat " + answered[1].removeprefix("för sent, ").replace("(expedierat ", "("))
        questions = page.questions(session, remiss.id)
        files = page.attachments(session, remiss.id)
        sandlista = page.entries(session, remiss.id)
    status_step = next_step_of(remiss.status, has_handlaggare=bool(remiss.handlaggare_id), kind=remiss.kind)
    return render_template(
        "remisser/show.html", remiss=remiss, namnd=namnd, handlaggare=remiss.handlaggare_name,
        noun=noun_of(remiss.kind),  # "remissen", or "ärendet" for a medborgarförslag (walk18 F7)
        questions=questions, sandlista=sandlista,
        files=files, file_notes=superseded.notes(files), events=events,
        next_statuses=[s for s in allowed_next(remiss.status, remiss.direction)
                       if s not in BY_VERB_ONLY and may_move(p, remiss.namnd_id, remiss.status, s)
                       and not _by_hand_problem(remiss, s)
                       # expedierad, inte skickad: the Skickat form makes it besvarad (walk26b X19)
                       and not (unsent and s == RemissStatus.besvarad and remiss.status == "beslutad")],
        status=RemissStatus(remiss.status), status_word=status_label(
            remiss.status, unsent=unsent, late=remiss.answered_late),
        next_step=_next_step(p, remiss, status_step, extra, late=late, warnings=warnings),
        late=late, answered=answered, warnings=warnings, archived=archived,
        may_edit=p.may(Action.edit, remiss.namnd_id), may_assign=may_assign, assign=assign,
        voided_note=finished.voided_refusal(remiss),
        status_values=status_values or {}, status_errors=status_errors or {},
        may_void=may_void, void_values=void_values or {}, void_errors=void_errors or {},
        panels=extra, outgoing=outgoing_facts(remiss, remiss.namnd_email) if remiss.direction == Direction.utgaende else None,
        # the Kontaktperson the missiv names (outgoing.service.missiv_doc.missiv_contact)
        outgoing_contact=_outgoing_contact(session, remiss))


def _next_step(p, remiss, status_step: str, extra: list, *, late, warnings) -> str:
    """Nästa steg: the first panel's step, else the status's, led by what is late or asked; for one whose role
    cannot take the step (auth.access.may_take_step), what waits and who does it, and what was asked (a fact), not
    the steps and the ways out of lateness they cannot take (truth34 #1)."""
    asked = next((ctx["asked"] for _, ctx in extra if isinstance(ctx, dict) and ctx.get("asked")), "")
    has_handlaggare = bool(remiss.handlaggare_id)
    if not may_take_step(p, remiss.namnd_id, remiss.status, has_handlaggare=has_handlaggare):
        waiting = waiting_step_of(remiss.status, has_handlaggare=has_handlaggare, kind=remiss.kind,
                                  who=step_doers(remiss.status, has_handlaggare=has_handlaggare))
        return reword(present.while_asked(waiting, late=False, asked=asked), remiss.kind)
    # a panel may name a step the status does not show (a rättelse of the besvarad remiss's yttrande)
    # once the nämnd has decided, a longer remisstid no longer helps: only expediering is left
    # a medborgarförslag's in its words: "Begär förlängd svarstid …" (kind_words.reword, walk18 F7)
    return reword(present.while_asked(with_lateness(next(
        (ctx["next_step"] for _, ctx in extra if isinstance(ctx, dict) and ctx.get("next_step")),
        # "Inget mer att göra" never beside a warning that asks for something (truth16 F19)
        status_step.replace(NOTHING_LEFT, WARNED) if warnings else status_step), [ctx for _, ctx in extra]),
        late=late and remiss.status != RemissStatus.beslutad, asked=asked), remiss.kind)


def _by_hand_problem(remiss, status) -> str:
    """Why the list of statuses leaves one out (outgoing.service.lifecycle.by_hand_problem)."""
    if remiss.direction != Direction.utgaende:
        return ""
    from remiss.outgoing.service.lifecycle import by_hand_problem
    return by_hand_problem(remiss, status, now())


def _outgoing_contact(session, remiss):
    if remiss.direction != Direction.utgaende:
        return None
    from remiss.outgoing.service.missiv_doc import page_contact
    return page_contact(session, remiss)


@bp.app_template_global("deadline_with_in_force")
def _deadline_with_in_force(remiss) -> str:
    return present.deadline_with_in_force(remiss)


# the fields of Ändra status för hand and of Makulera in their order on the remiss page: the order of the form's
# values and of its error summary (remiss.web.forms)
STATUS_FIELDS = ("status", "note", "confirm")
VOID_FIELDS = ("reason", "confirm")


@bp.route("/remisser/<int:remiss_id>/status", methods=["POST"])
@form_labels({"status": "Ny status", "note": "Kommentar"})  # templates/remisser/show.html, for the lost-input page
@login_required
def change_status(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.view)  # the move's own refusal (walk28 Z5): below
    try:
        by_hand.change_status_by_hand(session, now=now(), principal=principal(), remiss=remiss,
                                      new=request.form.get("status", ""), note=request.form.get("note", ""),
                                      confirmed=bool(request.form.get("confirm")))
    except InputErrors as exc:  # the page again, the form open with what was typed and why
        session.rollback()
        values = {k: request.form.get(k, "") for k in STATUS_FIELDS}
        return _show(remiss_id, status_values=values, status_errors=in_field_order(exc.errors, STATUS_FIELDS)), 400
    except by_hand.AlreadyInStatus as exc:  # sent twice: the first did it; said who and when, in this page
        session.rollback()
        say_here(str(exc), "info")  # a flash would ride the cookie, where the first request's raced it (walk21b K4)
        return _show(remiss_id), stale_form.twice_status(exc.by_other)  # 409 when another set it
    except (TransitionError, AccessDenied) as exc:  # refused for the role or the remiss's state now: said at the
        # field, with the comment typed kept (a flash and a redirect lost it): 403, or 409 as a stale form
        session.rollback()
        if isinstance(exc, AccessDenied) and not principal().may(Action.edit, remiss.namnd_id):
            raise  # one who may not edit has no status form to say it at: the refusal's own page (remiss.web.errors)
        values = {k: request.form.get(k, "") for k in STATUS_FIELDS}
        return _show(remiss_id, status_values=values, status_errors={"status": str(exc)}), \
            403 if isinstance(exc, AccessDenied) else stale_form.CONFLICT
    flash(f"Status ändrad till ”{RemissStatus(remiss.status).label}”.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


@bp.route("/remisser/<int:remiss_id>/makulera", methods=["POST"])
@login_required
def void(remiss_id: int):
    """Registrerad av misstag (a remiss registered by hand twice, or no remiss): makulera it, with its reason and a
    confirmation (remiss.remisser.voided; the Inkorg's message page offers the same for a registered mail)."""
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.view)
    values = {k: request.form.get(k, "") for k in VOID_FIELDS}
    try:
        voided.makulera(session, now=now(), principal=principal(), remiss=remiss, reason=values["reason"],
                        confirmed=bool(values["confirm"]))
    except InputErrors as exc:  # the page again, the reason kept and the error at its field
        session.rollback()
        return _show(remiss_id, void_values=values, void_errors=in_field_order(exc.errors, VOID_FIELDS)), 400
    except TransitionError as exc:  # e.g. a beslutad or outgoing remiss (AccessDenied: 403, remiss.web.errors)
        session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("remisser.show", remiss_id=remiss_id))
    except voided.AlreadyVoided as exc:  # a double-click: the first made it
        # said in this response's own page, not through the session: the browser shows this, the second,
        # response, and the first's flash and this one's raced in the cookie (walk21b K4)
        session.rollback()
        say_here(str(exc), "info")  # in this page only: a flash would ride the cookie too (remiss.stale_form)
        return _show(remiss_id), stale_form.twice_status(exc.by_other)  # 409 when another makulerade it
    flash(f"{remiss.our_dnr or remiss.title} är makulerad: den finns kvar med sin historik men visas inte i "
          "listorna, och inga påminnelser skickas.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id))


@bp.route("/remisser/<int:remiss_id>/tilldela", methods=["POST"])
@login_required
def assign(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.assign)
    values = request.form.to_dict()
    raw, typed_errors = typed_handlaggare(values, remiss.namnd_id, Action.assign, current=remiss.handlaggare_id)
    if "handlaggare" in values and not raw.get("handlaggare_id") and not typed_errors:
        typed_errors = {"handlaggare": "Skriv namnet eller e-postadressen för en handläggare i nämnden."}
    if typed_errors:  # the page again, with what was typed and why it did not match
        return _show(remiss_id, assign_values=values, assign_errors=typed_errors), 400
    raw = raw.get("handlaggare_id", "")
    if not raw and "handlaggare" not in values:  # "Välj handläggare" left: say that, at the field (walk13b f. 3)
        return _show(remiss_id, assign_values=values, assign_errors={"handlaggare_id": "Välj en handläggare."}), 400
    try:
        service.assign(session, now=now(), principal=principal(), remiss=remiss,
                       handlaggare_id=int(raw) if raw.isdigit() else -1)
    except InputErrors as exc:
        session.rollback()
        return _show(remiss_id, assign_values=values,
                     assign_errors={"handlaggare_id": exc.errors.get("handlaggare_id") or "Välj en handläggare."}), 400
    except TransitionError as exc:
        session.rollback()
        flash(str(exc), "error")
    else:
        flash("Handläggaren är tilldelad.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id))


from remiss.remisser.views import edit, files_pages, lists, register  # noqa: E402,F401  (their routes are on bp)
from remiss.remisser.views.handlaggare import field_context, typed_handlaggare  # noqa: E402
