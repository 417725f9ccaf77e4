"""Pages for an outgoing remiss: create it, make its missiv and send it; the other verbs in sibling modules."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlmodel import select

from remiss import files, one_round
from remiss.auth.access import Action, load_remiss
from remiss.clock import local_today
from remiss.db import get_session
from remiss.documents import RenderError, held_uploads
from remiss.namnd.models import Namnd
from remiss.outgoing import mails, overview, present, questions
from remiss.outgoing.held import answered_keys as held_answered_keys, missiv_names as held_missiv_names
from remiss.outgoing.forms import parse_ids, read_new_instanser
from remiss.outgoing.repeated import merge_repeated, name_key, repeated_note
from remiss.outgoing.service import amendments, lifecycle, missiv_doc, sending
from remiss.outgoing.service.edits import outgoing_checks
from remiss.outgoing.service.register import saved_lists, visible_organisations
from remiss.calendar.swedish import count_words
from remiss.reminders import queued as queueing
from remiss.reminders.queued import queued
from remiss.remisser import attachments, service as remisser_service
from remiss.remisser.input import SANDLISTA_LIMIT, InputErrors, parse_remiss_input, RemissData, SandlistaItem
from remiss.remisser.models import Direction
from remiss.web import asking, now, principal, requires
from remiss.field_order import in_field_order

bp = Blueprint("outgoing", __name__)
MAX_SANDLISTA = SANDLISTA_LIMIT
DOCX = missiv_doc.DOCX
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _config(key: str):
    return current_app.config[key]


def _remiss(remiss_id: int, action: Action = Action.view, *, act: str = ""):
    """The utgående remiss if the user may do action on it; act: a button's POST, the act of auth.access.BORROWED_ACTS
    whose right it needs, so one who may not is told the act, not "ändra remisser" (walk31 #12)."""
    remiss = load_remiss(get_session(), principal(), remiss_id, action, act=act)
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


# the fields of Ny utgående remiss in the order templates/outgoing/new.html shows them: its error summary's order
NEW_FIELDS = ("title", "namnd_id", "our_dnr", "missiv_text", "deadline_on", "deadline_time", "letter_date",
              "answer_email", "answer_address", "contact_person", "contact_email", "questions", "sandlista",
              "new_instanser", "files")


@bp.route("/remisser/ny-utgaende", methods=["GET", "POST"])
@requires(Action.create)
def new():
    session, p = get_session(), principal()
    values, errors = dict(request.form), {}
    held = held_uploads.from_form(_config("SECRET_KEY"), request.form, user_id=p.user_id, scope="outgoing-new") \
        if request.method == "POST" else []
    if request.method == "POST":
        raw = {k: v for k, v in values.items() if k not in ("csrf_token", "sandlista", "confirm_past_deadline",
                                                            held_uploads.TOKEN_FIELD, held_uploads.KEEP_FIELD)}
        clean, errors = parse_remiss_input(raw)
        offered = {o.id for o in visible_organisations(session, p, shared=_config("REGISTER_SHARED"))}
        items = sending.sandlista_from_register(
            session, organisation_ids=[i for i in parse_ids(request.form.getlist("organisation_ids")) if i in offered],
            list_ids=parse_ids(request.form.getlist("list_ids")))
        chosen = {name_key(item.name) for item in items}
        typed, repeated, unread_lines = _typed_instanser(values.get("new_instanser"))
        items += [i for i in typed if name_key(i.name) not in chosen]
        errors.update(unread_lines)
        if len(items) > MAX_SANDLISTA:
            errors["sandlista"] = f"Högst {MAX_SANDLISTA} remissinstanser på en sändlista."
        # everything at once, as the incoming form does, not one field per submit (walk16 #11, walk27 Y3): a
        # missing or passed svarsdag, a missiv dated after it, no instans. A svarsdag not after today is refused,
        # not asked about: such a remiss could never be sent nor get answers registered (walk12b #11).
        found = outgoing_checks(clean, items, local_today(now()), unread=errors)
        if "new_instanser" in errors:  # rows typed but refused: those are the error, not an empty sändlista (F7)
            found.pop("sandlista", None)
        errors = one_round.collect(errors, found, remisser_service.taken_dnr(  # in the first answer (walk28 Z1)
            session, clean.get("our_dnr"), dnr_format=_config("DNR_FORMAT"),
            default_prefix=_config("DNR_DEFAULT_PREFIX")))
        if not errors:
            def create():
                made = sending.create_outgoing(
                    session, now=now(), principal=p, data=RemissData(**dict(clean, sandlista=items)),
                    dnr_format=_config("DNR_FORMAT"), default_prefix=_config("DNR_DEFAULT_PREFIX"))
                for filename, data in held_uploads.contents(_config("FILES_DIR"), held):
                    attachments.add(session, now=now(), principal=p, remiss=made, filename=filename, data=data,
                                    files_dir=_config("FILES_DIR"), max_bytes=_config("UPLOAD_MAX_BYTES"))
                attachments.add_uploads(session, now=now(), principal=p, remiss=made,
                                        uploads=request.files.getlist("files"), config=current_app.config)
                return made

            remiss, errors, _ = attempt(session, create)
            if not errors:
                held_uploads.release(_config("FILES_DIR"), held)
                flash(f"Den utgående remissen är registrerad med diarienummer {remiss.our_dnr}. "
                      + (repeated_note(repeated, typed=True) + " " if repeated else "") + "Skapa missivet och skicka remissen när allt är klart.", "success")
                return redirect(url_for("remisser.show", remiss_id=remiss.id) + "#utskick")
    if request.method == "POST":  # the form comes back: the remisshandlingar chosen stay chosen
        held = held + _hold(request.files.getlist("files"), errors)
    namnder = [n for n in session.exec(select(Namnd).order_by(Namnd.name)) if p.may(Action.create, n.id)]
    orgs = visible_organisations(session, p, shared=_config("REGISTER_SHARED"))
    return render_template("outgoing/new.html", values=values, errors=in_field_order(errors, NEW_FIELDS),
                           namnder=namnder, held=held,
                           held_token=held_uploads.token_for(_config("SECRET_KEY"), user_id=p.user_id,
                                                             scope="outgoing-new", held=held),
                           organisations=orgs, lists=saved_lists(session),
                           chosen_orgs=set(parse_ids(request.form.getlist("organisation_ids"))),
                           chosen_lists=set(parse_ids(request.form.getlist("list_ids")))), (400 if errors else 200)


def _typed_instanser(text) -> tuple[list[SandlistaItem], list[str], dict[str, str]]:
    """(the instanser typed that were read, one for a name written twice; the names written twice; what is wrong
    with the lines, on new_instanser): a line not read and a name written twice with two addresses are said
    together (walk27 Y3)."""
    typed, unread = read_new_instanser(text)
    try:
        typed, repeated = merge_repeated(typed, field="new_instanser", tidy=True)
    except InputErrors as exc:
        return [], [], {"new_instanser": " ".join(filter(None, [unread.get("new_instanser"),
                                                                exc.errors["new_instanser"]]))}
    return typed, repeated, unread


def attempt(session, call):
    """Run call() for a form that comes back on bad input: (its result, {}, None), or, when it refuses the input
    or a file, the request's changes undone and (None, the messages by field, the exception)."""
    try:
        return call(), {}, None
    except InputErrors as exc:
        session.rollback()
        return None, exc.errors, exc
    except files.FileRejected as exc:
        session.rollback()
        return None, {"files": str(exc)}, exc


@bp.route("/remisser/<int:remiss_id>/utskick/missiv", methods=["POST"])
def make_missiv(remiss_id: int):
    remiss = _remiss(remiss_id, act="outgoing_missiv")
    why = lifecycle.not_sent_reason(remiss)  # compiled or closed: no missiv for a sending that will not come (J5)
    if why:
        flash(f"Missivet skapades inte: {why}.", "error")
        return _back(remiss_id)
    try:  # one held back in the Utkorg, or waiting there, now carries this missiv and goes out (h-queue24)
        done = amendments.remake(get_session(), now=now(), principal=principal(), remiss=remiss,
                                 files_dir=_config("FILES_DIR"), base_url=_config("BASE_URL"))
    except RenderError as exc:
        _refused("Missivet kunde inte skapas", exc)
        return _back(remiss_id)
    if done.rebuilt:
        flash(f"Missivet är skapat. {amendments.rebuilt_words(done.rebuilt)}", "success")
    else:
        flash("Missivet är skapat. Läs igenom det innan remissen skickas.", "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/skicka", methods=["POST"])
def send(remiss_id: int):
    """Skicka remissen: only with the dialog's yes or the page's box (confirm_send); without it, where the remiss
    could be sent, the page asks beside the button (walk21 J14: without JavaScript it was sent with no question)."""
    remiss = _remiss(remiss_id, act="outgoing_send")
    try:
        sent = sending.send(get_session(), now=now(), principal=principal(), remiss=remiss,
                            files_dir=_config("FILES_DIR"), base_url=_config("BASE_URL"),
                            confirmed=asking.confirmed("confirm_send"))
    except sending.NotConfirmed:
        get_session().rollback()
        return asking.ask(remiss_id, "skicka", "Remissen är inte skickad: att skicka den går inte att ångra. Läs "
                          "frågan vid knappen och kryssa i ”Ja, skicka remissen nu” om den ska skickas.")
    except (InputErrors, RenderError) as exc:
        _refused("Remissen skickades inte", exc)
    else:
        enclose = bool(sent.posted and missiv_doc.remisshandlingar(get_session(), remiss_id))
        flash(_sent_message(sent, enclose=enclose, down=queueing.down_since(get_session())), "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/andring", methods=["POST"])
def send_amendment(remiss_id: int):
    """The changed missiv to those sent the remiss before its frågeställningar changed (walk12b #14); only with the
    dialog's yes or the page's box (confirm_amendment), else the page asks beside the button (walk21 J14)."""
    remiss = _remiss(remiss_id, act="outgoing_amendment")
    found = amendments.news(get_session(), remiss)  # what it sends: the message names the new remisshandlingar
    try:
        mailed, posted = amendments.send_amendment(get_session(), now=now(), principal=principal(), remiss=remiss,
                                                   files_dir=_config("FILES_DIR"), base_url=_config("BASE_URL"),
                                                   confirmed=asking.confirmed("confirm_amendment"))
    except sending.NotConfirmed:
        get_session().rollback()
        return asking.ask(remiss_id, "skicka-andring", "Ändringen är inte skickad: att skicka den går inte att ångra. "
                          "Läs frågan vid knappen och kryssa i ”Ja, skicka ändringen” om den ska skickas.")
    except (InputErrors, RenderError) as exc:
        _refused("Ändringen skickades inte", exc)
    else:
        flash(amendments.sent_message(
            mailed, posted, down=queueing.down_since(get_session()),
            added=amendments.added_names([n for n in found if n.entry.email]),
            enclose=amendments.added_names([n for n in found if not n.entry.email])), "success")
    return _back(remiss_id)


def _sent_message(sent: sending.Sent, *, enclose: bool = False, down=None) -> str:
    skipped = (f" {', '.join(sent.skipped)} har redan svarat eller avstått och får inte missivet."
               if sent.skipped else "")
    if not sent.mailed and not sent.posted:
        return ("Ingen fick missivet." + skipped if skipped
                else "Remissen var redan skickad till alla på sändlistan.")
    parts = []
    if sent.mailed:
        parts.append(queued("missivet", count_words(sent.mailed, "remissinstans", "remissinstanser"), down=down))
    if sent.posted:
        parts.append(f"{sent.posted} ska få det per post: skriv ut breven "
                     "(”Brev med missivet att skriva ut”)"
                     + (" och lägg remisshandlingarna i varje brev" if enclose else "")
                     + ", de är markerade som skickade per post i dag")
    return "Remissen är skickad: " + "; ".join(parts) + "." + skipped + _made_words(sent)


def _made_words(sent: sending.Sent) -> str:
    """What the send did with the missiv, as its question said (questions.made_now): made now, nobody has read it."""
    if not sent.made_from:
        return ""
    if sent.stale:
        return (f" Missivet var inaktuellt ({sent.stale}), så ett nytt skapades nu från {sent.made_from}; ingen "
                "har läst det.")
    return f" Missivet skapades nu från {sent.made_from}; ingen har läst det."


def _hold(uploads, errors: dict) -> list:
    """Keep the files chosen in a form that comes back (a question, an error), so they need not be chosen again;
    a file that would be refused is not kept, and every such file is named in the form's message: the service
    stops at the first (walk24 V5: program.exe was said, the empty tom.pdf only in the next round)."""
    kept, refused = held_uploads.hold_uploads(_config("FILES_DIR"), uploads, max_bytes=_config("UPLOAD_MAX_BYTES"))
    if refused:
        said = errors.get("files", "")  # the service's own words: the first refused file's, or another limit's
        errors["files"] = " ".join(([said] if said and not any(r.endswith(said) for r in refused) else []) + refused
                                   + (["De andra filerna du valde är sparade och följer med."] if kept else []))
    return kept


def panel_context(session, p, remiss, moment):
    """Display-ready values for the panel on the remiss page (outgoing remisser only)."""
    if remiss.direction != Direction.utgaende:
        return None
    context = present.panel(session, p, remiss, moment, status=request.args.get("status", ""),
                            group=request.args.get("grupp", ""),
                            extend_until=(g.get("outgoing_failed") or {}).get("until"))  # asked for this date
    found = amendments.news(session, remiss)  # have the old frågeställningar, or not a remisshandling added since
    outdated = [n.entry for n in found]
    context["amendment"] = [e.name for e in outdated]
    context["amendment_questions"] = [n.entry.name for n in found if n.questions]
    context["amendment_added"] = amendments.added_words(found)  # walk24 V6
    made, stale = missiv_doc.made_on_sending(session, remiss, context["missiv"]) if outdated else ("", "")
    context["amendment_confirm"] = (questions.amendment_confirmation(outdated, down=queueing.down_since(session),
                                                                     unmade_from=made, stale=stale,
                                                                     added=amendments.added_names(found),
                                                                     questions=bool(context["amendment_questions"]))
                                    if outdated else "")
    context["failed"] = g.get("outgoing_failed")  # the general extension's form, when it came back with errors
    # a button the server asked about for want of the dialog's yes: its question and box beside it (web.asking)
    context["close_asked"], context["compile_asked"], context["send_asked"], context["amendment_asked"] = (
        asking.asked("avsluta"), asking.asked("sammanstall"), asking.asked("skicka"), asking.asked("skicka-andring"))
    # mail of this remiss still in the Utkorg or failed: "skickad" is not "e-postad" (walk18 F2)
    context["unsent_mail"] = queueing.unsent_lines(session, remiss.id, mails.UNSENT_LABELS, now=moment,
                                                     common=mails.UNSENT_COMMON,
                                                     skip_keys=held_answered_keys(session, remiss.id),
                                                     names=held_missiv_names(session, remiss.id),
                                                     key_labels=mails.UNSENT_KEY_LABELS)
    return context


def answer_email_in_force(session, remiss) -> str:
    """API: Svar till as the remiss page and the missiv say it: an utgående remiss without its own answer_email is
    answered to the nämnd's funktionsbrevlåda (remisser.present.outgoing_facts; truth34 #2: the API said "")."""
    if remiss.direction != Direction.utgaende:
        return remiss.answer_email
    from remiss.remisser.present import outgoing_facts
    namnd = session.get(Namnd, remiss.namnd_id)
    return outgoing_facts(remiss, namnd.email if namnd else "").answer_to


def contact_person_in_force(session, remiss) -> str:
    """API: the Kontaktperson the remiss page and the missiv name (missiv_doc.page_contact): for an utgående remiss
    without one given, its handläggare, or the one who registered it."""
    if remiss.direction != Direction.utgaende:
        return remiss.contact_person
    return missiv_doc.page_contact(session, remiss)[0]


def contact_email_in_force(session, remiss) -> str:
    """API: that Kontaktperson's e-mail, as the page and the missiv give it (missiv_doc.page_contact)."""
    if remiss.direction != Direction.utgaende:
        return remiss.contact_email
    return missiv_doc.page_contact(session, remiss)[1]


def sandlista_status(session, remiss):
    """API: counts per answer status for outgoing remisser."""
    if remiss.direction != Direction.utgaende:
        return None
    return overview.status_json(session, remiss)


def compilation_status(session, remiss):
    """API: the saved sammanställning and whether an answer or what it shows of the remiss has changed since (null
    for incoming remisser)."""
    if remiss.direction != Direction.utgaende:
        return None
    from remiss.outgoing.service import compiled, lifecycle

    kept = lifecycle.current_compilation(session, remiss.id)
    stale = compiled.staleness(session, remiss.id, kept)
    return {"compiled": kept is not None, "file_id": kept.id if kept else None,
            "filename": kept.filename if kept else None, "made_at": kept.uploaded_at.isoformat() if kept else None,
            "out_of_date": bool(stale), "changed_since": list(stale.names), "questions_changed": stale.questions,
            "changed_parts": stale.changed_parts, "anstand_since": list(stale.anstand),
            "sent_since": [name for name in stale.sent if name], "message": stale.text}


def incoming_yttrande(summary):
    """The detail's "yttrande" only where we answer a remiss: an outgoing remiss has none (walk12b #9)."""
    def part(session, remiss):
        return None if remiss.direction == Direction.utgaende else summary(session, remiss)
    return part


def with_outgoing_warnings(warnings):
    """The detail's "warnings", and for an outgoing remiss what the edit form says after a change (walk12b #14):
    who has the old frågeställningar, who has not been sent the remiss."""
    def part(session, remiss):
        return warnings(session, remiss) + amendments.warnings_json(session, remiss)
    return part


# Routes on the same blueprint, in modules by what they do.
from remiss.outgoing.views import answering, register, results  # noqa: E402,F401
from remiss.outgoing import api  # noqa: E402,F401
from remiss.outgoing.views import clock_ahead, public, replies  # noqa: E402,F401
