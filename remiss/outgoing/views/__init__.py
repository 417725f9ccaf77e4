"""Pages for an outgoing remiss: create, missiv, send, answers, extensions, overview, sammanställning."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlmodel import select

from remiss import files
from remiss.calendar.swedish import format_date_time, format_deadline
from remiss.auth.access import Action, load_remiss
from remiss.clock import local_today
from remiss.db import get_session
from remiss.documents import RenderError
from remiss.namnd.models import Namnd
from remiss.outgoing import compilation, overview
from remiss.outgoing.forms import parse_answer, parse_ids, parse_until
from remiss.outgoing.models import Organisation
from remiss.outgoing.service import answers, sending
from remiss.outgoing.service.register import saved_lists
from remiss.remisser import attachments, page
from remiss.remisser import views as remisser_views
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors, parse_remiss_input, RemissData
from remiss.remisser.models import AnswerStatus, Attachment, Direction
from remiss.web import now, principal, requires
from remiss.web.downloads import download

bp = Blueprint("outgoing", __name__)
DOCX = sending.DOCX
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _config(key: str):
    return current_app.config[key]


def _remiss(remiss_id: int, action: Action = Action.view):
    remiss = load_remiss(get_session(), principal(), remiss_id, action)
    if remiss.direction != Direction.utgaende:
        abort(404)
    return remiss


def _back(remiss_id: int, anchor: str = "utskick"):
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + f"#{anchor}")


@bp.route("/remisser/ny-utgaende", methods=["GET", "POST"])
@requires(Action.create)
def new():
    session, p = get_session(), principal()
    values, errors = dict(request.form), {}
    if request.method == "POST":
        raw = {k: v for k, v in values.items() if k not in ("csrf_token", "sandlista")}
        clean, errors = parse_remiss_input(raw)
        items = sending.sandlista_from_register(
            session, organisation_ids=parse_ids(request.form.getlist("organisation_ids")),
            list_ids=parse_ids(request.form.getlist("list_ids")))
        if not errors:
            try:
                remiss = sending.create_outgoing(
                    session, now=now(), principal=p, data=RemissData(**dict(clean, sandlista=items)),
                    dnr_format=_config("DNR_FORMAT"), default_prefix=_config("DNR_DEFAULT_PREFIX"))
                attachments.add_uploads(session, now=now(), principal=p, remiss=remiss,
                                        uploads=request.files.getlist("files"), config=current_app.config)
            except InputErrors as exc:
                errors = exc.errors
                session.rollback()
            except files.FileRejected as exc:
                errors = {"files": str(exc)}
                session.rollback()
            else:
                flash(f"Den utgående remissen är registrerad med diarienummer {remiss.our_dnr}. "
                      "Skapa missivet och skicka remissen när allt är klart.", "success")
                return redirect(url_for("remisser.show", remiss_id=remiss.id) + "#utskick")
    namnder = [n for n in session.exec(select(Namnd).order_by(Namnd.name)) if p.may(Action.create, n.id)]
    orgs = session.exec(select(Organisation).where(Organisation.active)
                        .order_by(Organisation.group_name, Organisation.name)).all()
    return render_template("outgoing/new.html", values=values, errors=errors, namnder=namnder,
                           organisations=orgs, lists=saved_lists(session),
                           chosen_orgs=set(parse_ids(request.form.getlist("organisation_ids"))),
                           chosen_lists=set(parse_ids(request.form.getlist("list_ids")))), (400 if errors else 200)


def _post_guard(remiss_id: int):
    remiss = _remiss(remiss_id, Action.edit)
    return remiss


@bp.route("/remisser/<int:remiss_id>/utskick/missiv", methods=["POST"])
def make_missiv(remiss_id: int):
    remiss = _post_guard(remiss_id)
    try:
        sending.generate_missiv(get_session(), now=now(), principal=principal(), remiss=remiss,
                                files_dir=_config("FILES_DIR"))
    except RenderError as exc:
        get_session().rollback()
        flash(f"Missivet kunde inte skapas: {exc}", "error")
    else:
        flash("Missivet är skapat. Läs igenom det innan remissen skickas.", "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/skicka", methods=["POST"])
def send(remiss_id: int):
    remiss = _post_guard(remiss_id)
    try:
        queued = sending.send(get_session(), now=now(), principal=principal(), remiss=remiss,
                              files_dir=_config("FILES_DIR"), base_url=_config("BASE_URL"))
    except (InputErrors, RenderError) as exc:
        get_session().rollback()
        message = "; ".join(exc.errors.values()) if isinstance(exc, InputErrors) else str(exc)
        flash(f"Remissen skickades inte: {message}", "error")
    else:
        flash(f"Remissen läggs i utkorgen till {queued} remissinstanser." if queued
              else "Remissen var redan skickad till alla på sändlistan.", "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/instanser/<int:entry_id>", methods=["GET", "POST"])
def entry(remiss_id: int, entry_id: int):
    session, p = get_session(), principal()
    remiss = _remiss(remiss_id, Action.edit if request.method == "POST" else Action.view)
    item = answers.load_entry(session, remiss, entry_id)
    questions = remisser.questions_of(session, remiss.id)
    errors, values = {}, dict(request.form)
    if request.method == "POST":
        try:
            message = _entry_action(session, remiss, item, questions)
        except InputErrors as exc:
            errors = exc.errors
            session.rollback()
        except files.FileRejected as exc:
            errors = {"files": str(exc)}
            session.rollback()
        else:
            flash(message, "success")
            return _back(remiss_id)
    else:
        values = {"answered_on": (item.answered_on or local_today(now())).isoformat(), "summary": item.summary,
                  "other_comments": item.other_comments, "no_comments": item.no_comments}
        values.update({f"q_{qid}": text for qid, text in answers.answers_of(session, item.id).items()})
    answer_files = session.exec(select(Attachment).where(Attachment.sandlista_entry_id == item.id)).all()
    return render_template("outgoing/entry.html", remiss=remiss, entry=item, questions=questions,
                           values=values, errors=errors, files=answer_files, status=AnswerStatus(item.answer_status),
                           may_edit=p.may(Action.edit, remiss.namnd_id)), (400 if errors else 200)


def _entry_action(session, remiss, item, questions) -> str:
    action, p, form = request.form.get("action", ""), principal(), request.form
    today = local_today(now())
    if action == "answer":
        data = parse_answer(form, question_ids=[q.id for q in questions], today=today,
                            uploads=request.files.getlist("files"))
        answers.register_answer(session, now=now(), principal=p, remiss=remiss, entry=item, data=data,
                                files_dir=_config("FILES_DIR"), max_bytes=_config("UPLOAD_MAX_BYTES"))
        return f"Svaret från {item.name} är registrerat."
    if action == "decline":
        answers.decline(session, now=now(), principal=p, remiss=remiss, entry=item, answered_on=today,
                        note=str(form.get("note", ""))[:5000])
        return f"{item.name} avstår från att yttra sig."
    if action == "request_extension":
        day, at = parse_until(form)  # the date asked for, as for a grant: required, and a real time of day
        answers.request_extension(session, now=now(), principal=p, remiss=remiss, entry=item, requested_until_on=day,
                                  requested_until_time=at, reason=str(form.get("reason", ""))[:5000])
        return f"{item.name} har begärt anstånd."
    if action == "grant_extension":
        day, at = parse_until(form)
        answers.grant_extension(session, now=now(), principal=p, remiss=remiss, entry=item, until_on=day,
                                until_time=at, reason=str(form.get("reason", ""))[:5000])
        return f"{item.name} har fått anstånd till {format_deadline(day, at)}."
    if action == "reopen":
        answers.reopen(session, now=now(), principal=p, remiss=remiss, entry=item)
        return f"Svaret från {item.name} är borttaget; instansen räknas som ej svarat."
    raise InputErrors({"action": "Okänd åtgärd."})


@bp.route("/remisser/<int:remiss_id>/utskick/forlangning", methods=["POST"])
def general_extension(remiss_id: int):
    remiss = _post_guard(remiss_id)
    try:
        day, at = parse_until(request.form)
        queued = answers.general_extension(get_session(), now=now(), principal=principal(), remiss=remiss,
                                           until_on=day, until_time=at,
                                           reason=str(request.form.get("reason", ""))[:5000])
    except InputErrors as exc:
        # the remiss page again, the form with what was typed and each message by its field
        get_session().rollback()
        g.outgoing_failed = {"errors": exc.errors, "values": request.form.to_dict()}
        return remisser_views.show(remiss_id), 400
    flash(f"Remisstiden är förlängd till {format_deadline(day, at)}. "
          f"Meddelande läggs i utkorgen till {queued} remissinstanser som inte har svarat.", "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/svarsstatus.<fmt>")
def export(remiss_id: int, fmt: str):
    remiss = _remiss(remiss_id)
    table = overview.rows(get_session(), remiss, status=request.args.get("status", ""),
                          group=request.args.get("grupp", ""))
    name = f"svarsstatus-{(remiss.our_dnr or str(remiss.id)).replace(' ', '_')}"
    if fmt == "csv":
        return download(overview.to_csv(table), f"{name}.csv", "text/csv; charset=utf-8")
    if fmt == "xlsx":
        return download(overview.to_xlsx(table, f"{remiss.our_dnr} {remiss.title}"), f"{name}.xlsx", XLSX)
    abort(404)


@bp.route("/remisser/<int:remiss_id>/utskick/sammanstallning.docx")
def sammanstallning(remiss_id: int):
    remiss = _remiss(remiss_id)
    try:
        data = compilation.render(get_session(), now=now(), principal=principal(), remiss=remiss)
    except RenderError as exc:
        flash(f"Sammanställningen kunde inte skapas: {exc}", "error")
        return _back(remiss_id)
    return download(data, f"Remissammanstallning {remiss.our_dnr or remiss.id}.docx", DOCX)


def panel_context(session, p, remiss, moment):
    """Display-ready values for the panel on the remiss page (outgoing remisser only)."""
    if remiss.direction != Direction.utgaende:
        return None
    status, group = request.args.get("status", ""), request.args.get("grupp", "")
    entries = page.entries(session, remiss.id)  # shared with the page's Sändlista section
    return {"counts": overview.counts(session, remiss.id),
            "rows": overview.rows(session, remiss, status=status, group=group, entries=entries),
            "groups": overview.groups(session, remiss.id, entries), "statuses": list(AnswerStatus),
            "status": status, "group": group, "missiv": sending.current_missiv(session, remiss.id),
            "sent": remiss.sent_at is not None, "sent_at": format_date_time(remiss.sent_at) if remiss.sent_at else "",
            "unsent": sum(1 for e in entries if e.sent_at is None),
            "may_edit": p.may(Action.edit, remiss.namnd_id), "failed": g.get("outgoing_failed")}


def sandlista_status(session, remiss):
    """API: counts per answer status for outgoing remisser."""
    if remiss.direction != Direction.utgaende:
        return None
    return overview.status_json(session, remiss)



from remiss.outgoing.views import register  # noqa: E402,F401  (routes on the same blueprint)
from remiss.outgoing import api  # noqa: E402,F401
