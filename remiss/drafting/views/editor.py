"""The draft form (Skriv yttrande) with its merge of another tab's save, Inga synpunkter, and the comparison of two
versions."""
from __future__ import annotations

import json

from flask import abort, flash, render_template, request

from remiss import stale_form
from remiss.auth.access import Action, load_remiss
from remiss.calendar.swedish import format_date_time
from remiss.db import get_session
from remiss.documents.markup import blocks
from remiss.drafting import drafts, forms, merge, rattelse, state_base, versions
from remiss.drafting.content import (INGA_SYNPUNKTER_ENDED, INGA_SYNPUNKTER_HINT, compare, field_label,
                                     without_text)
from remiss.drafting.models import DraftState
from remiss.drafting.panel import form_context
from remiss.drafting.reading import readable_sections, signed_by
from remiss.drafting.views import _back, bp, said_here
from remiss.field_order import in_field_order
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of
from remiss.web import asking, now, principal
from remiss.web.lost_input import form_labels


@bp.route("/remisser/<int:remiss_id>/yttrande", methods=["GET", "POST"])
@form_labels(field_label)
def edit(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    if remiss.direction == "utgaende":  # we are the remittent: nothing of ours to write (walk25 Y11)
        return render_template("drafting/outgoing.html", remiss=remiss), 404
    draft, version, content = drafts.current_content(session, remiss)
    if request.method == "GET" and draft is not None and draft.state == DraftState.expedierad:
        # shown, not offered for editing: a save would be refused (walk25 Y10); as text, the sections with text
        # and the signatures, not as an editor's disabled boxes that looked broken (walk25b Z14)
        return render_template("drafting/edit.html", remiss=remiss, noun=noun_of(remiss.kind), errors={},
                               version=version.number if version else None, read_only=True,
                               locked_note=_sent_note(remiss, draft, version),
                               may_rattelse=principal().may(Action.review, remiss.namnd_id),
                               reading=[(heading, blocks(text))
                                        for heading, text in readable_sections(content, remiss.kind)],
                               signed=signed_by(content), sent_heading=(
                                   f"{rattelse.rattelse_definite(draft.rattelse).capitalize()} som den expedierades"
                                   if draft.rattelse else "Yttrandet som det expedierades"))
    errors: dict = {}
    values, conflict, stale = None, None, False
    # the version the form's text builds on: what was typed keeps the one it was opened on, so that the next save
    # is merged with what was saved since instead of overwriting it
    base_version = version.number if version else 0
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            raw, base = forms.raw_from_form(request.form, len(content["svar"]),
                                             not content["svar"] or bool(content.get("avsnitt")),
                                             [(item["question_id"], item["fraga"]) for item in content["svar"]])
            saved = versions.save(session, now=now(), principal=principal(), remiss=remiss, raw=raw,
                                  base_version=base, comment=request.form.get("comment", ""))
        except merge.DraftConflict as exc:
            session.rollback()
            errors, conflict, content = exc.errors, exc, exc.merged.content
            if not exc.merged.conflicts:  # a clean merge is information, not an error (walk10 finding 10)
                errors = {}
            values = None  # the merge, on the newest version
            comment = request.form.get("comment", "")
        except InputErrors as exc:
            errors = exc.errors
            session.rollback()
        except drafts.DraftError as exc:
            # an editor opened on the utkast before it was sent on: who did what and when (walk24 V16)
            moved = state_base.refusal(session, remiss, stale_form.posted(request.form, state_base.BASE))
            errors, stale = {"state": moved or str(exc)}, bool(moved)
            session.rollback()
        else:
            flash(f"Version {saved.number} av yttrandet är sparad." if saved else "Inga ändringar att spara.",
                  "success")
            if saved and content.get("inga_synpunkter") and not json.loads(saved.content).get("inga_synpunkter"):
                flash(INGA_SYNPUNKTER_ENDED, "info")
            if saved and (bare := without_text(json.loads(saved.content))):  # refused at granskning (walk20 H10)
                flash(bare, "warning")
            return _back(remiss.id)
    typed_on = stale_form.posted(request.form, forms.BASE) or ""
    if values is not None and typed_on.isdigit() and "base_version" not in errors:
        base_version = int(typed_on)
    context = form_context(session, remiss, content, values)
    if conflict is not None:
        context["values"]["comment"] = comment
    merge_note = conflict.errors["base_version"] if conflict is not None and not errors else ""
    return render_template("drafting/edit.html", remiss=remiss, noun=noun_of(remiss.kind),
                           errors=in_field_order(errors, forms.draft_fields(len(content["svar"]))),
                           conflict=conflict, merge_note=merge_note,
                           # a conflict's message names its field itself
                           labels={name: "" if conflict and name in conflict.merged.conflicts
                                   else field_label(name, remiss.kind) for name in errors},
                           version=version.number if version else None, base_version=base_version,
                           base_state=state_base.shown(draft),  # the state it shows now (drafting.state_base)
                           # own text ends the mode when saved (content.settle_inga_synpunkter): say so first
                           inga_synpunkter_hint=INGA_SYNPUNKTER_HINT if content.get("inga_synpunkter") else "",
                           state=draft.state if draft else "utkast",
                           # on the POST the refusal shows as an error next to what was typed
                           needs_handlaggare=versions.needs_handlaggare(remiss.kind)
                           if draft is None and remiss.handlaggare_id is None and request.method == "GET" else "",
                           # opened before another save or a move of the draft (409, remiss.stale_form)
                           **context), (stale_form.CONFLICT if conflict is not None or stale
                                        else 400 if errors else 200)


def _sent_note(remiss, draft, version) -> str:
    """Why the editor of an expedierat yttrande shows its text only (walk25 Y10)."""
    what = f"{rattelse.rattelse_definite(draft.rattelse).capitalize()} är expedierad" if draft.rattelse \
        else "Yttrandet är expedierat"
    return (f"{what}{f' (version {version.number})' if version else ''} och ändras inte längre: texten visas här "
            "som den expedierades.")


@bp.post("/remisser/<int:remiss_id>/yttrande/inga-synpunkter")
def inga_synpunkter(remiss_id: int):
    """Inga synpunkter: only with the dialog's yes or the page's box (confirm_inga_synpunkter); without it, where the
    draft could be replaced, the page asks beside the button (walk21 J14)."""
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    try:
        versions.check_inga_synpunkter(session, principal=principal(), remiss=remiss)  # a refusal asks nothing
        already, other = versions.inga_synpunkter_already(session, principal=principal(), remiss=remiss)
        if already:  # sent twice: the first made it; said who and when, in this page, and no second version
            return said_here(remiss.id, already, status=stale_form.twice_status(other))
        if not asking.confirmed("confirm_inga_synpunkter"):
            if drafts.current_content(session, remiss)[1] is None:  # nothing saved: no utkast to replace (Y17)
                return asking.ask(remiss.id, "inga-synpunkter", "Yttrandet är inte ändrat. Läs frågan vid knappen "
                                  "och kryssa i ”Ja, inga synpunkter” om yttrandet ska bli ”inga synpunkter”.")
            return asking.ask(remiss.id, "inga-synpunkter", "Utkastet är inte ersatt. Läs frågan vid knappen och "
                              "kryssa i ”Ja, ersätt utkastet” om yttrandet ska bli ”inga synpunkter”.")
        version = versions.inga_synpunkter(session, now=now(), principal=principal(), remiss=remiss)
    except drafts.DraftError as exc:
        flash(str(exc), "error")
    else:
        flash(f"Yttrandet är nu ”inga synpunkter” (version {version.number}).", "success")
    return _back(remiss.id)


@bp.get("/remisser/<int:remiss_id>/yttrande/jamfor")
def compare_versions(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id)
    try:
        old_n, new_n = int(request.args.get("fran", "")), int(request.args.get("till", ""))
    except ValueError:
        # said in the page's words, not the address's (walk23 W7b: "fran och till")
        abort(400, f"Välj två versioner att jämföra: en under Från och en under Till i listan Versioner på "
                   f"{noun_of(remiss.kind).whose} sida.")
    draft = drafts.find_draft(session, remiss.id)
    if draft is None:
        abort(404)
    old, new = (drafts.version_by_number(session, draft.id, n) for n in (old_n, new_n))
    if old is None or new is None:
        abort(404, "Versionen finns inte.")
    diff = compare(json.loads(old.content), json.loads(new.content), remiss.kind)
    return render_template("drafting/compare.html", remiss=remiss, noun=noun_of(remiss.kind), old=old, new=new,
                           diff=diff,
                           old_at=format_date_time(old.created_at), new_at=format_date_time(new.created_at))
