"""Pages: the month calendar, the subscribe page and the ICS feeds behind secret tokens."""
from __future__ import annotations

from datetime import datetime

from flask import Response, abort, current_app, render_template, request
from flask_login import current_user, login_required
from sqlmodel import select

from remiss.auth.access import Action
from remiss.auth.models import User
from remiss.auth.service import namnd_ids_of
from remiss.calendar import CalendarEvent, build_ics, stable_uid
from remiss.calendar.milestones import workflow_order
from remiss.clock import STOCKHOLM, local, local_today
from remiss.db import get_session
from remiss.namnd.models import Namnd
from remiss.planning import agenda, calendar_cells
from remiss.planning.anstand_days import anstand_items
from remiss.planning.forms import parse_month
from remiss.planning.service import meetings
from remiss.planning.start_kinds import other_kinds
from remiss.planning.views import bp
from remiss.remisser.input import InputErrors, parse_date
from remiss.remisser.kind_words import reword
from remiss.remisser.queries import namnder_for
from remiss.web import get_or_404, now, principal


def _namnd_arg() -> int | None:
    """The ?namnd= of a calendar page: a nämnd's id, or None for all the user's nämnder."""
    value = request.args.get("namnd", type=int)
    return value if value and 0 < value < 2**31 else None


def _namnd_choices() -> list:
    """The nämnder a calendar can be narrowed to; none when the user has only one."""
    choices = namnder_for(get_session(), principal(), Action.view)
    return choices if len(choices) > 1 else []


@bp.get("/kalender")
@login_required
def month():
    namnd_id = _namnd_arg()
    try:
        first = parse_month(request.args.get("manad"), local_today(now()))
    except InputErrors as exc:
        return render_template("planning/month.html", error=exc.errors["manad"], calendar=None), 400
    calendar = calendar_cells.month_calendar(get_session(), principal(), now(), first, namnd_id=namnd_id)
    # Every nämnd's sammanträdesplan is linked here: the registrator keeps it but has no Administration menu (walk17 F3).
    return render_template("planning/month.html", calendar=calendar, error=None, namnd_id=namnd_id,
                           namnder=_namnd_choices(), manad=first.strftime("%Y-%m"),
                           meeting_plans=namnder_for(get_session(), principal(), Action.view))


@bp.get("/kalender/dag")
@login_required
def day():
    namnd_id = _namnd_arg()
    try:
        chosen = parse_date(request.args.get("datum") or "")
    except ValueError as exc:
        return render_template("planning/day.html", error=str(exc), rows=None, namnd_id=namnd_id), 400
    rows = calendar_cells.day_agenda(get_session(), principal(), now(), chosen, namnd_id=namnd_id)
    held = calendar_cells.day_meetings(get_session(), principal(), chosen, namnd_id=namnd_id)
    return render_template("planning/day.html", error=None, rows=rows, day=chosen, namnd_id=namnd_id,
                           manad=chosen.strftime("%Y-%m"), meetings=held)


def _base() -> str:
    return (current_app.config.get("BASE_URL") or request.host_url).rstrip("/")


@bp.get("/kalender/prenumerera")
@login_required
def subscribe():
    session = get_session()
    base = _base()
    ids = principal().visible_namnd_ids()
    stmt = select(Namnd).order_by(Namnd.name)
    if ids is not None:
        stmt = stmt.where(Namnd.id.in_(list(ids) or [-1]))
    # Each person's nämnd feeds go through their own secret, so a feed stops when they leave the nämnd.
    feeds = [(n.name, f"{base}/ics/anvandare/{current_user.ics_token}/namnd/{n.id}.ics") for n in session.exec(stmt)]
    return render_template("planning/subscribe.html", mine=f"{base}/ics/anvandare/{current_user.ics_token}.ics",
                           feeds=feeds)


def _event(item: agenda.AgendaItem, base: str, kinds: dict[int, str]) -> CalendarEvent:
    start = datetime.combine(item.day, item.at, tzinfo=STOCKHOLM) if item.at else item.day
    done = f"{item.done_tag}: " if item.done else ""  # "Besvarad: Sista svarsdag: …" as the pages say (walk34 #3)
    # done work is on the day it was done, and its explanation says so ("Expedierat …, planerat …")
    # one event per instans's anstånd on a remiss
    uid = stable_uid("remiss", item.remiss_id, item.kind, *([item.entry_id] if item.entry_id else []))
    return CalendarEvent(uid=uid,
                         summary=f"{done}{item.label}: {item.dnr} {item.title}".strip(), start=start,
                         # a medborgarförslag's in its words: "före ärendets ankomst" (walk18 F7)
                         description=reword(item.explanation, kinds.get(item.remiss_id)),
                         url=f"{base}/remisser/{item.remiss_id}")


def _feed(events: list[CalendarEvent], name: str) -> Response:
    body = build_ics(events, calendar_name=name, now=now())
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = "inline; filename=remiss.ics"
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


def _feed_owner(token: str) -> User:
    """The active user whose calendar secret this is, or 404."""
    user = get_session().exec(select(User).where(User.ics_token == token)).first()
    if user is None or not user.is_active or len(token) < 16:
        abort(404)
    return user


@bp.get("/ics/anvandare/<token>.ics")
def user_feed(token: str):
    session = get_session()
    user = _feed_owner(token)
    namnd_ids = None if user.role == "admin" else namnd_ids_of(session, user.id)
    deadline_ids = namnd_ids if namnd_ids is not None else [n.id for n in session.exec(select(Namnd))]
    base = _base()
    # an instans's anstånd as the remiss's sista svarsdag: for every remiss of the user's nämnder (walk27 Y4)
    found = agenda.merged(agenda.items(session, namnd_ids=namnd_ids, handlaggare_id=user.id,
                                       deadline_namnd_ids=deadline_ids, today=local_today(now())),
                          anstand_items(session, namnd_ids=deadline_ids))
    kinds = other_kinds(session, {i.remiss_id for i in found})
    return _feed([_event(i, base, kinds) for i in found], f"Remiss – {user.name}")


@bp.get("/ics/anvandare/<token>/namnd/<int:namnd_id>.ics")
def namnd_feed(token: str, namnd_id: int):
    """A nämnd's calendar for one of its members: checked against the membership at every fetch."""
    session = get_session()
    user = _feed_owner(token)
    if user.role != "admin" and namnd_id not in namnd_ids_of(session, user.id):
        abort(404)
    namnd = get_or_404(Namnd, namnd_id)
    base = _base()
    # (day, place in the workflow, event): a sammanträde among the remisser's steps of its day in workflow order
    found = agenda.merged(agenda.items(session, namnd_ids=[namnd.id], today=local_today(now())),
                          anstand_items(session, namnd_ids=[namnd.id]))
    kinds = other_kinds(session, {i.remiss_id for i in found})
    dated = [(i.day, workflow_order(i.kind), _event(i, base, kinds)) for i in found]
    for m in meetings.meetings_of_namnd(session, namnd.id):
        start = local(m.starts_at)
        dated.append((start.date(), workflow_order(m.kind), CalendarEvent(
            uid=stable_uid("meeting", m.id), start=start, description=meetings.describe_meeting(m),
            summary=f"{meetings.KIND_LABELS.get(m.kind, m.kind)}: {namnd.name}")))
    dated.sort(key=lambda entry: entry[:2])  # stable: the agenda's own order within a step
    return _feed([event for _, _, event in dated], f"Remiss – {namnd.name}")


@bp.get("/ics/namnd/<token>.ics")
def shared_namnd_feed(token: str):
    """The former shared nämnd address: anyone who once had it could read it for ever, so it is retired."""
    return Response("Den här kalenderadressen används inte längre. Hämta din personliga adress till nämndens "
                    "kalender under Kalender → Prenumerera i Remiss.\n", status=410, mimetype="text/plain")
