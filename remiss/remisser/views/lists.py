"""The list pages: Att göra (the start page), the diarium and Mina remisser."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from remiss.auth.access import Action
from remiss.db import get_session
from remiss.remisser import queries
from remiss.remisser.filters import RemissFilter
from remiss.remisser.queries import list_remisser
from remiss.remisser.status import RemissStatus
from remiss.remisser.views import bp, namnder_for
from remiss.remisser.views.handlaggare import email_of, handlaggare_choices
from remiss.web import now, principal


@bp.route("/")
@login_required
def start():
    p = principal()
    session = get_session()
    # as handläggare, or as the kontaktperson of an utgående remiss (walk27 Y16)
    mine = list_remisser(session, p, RemissFilter(status="open", mine_id=current_user.id), per_page=20)
    open_all = list_remisser(session, p, RemissFilter(status="open"), per_page=20)
    # a läsare takes no steps: the page is an overview of the nämnder, not a list of work (walk26 W7)
    onlooker = not p.may(Action.edit)
    return render_template("remisser/start.html", mine=mine, open_all=open_all, sections=start_sections(),
                           heading="Översikt" if onlooker else "Att göra", onlooker=onlooker)


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
    """The diarium of the signed-in user's remisser, as handläggare or as the kontaktperson of an utgående remiss
    (remisser.mine; open ones unless another status is chosen), under its own name."""
    args = request.args.to_dict()
    args.pop("handlaggare", None)
    args.pop("handlaggare_id", None)
    args["mine_id"] = str(current_user.id)
    args.setdefault("status", "open")
    page = args.get("sida", "1")
    return _list_page(RemissFilter.from_args(args), int(page) if page.isdigit() else 1, title="Mina remisser",
                      own=True)


def _list_page(f: RemissFilter, page: int, *, title: str, own: bool = False):
    """A page of the diarium with its filters; own: the user's own remisser, without the handläggare filter."""
    result = list_remisser(get_session(), principal(), f, page=page, per_page=current_app.config["PAGE_SIZE"])
    namnder = namnder_for(Action.view)
    ids = [n.id for n in namnder]
    chosen = [f.namnd_id] if f.namnd_id in ids else ids
    choices = None if f.handlaggare or own else handlaggare_choices(chosen, everyone=len(chosen) == len(namnder))
    return render_template("remisser/list.html", page=result, f=f, namnder=namnder, handlaggare_choices=choices,
                           left_out=_left_out(f),
                           handlaggare_text=(f.handlaggare or email_of(f.handlaggare_id)) if choices is None else "",
                           statuses=_STATUS_CHOICES, title=title, own=own, me=current_user.id if own else None)


def _left_out(f: RemissFilter) -> dict | None:
    """Besvarad or Beslutad leaves out the remisser expedierade but not sent yet, though the API's status calls them
    so: the list says how many, linked to "Expedierade, inte skickade" (walk29 A10)."""
    count = queries.unsent_left_out(get_session(), principal(), f)
    if not count:
        return None
    which = "1 remiss som är expedierad men inte skickad än" if count == 1 else \
        f"{count} remisser som är expedierade men inte skickade än"
    return {"text": f"{RemissStatus(f.status).label} visar inte {which}: se ",
            "url": url_for(request.endpoint, **dict(f.as_args(), status="expedierad"))}


_STATUS_CHOICES = [(s.value, s.label) for s in RemissStatus]  # the diarium's status filter
