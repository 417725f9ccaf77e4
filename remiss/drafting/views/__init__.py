"""Pages: the Yttrande panel, the draft form, review, versions, samråd and expediering; the beslut in decision.py,
the documents in documents.py."""
from __future__ import annotations

import json

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from remiss import stale_form
from remiss.calendar.swedish import format_date_time
from remiss.reminders.queued import down_since, queued
from remiss.auth.access import Action, load_remiss
from remiss.db import get_session
from remiss.documents import RenderError
from remiss.drafting import (consultations, dispatch, drafts, forms, merge, rattelse, signatures, state_base, states,
                             versions)
from remiss.drafting.content import (INGA_SYNPUNKTER_ENDED, INGA_SYNPUNKTER_HINT, compare, field_label,
                                     without_text)
from remiss.drafting.models import DraftState
from remiss.drafting.panel import form_context
from remiss.drafting.panel import panel_context as _panel_context
from remiss.drafting.reading import readable_sections, signed_by, summary_label
from remiss.documents.markup import blocks
from remiss.web.extensions import guard_api, login_manager
from remiss.remisser.input import InputErrors, parse_date
from remiss.remisser.kind_words import agreeing, it_of, noun_of
from remiss.web import asking, now, principal, say_here
from remiss.web.lost_input import form_labels

bp = Blueprint("drafting", __name__)
# the field's label in templates/drafting/_form.html, by the kind: one rule with the API and the reading view
bp.add_app_template_global(summary_label, "summary_label")


@bp.before_request
def _login_required():
    if current_user.is_authenticated:
        return None
    if request.path.startswith("/api/"):
        return guard_api()
    return login_manager.unauthorized()


# what the beslut form knows from the tidplan, kept next to the typed values when the form comes back
PLANNED_HINTS = ("justering_hint", "tidplan_meeting_on", "no_meeting", "meeting_hint")


# the panel's small forms that come back refused with what was typed (again()): "skickat", a comment, samråd,
# underskrifter; the beslut and justering (decision_failed) below, with the tidplan's hints
FAILED_FORMS = ("sent_failed", "comment_failed", "samrad_failed", "signatures_failed")


def yttrande_panel(session, p, remiss, moment):
    """The Yttrande panel; after a refused form of it, with what was typed and the messages."""
    ctx = _panel_context(session, p, remiss, moment)
    for name in FAILED_FORMS:
        if ctx is not None and g.get(name):
            ctx[name] = g.get(name)
    if ctx is not None:  # Expediera, Inga synpunkter posted without the question's yes: asked beside the button
        ctx["expediera_asked"] = asking.asked("expediera")
        ctx["inga_synpunkter_asked"] = asking.asked("inga-synpunkter")
        for row in ctx.get("consultations", []):  # Ta bort (a samråd): its question, asked beside it
            row["question"] = consultations.removal_question(row["party"], row["on"])
            row["asked"] = asking.asked(f"samrad-{row['id']}")
    failed = g.get("decision_failed")
    if ctx is not None and failed:
        ctx["decision_failed"] = failed
        if failed["form"] == "beslut":  # what was typed, with the tidplan's advice and the date it prefilled
            planned = ctx.get("decision_values", {})
            ctx["decision_values"] = failed["values"] | {key: planned[key] for key in PLANNED_HINTS if key in planned}
    return ctx


def again(remiss_id: int, name: str, errors: dict, fields: tuple[str, ...], *, values: dict | None = None,
          **extra):
    """The remiss page again (400; 409 for a stale form, remiss.stale_form.status) after a refused form of the
    panel: nothing saved, the messages at their fields and every value typed in fields kept (g.<name>, one of
    FAILED_FORMS, read by yttrande_panel); values replaces some (a stale form's base: what the page shows now)."""
    from remiss.remisser import views as remisser_views

    get_session().rollback()
    typed = {key: request.form.get(key, "") for key in fields} | (values or {})
    setattr(g, name, {"errors": errors, "values": typed, **extra})
    return remisser_views.show(remiss_id), stale_form.status(errors)


def _rerender_comment(remiss_id: int, form: str, errors: dict):
    """The remiss page again with the comment's error at its field and in a summary, the text kept (walk13b
    finding 3): form is "utkast" (send back, open again) or "rattelse"."""
    return again(remiss_id, "comment_failed", errors, ("comment",), form=form)


def said_here(remiss_id: int, message: str = "", category: str = "info", status: int = 200):
    """The remiss page itself, nothing saved, saying message at its top (remiss.web.say_here): the answer to an
    action sent twice, which names who did it first and when (remiss.stale_form; status 409 when someone else did:
    stale_form.twice_status). Not by a flash and a redirect: the flash rides the session cookie, where the first
    request's raced it (walk21b K4)."""
    from remiss.remisser import views as remisser_views

    get_session().rollback()
    if message:
        say_here(message, category)
    return remisser_views.show(remiss_id), status


def _back(remiss_id: int):
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#yttrande")


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
    return render_template("drafting/edit.html", remiss=remiss, noun=noun_of(remiss.kind), errors=errors,
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


STATE_MESSAGES = {"granskning": "Yttrandet är skickat till granskning.", "godkand": "Yttrandet är godkänt.",
                  "utkast": "Yttrandet är tillbaka som utkast."}


# the labels of the review form (templates/drafting/_panel.html), for the lost-input page
REVIEW_LABELS = {"state": "Yttrandets nya läge", "comment": "Kommentar", "unanswered": "Fråga utan svar"}


@bp.post("/remisser/<int:remiss_id>/yttrande/lage")
@form_labels(REVIEW_LABELS)
def change_state(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id)
    new = request.form.get("state", "")
    try:
        states.change_state(session, now=now(), principal=principal(), remiss=remiss, new=new,
                            comment=request.form.get("comment", ""),
                            unanswered=request.form.get("unanswered", ""))
    except InputErrors as exc:
        if "comment" in exc.errors and new == "utkast":
            return _rerender_comment(remiss.id, "utkast", {"comment": exc.errors["comment"]})
        session.rollback()
        flash(next(iter(exc.errors.values())), "error")
    except states.AlreadyInState as exc:  # a double click: the first request did it; said who and when
        return said_here(remiss.id, exc.said, status=stale_form.twice_status(exc.by_other))
    except drafts.DraftError as exc:
        flash(str(exc), "error")
    else:
        flash(STATE_MESSAGES.get(new, "Klart."), "success")
    return _back(remiss.id)


@bp.post("/remisser/<int:remiss_id>/yttrande/rattelse")
def start_rattelse(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.review)
    try:
        draft = rattelse.start_rattelse(session, now=now(), principal=principal(), remiss=remiss,
                                        comment=request.form.get("comment", ""))
    except InputErrors as exc:
        if "comment" in exc.errors:
            return _rerender_comment(remiss.id, "rattelse", {"comment": exc.errors["comment"]})
        session.rollback()
        flash(next(iter(exc.errors.values())), "error")
    except rattelse.AlreadyStarted as exc:  # sent twice: the first started it; said who and when, in this page
        return said_here(remiss.id, exc.said, status=stale_form.twice_status(exc.by_other))
    except drafts.DraftError as exc:
        session.rollback()
        flash(str(exc), "error")
    else:
        flash(f"{rattelse.rattelse_definite(draft.rattelse).capitalize()} är påbörjad. Det expedierade yttrandet och "
              "dess beslut ligger kvar; rättelsen granskas, beslutas och expedieras för sig.", "success")
    return _back(remiss.id)


@bp.post("/remisser/<int:remiss_id>/yttrande/underskrifter")
def fill_signatures(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.review)
    base = stale_form.posted(request.form, signatures.BASE)  # the names the form showed
    try:
        saved = signatures.fill(session, now=now(), principal=principal(), remiss=remiss, raw=request.form.to_dict(),
                                base=base)
    except InputErrors as exc:  # the page again with the names as typed and why (not the saved names back)
        # refused as stale: the page comes back on the names now, those this tab did not change as they are now,
        # so saving again changes only what this tab changed, knowingly (walk24 V1)
        now_shown = (signatures.shown_again(session, remiss, request.form.to_dict(), base)
                     if signatures.BASE in exc.errors else {})
        return again(remiss.id, "signatures_failed", exc.errors, signatures.FIELDS + (signatures.BASE,),
                     values=now_shown)
    except drafts.DraftError as exc:
        session.rollback()
        flash(str(exc), "error")
        return _back(remiss.id)
    flash(f"Underskrifterna är sparade i version {saved.number}." if saved else "Inga ändringar att spara.",
          "success")
    return _back(remiss.id)


@bp.post("/remisser/<int:remiss_id>/yttrande/expediera")
def expediera(remiss_id: int):
    """Expediera: only with the dialog's yes or the page's box (confirm_expediera); without it, where it could be
    expedierat, the page asks beside the button (walk21 J14: without JavaScript it went with no question)."""
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.review)
    draft = drafts.find_draft(session, remiss.id)
    if not asking.confirmed("confirm_expediera") and not dispatch.refusal(session, now=now(), remiss=remiss,
                                                                         draft=draft):
        said = ("Rättelsen är inte expedierad: att expediera den går inte att ångra. Läs frågan vid knappen och "
                "kryssa i ”Ja, expediera rättelsen” om den ska expedieras." if draft.rattelse else
                "Yttrandet är inte expedierat: att expediera det går inte att ångra. Läs frågan vid knappen och "
                "kryssa i ”Ja, expediera yttrandet” om det ska expedieras.")
        return asking.ask(remiss.id, "expediera", said)
    try:
        result = dispatch.expediera(session, now=now(), principal=principal(), remiss=remiss,
                                    files_dir=current_app.config["FILES_DIR"], comment=request.form.get("comment", ""),
                                    archive_pdf=current_app.config.get("ARCHIVE_SENT_PDF", True))
    except dispatch.AlreadyExpedierat as exc:  # a double click: say what the first sending said (walk21b K7)
        session.rollback()
        say_here(exc.said, "info")
        _follow_up(session, remiss, exc.result, say_here)
        return said_here(remiss.id)
    except dispatch.ExpedieratBefore as exc:  # by another, or long ago: refused, naming who and when
        return said_here(remiss.id, exc.said, "warning", stale_form.CONFLICT)
    except (drafts.DraftError, RenderError) as exc:
        session.rollback()
        flash(str(exc), "error")
        return _back(remiss.id)
    flash(f"Rättelsen är expedierad: version {result.version_number} med diarienummer {remiss.our_dnr} är låst."
          if result.rattelse else
          f"Yttrandet är expedierat: version {result.version_number} med diarienummer {remiss.our_dnr} är låst.",
          "success")
    _follow_up(session, remiss, result)
    return _back(remiss.id)


def _follow_up(session, remiss, result: dispatch.Expedierat, say=flash) -> None:
    """What an expediering says after its receipt: where the mail goes, or what to do without an answer address
    (say: flash before a redirect, say_here in the page an Expediera sent twice renders)."""
    what = "Rättelsen" if result.rattelse else "Yttrandet"
    noun = noun_of(remiss.kind)  # "ärendet" for a medborgarförslag (walk18 F7)
    if result.mailed_to:
        say(queued(what, result.mailed_to, down=down_since(session))
            + (f" med kopia till {', '.join(result.copies)}" if result.copies else "")
            + f". {noun.whose.capitalize()} sida säger när {it_of(not result.rattelse)} är "
            f"{agreeing('skickad', not result.rattelse)}.", "info")
    elif result.rattelse:
        say(f"{noun.The} saknar svarsadress, så {what.lower()} har inte e-postats. Skicka den till remittenten "
            "själv.", "info")
    if result.status_note:
        say(result.status_note, "info")


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


from remiss.drafting import api  # noqa: E402,F401  (routes on bp)
from remiss.drafting.views import decision, documents, sent, templates  # noqa: E402,F401
