"""Pages: start, diarium lists, register, remiss page, edit, status, assign, files."""
from __future__ import annotations

from collections import namedtuple

from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request, send_file,
                   url_for)
from flask_login import current_user, login_required

from remiss import files
from remiss.audit import service as audit
from remiss.clock import local_today
from remiss.auth.access import Action, AccessDenied, load_remiss, may_change_field, may_move
from remiss.db import get_session, read_once, reading_once
from remiss.planning.beslut_link import remiss_warnings
from remiss.planning.service.tidplan import work_calendar
from remiss.calendar.swedish import format_deadline
from remiss.remisser import archive, attachments, page, present, queries, service
from remiss.remisser.handlaggare import resolve as resolve_handlaggare
from remiss.remisser.history import describe
from remiss.remisser.input import InputErrors, parse_remiss_input, to_remiss_data
from remiss.remisser.models import ArchivedDocument, Attachment, Direction
from remiss.remisser.present import LATE_STEP, answered_words, lateness, outgoing_facts, with_lateness
from remiss.remisser.queries import RemissFilter, list_remisser
from remiss.remisser.status import BY_VERB_ONLY, NEXT_STEPS, RemissStatus, TransitionError, allowed_next
from remiss.web import get_or_404, now, principal, requires
from remiss.web.panels import panels

bp = Blueprint("remisser", __name__)


def _namnder(action: Action) -> list:
    return queries.namnder_for(get_session(), principal(), action)


@bp.route("/")
@login_required
def start():
    from remiss.remisser.queries import RemissFilter

    p = principal()
    session = get_session()
    mine = list_remisser(session, p, RemissFilter(status="open", handlaggare_id=current_user.id), per_page=20)
    open_all = list_remisser(session, p, RemissFilter(status="open"), per_page=20)
    return render_template("remisser/start.html", mine=mine, open_all=open_all, sections=start_sections())


def start_sections() -> list:
    """The start page's parts from other capabilities (wired in remiss.create_app)."""
    parts = [section(get_session(), principal(), now()) for section in current_app.extensions["remiss_start_sections"]]
    return [part for part in parts if part is not None]  # a section may have nothing for this user


@bp.route("/remisser")
@login_required
def diarium():
    f = RemissFilter.from_args(request.args)
    page = request.args.get("sida", "1")
    page = int(page) if page.isdigit() else 1
    if f.text and f == RemissFilter(text=f.text, sort=f.sort) and page == 1:
        # A diarienummer, ours or the remittent's, opens its remiss.
        found = queries.remisser_by_dnr(get_session(), principal(), f.text)
        if len(found) == 1:  # several: listed below
            return redirect(url_for("remisser.show", remiss_id=found[0]))
    return _list_page(f, page, title="Diarium")


@bp.route("/remisser/mina")
@login_required
def mine():
    """The diarium of the signed-in handläggare (open ones unless another status is chosen), under its own name."""
    args = request.args.to_dict()
    args.pop("handlaggare", None)
    args["handlaggare_id"] = str(current_user.id)
    args.setdefault("status", "open")
    page = args.get("sida", "1")
    return _list_page(RemissFilter.from_args(args), int(page) if page.isdigit() else 1, title="Mina remisser",
                      own=True)


def _list_page(f: RemissFilter, page: int, *, title: str, own: bool = False):
    """A page of the diarium with its filters; own: the user's own remisser, without the handläggare filter."""
    result = list_remisser(get_session(), principal(), f, page=page, per_page=current_app.config["PAGE_SIZE"])
    namnder = _namnder(Action.view)
    ids = [n.id for n in namnder]
    chosen = [f.namnd_id] if f.namnd_id in ids else ids
    choices = None if f.handlaggare or own else _handlaggare_choices(chosen, everyone=len(chosen) == len(namnder))
    return render_template("remisser/list.html", page=result, f=f, namnder=namnder, handlaggare_choices=choices,
                           handlaggare_text=(f.handlaggare or _email_of(f.handlaggare_id)) if choices is None else "",
                           statuses=_STATUS_CHOICES, title=title, own=own)


_STATUS_CHOICES = [(s.value, s.label) for s in RemissStatus]  # the diarium's status filter

def _handlaggare_choices(namnd_ids: list[int], *, everyone: bool) -> list[tuple[int, str]] | None:
    everyone = everyone and principal().visible_namnd_ids() is None
    return queries.handlaggare_choices(get_session(), None if everyone else namnd_ids)


def _email_of(user_id: int | None) -> str:
    """The e-mail shown in the text field when the filter came as handlaggare_id (e.g. from Mina remisser)."""
    return queries.email_of(get_session(), user_id) if user_id else ""


def _chosen_namnd(namnder: list, value) -> int | None:
    """The nämnd the form is about: the chosen one if the user may act on it, else the only one."""
    raw = str(value or "")
    ids = {n.id for n in namnder}
    if raw.isdigit() and int(raw) in ids:
        return int(raw)
    return namnder[0].id if len(namnder) == 1 else None


def _handlaggare_field(namnder: list, values: dict, errors: dict, *, current: int | None = None,
                       current_name: str | None = None) -> dict:
    """Template context for the handläggare field: a select of the nämnd's handläggare when the list is short,
    otherwise a name-or-e-mail text field (also when the user has typed there, to keep what was typed).
    current_name: the current handläggare's name when the caller has read it already."""
    chosen = _chosen_namnd(namnder, values.get("namnd_id"))
    typed = (values.get("handlaggare") or "").strip() if isinstance(values.get("handlaggare"), str) else ""
    choices = None
    if not typed:
        scope = [chosen] if chosen else [n.id for n in namnder]
        choices = _handlaggare_choices(scope, everyone=chosen is None and len(namnder) > 1)
    selected = str(values.get("handlaggare_id") or "")
    if choices is not None and current and current not in {uid for uid, _ in choices}:
        # The remiss's handläggare stays selectable (e.g. an admin, or one who left the nämnd): saving keeps them.
        name = current_name or queries.name_of(get_session(), current)
        if name is not None:
            choices = sorted([*choices, (current, name)], key=lambda row: (row[1], row[0]))
    if choices is None and "handlaggare_id" in errors:  # shown at (and linked to) the text field
        errors["handlaggare"] = errors.pop("handlaggare_id")
    text = typed or (_email_of(int(selected)) if choices is None and selected.isdigit() else "")
    return {"handlaggare_choices": choices, "handlaggare_selected": selected, "handlaggare_text": text,
            "handlaggare_error": errors.get("handlaggare") or errors.get("handlaggare_id")}


def _typed_handlaggare(values: dict, namnd_id, action: Action, *, current: int | None = None) -> tuple[dict, dict]:
    """values with handlaggare_id resolved from the text field (name or e-mail), and the field's error if any."""
    raw = {k: v for k, v in values.items() if k not in ("csrf_token", "handlaggare")}
    if "handlaggare" not in values or values.get("handlaggare_id"):
        return raw, {}
    typed = str(values["handlaggare"]).strip()
    raw["handlaggare_id"] = ""
    nid = str(namnd_id or "")
    if not typed or not nid.isdigit() or not principal().may(action, int(nid)):
        return raw, {}  # nobody, or the nämnd itself is wrong (its own error says so)
    if current and typed.lower() == _email_of(current):
        raw["handlaggare_id"] = str(current)  # unchanged, even if no longer a member
        return raw, {}
    try:
        raw["handlaggare_id"] = str(resolve_handlaggare(get_session(), int(nid), typed))
    except ValueError as exc:
        return raw, {"handlaggare": str(exc)}
    return raw, {}


@bp.route("/remisser/handlaggarfalt")
@login_required
def handlaggare_field():
    """The handläggare field for another nämnd (app.js swaps it in when the form's nämnd changes)."""
    raw = request.args.get("namnd_id", "")
    if not raw.isdigit() or not principal().may(Action.view, int(raw)):
        abort(404)
    chosen = int(raw)
    choices = _handlaggare_choices([chosen], everyone=False)
    return render_template("remisser/_handlaggare_field.html", handlaggare_choices=choices, handlaggare_selected="",
                           handlaggare_text=request.args.get("handlaggare", "")[:200] if choices is None else "",
                           handlaggare_error=None)


MISSIV_GONE = "Det inlästa missivet finns inte längre (det sparas i 24 timmar). Läs in det igen."


@bp.route("/remisser/ny", methods=["GET", "POST"])
@requires(Action.create)
def new():
    intake = current_app.extensions["remiss_intake"]  # the missiv step (remiss.intake)
    values, errors, duplicates, past_deadline, already = dict(request.form), {}, [], None, []
    received_late = None
    namnd_hint = ""
    namnder = _namnder(Action.create)
    if request.method == "GET":
        values = {"received_on": "", "direction": request.args.get("direction", "inkommande")}
        values.update(intake.prefill(request))
        if request.args.get("missiv") and not values.get("intake_token"):  # gone, or never this user's
            flash(MISSIV_GONE, "warning")
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
    else:
        try:
            raw, typed_errors = _typed_handlaggare(values, values.get("namnd_id"), Action.create)
            typed_errors.update(_deadline_required(values))
            try:  # files first: a file that would be refused later must not cost what was typed
                file_notes = attachments.check_uploads(request.files.getlist("files"),
                                                       max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
            except files.FileRejected as exc:
                typed_errors["files"] = f"{exc} Välj filerna igen – webbläsaren skickar dem inte en gång till."
            try:
                data = to_remiss_data(raw)
            except InputErrors as exc:
                raise InputErrors({**exc.errors, **typed_errors}) from None
            if typed_errors:
                raise InputErrors(typed_errors)
            confirmed = bool(values.get("confirm_all"))  # "Registrera ändå" beside the questions asked
            if not (values.get("confirm_duplicate") or confirmed):
                duplicates = queries.possible_duplicates(get_session(), principal(), sender_dnr=data.sender_dnr,
                                                         title=data.title)
            if not (values.get("confirm_past_deadline") or confirmed):
                past_deadline = _past(data.deadline_on)
            if not (values.get("confirm_received_late") or confirmed):
                received_late = _received_after_deadline(data)
            if duplicates or past_deadline or received_late:
                raise InputErrors({})  # shown with links; registering needs "registrera ändå" ticked
            remiss = service.register(get_session(), now=now(), principal=principal(), data=data,
                                      dnr_format=current_app.config["DNR_FORMAT"],
                                      default_prefix=current_app.config["DNR_DEFAULT_PREFIX"])
            # the missiv and the files read with it in the intake step become the first remisshandlingar
            intake.attach(get_session(), now=now(), principal=principal(), remiss=remiss, req=request)
            attachments.add_uploads(get_session(), now=now(), principal=principal(), remiss=remiss,
                                    uploads=request.files.getlist("files"), config=current_app.config)
        except InputErrors as exc:
            errors = exc.errors
        except files.FileRejected as exc:
            errors = {"files": str(exc)}
            get_session().rollback()
        else:
            flash(f"Remissen är registrerad med diarienummer {remiss.our_dnr}.", "success")
            for note in file_notes:
                flash(note, "warning")
            return redirect(url_for("remisser.show", remiss_id=remiss.id))
    return render_template("remisser/form.html", values=values, errors=errors, namnder=namnder,
                           editing=None, duplicates=duplicates, past_deadline=past_deadline, already=already,
                           received_late=received_late, namnd_hint=namnd_hint,
                           **_handlaggare_field(namnder, values, errors),
                           **intake.context(request)), (400 if errors else 200)


def _past(deadline):
    """The deadline when it has passed already: registering a remiss that came in late is asked about, not refused."""
    return deadline if deadline is not None and deadline < local_today(now()) else None


def _received_after_deadline(data):
    """(Inkom, sista svarsdag) when the remiss came in after its deadline: asked about like a past deadline."""
    if data.received_on and data.deadline_on and data.received_on > data.deadline_on:
        return data.received_on, data.deadline_on
    return None


def _deadline_required(values: dict) -> dict:
    """A remiss without a deadline is saved only when the user says it has none: an empty field is more often a
    date the browser did not take. A date and the tick together are asked about, not one of them dropped."""
    if "deadline_on" not in values:
        return {}
    typed = str(values["deadline_on"]).strip()
    if not typed and not values.get("no_deadline"):
        return {"deadline_on": "Ange sista svarsdag, eller kryssa i att remissen inte har någon."}
    if typed and values.get("no_deadline"):  # which one holds is the user's to say, not ours to guess
        return {"deadline_on": "Du har angett en sista svarsdag och kryssat i att remissen inte anger något datum. "
                               "Välj ett av dem: ta bort datumet eller krysset."}
    return {}


@bp.route("/remisser/<int:remiss_id>")
@login_required
def show(remiss_id: int):
    return _show(remiss_id)


_PageNamnd = namedtuple("_PageNamnd", "id name")  # what the page and its assign field read of the nämnd


def _show(remiss_id: int, *, assign_values: dict | None = None, assign_errors: dict | None = None):
    """The remiss page; after a failed assign, with what was typed and the error at the assign field."""
    session = get_session()
    p = principal()
    remiss = page.remiss(session, p, remiss_id)  # a row: the page only shows it
    namnd = _PageNamnd(remiss.namnd_id, remiss.namnd_name)
    may_assign = p.may(Action.assign, remiss.namnd_id)
    assign = {}
    if may_assign:
        values = assign_values or {"handlaggare_id": remiss.handlaggare_id or ""}
        assign = _handlaggare_field([namnd], {**values, "namnd_id": namnd.id}, dict(assign_errors or {}),
                                    current=remiss.handlaggare_id, current_name=remiss.handlaggare_name)
    events = describe(session, audit.history_rows(session, remiss.id),
                      outgoing=remiss.direction == Direction.utgaende)
    with reading_once(session):  # the panels show some of the same rows: load them once
        read_once(session, ("namnd_name", remiss.namnd_id), lambda: remiss.namnd_name)  # read with the remiss
        extra = [(panel, panel.context(session, p, remiss, now())) for panel in panels()]
        late = lateness(remiss, local_today(now()))
        warnings = remiss_warnings(session, remiss)
        archived = [(a.id, archive.label(a), a.version_number, a.size, a.created_at)
                    for a in archive.archived_of(session, remiss.id)]
        answered = answered_words(remiss, work_calendar(session)) if remiss.answered_at else None
        questions = page.questions(session, remiss.id)
        files = page.attachments(session, remiss.id)
        sandlista = page.entries(session, remiss.id)
    return render_template(
        "remisser/show.html", remiss=remiss, namnd=namnd, handlaggare=remiss.handlaggare_name,
        questions=questions, sandlista=sandlista,
        files=files, events=events,
        next_statuses=[s for s in allowed_next(remiss.status, remiss.direction)
                       if s not in BY_VERB_ONLY and may_move(p, remiss.namnd_id, remiss.status, s)],
        status=RemissStatus(remiss.status),
        # a panel may name a step the status does not show (a rättelse of the besvarad remiss's yttrande)
        # once the nämnd has decided, a longer remisstid no longer helps: only expediering is left
        next_step=(f"{LATE_STEP} " if late and remiss.status != RemissStatus.beslutad else "") + with_lateness(next(
            (ctx["next_step"] for _, ctx in extra if isinstance(ctx, dict) and ctx.get("next_step")),
            NEXT_STEPS[RemissStatus(remiss.status)]), [ctx for _, ctx in extra]),
        late=late, answered=answered, warnings=warnings, archived=archived,
        may_edit=p.may(Action.edit, remiss.namnd_id), may_assign=may_assign, assign=assign,
        panels=extra, outgoing=outgoing_facts(remiss, remiss.namnd_email) if remiss.direction == Direction.utgaende else None)


def _form_values(session, remiss) -> dict:
    values = {k: getattr(remiss, k) for k in service.AUDITED}
    for k in ("received_on", "letter_date", "deadline_on"):
        values[k] = values[k].isoformat() if values[k] else ""
    values["deadline_time"] = remiss.deadline_time.strftime("%H.%M") if remiss.deadline_time else ""
    values["no_deadline"] = "" if remiss.deadline_on else "1"
    values["questions"] = "\n".join(q.text for q in service.questions_of(session, remiss.id))
    values["sandlista"] = "\n".join(e.name for e in service.entries(session, remiss.id))
    return {k: ("" if v is None else v) for k, v in values.items()}


@bp.route("/remisser/<int:remiss_id>/andra", methods=["GET", "POST"])
@login_required
def edit(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    errors: dict = {}
    values = _form_values(session, remiss)
    if request.method == "POST":
        values = dict(request.form)
        if principal().may(Action.assign, remiss.namnd_id):
            raw, typed_errors = _typed_handlaggare(values, values.get("namnd_id", remiss.namnd_id), Action.edit,
                                                   current=remiss.handlaggare_id)
        else:
            raw = {k: v for k, v in values.items() if k not in ("csrf_token", "handlaggare", "handlaggare_id")}
            typed_errors = {}
        if not may_change_field(principal(), remiss.namnd_id, "our_dnr"):
            raw.pop("our_dnr", None)  # shown, not changeable (remiss.auth.access.FIELD_ACTIONS)
        clean, errors = parse_remiss_input(raw, partial=True)
        errors.update(typed_errors)
        errors.update(_deadline_required(values))
        if not errors:
            before = ((remiss.deadline_on, remiss.deadline_time),
                      (remiss.effective_deadline_on, remiss.effective_deadline_time))
            try:
                service.update(session, now=now(), principal=principal(), remiss=remiss, changes=clean)
            except InputErrors as exc:
                errors = exc.errors
                session.rollback()
            else:
                said = present.saved_deadline_message(remiss, before)
                flash("Ändringarna är sparade." + (f" {said}" if said else ""), "success")
                return redirect(url_for("remisser.show", remiss_id=remiss.id))
    namnder = _namnder(Action.edit)
    return render_template("remisser/form.html", values=values, errors=errors, namnder=namnder,
                           editing=remiss, dnr_locked=not may_change_field(principal(), remiss.namnd_id, "our_dnr"),
                           extended_note=_extended_note(remiss),
                           **_handlaggare_field(namnder, values, errors, current=remiss.handlaggare_id)), \
        (400 if errors else 200)


def _extended_note(remiss) -> str:
    """Beside the edit form's Sista svarsdag (the original): which one is in force after a förlängning."""
    if not present.is_extended(remiss):
        return ""
    return (f"Gäller: {format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)} efter "
            "förlängning. Fältet är den ursprungliga sista svarsdagen: ändrar du den gäller förlängningen "
            "fortfarande, så länge den är senare.")


@bp.app_template_global("deadline_with_in_force")
def _deadline_with_in_force(remiss) -> str:
    return present.deadline_with_in_force(remiss)


@bp.route("/remisser/<int:remiss_id>/status", methods=["POST"])
@login_required
def change_status(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    try:
        service.change_status(session, now=now(), principal=principal(), remiss=remiss,
                              new=request.form.get("status", ""), note=request.form.get("note", "")[:500])
    except (TransitionError, AccessDenied) as exc:
        flash(str(exc), "error")
    else:
        flash(f"Status ändrad till ”{RemissStatus(remiss.status).label}”.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


@bp.route("/remisser/<int:remiss_id>/tilldela", methods=["POST"])
@login_required
def assign(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.assign)
    values = request.form.to_dict()
    raw, typed_errors = _typed_handlaggare(values, remiss.namnd_id, Action.assign, current=remiss.handlaggare_id)
    if "handlaggare" in values and not raw.get("handlaggare_id") and not typed_errors:
        typed_errors = {"handlaggare": "Skriv namnet eller e-postadressen för en handläggare i nämnden."}
    if typed_errors:  # the page again, with what was typed and why it did not match
        return _show(remiss_id, assign_values=values, assign_errors=typed_errors), 400
    raw = raw.get("handlaggare_id", "")
    try:
        service.assign(session, now=now(), principal=principal(), remiss=remiss,
                       handlaggare_id=int(raw) if raw.isdigit() else -1)
    except (InputErrors, TransitionError) as exc:
        session.rollback()
        message = exc.errors.get("handlaggare_id") if isinstance(exc, InputErrors) else str(exc)
        flash(message or "Välj en handläggare.", "error")
    else:
        flash("Handläggaren är tilldelad.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id))


@bp.route("/remisser/<int:remiss_id>/filer", methods=["POST"])
@login_required
def upload(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    uploads = [u for u in request.files.getlist("files") if u and u.filename]
    if not uploads:
        flash("Välj minst en fil.", "error")
    try:
        attachments.add_uploads(session, now=now(), principal=principal(), remiss=remiss, uploads=uploads,
                                config=current_app.config)
    except files.FileRejected as exc:
        session.rollback()
        flash(str(exc), "error")
    else:
        if uploads:
            flash("Filen är sparad." if len(uploads) == 1 else f"{len(uploads)} filer är sparade.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#handlingar")


@bp.route("/filer/<int:attachment_id>")
@login_required
def download(attachment_id: int):
    session = get_session()
    attachment = get_or_404(Attachment, attachment_id)
    load_remiss(session, principal(), attachment.remiss_id)
    path = files.path_of(current_app.config["FILES_DIR"], attachment.storage_key)
    return send_file(path, mimetype=attachment.content_type, as_attachment=True,
                     download_name=attachment.filename)


@bp.route("/remisser/<int:remiss_id>/arkiv/<int:archive_id>")
@login_required
def archived_document(remiss_id: int, archive_id: int):
    """A document exactly as it was sent ("Skickat yttrande (arkiverat)"): the stored bytes, never made again."""
    session = get_session()
    load_remiss(session, principal(), remiss_id)
    row = session.get(ArchivedDocument, archive_id)
    if row is None or row.remiss_id != remiss_id:
        abort(404)
    return send_file(files.path_of(current_app.config["FILES_DIR"], row.storage_key), mimetype=row.content_type,
                     as_attachment=True, download_name=row.filename)
