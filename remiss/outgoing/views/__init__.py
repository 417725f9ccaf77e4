"""Pages for an outgoing remiss: create, missiv, send, answers, extensions, overview, sammanställning."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlmodel import select

from remiss import files
from remiss.calendar.swedish import count_words, format_date, format_deadline
from remiss.auth.access import Action, load_remiss
from remiss.clock import local, local_today
from remiss.db import get_session
from remiss.documents import PdfUnavailable, RenderError, convert_to_pdf, held_uploads
from remiss.namnd.models import Namnd
from remiss.outgoing import compilation, overview, present
from remiss.outgoing.forms import parse_answer, parse_ids, parse_new_instanser, parse_until
from remiss.outgoing.service import addresses, answers, lifecycle, publication, sending
from remiss.outgoing.service.register import saved_lists, visible_organisations
from remiss.remisser import attachments
from remiss.remisser import views as remisser_views
from remiss.remisser import service as remisser
from remiss.remisser.input import SANDLISTA_LIMIT, InputErrors, parse_remiss_input, RemissData
from remiss.outgoing.models import Organisation
from remiss.remisser.models import AnswerStatus, Attachment, Direction
from remiss.web import now, principal, requires
from remiss.web.downloads import download_file

bp = Blueprint("outgoing", __name__)
MAX_SANDLISTA = SANDLISTA_LIMIT
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


def _refused(what: str, exc: InputErrors | RenderError) -> None:
    """Undo the request's changes and say why: what was not done, then the form's messages or the error's own."""
    get_session().rollback()
    message = "; ".join(exc.errors.values()) if isinstance(exc, InputErrors) else str(exc)
    flash(f"{what}: {message}", "error")


@bp.route("/remisser/ny-utgaende", methods=["GET", "POST"])
@requires(Action.create)
def new():
    session, p = get_session(), principal()
    values, errors, past_deadline = dict(request.form), {}, None
    held = held_uploads.from_form(_config("SECRET_KEY"), request.form, user_id=p.user_id, scope="outgoing-new") \
        if request.method == "POST" else []
    if request.method == "POST":
        raw = {k: v for k, v in values.items() if k not in ("csrf_token", "sandlista", "confirm_past_deadline",
                                                            held_uploads.TOKEN_FIELD, held_uploads.KEEP_FIELD)}
        clean, errors = parse_remiss_input(raw)
        # as for an incoming remiss, a svarsdag that is not after today is asked about before registering
        day = clean.get("deadline_on")
        if not errors and day and day <= local_today(now()) and not values.get("confirm_past_deadline"):
            past_deadline = day
        offered = {o.id for o in visible_organisations(session, p, shared=_config("REGISTER_SHARED"))}
        items = sending.sandlista_from_register(
            session, organisation_ids=[i for i in parse_ids(request.form.getlist("organisation_ids")) if i in offered],
            list_ids=parse_ids(request.form.getlist("list_ids")))
        try:
            chosen = {item.name.casefold() for item in items}
            items += [i for i in parse_new_instanser(values.get("new_instanser")) if i.name.casefold() not in chosen]
        except InputErrors as exc:
            errors.update(exc.errors)
        if len(items) > MAX_SANDLISTA:
            errors["sandlista"] = f"Högst {MAX_SANDLISTA} remissinstanser på en sändlista."
        if not errors and not past_deadline:
            try:
                remiss = sending.create_outgoing(
                    session, now=now(), principal=p, data=RemissData(**dict(clean, sandlista=items)),
                    dnr_format=_config("DNR_FORMAT"), default_prefix=_config("DNR_DEFAULT_PREFIX"))
                for filename, data in held_uploads.contents(_config("FILES_DIR"), held):
                    attachments.add(session, now=now(), principal=p, remiss=remiss, filename=filename, data=data,
                                    files_dir=_config("FILES_DIR"), max_bytes=_config("UPLOAD_MAX_BYTES"))
                attachments.add_uploads(session, now=now(), principal=p, remiss=remiss,
                                        uploads=request.files.getlist("files"), config=current_app.config)
            except InputErrors as exc:
                errors = exc.errors
                session.rollback()
            except files.FileRejected as exc:
                errors = {"files": str(exc)}
                session.rollback()
            else:
                held_uploads.release(_config("FILES_DIR"), held)
                flash(f"Den utgående remissen är registrerad med diarienummer {remiss.our_dnr}. "
                      "Skapa missivet och skicka remissen när allt är klart.", "success")
                return redirect(url_for("remisser.show", remiss_id=remiss.id) + "#utskick")
    if request.method == "POST":  # the form comes back: the remisshandlingar chosen stay chosen
        held = held + _hold(request.files.getlist("files"), errors)
    namnder = [n for n in session.exec(select(Namnd).order_by(Namnd.name)) if p.may(Action.create, n.id)]
    orgs = visible_organisations(session, p, shared=_config("REGISTER_SHARED"))
    return render_template("outgoing/new.html", values=values, errors=errors, namnder=namnder, held=held,
                           held_token=held_uploads.token_for(_config("SECRET_KEY"), user_id=p.user_id,
                                                             scope="outgoing-new", held=held),
                           organisations=orgs, lists=saved_lists(session),
                           chosen_orgs=set(parse_ids(request.form.getlist("organisation_ids"))),
                           chosen_lists=set(parse_ids(request.form.getlist("list_ids"))), past_deadline=past_deadline,
                           today=local_today(now())), (400 if errors or past_deadline else 200)


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
        _refused("Missivet kunde inte skapas", exc)
    else:
        flash("Missivet är skapat. Läs igenom det innan remissen skickas.", "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/skicka", methods=["POST"])
def send(remiss_id: int):
    remiss = _post_guard(remiss_id)
    try:
        sent = sending.send(get_session(), now=now(), principal=principal(), remiss=remiss,
                            files_dir=_config("FILES_DIR"), base_url=_config("BASE_URL"))
    except (InputErrors, RenderError) as exc:
        _refused("Remissen skickades inte", exc)
    else:
        flash(_sent_message(sent), "success")
    return _back(remiss_id)


def _sent_message(sent: sending.Sent) -> str:
    skipped = (f" {', '.join(sent.skipped)} har redan svarat eller avstått och får inte missivet."
               if sent.skipped else "")
    if not sent.mailed and not sent.posted:
        return ("Ingen fick missivet." + skipped if skipped
                else "Remissen var redan skickad till alla på sändlistan.")
    parts = []
    if sent.mailed:
        parts.append(f"{sent.mailed} {'remissinstans får' if sent.mailed == 1 else 'remissinstanser får'} "
                     "missivet med e-post")
    if sent.posted:
        parts.append(f"{sent.posted} ska få det per post: skriv ut breven "
                     "(”Brev med missivet att skriva ut”), de är markerade som skickade per post i dag")
    return "Remissen är skickad: " + "; ".join(parts) + "." + skipped


@bp.route("/remisser/<int:remiss_id>/utskick/instanser/<int:entry_id>", methods=["GET", "POST"])
def entry(remiss_id: int, entry_id: int):
    session, p = get_session(), principal()
    remiss = _remiss(remiss_id, Action.edit if request.method == "POST" else Action.view)
    item = answers.load_entry(session, remiss, entry_id)
    questions = remisser.questions_of(session, remiss.id)
    errors, values, early = {}, dict(request.form), False
    answering = request.method == "POST" and request.form.get("action") == "answer"
    scope = f"outgoing-answer:{item.id}"
    # files chosen before a question or an error came back, kept on the server (walk10: they were lost)
    held = held_uploads.from_form(_config("SECRET_KEY"), request.form, user_id=p.user_id, scope=scope) \
        if answering else []
    if request.method == "POST":
        try:
            message = _entry_action(session, remiss, item, questions, held)
        except InputErrors as exc:
            errors, early = exc.errors, isinstance(exc, answers.EarlyAnswer)
            session.rollback()
        except files.FileRejected as exc:
            errors = {"files": str(exc)}
            session.rollback()
        else:
            held_uploads.release(_config("FILES_DIR"), held)
            flash(message, "success")
            return _back(remiss_id)
        if answering:
            held = held + _hold(request.files.getlist("files"), errors)
    else:
        values = {"answered_on": (item.answered_on or local_today(now())).isoformat(), "summary": item.summary,
                  "other_comments": item.other_comments, "no_comments": item.no_comments}
        values.update({f"q_{qid}": text for qid, text in answers.answers_of(session, item.id).items()})
    answer_files = session.exec(select(Attachment).where(Attachment.sandlista_entry_id == item.id)).all()
    email, postal = addresses.current(session, [item])[item.id]
    for key, value in (("email", email), ("postal_address", postal)):
        values.setdefault(key, value)
    org = session.get(Organisation, item.organisation_id) if item.organisation_id else None
    return render_template("outgoing/entry.html", remiss=remiss, entry=item, questions=questions,
                           values=values, errors=errors, files=answer_files, status=AnswerStatus(item.answer_status),
                           late=answers.is_late(remiss, item), email=email, postal_address=postal,
                           may_change_register=addresses.may_change_register(p, org),
                           may_edit=p.may(Action.edit, remiss.namnd_id), early=early, held=held,
                           held_token=held_uploads.token_for(_config("SECRET_KEY"), user_id=p.user_id, scope=scope,
                                                             held=held)), (400 if errors else 200)


def _hold(uploads, errors: dict) -> list:
    """Keep the files chosen in a form that comes back (a question, an error), so they need not be chosen again;
    a file that would be refused is not kept, and its message joins the form's."""
    kept, refused = held_uploads.hold_uploads(_config("FILES_DIR"), uploads, max_bytes=_config("UPLOAD_MAX_BYTES"))
    if refused and "files" not in errors:
        errors["files"] = " ".join(refused)
    return kept


def _entry_action(session, remiss, item, questions, held=()) -> str:
    action, p, form = request.form.get("action", ""), principal(), request.form
    today = local_today(now())
    if action == "answer":
        uploads = request.files.getlist("files")
        if len([u for u in uploads if u and u.filename]) + len(held) > attachments.FILES_LIMIT:
            raise InputErrors({"files": f"Högst {attachments.FILES_LIMIT} filer åt gången."})
        data = parse_answer(form, question_ids=[q.id for q in questions], today=today, uploads=uploads)
        data.files = held_uploads.contents(_config("FILES_DIR"), list(held)) + data.files
        answers.register_answer(session, now=now(), principal=p, remiss=remiss, entry=item, data=data,
                                files_dir=_config("FILES_DIR"), max_bytes=_config("UPLOAD_MAX_BYTES"))
        late = " Det kom in efter svarstiden och är markerat som sent." if answers.is_late(remiss, item) else ""
        if answers.before_sending(item):  # asked about first (answers.EarlyAnswer) and confirmed
            late += (f" Det är daterat {format_date(item.answered_on)}, före utskicket "
                     f"{format_date(local(item.sent_at).date())}, som du bekräftade.")
        return f"Svaret från {item.name} är registrerat.{late}"
    if action == "address":
        in_register = form.get("in_register") == "1"
        changed = addresses.set_address(session, now=now(), principal=p, remiss=remiss, entry=item,
                                        email=str(form.get("email", ""))[:300],
                                        postal_address=str(form.get("postal_address", ""))[:2000],
                                        in_register=in_register)
        return (f"Adressen till {item.name} är ändrad" + (" här och i registret." if changed
                                                           else " på den här remissen."))
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
        done = answers.general_extension(get_session(), now=now(), principal=principal(), remiss=remiss,
                                         until_on=day, until_time=at, files_dir=_config("FILES_DIR"),
                                         reason=str(request.form.get("reason", ""))[:5000])
    except InputErrors as exc:
        # the remiss page again, the form with what was typed and each message by its field
        get_session().rollback()
        g.outgoing_failed = {"errors": exc.errors, "values": request.form.to_dict()}
        return remisser_views.show(remiss_id), 400
    flash(_extended_message(done, format_deadline(day, at)), "success")
    return _back(remiss_id)


def _extended_message(done: answers.Extended, until: str) -> str:
    """What the general extension did, true for every instans that has not answered: mailed, to print, or not told."""
    text = f"Remisstiden är förlängd till {until}."
    if done.mailed:
        text += (f" Meddelandet läggs i utkorgen till {count_words(done.mailed, 'remissinstans', 'remissinstanser')} "
                 "med e-post.")
    if done.posted:
        one = len(done.posted) == 1
        text += (f" {', '.join(done.posted)} har ingen e-postadress och har inte fått meddelandet: skriv ut "
                 f"{'brevet' if one else 'breven'} (”Brev om förlängd remisstid att skriva ut”) och skicka "
                 f"{'det' if one else 'dem'} per post.")
    if done.unsent:
        text += (f" {', '.join(done.unsent)} har inte fått remissen än; missivet får den nya svarsdagen när "
                 "remissen skickas.")
    if not (done.mailed or done.posted or done.unsent):
        text += " Alla remissinstanser har redan svarat eller avstått, så inget meddelande skickas."
    return text


@bp.route("/remisser/<int:remiss_id>/utskick/svarsstatus.<fmt>")
def export(remiss_id: int, fmt: str):
    remiss = _remiss(remiss_id)
    if fmt not in ("csv", "xlsx"):
        abort(404)
    session = get_session()
    entries = remisser.entries(session, remiss.id)
    table = overview.rows(session, remiss, status=request.args.get("status", ""),
                          group=request.args.get("grupp", ""), entries=entries,
                          addresses=addresses.current(session, entries))
    name = f"Svarsstatus {remiss.our_dnr or remiss.id}"  # download_file puts it on one line, / → -
    if fmt == "csv":
        return download_file(overview.to_csv(table), f"{name}.csv", "text/csv; charset=utf-8")
    return download_file(overview.to_xlsx(table, f"{remiss.our_dnr} {remiss.title}"), f"{name}.xlsx", XLSX)


@bp.route("/remisser/<int:remiss_id>/utskick/sammanstallning.docx")
def sammanstallning(remiss_id: int):
    remiss = _remiss(remiss_id)
    try:
        data = compilation.render(get_session(), now=now(), principal=principal(), remiss=remiss)
    except RenderError as exc:
        flash(f"Sammanställningen kunde inte skapas: {exc}", "error")
        return _back(remiss_id)
    return download_file(data, compilation.file_name(remiss), DOCX)


@bp.route("/remisser/<int:remiss_id>/utskick/brev.pdf")
def letters_pdf(remiss_id: int):
    """The newest letters to print, as PDF (LibreOffice on the server)."""
    remiss = _remiss(remiss_id)
    letters = sending.letters_file(get_session(), remiss.id)
    if letters is None:
        abort(404)
    try:
        pdf = convert_to_pdf(files.path_of(_config("FILES_DIR"), letters.storage_key).read_bytes())
    except (PdfUnavailable, RenderError) as exc:
        flash(f"{exc} Ladda ned Word-filen i stället.", "error")
        return _back(remiss_id)
    return download_file(pdf, letters.filename.removesuffix(".docx") + ".pdf", "application/pdf")


@bp.route("/remisser/<int:remiss_id>/utskick/sammanstall", methods=["POST"])
def compile_answers(remiss_id: int):
    remiss = _post_guard(remiss_id)
    try:
        kept = lifecycle.compile_answers(get_session(), now=now(), principal=principal(), remiss=remiss,
                                         files_dir=_config("FILES_DIR"))
    except (InputErrors, RenderError) as exc:
        _refused("Svaren sammanställdes inte", exc)
    else:
        flash(f"Svaren är sammanställda i ”{kept.filename}”, som finns bland handlingarna. "
              "Publicera remissvaren om de ska visas öppet, och avsluta sedan ärendet.", "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/avsluta", methods=["POST"])
def close(remiss_id: int):
    remiss = _post_guard(remiss_id)
    try:
        lifecycle.close(get_session(), now=now(), principal=principal(), remiss=remiss,
                        note=str(request.form.get("note", ""))[:500])
    except InputErrors as exc:
        _refused("Ärendet avslutades inte", exc)
    else:
        flash("Ärendet är avslutat. Planerade påminnelser är stoppade.", "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/publicera", methods=["POST"])
def publish(remiss_id: int):
    remiss = _post_guard(remiss_id)
    session = get_session()
    try:
        if request.form.get("action") == "unpublish":
            publication.unpublish(session, now=now(), principal=principal(), remiss=remiss)
            flash("Remissvaren visas inte längre öppet.", "success")
        else:
            publication.publish(session, now=now(), principal=principal(), remiss=remiss,
                                attachment_ids=parse_ids(request.form.getlist("attachment_ids")),
                                intro=str(request.form.get("intro", "")))
            flash("Remissvaren är publicerade. Den öppna sidan visar de valda filerna.", "success")
    except InputErrors as exc:
        _refused("Inget publicerades", exc)
    return _back(remiss_id, "publicering")


def panel_context(session, p, remiss, moment):
    """Display-ready values for the panel on the remiss page (outgoing remisser only)."""
    if remiss.direction != Direction.utgaende:
        return None
    context = present.panel(session, p, remiss, moment, status=request.args.get("status", ""),
                            group=request.args.get("grupp", ""))
    context["failed"] = g.get("outgoing_failed")  # the general extension's form, when it came back with errors
    return context


def sandlista_status(session, remiss):
    """API: counts per answer status for outgoing remisser."""
    if remiss.direction != Direction.utgaende:
        return None
    return overview.status_json(session, remiss)



from remiss.outgoing.views import register  # noqa: E402,F401  (routes on the same blueprint)
from remiss.outgoing import api  # noqa: E402,F401
from remiss.outgoing.views import public  # noqa: E402,F401
