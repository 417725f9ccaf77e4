"""Pages: the missiv step before registration and the hooks that prefill the registration form; the Inkorg's
pages are in remiss.intake.views.inbox (the list), .message (one message) and .steps (its steps), on the same blueprint.
What the card beside a read letter says, here and in the Inkorg, is in .match_card."""
from __future__ import annotations

import dataclasses
from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from remiss import files, stale_form
from remiss.auth.access import AccessDenied, Action, NotFound, load_remiss
from remiss.db import get_session
from remiss.intake import title_choices
from remiss.intake.service import batches, matching
from remiss.remisser.input import InputErrors, parse_date, parse_time
from remiss.remisser import sent_once
from remiss.remisser.finished import RemissFinished
from remiss.remisser.models import Remiss
from remiss.intake.reading import BATCH_FACTOR, ReadLimits
from remiss.intake.views.match_card import (extension_moot, not_later_than_in_force, our_dnr_prefill,
                                            without_extends_warning)
from remiss.intake.views.match_card import item_warnings  # noqa: F401  (tests import it from here)
from remiss.web import now, principal, requires, say_here

bp = Blueprint("intake", __name__)


@bp.app_template_filter("evidence_sv")
def evidence_sv(words: str) -> str:
    """`words|evidence_sv`: "Hämtat från"'s quote with a forwarded mail's header label in Swedish (walk33 #3)."""
    from remiss.intake.evidence_words import in_swedish

    return in_swedish(words)
TEXT_LIMIT = 2_000_000  # characters of pasted text, as in POST /api/v1/missiv/parse


def _token(req) -> str | None:
    """The missiv batch the form is opened from: ?missiv=, the form's intake_token, or the card's address (a step of
    the card refused renders the form again, remisser.views.register.form_again)."""
    return req.args.get("missiv") or req.form.get("intake_token") or (req.view_args or {}).get("token") or None


class RegistrationHooks:
    """What remiss.remisser.views.new asks of this capability (via app.extensions)."""

    def prefill(self, req) -> dict:
        """Return the prefilled form values of the user's pending batch named in ?missiv=."""
        intake = batches.load(get_session(), principal=principal(), token=_token(req))
        if not intake:
            return {}
        values = dict(intake.values, intake_token=intake.token)
        chosen = title_choices.chosen(values, req.args.get("titel"))  # "Andra förslag på ärendemening", no JavaScript
        if chosen:
            values["title"] = chosen.title
        return values

    def context(self, req) -> dict:
        """Return what templates/remisser/form.html shows: the missiv step or the evidence of the prefill."""
        session = get_session()
        intake = batches.load(session, principal=principal(), token=_token(req))
        match = None
        if intake:
            found = matching.matching_remiss_id(session, intake.values)
            match = session.get(Remiss, found) if found else None
            if match is not None and not principal().may(Action.edit, match.namnd_id):
                match = None
        is_extension = bool(intake) and matching.mentions_extension(
            dict(intake.values, extension_to=batches.extension_value(intake.extension_to, intake.extension_time)))
        if intake and match is not None and is_extension:  # the match card above offers the extension already
            intake = dataclasses.replace(intake, warnings=[w.replace(batches.EXTEND_INSTEAD, ".")
                                                           for w in intake.warnings])
        not_later = not_later_than_in_force(match, intake.extension_to, intake.extension_time) if is_extension else ""
        if not_later:  # the card says why the letter extends nothing
            intake = dataclasses.replace(intake, warnings=without_extends_warning(intake.warnings))
        moot = extension_moot(session, match) if is_extension else ""  # answered already (walk24 V17)
        our_dnr, our_dnr_hint = our_dnr_prefill(session, [intake.values.get("missiv_text") or ""]) \
            if intake and match is None and is_extension else ("", "")
        evidence = dict(intake.evidence) if intake else {}
        chosen = title_choices.chosen(intake.values, req.args.get("titel")) if intake else None
        if chosen:  # the hint follows the alternative chosen, or is left out (walk26b X4)
            evidence.pop("title", None)
            evidence.update({"title": chosen.source} if chosen.source else {})
        offered = title_choices.choices(intake.values, lambda i: url_for(
            "remisser.new", missiv=intake.token, titel=i, _anchor="f-title")) if intake else []
        return {"intake_template": "intake/_panel.html", "intake": intake, "intake_match": match,
                "intake_is_extension": is_extension, "intake_evidence": evidence, "title_choices": offered,
                "intake_not_later": not_later, "intake_moot": moot, "intake_our_dnr": our_dnr, "intake_our_dnr_hint": our_dnr_hint}

    def take(self, session, *, principal, req) -> str:
        """Lock the Inkorg message the form was opened from before the remiss is numbered, as the Inkorg's
        Registrera does (batches.take_message); why it is not registered again when it is handled already."""
        return batches.take_batch_message(session, principal=principal, token=_token(req))

    def attach(self, session, *, now, principal, remiss, req) -> None:
        """Attach the pending files named by the form to the newly registered remiss."""
        token = _token(req)
        if token:
            batches.attach(session, now=now, principal=principal, remiss=remiss, token=token,
                           files_dir=current_app.config["FILES_DIR"],
                           max_bytes=current_app.config["UPLOAD_MAX_BYTES"])


HOOKS = RegistrationHooks()


def remiss_id_by_typed_dnr(session, typed: str) -> int | None:
    """The remiss whose diarienummer (ours) the sekreterare typed to merge into: exactly as written, or as the
    diarium search reads it (any case, å/ä/ö as a/o, no leading zeros: "sofo 2026/8" is SOFÖ 2026/0008)."""
    from sqlmodel import select

    from remiss.remisser import keys

    found = matching.remiss_id_by_our_dnr(session, typed)
    key = keys.dnr_key(typed)
    if found is None and key:
        found = session.exec(select(Remiss.id).where(Remiss.our_dnr_key == key).order_by(Remiss.id)).first()
    return found


@bp.route("/remisser/ny/missiv", methods=["GET", "POST"])
@requires(Action.create)
def start():
    max_bytes = current_app.config["UPLOAD_MAX_BYTES"]
    text, errors = "", {}
    if request.method == "POST":
        # Room for several files in one step; each file is still held to UPLOAD_MAX_BYTES below.
        request.max_content_length = BATCH_FACTOR * max_bytes + 1048576
        text = request.form.get("text", "")  # read within MAX_FORM_MEMORY_SIZE (config.py), set for TEXT_LIMIT
        if len(text) > TEXT_LIMIT:
            errors = {"text": f"Texten är för lång ({len(text):,} tecken; högst {TEXT_LIMIT:,}): spara den som fil "
                              "och välj filen i stället.".replace(",", " ")}
        else:
            uploads = [(u.filename, u.read()) for u in request.files.getlist("files") if u and u.filename]
            try:
                batch = batches.start(get_session(), now=now(), principal=principal(), text=text, uploads=uploads,
                                      files_dir=current_app.config["FILES_DIR"], max_bytes=max_bytes,
                                      limits=ReadLimits.of(current_app.config))
            except files.FileRejected as exc:
                errors = {"files" if uploads else "text": str(exc)}
            else:
                return redirect(url_for("remisser.new", missiv=batch.token))
    return render_template("intake/start.html", text=text, errors=errors,
                           max_mb=max_bytes // 1048576), (400 if errors else 200)


@bp.route("/remisser/ny/missiv/<token>/kasta", methods=["POST"])
@requires(Action.create)
def discard(token: str):
    batches.discard(get_session(), principal=principal(), token=token, files_dir=current_app.config["FILES_DIR"])
    flash("De inlästa uppgifterna och filerna är borttagna.", "success")
    return redirect(url_for("remisser.new"))


# Nothing typed is no unknown remiss (walk18 F9: the empty field was answered "Remissen finns inte eller du får inte
# ändra den").
NO_MERGE_DNR = "Ange vårt diarienummer för remissen som meddelandet ska föras samman med."
NO_EXTEND_DNR = "Ange vårt diarienummer för remissen som brevet förlänger."


def nothing_named(form) -> bool:
    """Tell whether a "för samman"/"förläng" form names no remiss: no diarienummer typed, no suggested remiss sent."""
    return not form.get("our_dnr", "").strip() and not form.get("remiss_id", "").strip()


@bp.route("/remisser/ny/missiv/<token>/forlang", methods=["POST"])
@requires(Action.create)
def extend(token: str):
    """Add the read letter to a registered remiss (an extension notice, a supplement) instead of registering it.
    A step refused renders the form again with why and what was typed in the card: 400 for what was typed, 409 for
    a stale card (the message handled or the remiss finished meanwhile: remiss.stale_form)."""
    session = get_session()
    if nothing_named(request.form):
        return _card_refused(NO_EXTEND_DNR)
    try:
        until_on, until_time = parse_until(request.form)
    except InputErrors as exc:
        return _card_refused(" ".join(exc.errors.values()))
    # the Inkorg message the letter was read from first, then the remiss (batches.take_remiss), as every step on it
    message = batches.batch_message(session, principal=principal(), token=token)
    refusal = batches.take_message(session, message, user_id=principal().user_id) if message is not None else ""
    if refusal:  # merged, registered or dismissed meanwhile
        return handled(message, refusal, back=url_for("remisser.new", missiv=token),
                       prefix="Brevet fördes inte samman", pressed="merged", page=_card_again(stale_form.CONFLICT))
    once = batches.once_key(token)  # after the message (one lock order); a pasted letter has only this
    if not sent_once.claim(session, principal().user_id, once, now=now()) and (done := _merged_before(once)):
        return done  # the card sent twice: the first merged the letter and the batch is gone
    try:
        our_dnr = request.form.get("our_dnr", "").strip()
        if our_dnr:  # the sekreterare names the remiss the notice extends when none was matched
            found = remiss_id_by_typed_dnr(session, our_dnr)
            if found is None:
                raise NotFound(our_dnr)
            remiss_id = found
        else:
            remiss_id = int(request.form.get("remiss_id", "0"))
        remiss = load_remiss(session, principal(), remiss_id, Action.edit)
        merged = batches.extend(session, now=now(), principal=principal(), remiss=remiss, token=token,
                                record_extension=request.form.get("extend") == "1",
                                files_dir=current_app.config["FILES_DIR"],
                                max_bytes=current_app.config["UPLOAD_MAX_BYTES"], until_on=until_on,
                                until_time=until_time)
    except (ValueError, NotFound, AccessDenied, InputErrors) as exc:
        session.rollback()
        status = 400
        if isinstance(exc, files.FileRejected):
            said = str(exc)
        elif isinstance(exc, RemissFinished):  # the true reason, not "finns inte" (walk24 V17); finished meanwhile
            finished = session.get(Remiss, exc.remiss_id)
            said = extension_moot(session, finished) if request.form.get("extend") == "1" else str(exc)
            status = stale_form.CONFLICT
        elif isinstance(exc, InputErrors):
            said = " ".join(exc.errors.values()) or "Förlängningen kunde inte registreras."
        elif request.form.get("our_dnr", "").strip():
            said = f"Ingen remiss med diarienummer {request.form['our_dnr'].strip()[:100]} som du får ändra."
        else:
            said = "Remissen finns inte eller du får inte ändra den."
        return _card_refused(said, status)
    sent_once.record(session, principal().user_id, once, remiss.id)
    flash(steps.merged_words(remiss, extended=request.form.get("extend") == "1", what="Brevet")
          + steps.filled_words(merged.filled, source="brevet"), "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


# what the card's forms send that a user types, under the labels the card shows
CARD_FIELDS = {"our_dnr": "Vårt diarienummer", "until_on": "Ny sista svarsdag", "until_time": "Klockslag",
               "extend": ""}


def _card_again(status: int):
    """The registration form again, as opened from the missiv, with what was typed in the card kept in it; a stale
    card (409), which the form may no longer show as it was, also shows what was typed to copy."""
    from remiss.remisser.views.register import form_again  # the form is remisser's page; intake is its hook

    typed = {name: request.form.get(name, "").strip()[:500] for name in CARD_FIELDS if name in request.form}
    not_saved = [(CARD_FIELDS[name], value) for name, value in typed.items() if CARD_FIELDS[name] and value] \
        if status == stale_form.CONFLICT else []
    return lambda: form_again(status, intake_typed=typed, intake_not_saved=not_saved)


def _card_refused(said: str, status: int = 400):
    """A step of the card refused: said in the form's page (not a flash on the next), nothing typed lost."""
    get_session().rollback()
    say_here(said, "error")
    return _card_again(status)()


def _merged_before(once: str):
    """The remiss the same card merged the letter into a moment ago (a double-click), said so; None if none."""
    done = sent_once.registered(get_session(), principal().user_id, once, now=now())
    remiss = get_session().get(Remiss, done[0]) if done else None
    if remiss is None:
        return None
    flash(f"Brevet är redan sammanfört med {remiss.our_dnr or remiss.title} – av dig.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


def handled(message, refusal: str, *, back: str, prefix: str = "", pressed: str = "", not_done: str = "",
            page=None):
    """A step on an Inkorg message handled already (refusal: batches.take_message's, who handled it, as which
    remiss): the remiss, when this user registered or merged it (a double-click, the page sent again), else back
    with why nothing was done, after prefix ("Brevet fördes inte samman: meddelandet är redan …"). pressed: what
    the step makes of a message ("dismissed"); another step of this user's done on it is no success but a warning
    that this one was not done (not_done, else prefix: "Meddelandet avvisades inte: det är redan registrerat …",
    walk22 L11). page: the response to give instead of going back, saying the refusal in itself (the message's own
    page, 409: a step on a message handled meanwhile, by someone else or by another step of one's own, is a stale
    form, remiss.stale_form); only one's own same step sent twice (a double click) goes on to the remiss."""
    remiss = get_session().get(Remiss, message.remiss_id) if message.remiss_id else None
    if message.status in ("registered", "merged") and remiss is not None \
            and message.decided_by_id == principal().user_id:
        said = not_done or prefix
        if pressed and message.status != pressed and said and page is not None:
            # another step of one's own, from a page opened before it (another tab): a stale form, said in the
            # message's page (409), not a flash on the remiss's (remiss.stale_form)
            get_session().rollback()
            say_here(f"{said}: {_it(refusal, said)}", "warning")
            return page()
        if pressed and message.status != pressed and said:
            flash(f"{said}: {_it(refusal, said)}", "warning")
        else:
            flash(refusal, "success")
        return redirect(url_for("remisser.show", remiss_id=remiss.id))
    said = f"{prefix}: {refusal[0].lower()}{refusal[1:]}" if prefix else refusal
    if page is not None:
        get_session().rollback()
        say_here(said, "error")
        return page()
    flash(said, "error")
    return redirect(back)


def _it(refusal: str, said: str) -> str:
    """The refusal after what was not done: "det är redan …" when that names the message too, else in lower case."""
    if said.startswith("Meddelandet ") and refusal.startswith("Meddelandet "):
        return "det " + refusal.removeprefix("Meddelandet ")
    return refusal[0].lower() + refusal[1:]


def parse_until(form) -> tuple[date | None, object]:
    """The new last day (and time) of an extension as typed beside "Registrera en allmän förlängning"; raise
    InputErrors (Swedish) for a date or time that cannot be read. None when nothing was typed."""
    errors, day, moment = {}, None, None
    if form.get("until_on", "").strip():
        try:
            day = parse_date(form["until_on"])
        except ValueError as exc:
            errors["until_on"] = f"Ny sista svarsdag: {exc}"
    if form.get("until_time", "").strip():
        try:
            moment = parse_time(form["until_time"])
        except ValueError as exc:
            errors["until_time"] = f"Klockslag: {exc}"
    if errors:
        raise InputErrors(errors)
    return day, moment


from remiss.intake.views import inbox, message, steps  # noqa: E402,F401  (their routes are on bp)
