"""Samråd on the remiss page: who was consulted and when, registered and removed."""
from __future__ import annotations

from flask import flash, request

from remiss.auth.access import Action, load_remiss
from remiss.db import get_session
from remiss.drafting import consultations, drafts
from remiss.drafting.views import _back, again, bp
from remiss.remisser.input import InputErrors, parse_date
from remiss.web import asking, now, principal


@bp.post("/remisser/<int:remiss_id>/samrad")
def add_consultation(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    try:
        day_text = request.form.get("consulted_on", "").strip()
        try:
            day = parse_date(day_text) if day_text else None
        except ValueError as exc:
            raise InputErrors({"consulted_on": str(exc)}) from None
        consultations.add_consultation(session, now=now(), principal=principal(), remiss=remiss,
                                       party=request.form.get("party", ""), consulted_on=day,
                                       note=request.form.get("note", ""))
    except InputErrors as exc:  # the page again with what was typed and the message at its field (walk17 F2)
        return again(remiss_id, "samrad_failed", exc.errors, ("party", "consulted_on", "note"))
    flash("Samrådet är registrerat.", "success")
    return _back(remiss.id)


@bp.post("/remisser/<int:remiss_id>/samrad/<int:consultation_id>/ta-bort")
def remove_consultation(remiss_id: int, consultation_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    try:  # refused first (a closed remiss, a samråd removed already); only then asked (web.asking)
        row = consultations.removable(session, principal=principal(), remiss=remiss, consultation_id=consultation_id)
        if not asking.confirmed("confirm_remove_samrad"):
            return asking.ask(remiss.id, f"samrad-{row.id}", f"Samrådet med {row.party} är inte borttaget. Läs "
                              "frågan vid knappen och kryssa i ”Ja, ta bort samrådet” om det ska tas bort.")
        consultations.remove_consultation(session, now=now(), principal=principal(), remiss=remiss,
                                          consultation_id=consultation_id)
    except drafts.DraftError as exc:
        flash(str(exc), "error")
    else:
        flash(f"Samrådet med {row.party} är borttaget.", "success")
    return _back(remiss.id)
