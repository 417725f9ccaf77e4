"""The handläggare field of the registration, edit and assign forms: a select of the nämnd's handläggare when the
list is short, else a name-or-e-mail text field; and the route app.js asks for another nämnd's field."""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_login import login_required

from remiss.auth.access import Action
from remiss.db import get_session
from remiss.namnd.models import Namnd
from remiss.remisser import handlaggare
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import RemissKind
from remiss.remisser.views import bp
from remiss.web import principal


def handlaggare_choices(namnd_ids: list[int], *, everyone: bool) -> list[tuple[int, str]] | None:
    """(id, name) of the handläggare in these nämnder (everyone: in any, unless the user sees only some); None when
    too many to list."""
    everyone = everyone and principal().visible_namnd_ids() is None
    return handlaggare.handlaggare_choices(get_session(), None if everyone else namnd_ids)


def email_of(user_id: int | None) -> str:
    """The e-mail shown in the text field when the filter came as handlaggare_id (e.g. from Mina remisser)."""
    return handlaggare.email_of(get_session(), user_id) if user_id else ""


def _chosen_namnd(namnder: list, value) -> int | None:
    """The nämnd the form is about: the chosen one if the user may act on it, else the only one."""
    raw = str(value or "")
    ids = {n.id for n in namnder}
    if raw.isdigit() and int(raw) in ids:
        return int(raw)
    return namnder[0].id if len(namnder) == 1 else None


def field_context(namnder: list, values: dict, errors: dict, *, current: int | None = None,
                  current_name: str | None = None) -> dict:
    """Template context for the handläggare field: a select of the nämnd's handläggare when the list is short,
    otherwise a name-or-e-mail text field (also when the user has typed there, to keep what was typed).
    current_name: the current handläggare's name when the caller has read it already."""
    chosen = _chosen_namnd(namnder, values.get("namnd_id"))
    typed = (values.get("handlaggare") or "").strip() if isinstance(values.get("handlaggare"), str) else ""
    choices = None
    if not typed:
        scope = [chosen] if chosen else [n.id for n in namnder]
        choices = handlaggare_choices(scope, everyone=chosen is None and len(namnder) > 1)
    selected = str(values.get("handlaggare_id") or "")
    if choices is not None and current and current not in {uid for uid, _ in choices}:
        # The remiss's handläggare stays selectable (e.g. an admin, or one who left the nämnd): saving keeps them.
        name = current_name or handlaggare.name_of(get_session(), current)
        if name is not None:
            choices = sorted([*choices, (current, name)], key=lambda row: (row[1], row[0]))
    if choices is None and "handlaggare_id" in errors:  # shown at (and linked to) the text field
        errors["handlaggare"] = errors.pop("handlaggare_id")
    text = typed or (email_of(int(selected)) if choices is None and selected.isdigit() else "")
    none = next((n.name for n in namnder if n.id == chosen), None) if chosen and choices == [] else None
    return {"handlaggare_choices": choices, "handlaggare_selected": selected, "handlaggare_text": text,
            "handlaggare_error": errors.get("handlaggare") or errors.get("handlaggare_id"), **nobody_context(none)}


def nobody_context(namnd_name: str | None) -> dict:
    """For a nämnd no one can be assigned in (walk11: a new nämnd no user belongs to yet): its name, for the field's
    "Kulturnämnden har ingen handläggare ännu", and where an administrator adds one (only shown to one)."""
    if namnd_name is None:
        return {"handlaggare_none": None}
    return {"handlaggare_none": namnd_name,
            "handlaggare_admin_url": url_for("admin.users") if principal().is_admin else None}


def typed_handlaggare(values: dict, namnd_id, action: Action, *, current: int | None = None) -> tuple[dict, dict]:
    """values with handlaggare_id resolved from the text field (name or e-mail), and the field's error if any."""
    raw = {k: v for k, v in values.items() if k not in ("csrf_token", "handlaggare")}
    if "handlaggare" not in values or values.get("handlaggare_id"):
        return raw, {}
    typed = str(values["handlaggare"]).strip()
    raw["handlaggare_id"] = ""
    nid = str(namnd_id or "")
    if not typed or not nid.isdigit() or not principal().may(action, int(nid)):
        return raw, {}  # nobody, or the nämnd itself is wrong (its own error says so)
    if current and typed.lower() == email_of(current):
        raw["handlaggare_id"] = str(current)  # unchanged, even if no longer a member
        return raw, {}
    try:
        raw["handlaggare_id"] = str(handlaggare.resolve(get_session(), int(nid), typed))
    except ValueError as exc:
        return raw, {"handlaggare": str(exc)}
    return raw, {}


@bp.route("/remisser/handlaggarfalt")
@login_required
def handlaggare_field():
    """The handläggare field for another nämnd (app.js swaps it in when the form's nämnd changes)."""
    raw = request.args.get("namnd_id", "")
    if not raw.isdigit() or not principal().may(Action.view, int(raw)):
        abort(404)
    chosen = int(raw)
    choices = handlaggare_choices([chosen], everyone=False)
    namnd = get_session().get(Namnd, chosen) if choices == [] else None
    kind = request.args.get("kind", "")  # the form's Ärendetyp: "ärendet kan inte tilldelas" (walk21)
    return render_template("remisser/_handlaggare_field.html", handlaggare_choices=choices, handlaggare_selected="",
                           noun=noun_of(kind if kind in RemissKind.__members__ else None),
                           handlaggare_text=request.args.get("handlaggare", "")[:200] if choices is None else "",
                           handlaggare_error=None, **nobody_context(namnd.name if namnd else None))
