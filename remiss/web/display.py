"""Jinja filters and globals: Swedish dates, status labels, and the menu of the signed-in user.

The wording itself lives in the domain (remiss.calendar.swedish, remiss.remisser.status); this module only
makes it available to templates. The menu and the admin links are wired in the app factory (remiss.create_app).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from remiss.auth.access import Action
from remiss.calendar.swedish import (count_words, format_date, format_date_time, format_deadline, format_short_date,
                                     format_weekday_date)
from remiss.remisser.present import deadline_passed, is_extended, svarstid_ended
from remiss.remisser.status import status_label
from remiss.files import human_size
from remiss.web.hyphenation import soft_hyphens
from remiss.web.forms import linked_to
from remiss.web import principal


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: str
    action: Action | None = None  # shown only to users who may do this in some nämnd
    unless: Action | None = None  # hidden from users who may do this (they find the page in a submenu)
    submenu: bool = False  # a disclosure listing the admin pages (Links.admin), not a link
    count: Callable | None = None  # (session, principal) -> how many wait there, shown as "Inkorg (2)" when > 0


@dataclass
class Links:
    """The links each capability adds to the shared pages, wired in the app factory in the order shown."""

    menu: list[MenuItem] = field(default_factory=list)
    admin: list[tuple[str, str]] = field(default_factory=list)  # (endpoint, label): the admin pages and menu
    namnd: list[tuple[str, str]] = field(default_factory=list)  # (label, endpoint taking namnd_id)
    organisation: list[tuple[str, str]] = field(default_factory=list)  # (endpoint, label) on the register
    export_formats: list[tuple[str, str]] = field(default_factory=list)  # (format, label) of diarium exports


def links() -> Links:
    return current_app.extensions["remiss_links"]


def _date(value) -> str:
    return format_date(value) if value else ""


def _short_date(value) -> str:
    return format_short_date(value) if value else ""


def _weekday_date(value) -> str:
    return format_weekday_date(value) if value else ""


def _date_time(value) -> str:
    return format_date_time(value) if value else ""


def _menu() -> list[MenuItem]:
    if not current_user.is_authenticated:
        return []
    p = principal()
    return [item for item in links().menu
            if (item.action is None or p.may(item.action)) and (item.unless is None or not p.may(item.unless))]


def in_section(endpoint: str) -> bool:
    """Whether the page shown is the endpoint's page or one below it (/admin/anvandare/5 is in Användare)."""
    base = url_for(endpoint)
    return request.path == base or request.path.startswith(base.rstrip("/") + "/")


def _menu_counts(items: list[MenuItem]) -> dict[str, int]:
    """endpoint -> how many wait there, for the items that count something."""
    from remiss.db import get_session

    return {item.endpoint: item.count(get_session(), principal()) for item in items if item.count is not None}


def _passed(remiss) -> bool:
    """`r is passed`: an open incoming remiss (a row or a Remiss) past its sista svarsdag in force at the request's
    moment, its clock time counted, as the remiss page's "Försenad" and the API's deadline_passed (truth16 F29)."""
    from remiss.web import now

    return deadline_passed(remiss, now())


def _svarstid_ended(remiss) -> bool:
    """`r is svarstid_ended`: an open utgående remiss whose instansers' svarstid has run out (never "passerad")."""
    from remiss.web import now

    return svarstid_ended(remiss, now())


def _remiss_status(remiss) -> str:
    """`remiss_status(r)`: the status word of a remiss row in a list, "Expedierad, inte skickad" for one whose
    yttrande waits in the Utkorg (walk25 Y9); the unsent ones are read once a request."""
    from flask import g

    from remiss.db import get_session
    from remiss.drafting.mail_state import unsent

    if remiss.status not in ("besvarad", "beslutad"):  # beslutad: expedierad without a svarsadress (walk25b Z5)
        return status_label(remiss.status)
    if "unsent_yttranden" not in g:
        g.unsent_yttranden = unsent(get_session())
    # late: besvarad late, or expedierad late without a svarsadress and not sent yet (walk26b X1)
    return status_label(remiss.status, unsent=remiss.id in g.unsent_yttranden, late=remiss.answered_late)


def init_app(app: Flask, wired: Links) -> None:
    app.extensions["remiss_links"] = wired
    app.jinja_env.filters.update(sv_date=_date, sv_short_date=_short_date, sv_datetime=_date_time,
                                 sv_weekday_date=_weekday_date, counted=count_words,
                                 hyphenate=soft_hyphens, filesize=human_size,
                                 linked_to=linked_to)
    app.jinja_env.globals.update(sv_deadline=format_deadline, status_label=status_label, links=links,
                                 remiss_status=_remiss_status,
                                 in_section=in_section)
    app.jinja_env.tests.update(in_section=in_section, extended=is_extended, passed=_passed,
                                 svarstid_ended=_svarstid_ended)

    def _menu_context() -> dict:
        items = _menu()
        return {"menu": items, "menu_counts": _menu_counts(items)}

    app.context_processor(_menu_context)
