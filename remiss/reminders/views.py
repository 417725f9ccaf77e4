"""Pages: my reminders, the admin outbox with resend, and each nämnd's reminder policy."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlmodel import select

from remiss.calendar.swedish import count_words, format_date_time
from remiss.auth.access import Action
from remiss.auth.models import User
from remiss.db import get_session
from remiss.namnd.models import Namnd
from remiss.calendar.milestones import LABELS as MILESTONE_LABELS
from remiss.reminders import claim, policy, relay, resend as resending, service, stalled
from remiss.reminders.forms import PolicyForm
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.recipients import muted_kinds
from remiss.remisser.models import Remiss
from remiss.web import asking, get_or_404, now, principal, requires

bp = Blueprint("reminders", __name__)

STATUS_LABELS = {s.value: s.label for s in OutboxStatus}
PAGE_ROWS = 200
RESEND_ALL = "skicka-alla-igen"  # the Skicka alla igen form's id; ?skicka-alla-igen=fraga asks beside it


def _rows(session, rows: list[OutboxMessage]) -> list[dict]:
    """Display-ready outbox rows: the remiss as "SOFÖ 2026/0002 – titel"; a stopped row with why, never resendable."""
    ids = {r.remiss_id for r in rows if r.remiss_id}
    labels = {r.id: " – ".join(part for part in (r.our_dnr, r.title) if part)
              for r in session.exec(select(Remiss.id, Remiss.our_dnr, Remiss.title).where(Remiss.id.in_(ids)))} \
        if ids else {}
    stopped = (OutboxStatus.cancelled.value, OutboxStatus.superseded.value)
    waits = claim.held_back(session, [r.id for r in rows if r.status == OutboxStatus.pending.value])
    return [{"id": r.id, "due": format_date_time(r.due_at), "kind": policy.row_label(r.kind, r.key),
             "status": r.status, "status_label": resending.status_label(r.status, resending.stopped_by(r.payload)),
             "email": r.recipient_email,
             "remiss_id": r.remiss_id, "remiss": labels.get(r.remiss_id, ""), "attempts": r.attempts,
             "error": "" if r.status in stopped else r.last_error,
             "stop_reason": resending.stop_reason(r.status, r.last_error) if r.status in stopped else "",
             "sent": format_date_time(r.sent_at) if r.sent_at else "", "message_id": r.message_id,
             # När is the moment a mail is for; a failed one also says when it was last tried (what --since filters)
             "tried": format_date_time(r.claimed_at) if r.status == OutboxStatus.failed.value and r.claimed_at else "",
             "may_resend": r.status in resending.RESENDABLE, "milestone": _milestone_of(r),
             # Skicka igen's question; posted without its yes, asked beside the button (web.asking)
             "question": resending.resend_question(r.kind, r.recipient_email, key=r.key),
             "asked": asking.asked(f"skicka-igen-{r.id}"),
             "waits": waits.get(r.id, "")}  # a chaser held back until its instans's missiv is e-mailed (h-hold24)
            for r in rows]


def _milestone_of(row: OutboxMessage) -> str:
    """The milestone a reminder is about ("Tjänsteskrivelse klar"), so two reminders of one remiss differ; ""."""
    if row.kind not in policy.REMINDER_KINDS:
        return ""
    parts = row.key.split(":")
    return MILESTONE_LABELS.get(parts[2], "") if len(parts) > 2 else ""


@bp.route("/paminnelser", methods=["GET", "POST"])
@login_required
def mine():
    session = get_session()
    user = session.get(User, current_user.id)
    if request.method == "POST":
        service.set_muted(session, now=now(), user=user, wanted=request.form.getlist("kind"))
        flash("Dina påminnelseinställningar är sparade.", "success")
        return redirect(url_for("reminders.mine"))
    muted = muted_kinds(user)
    kinds = [{"kind": k, "label": label, "on": k not in muted or k in policy.UNMUTABLE,
              "mutable": k not in policy.UNMUTABLE} for k, label in policy.KIND_LABELS.items()]
    return render_template("reminders/mine.html", kinds=kinds,
                           upcoming=_rows(session, service.upcoming_for(session, user_id=user.id, now=now())),
                           recent=_rows(session, service.recent_for(session, user_id=user.id)))


def _outbox_filters(values) -> dict[str, str]:
    """The outbox page's filter from a query string or form, unknown values dropped."""
    return {"status": values.get("status", "") if values.get("status") in STATUS_LABELS else "",
            "kind": values.get("kind", "") if values.get("kind") in policy.OUTBOX_KIND_LABELS else "",
            "email": values.get("email", "").strip()[:254]}


@bp.route("/admin/utkorg")
@requires(Action.administer)
def outbox():
    session = get_session()
    filters = _outbox_filters(request.args)
    rows = service.outbox_rows(session, limit=PAGE_ROWS, **filters)
    counts = service.outbox_counts(session, kind=filters["kind"], email=filters["email"])
    matching = counts.get(filters["status"], 0) if filters["status"] else sum(counts.values())
    failed = counts.get(OutboxStatus.failed.value, 0)
    return render_template("reminders/outbox.html", rows=_rows(session, rows), statuses=STATUS_LABELS,
                           kinds=policy.OUTBOX_KIND_LABELS, filters=filters, outage=relay.outage_text(relay.get(session)),
                           stalled=stalled.stalled_text(session, now=now()),
                           claimed=service.claimed_text(session, wall=now()),
                           counts=[{"label": label, "count": counts.get(status, 0), "status": status}
                                   for status, label in STATUS_LABELS.items()],
                           shown=len(rows), matching=_matching_text(len(rows), matching), failed=failed,
                           failed_text=count_words(failed, "misslyckat", "misslyckade"),
                           resend_all_question=resending.resend_all_question(failed, resending.failed_recipients(
                               session, kind=filters["kind"], email=filters["email"])) if failed else "",
                           resend_all_asked=asking.asked(RESEND_ALL),
                           # where the buttons return: this filter, without a question asked (?…=fraga)
                           back=url_for("reminders.outbox", **{k: v for k, v in filters.items() if v}))


def _matching_text(shown: int, matching: int) -> str:
    """ "Visar de 200 senaste av 1 234 meddelanden som matchar filtret." or "1 meddelande matchar filtret." """
    if matching > shown:
        return f"Visar de {shown} senaste av {matching} meddelanden som matchar filtret."
    return f"{count_words(matching, 'meddelande', 'meddelanden')} matchar filtret."


@bp.route("/admin/utkorg/<int:row_id>/skicka-igen", methods=["POST"])
@requires(Action.administer)
def resend(row_id: int):
    session = get_session()
    try:  # a row that may not be sent again is refused first; only then asked
        row = resending.resendable(session, row_id)
        if not asking.confirmed("confirm_resend"):  # without JavaScript the dialog did not ask
            return _ask(f"skicka-igen-{row.id}", f"Meddelandet till {row.recipient_email} är inte skickat igen. Läs "
                        "frågan vid knappen och kryssa i ”Ja, skicka igen” om det ska skickas.")
        resending.resend(session, now=now(), row_id=row_id, actor_id=principal().user_id)
    except ValueError as exc:
        flash(str(exc), "error")
    else:
        flash("Meddelandet skickas igen vid nästa svep.", "success")
    return _back()


@bp.route("/admin/utkorg/skicka-alla-igen", methods=["POST"])
@requires(Action.administer)
def resend_all():
    filters = _outbox_filters(request.form)
    recipients = resending.failed_recipients(get_session(), kind=filters["kind"], email=filters["email"])
    if recipients and not asking.confirmed("confirm_resend_all"):  # none: said below, not asked
        return _ask(RESEND_ALL, "Inga meddelanden är skickade igen. Läs frågan vid knappen och kryssa i ”Ja, skicka "
                    "alla igen” om de ska skickas.")
    count = resending.resend_failed(get_session(), now=now(), actor_id=principal().user_id, kind=filters["kind"],
                                   email=filters["email"])
    if count:
        flash(f"{count_words(count, 'misslyckat meddelande', 'misslyckade meddelanden')} skickas igen vid nästa "
              "svep.", "success")
    else:
        flash("Inga misslyckade meddelanden matchar filtret.", "info")
    return _back()


def _back():
    back = request.form.get("back", "")
    return redirect(back if back.startswith("/admin/utkorg") else url_for("reminders.outbox"))


def _ask(part: str, said: str):
    """Nothing sent: the Utkorg as the form's page showed it (its filter, from back), asking beside the button."""
    shown = _outbox_filters(dict(parse_qsl(urlsplit(request.form.get("back", "")).query)))
    return asking.ask_on("reminders.outbox", part, said, **{k: v for k, v in shown.items() if v})


@bp.route("/admin/namnder/<int:namnd_id>/paminnelser", methods=["GET", "POST"])
@requires(Action.administer)
def namnd_policy(namnd_id: int):
    session = get_session()
    namnd = get_or_404(Namnd, namnd_id)
    form = PolicyForm(obj=namnd if request.method == "GET" else None)
    if form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k != "csrf_token"}
        service.update_policy(session, now=now(), namnd=namnd, actor_id=principal().user_id, values=values)
        flash("Påminnelsereglerna är sparade.", "success")
        return redirect(url_for("reminders.namnd_policy", namnd_id=namnd.id))
    return (render_template("reminders/namnd_policy.html", form=form, namnd=namnd),
            400 if form.errors else 200)
