"""Pages: the nämnd's sammanträdesplan (list, add, edit, delete, import) and klämdagar."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import login_required
from sqlmodel import select

from remiss.auth.access import Action, load_namnd
from remiss.calendar.swedish import count_words, format_weekday_date
from remiss.clock import local
from remiss.db import get_session
from remiss.files import limit_size, too_large, upload_size
from remiss.namnd.models import ClosedDay, Meeting, Namnd
from remiss.planning.forms import (MEETING_FIELDS, meetings_from_json, meetings_to_json, optional_date, parse_meeting,
                                   text)
from remiss.planning.service import meetings as service
from remiss.planning.service.tidplan import work_calendar
from remiss.planning.views import bp
from remiss.remisser.input import InputErrors
from remiss.web import asking, get_or_404, now, principal, requires, say_here
from remiss.field_order import in_field_order

IMPORT_MAX_BYTES = 2 * 1024 * 1024  # "2 MB" as the hint and files.too_large name it


def _namnd(namnd_id: int, action: Action = Action.view) -> Namnd:
    namnd = load_namnd(get_session(), principal(), namnd_id)
    if action != Action.view:
        service.require_plan_editor(principal(), namnd_id)
    return namnd


def _when(meeting: Meeting) -> str:
    moment = local(meeting.starts_at)
    return f"{format_weekday_date(moment)} kl. {moment:%H.%M}"


def _planned_words(remisser: list) -> str:
    """"1 remiss är planerad på det (KS 2026/0001)." for the delete question; "" when none is."""
    if not remisser:
        return ""
    named = ", ".join(r.our_dnr or f"#{r.id}" for r in remisser)
    verb = "är planerad" if len(remisser) == 1 else "är planerade"
    return f"{count_words(len(remisser), 'remiss', 'remisser')} {verb} på det ({named}). "


def _rows(namnd_id: int) -> list[dict]:
    rows = []
    found = service.meetings_of_namnd(get_session(), namnd_id)
    planned = service.planned_on(get_session(), found)
    for m in found:
        rows.append({"id": m.id, "kind": service.KIND_LABELS.get(m.kind, m.kind), "when": _when(m), "place": m.place,
                     "planned": _planned_words(planned.get(m.id, [])),
                     "handlingar": format_weekday_date(m.handlingar_deadline) if m.handlingar_deadline else "",
                     # Ta bort posted without the question's yes: asked in the row (web.asking)
                     "asked": asking.asked(f"ta-bort-{m.id}")})
    return rows


def _form_values(meeting: Meeting | None) -> dict:
    if meeting is None:
        return {"kind": "namnd", "time": "17.00"}  # Swedish style, as the hint (walk29 A8)
    moment = local(meeting.starts_at)
    return {"kind": meeting.kind, "day": moment.date().isoformat(), "time": f"{moment:%H.%M}",
            "place": meeting.place,
            "handlingar_deadline": meeting.handlingar_deadline.isoformat() if meeting.handlingar_deadline else ""}


def _page(namnd: Namnd, *, values=None, errors=None, editing=None, preview=None, status=200, move_question=""):
    """The sammanträdesplan; move_question: a move that takes remisser's meeting from them, asked before it is saved
    (the form as typed, with the question and its box)."""
    p = principal()
    return render_template(
        "planning/meetings.html", namnd=namnd, meetings=_rows(namnd.id),
        values=values if values is not None else _form_values(editing),
        errors=in_field_order(errors or {}, MEETING_FIELDS), editing=editing, move_question=move_question,
        preview=preview, may_edit=p.may(Action.assign, namnd.id), kinds=service.KIND_LABELS,
        max_size=limit_size(IMPORT_MAX_BYTES),
    ), status


@bp.get("/namnder/<int:namnd_id>/sammantraden")
@login_required
def meetings(namnd_id: int):
    namnd = _namnd(namnd_id)
    editing = None
    if request.args.get("andra", "").isdigit():
        editing = get_or_404(Meeting, int(request.args["andra"]), namnd_id=namnd_id)
    return _page(namnd, editing=editing)


@bp.post("/namnder/<int:namnd_id>/sammantraden")
@login_required
def save_meeting(namnd_id: int):
    namnd = _namnd(namnd_id, Action.assign)
    session = get_session()
    values = request.form.to_dict()
    editing, lost = None, []
    if values.get("meeting_id", "").isdigit():
        editing = get_or_404(Meeting, int(values["meeting_id"]), namnd_id=namnd_id)
    try:
        data = parse_meeting(values)
        confirm_past = values.get("confirm_past") == "1"
        if editing is None:
            service.add_meeting(session, now=now(), principal=principal(), namnd_id=namnd_id, data=data,
                                confirm_past=confirm_past)
        else:
            when = _when(editing)
            lost = service.update_meeting(session, now=now(), principal=principal(), meeting=editing, data=data,
                                          confirm_past=confirm_past)
            if lost and not asking.confirmed("confirm_move"):  # asked first, as Ta bort asks (walk26b X12)
                question = (f"Flytta sammanträdet {when} till {_when(editing)}? "
                            + _lost_words(session, lost, moving=True).strip() + " Tidplanerna räknas om.")
                session.rollback()  # nothing saved until the box is ticked
                say_here(f"Sammanträdet {when} är inte flyttat. Läs frågan vid Spara och kryssa i ”Ja, flytta "
                         "sammanträdet” om det ska flyttas.", "warning")
                return _page(namnd, values=values, editing=editing, move_question=question)
    except InputErrors as exc:
        session.rollback()
        return _page(namnd, values=values, errors=exc.errors, editing=editing, status=400)
    flash("Sammanträdet är sparat och tidplanerna är beräknade på nytt." + _lost_words(session, lost), "success")
    if editing is not None and data.handlingar_deadline and editing.handlingar_deadline != data.handlingar_deadline:
        flash(f"Sista dag för handlingar flyttades med sammanträdet, från {format_weekday_date(data.handlingar_deadline)} "
              f"till {format_weekday_date(editing.handlingar_deadline)}. Ändra den om nämnden har en annan regel.",
              "info")
    reason = work_calendar(session).day_off_reason(data.day)
    if reason:
        flash(f"{format_weekday_date(data.day).capitalize()} är {reason}, ingen arbetsdag. Kontrollera datumet.",
              "warning")
    return redirect(url_for("planning.meetings", namnd_id=namnd_id))


def _lost_words(session, lost: list, *, moving: bool = False) -> str:
    """" 1 remiss förlorade sitt sammanträde och har fått en ny tidplan: KS 2026/0001 (…)." after a sammanträde was
    removed or moved away from the remisser planned on it (walk26 W3, walk26b X12); "" when none did. moving: the
    question before the move, "1 remiss förlorar då sitt sammanträde och får en ny tidplan: …"."""
    if not lost:
        return ""
    verbs = "förlorar då sitt sammanträde och får" if moving else "förlorade sitt sammanträde och har fått"
    return (f" {count_words(len(lost), 'remiss', 'remisser')} {verbs} en ny tidplan: "
            + "; ".join(f"{r.our_dnr or f'#{r.id}'} ({service.new_meeting_words(session, r)})" for r in lost) + ".")


@bp.post("/namnder/<int:namnd_id>/sammantraden/<int:meeting_id>/ta-bort")
@login_required
def delete_meeting(namnd_id: int, meeting_id: int):
    _namnd(namnd_id, Action.assign)  # 404 or 403 unless the user may plan this nämnd
    session = get_session()
    meeting = get_or_404(Meeting, meeting_id, namnd_id=namnd_id)
    if not asking.confirmed("confirm_delete"):  # without JavaScript the dialog did not ask (walk21 J14)
        return asking.ask_on("planning.meetings", f"ta-bort-{meeting.id}",
                             f"Sammanträdet {_when(meeting)} är inte borttaget. Läs frågan vid knappen och kryssa i "
                             "”Ja, ta bort sammanträdet” om det ska tas bort.", namnd_id=namnd_id)
    when = _when(meeting)
    lost = service.delete_meeting(session, now=now(), principal=principal(), meeting=meeting)
    flash(f"Sammanträdet {when} är borttaget." + _lost_words(session, lost), "success")
    return redirect(url_for("planning.meetings", namnd_id=namnd_id))


@bp.post("/namnder/<int:namnd_id>/sammantraden/import")
@login_required
def import_meetings(namnd_id: int):
    namnd = _namnd(namnd_id, Action.assign)
    session = get_session()
    if request.form.get("confirm"):
        try:
            found = meetings_from_json(request.form.get("meetings", ""))
            added, skipped = service.import_meetings(session, now=now(), principal=principal(),
                                                     namnd_id=namnd_id, meetings=found)
        except InputErrors as exc:
            session.rollback()
            return _page(namnd, errors=exc.errors, status=400)
        flash(count_words(added, "sammanträde importerat", "sammanträden importerade")
              + (f", {skipped} fanns redan" if skipped else "") + ".", "success")
        return redirect(url_for("planning.meetings", namnd_id=namnd_id))
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(namnd, errors={"file": "Välj en CSV- eller ICS-fil."}, status=400)
    data = upload.read(IMPORT_MAX_BYTES + 1)
    if len(data) > IMPORT_MAX_BYTES:
        return _page(namnd, errors={"file": too_large(upload_size(upload.stream), IMPORT_MAX_BYTES)}, status=400)
    try:
        found, problems = service.parse_import(upload.filename, data)
    except InputErrors as exc:  # the file as a whole, not its rows (walk27 Y14)
        return _page(namnd, errors=exc.errors, status=400)
    calendar = work_calendar(session)
    new, known = [], []
    for meeting in found:
        (known if service.already_planned(session, namnd_id, meeting) else new).append(meeting)
    rows = []
    for meeting in new:
        reason = calendar.day_off_reason(local(meeting.starts_at).date())
        rows.append(service.describe_meeting(meeting) + (f" – obs: {reason}, ingen arbetsdag" if reason else ""))
    preview = {"rows": rows, "known": [service.describe_meeting(m) for m in known], "problems": problems,
               "payload": meetings_to_json(new), "filename": upload.filename}
    if not found:
        return _page(namnd, errors={"file": "Filen innehöll inga sammanträden som kunde läsas."},
                     preview=preview, status=400)
    return _page(namnd, preview=preview)


@bp.route("/admin/stangda-dagar", methods=["GET", "POST"])
@requires(Action.administer)
def closed_days():
    session = get_session()
    values, errors, status, asked = {}, {}, 200, False
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            if values.get("delete", "").isdigit():
                row = session.get(ClosedDay, int(values["delete"]))  # none: refused by the service, not asked
                if row is not None and not asking.confirmed("confirm_delete"):  # without the dialog's yes
                    return asking.ask_on("planning.closed_days", f"ta-bort-{row.id}",
                                         f"Klämdagen {format_weekday_date(row.day)} är inte borttagen. Läs frågan "
                                         "vid knappen och kryssa i ”Ja, ta bort klämdagen” om den ska tas bort.")
                service.delete_closed_day(session, now=now(), principal=principal(),
                                          closed_day_id=int(values["delete"]))
                flash("Dagen är en arbetsdag igen och tidplanerna är beräknade på nytt.", "success")
            else:
                parsed: dict = {}
                day = optional_date(values, "day", parsed)
                reason = text(values, "reason", parsed, 200)
                if parsed:
                    raise InputErrors(parsed)
                service.add_closed_day(session, now=now(), principal=principal(), day=day, reason=reason,
                                       confirm_meetings=bool(values.get("confirm_meetings")))
                flash("Den stängda dagen är sparad och tidplanerna är beräknade på nytt.", "success")
            return redirect(url_for("planning.closed_days"))
        except InputErrors as exc:
            session.rollback()
            errors = exc.errors
            asked = isinstance(exc, service.MeetingsOnClosedDay)
        status = 400
    days = [{"id": d.id, "day": format_weekday_date(d.day), "reason": d.reason,
             "asked": asking.asked(f"ta-bort-{d.id}")}  # Ta bort posted without the question's yes (web.asking)
            for d in session.exec(select(ClosedDay).order_by(ClosedDay.day))]
    return render_template("planning/closed_days.html", days=days, values=values, errors=errors,
                           asked=asked), status
