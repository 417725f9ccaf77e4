"""The yttrande's way to the remittent on the remiss page: its läge (granskning, godkänt, back to utkast), a
rättelse, the underskrifter and the expediering."""
from __future__ import annotations

from flask import current_app, flash, request

from remiss import stale_form
from remiss.auth.access import load_remiss
from remiss.db import get_session
from remiss.documents import RenderError
from remiss.drafting import dispatch, drafts, rattelse, signatures, states
from remiss.drafting.views import _back, again, bp, said_here
from remiss.reminders.queued import down_since, queued
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import agreeing, it_of, noun_of
from remiss.web import asking, now, principal, say_here
from remiss.web.lost_input import form_labels


def _rerender_comment(remiss_id: int, form: str, errors: dict):
    """The remiss page again with the comment's error at its field and in a summary, the text kept (walk13b
    finding 3): form is "utkast" (send back, open again) or "rattelse"."""
    return again(remiss_id, "comment_failed", errors, ("comment",), form=form)


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
    remiss = load_remiss(session, principal(), remiss_id, act="rattelse")
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
    remiss = load_remiss(session, principal(), remiss_id, act="signatures")
    base = stale_form.posted(request.form, signatures.BASE)  # the names the form showed
    try:
        saved = signatures.fill(session, now=now(), principal=principal(), remiss=remiss, raw=request.form.to_dict(),
                                base=base)
    except InputErrors as exc:  # the page again with the names as typed and why (not the saved names back)
        # refused as stale: the page comes back on the names now, those this tab did not change as they are now,
        # so saving again changes only what this tab changed, knowingly (walk24 V1)
        now_shown = (signatures.shown_again(session, remiss, request.form.to_dict(), base)
                     if signatures.BASE in exc.errors else {})
        return again(remiss.id, "signatures_failed", exc.errors, (signatures.BASE,) + signatures.FIELDS,
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
    remiss = load_remiss(session, principal(), remiss_id, act="expediera")
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
