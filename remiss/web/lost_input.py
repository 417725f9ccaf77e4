"""A form posted after its session ended: say why, and show the typed text so it can be copied (walk11 finding 4).

One answer for the two ways a page POST can arrive without a usable session: the CSRF check fails (logged out in
another tab: the session, and its token, are gone) or login is required (the session was ended elsewhere). The
page names the real cause and shows the posted text fields, escaped, each under the label the user saw on the form,
with a link to log in again (next= the form's page). Nothing is stored on the server: the text lives only in this
answer.

The labels come from the view the form posts to: the labels it declares with @form_labels (a mapping, or a function
for forms whose fields are numbered, like the yttrande's "svar-2"), else those of the WTForms forms its code uses.
A field neither knows is shown under its name.
"""
from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping
from types import ModuleType
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms.fields.core import UnboundField

# never shown again: secrets and the form's machinery, whatever the form calls them
SECRET_NAME = re.compile(r"pass|lösen|losen|token|secret|hemlig|nonce|otp|csrf|api.?key|nyckel", re.IGNORECASE)
SKIPPED = frozenset({"next", "base_version", "base", "base_decision"})  # bases of stale forms (remiss.stale_form)

def _machinery(value: str) -> bool:
    """Empty, or a bare number (an id, a version, a ticked box's "1"): nothing typed worth copying. A date or
    "§ 142" is kept."""
    text = (value or "").strip()
    return not text or text.isdigit()

# forms for people not signed in: "Du är inte längre inloggad" would be wrong there, the old CSRF message stays
PUBLIC_FORMS = frozenset({"auth.login"})
MAX_FIELDS = 60
MAX_CHARS = 200_000

NOT_SIGNED_IN = "Du är inte längre inloggad"
EXPIRED = "Formuläret har gått ut"


Labels = Mapping[str, str] | Callable[[str], str | None]


def form_labels(labels: Labels):
    """Declare, on a view that takes a hand-built form, the labels its fields have on the page, so that the
    lost-input page shows them. Put it right under the route decorator."""
    def mark(view):
        view.form_labels = labels
        return view
    return mark


def _wtforms_labels(form_class: type) -> dict[str, str]:
    labels = {}
    for name in dir(form_class):
        field = getattr(form_class, name, None)
        if isinstance(field, UnboundField):
            text = field.kwargs.get("label") or (field.args[0] if field.args else None)
            if isinstance(text, str):
                labels[name] = text
    return labels


def _forms_used(view) -> list[type]:
    """The WTForms forms the view's code names (UserForm(...), forms.UserForm(...))."""
    view = inspect.unwrap(view)
    code, names = getattr(view, "__code__", None), getattr(view, "__globals__", {})
    found = []
    for name in code.co_names if code else ():
        value = names.get(name)
        candidates = [getattr(value, n, None) for n in code.co_names] if isinstance(value, ModuleType) else [value]
        found += [c for c in candidates
                  if isinstance(c, type) and issubclass(c, FlaskForm) and c is not FlaskForm and c not in found]
    return found


def field_labels() -> Callable[[str], str]:
    """name → the label the form showed, for the view this request was posted to; the name when unknown."""
    view = current_app.view_functions.get(request.endpoint or "")
    declared = getattr(view, "form_labels", None) if view else None
    found: dict[str, str] = {}
    for form_class in _forms_used(view) if view and declared is None else ():
        found = {**_wtforms_labels(form_class), **found}

    def label(name: str) -> str:
        text = None
        if callable(declared):
            text = declared(name)
        elif declared is not None:
            text = declared.get(name)
        return text or found.get(name) or name
    return label


def posted_text() -> tuple[list[tuple[str, str]], bool]:
    """The posted text fields as (label, value), files and secrets left out; True when some were cut off."""
    kept: list[tuple[str, str]] = []
    label = field_labels()
    left = MAX_CHARS
    cut = False
    for name, value in request.form.items(multi=True):
        if name in SKIPPED or SECRET_NAME.search(name) or _machinery(value):
            continue
        if len(kept) == MAX_FIELDS or left <= 0:
            cut = True
            break
        if len(value) > left:
            value, cut = value[:left], True
        left -= len(value)
        kept.append((label(name)[:200], value))
    return kept, cut


def form_page() -> str:
    """The page the form was on: the Referer when it is this site's, else the address posted to."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/") and not referrer.path.startswith("//") \
            and "\\" not in referrer.path:
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return request.path


def is_page_post() -> bool:
    """A form POST from a page; the API and JSON requests keep their JSON errors."""
    return request.method not in ("GET", "HEAD", "OPTIONS") and not request.path.startswith("/api/") \
        and not request.is_json and request.endpoint not in PUBLIC_FORMS


def lost_input_page(status: int, signed_in: bool):
    fields, cut = posted_text()
    page = form_page()
    return render_template(
        "lost_input.html", status=status, signed_in=signed_in, fields=fields, cut=cut, page=page,
        title=EXPIRED if signed_in else NOT_SIGNED_IN,
        login_url=url_for("auth.login", next=page)), status


def unauthorized():
    """Flask-Login's answer when a view needs a signed-in user: for a page POST the lost-input page, else the
    usual redirect to the login page with next= the address."""
    if is_page_post():
        return lost_input_page(401, signed_in=False)
    from flask_login import login_url

    from remiss.web.extensions import login_manager

    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))


def csrf_failed():
    """The CSRF check failed on a page POST: the real cause (no session any more, or an old form)."""
    return lost_input_page(400, signed_in=bool(current_user.is_authenticated))
