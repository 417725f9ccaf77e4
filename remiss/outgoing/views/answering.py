"""Pages that register what a remissinstans did: its answer, address, avstår, anstånd; and the general extension."""
from __future__ import annotations

from flask import flash, g, render_template, request
from sqlmodel import select

from remiss import one_round, stale_form
from remiss.calendar.swedish import count_words, format_date, format_deadline, join_words
from remiss.reminders.models import OutboxStatus
from remiss.reminders.queued import down_since, queued
from remiss.auth.access import Action, instans_act
from remiss.clock import local, local_today
from remiss.db import get_session
from remiss.documents import held_uploads
from remiss.outgoing.forms import clean_date, clean_flag, parse_answer, parse_until
from remiss.outgoing import compilation, overview
from remiss.outgoing.held import HELD, missiv_status, row_words
from remiss.outgoing.service import addresses, amendments, answers, lifecycle, remisstid, replacing
from remiss.outgoing.service.sending import NotConfirmed
from remiss.outgoing.views import _back, _config, _hold, _remiss, attempt, bp
from remiss.remisser import attachments
from remiss.remisser import views as remisser_views
from remiss.remisser import service as remisser
from remiss.remisser.deadlines import answering_over
from remiss.remisser.input import InputErrors
from remiss.outgoing.models import Organisation
from remiss.remisser.models import AnswerStatus, Attachment
from remiss.web import asking, now, principal, say_here
from remiss.field_order import in_field_order


# the fields of an instans's page (templates/outgoing/entry.html) in its order, around the answer's one per
# question: the order of its error summary (remiss.web.forms)
_FIELDS_BEFORE = ("email", "postal_address", "in_register", "answered_on", "confirm_date", "no_comments", "summary")
_FIELDS_AFTER = ("other_comments", "files", "date_from_mail", "declined_on", "note", "until_on", "until_time", "reason")


class AlreadyDone(Exception):
    """What was pressed is already registered: nothing changed (the message says so)."""


@bp.route("/remisser/<int:remiss_id>/utskick/instanser/<int:entry_id>", methods=["GET", "POST"])
def entry(remiss_id: int, entry_id: int):
    session, p = get_session(), principal()
    # a POST refused by the role names what its form registers (session 30 B8), not "ändra remisser"
    remiss = _remiss(remiss_id, act=instans_act(str(request.form.get("action", "")))) if request.method == "POST" \
        else _remiss(remiss_id, Action.view)
    item = answers.load_entry(session, remiss, entry_id)
    questions = remisser.questions_of(session, remiss.id)
    errors, values, early = {}, dict(request.form), False
    answering = request.method == "POST" and request.form.get("action") == "answer"
    scope = f"outgoing-answer:{item.id}"
    # files chosen before a question or an error came back, kept on the server (walk10: they were lost)
    held = held_uploads.from_form(_config("SECRET_KEY"), request.form, user_id=p.user_id, scope=scope) \
        if answering else []
    asks = None  # a question or a stale form: nothing done, the page comes back with what was typed (walk22 L1)
    if request.method == "POST":
        try:
            message, errors, refused = attempt(session, lambda: _entry_action(session, remiss, item, questions, held))
        except AlreadyDone as exc:  # nothing to do: said as information, and nothing written (h-out23 M3)
            session.rollback()
            flash(str(exc), "info")
            return _back(remiss_id)
        except replacing.Asks as exc:  # said in this page, with what was typed (remiss.stale_form)
            session.rollback()
            taken = _taken_over(session, item) if answering else {}
            say_here(exc.said + (f" {replacing.TAKEN_OVER}" if taken else ""))
            asks, message, errors, refused = exc, "", {}, None
            values.update(taken)
        early = isinstance(refused, answers.EarlyAnswer)
        if not errors and asks is None:
            held_uploads.release(_config("FILES_DIR"), held)
            flash(message, "success")
            # that the saved sammanställning no longer holds every answer (walk12b #5) is said by the panel the
            # page goes back to, once (walk31 #9: a flash said it a second time above it)
            return _back(remiss_id)
        if answering:
            held = held + _hold(request.files.getlist("files"), errors)
        values.pop(replacing.BASE, None)  # the page that comes back carries the current one
        if asks is not None and not answering:  # the other forms as stored, the one pressed as typed
            stored = _stored_values(session, item)
            values = {**stored, **values}
            if not str(values.get("note", "")).strip():  # an empty Kommentar takes the registered one (walk23b X3)
                values["note"] = stored.get("note", "")
    else:
        values = _stored_values(session, item)
    answer_files = session.exec(select(Attachment).where(Attachment.sandlista_entry_id == item.id)).all()
    email, postal = addresses.current(session, [item])[item.id]
    for key, value in (("email", email), ("postal_address", postal)):
        values.setdefault(key, value)
    org = session.get(Organisation, item.organisation_id) if item.organisation_id else None
    asked = answers.pending_request(session, item.id) if item.answer_status == AnswerStatus.begart_anstand else None
    # its e-mailed missiv still in the Utkorg or failed: said as on its row, not "skickad" (walk21 J3, h-out22)
    mail = missiv_status(session, remiss.id, held_apart=True).get(item.id)  # held back: said so (walk25b Z2)
    # answered with a file and nothing per question: the sammanställning points to the file (walk25 Y2)
    in_file = "" if not (item.answer_status == AnswerStatus.svarat and questions and not item.no_comments
                         and not any(str(values.get(f"q_{q.id}", "")).strip() for q in questions)) else (
        compilation.in_the_file([a.filename for a in answer_files if a.purpose == "svar"], item.summary)
        if any(a.purpose == "svar" for a in answer_files)
        else compilation.IN_SHORT if item.summary.strip() else "")  # a summary only (walk26b X9)
    return render_template("outgoing/entry.html", remiss=remiss, entry=item, questions=questions, in_file=in_file,
                           mail_held=row_words(item, mail), mail_failed=mail == OutboxStatus.failed.value,
                           mail_kept=mail == HELD,
                           asked=answers.request_text(item, asked) if asked else "",
                           values=values, files=answer_files,
                           errors=in_field_order(errors, (*_FIELDS_BEFORE, *(f"q_{q.id}" for q in questions),
                                                          *_FIELDS_AFTER)), status=AnswerStatus(item.answer_status),
                           late=answers.is_late(remiss, item), email=email, postal_address=postal,
                           may_change_register=addresses.may_change_register(p, org),
                           anstand=overview.anstand_words(remiss, item),
                           may_edit=p.may(Action.edit, remiss.namnd_id) and remiss.status != "avslutad",
                           closed=remiss.status == "avslutad", early=early, held=held,
                           base_token=replacing.token(session, item), decline_box=replacing.DECLINE_BOX,
                           decline_question=replacing.decline_question(item),
                           decline_asked=bool(asks and asks.box == replacing.DECLINE_BOX),
                           decline_box_label=replacing.decline_box_label(item),
                           held_token=held_uploads.token_for(_config("SECRET_KEY"), user_id=p.user_id, scope=scope,
                                                             held=held)), \
        (stale_form.CONFLICT if asks is not None and asks.stale else 400 if errors else 200)


def _stored_values(session, item) -> dict:
    """The instans page's forms filled with what is registered: the answer, the avstår comment, a request."""
    declined = item.answer_status == AnswerStatus.avstar
    # an avstår's comment (kept in summary) is no answer to summarise: it stands under Avstår, not in the answer
    # form's Kort sammanfattning, where Spara svaret would have saved it as the answer (session 24)
    values = {"answered_on": (item.answered_on or local_today(now())).isoformat(),
              "summary": "" if declined else item.summary,
              "other_comments": item.other_comments, "no_comments": item.no_comments}
    values.update({f"q_{qid}": text for qid, text in answers.answers_of(session, item.id).items()})
    # the Avstår form's Beskedet inkom: the day registered, else today (walk34b)
    values["declined_on"] = ((item.answered_on if declined and item.answered_on else None)
                             or local_today(now())).isoformat()
    if declined:  # the Avstår form's Kommentar, to correct (walk12b #19)
        values["note"] = item.summary
    asked = answers.pending_request(session, item.id)
    if asked and item.answer_status == AnswerStatus.begart_anstand:  # offered when granting (walk12b #10)
        values.update({"until_on": asked.requested_until_on.isoformat() if asked.requested_until_on else "",
                       "until_time": asked.requested_until_time.strftime("%H.%M")
                       if asked.requested_until_time else "", "reason": asked.reason})
    return values


def _taken_over(session, item) -> dict:
    """A stale answer form's text fields that were sent empty, with what is registered now (walk23b X2): saving
    again keeps what another tab wrote there, unless the user removes it; what this tab typed stays as typed."""
    if item.answer_status != AnswerStatus.svarat:  # an avstår's Kommentar is no answer's Sammanfattning
        return {}
    stored = _stored_values(session, item)
    return {name: stored[name] for name in ("summary", "other_comments", *(k for k in stored if k.startswith("q_")))
            if str(stored.get(name) or "").strip() and not str(request.form.get(name, "")).strip()}


def _typed_date_errors(form, today) -> dict:
    """The refusal of the typed Svaret inkom when it lies in the future, for a form refused for another field: the
    date of an uploaded e-mail (date_from_mail) is read later, by the service."""
    if clean_flag(form.get("date_from_mail")):
        return {}
    try:
        day = clean_date(form.get("answered_on"), required=False)
    except ValueError:
        return {}
    refusal = answers.future_refusal(day, today)
    return {"answered_on": refusal} if refusal else {}


def _until_day_errors(form, refusal_of) -> dict:
    """The refusal (refusal_of(day), "" for none) of the day an anstånd is asked or granted until, when it can be
    read, for a form refused for another field: said in the same round (remiss.one_round)."""
    try:
        day = clean_date(form.get("until_on"), required=False)
    except ValueError:
        return {}
    refusal = refusal_of(day)
    return {"until_on": refusal} if refusal else {}


def _entry_action(session, remiss, item, questions, held=()) -> str:
    action, p, form = request.form.get("action", ""), principal(), request.form
    today = local_today(now())
    if action == "answer":
        uploads = request.files.getlist("files")
        if len([u for u in uploads if u and u.filename]) + len(held) > attachments.FILES_LIMIT:
            raise InputErrors({"files": f"Högst {attachments.FILES_LIMIT} filer åt gången."})
        try:
            data = parse_answer(form, question_ids=[q.id for q in questions], today=today, uploads=uploads)
        except InputErrors as exc:  # a date in the future said in the same round (walk24 V2)
            raise InputErrors({**_typed_date_errors(form, today), **exc.errors}) from None
        data.files = held_uploads.contents(_config("FILES_DIR"), list(held)) + data.files
        answers.register_answer(session, now=now(), principal=p, remiss=remiss, entry=item, data=data,
                                files_dir=_config("FILES_DIR"), max_bytes=_config("UPLOAD_MAX_BYTES"),
                                base=stale_form.posted(form, replacing.BASE))
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
        try:  # the day the besked came in (Beskedet inkom), today when left empty (walk34b)
            day = clean_date(form.get("declined_on"), required=False)
        except ValueError as exc:
            raise InputErrors({"declined_on": str(exc)}) from None
        if refusal := answers.future_refusal(day, today, "beskedet"):
            raise InputErrors({"declined_on": refusal})
        replaced = replacing.answer_words(item) if item.answer_status == AnswerStatus.svarat else ""
        unchanged = answers.declines_already(item, str(form.get("note", ""))[:5000], day)
        answers.decline(session, now=now(), principal=p, remiss=remiss, entry=item, answered_on=day or today,
                        note=str(form.get("note", ""))[:5000], base=stale_form.posted(form, replacing.BASE),
                        confirmed=asking.confirmed(replacing.DECLINE_BOX), day_given=day is not None)
        if unchanged:  # pressed again: nothing registered, said as information, not "Klart" (h-out23 M3)
            raise AlreadyDone(answers.already_declined_words(item))
        if replaced:  # asked about first: say what became of it
            return (f"{item.name} avstår från att yttra sig. Det registrerade svaret ({replaced}) är ersatt; det "
                    "finns kvar i historiken.")
        if item.sent_at is None:  # not sent to it: said apart in the counts (overview.declined_early)
            return (f"{item.name} avstår från att yttra sig och får inte remissen"
                    + (" när den skickas." if remiss.sent_at is None else "."))
        late = " Beskedet kom in efter svarstiden och är markerat som sent." if answers.is_late(remiss, item) else ""
        return f"{item.name} avstår från att yttra sig.{late}"
    if action == "request_extension":
        try:
            day, at = parse_until(form)  # the date asked for, as for a grant: required, and a real time of day
        except InputErrors as exc:  # a day not after today or the one in force said in the same round (session 25)
            raise InputErrors(one_round.collect(exc.errors, _until_day_errors(
                form, lambda day: answers.requested_day_refusal(remiss, item, day, today)))) from None
        asked = answers.request_extension(session, now=now(), principal=p, remiss=remiss, entry=item,
                                          requested_until_on=day, requested_until_time=at,
                                          reason=str(form.get("reason", ""))[:5000])
        return f"{answers.request_text(item, asked)}. Bevilja anståndet på instansens sida när det är beslutat."
    if action == "grant_extension":
        try:
            day, at = parse_until(form)
        except InputErrors as exc:  # a day not after the remiss's svarsdag said in the same round (walk28 Z11)
            raise InputErrors(one_round.collect(exc.errors, _until_day_errors(
                form, lambda day: answers.granted_day_refusal(remiss, day)))) from None
        answers.grant_extension(session, now=now(), principal=p, remiss=remiss, entry=item, until_on=day,
                                until_time=at, reason=str(form.get("reason", ""))[:5000])
        told = (queued("Beskedet", item.email.strip(), down=down_since(session)) if answers.tells_anstand(item)
                else f"Inget besked skickas: {answers.not_told_reason(item)}")  # walk24 V14
        return f"{item.name} har fått anstånd till {format_deadline(day, at)}. {told}."
    if action == "reopen":
        notice = answers.reopen(session, now=now(), principal=p, remiss=remiss, entry=item,
                                base=stale_form.posted(form, replacing.BASE))
        said = f"Svaret från {item.name} är borttaget; instansen räknas som ej svarat."
        return f"{said} {notice}" if notice else said
    raise InputErrors({"action": "Okänd åtgärd."})


@bp.route("/remisser/<int:remiss_id>/utskick/forlangning", methods=["POST"])
def general_extension(remiss_id: int):
    """Förläng och meddela: only with the dialog's yes or the page's box (confirm_extension); without it, where the
    date could be taken, the page comes back with what was typed and asks beside the button (walk21 J14)."""
    remiss = _remiss(remiss_id, act="outgoing_extension")  # a läsare is told the act (session 29)
    over = answering_over(remiss)
    if over:  # a tab opened before Avsluta (walk21b K2): the remisstid's own reason, and what was not saved
        typed = " kl. ".join(v for v in (" ".join(str(request.form.get(f"until_{part}", "")).split())
                                          for part in ("on", "time")) if v)
        reason = " ".join(str(request.form.get("reason", "")).split())[:200]
        lost = (f" Det du skrev sparades inte: ny sista svarsdag {typed or '–'}"
                + (f", skäl ”{reason}”" if reason else "") + ".")
        flash(f"Remisstiden förlängdes inte. {over}{lost}", "error")
        return _back(remiss_id)
    base = stale_form.posted(request.form, remisstid.BASE)  # the svarsdag the form showed (walk24 V9)
    try:
        try:
            day, at = parse_until(request.form)
        except InputErrors as exc:  # opened before another extension: said too, beside the date not read
            raise InputErrors(remisstid.stale_refusal(get_session(), now=now(), remiss=remiss, base=base)
                              | exc.errors) from exc
        if stale := remisstid.stale_refusal(get_session(), now=now(), remiss=remiss, base=base, until_on=day,
                                            until_time=at):
            raise InputErrors(stale)  # nothing extended, nothing queued: the page again with what was typed
        done = remisstid.general_extension(get_session(), now=now(), principal=principal(), remiss=remiss,
                                         until_on=day, until_time=at, files_dir=_config("FILES_DIR"),
                                         base_url=_config("BASE_URL"),
                                         reason=str(request.form.get("reason", ""))[:5000],
                                         confirmed=asking.confirmed("confirm_extension"))
    except NotConfirmed:
        get_session().rollback()
        flash(f"Remisstiden är inte förlängd till {format_deadline(day, at)}: meddelandet om den nya svarsdagen går "
              "inte att ta tillbaka. Läs frågan vid knappen och kryssa i ”Ja, förläng och meddela” om remisstiden "
              "ska förlängas.", "warning")
        g.outgoing_failed = {"errors": {}, "values": request.form.to_dict(), "asked": True, "until": (day, at)}
        return remisser_views.show(remiss_id)
    except InputErrors as exc:
        # the remiss page again, the form with what was typed and each message by its field
        get_session().rollback()
        g.outgoing_failed = {"errors": exc.errors, "values": request.form.to_dict()}
        return remisser_views.show(remiss_id), stale_form.status(exc.errors)  # 409: opened on another svarsdag
    flash(_extended_message(done, format_deadline(day, at), remiss, down=down_since(get_session())),
          "warning" if done.requeued.held else "success")
    return _back(remiss_id)


def _extended_message(done: remisstid.Extended, until: str, remiss, *, down=None) -> str:
    """What the general extension did, true for every instans that has not answered: mailed, to print, or not told
    (one not sent the remiss gets the day with the missiv while the remiss is sent; once compiled it gets nothing)."""
    def one_or_more(names: list, one: str, more: str) -> str:  # the same sentence, in the singular or the plural
        return one if len(names) == 1 else more

    parts = [f"Remisstiden är förlängd till {until}."]
    if done.mailed:
        parts.append(queued("Meddelandet", count_words(done.mailed, "remissinstans", "remissinstanser"), down=down)
                     + ".")
    if done.posted:
        parts.append(f"{join_words(done.posted)} har ingen e-postadress och har inte fått meddelandet: skriv ut "
                     + one_or_more(done.posted, "brevet", "breven") + " (”Brev om förlängd remisstid att skriva ut”) "
                     f"och skicka {one_or_more(done.posted, 'det', 'dem')} per post.")
    if done.unsent and remiss.status in lifecycle.SENDS:
        parts.append(f"{join_words(done.unsent)} har inte fått remissen än; missivet får den nya svarsdagen när "
                     "remissen skickas.")
    elif done.unsent:  # walk21b K1: no promise of a missiv that will not go
        parts.append(lifecycle.unsent_words(remiss, done.unsent))
    if done.longer:
        parts.append(f"{join_words([f'{name} (till {until})' for name, until in done.longer])} har redan "
                     f"{one_or_more(done.longer, 'ett längre anstånd', 'längre anstånd')} och får inget "
                     f"meddelande: {one_or_more(done.longer, 'dess svarsdag', 'deras svarsdagar')} ändras inte.")
    if done.same:  # the new svarsdag is the moment their anstånd ends: the same time, not later (walk29b B4)
        parts.append(f"{join_words(done.same)} har redan anstånd till samma tid och får inget meddelande: "
                     f"{one_or_more(done.same, 'dess svarsdag', 'deras svarsdagar')} ändras inte.")
    waiting = list(done.requeued.current.values())
    if waiting:  # never sent: no notice of a change to what they have not received (h-queue24)
        parts.append(f"Missivet till {join_words(waiting)} låg i utkorgen och var inte skickat: det är gjort om med "
                     f"den nya svarsdagen, så {one_or_more(waiting, 'den', 'de')} får inget meddelande om "
                     "förlängningen utan det nya datumet i missivet när det e-postas.")
    if done.requeued.held:
        parts.append(amendments.held_words(done.requeued.held, done.requeued.error))
    if not (done.mailed or done.posted or done.unsent or done.longer or done.same or done.requeued.waiting):
        parts.append("Alla remissinstanser har redan svarat eller avstått, så inget meddelande skickas.")
    elif (done.longer or done.same) and not (done.mailed or done.posted):
        parts.append("Ingen remissinstans får något meddelande.")
    return " ".join(parts)
