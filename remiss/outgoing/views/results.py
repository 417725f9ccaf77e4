"""Pages that gather the answers: svarsstatus export, letters to print, sammanställning, closing, publishing."""
from __future__ import annotations

from flask import abort, flash, request

from remiss import files
from remiss.calendar.swedish import join_words
from remiss.db import get_session
from remiss.documents import PdfUnavailable, RenderError
from remiss.outgoing import compilation, held, overview, printing
from remiss.outgoing.forms import parse_ids
from remiss.outgoing.service import addresses, closing, lifecycle, missiv_doc, publication, sending
from remiss.outgoing.views import DOCX, XLSX, _back, _config, _refused, _remiss, bp
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.web import asking, now, principal
from remiss.web.downloads import download_file


@bp.route("/remisser/<int:remiss_id>/utskick/svarsstatus.<fmt>")
def export(remiss_id: int, fmt: str):
    remiss = _remiss(remiss_id)
    if fmt not in ("csv", "xlsx"):
        abort(404)
    session = get_session()
    entries = remisser.entries(session, remiss.id)
    table = overview.rows(session, remiss, status=request.args.get("status", ""),
                          group=request.args.get("grupp", ""), entries=entries,
                          addresses=addresses.current(session, entries))
    name = f"Svarsstatus {remiss.our_dnr or remiss.id}"  # download_file puts it on one line, / → -
    if fmt == "csv":
        return download_file(overview.to_csv(table), f"{name}.csv", "text/csv")  # Flask adds the charset
    return download_file(overview.to_xlsx(table, f"{remiss.our_dnr} {remiss.title}"), f"{name}.xlsx", XLSX)


@bp.route("/remisser/<int:remiss_id>/utskick/sammanstallning.docx")
def sammanstallning(remiss_id: int):
    remiss = _remiss(remiss_id)
    try:
        data = compilation.render(get_session(), now=now(), principal=principal(), remiss=remiss)
    except RenderError as exc:
        flash(f"Sammanställningen kunde inte skapas: {exc}", "error")
        return _back(remiss_id)
    return download_file(data, compilation.file_name(remiss), DOCX)


@bp.route("/remisser/<int:remiss_id>/utskick/brev.pdf")
def letters_pdf(remiss_id: int):
    """The newest letters to print, then the remisshandlingar, as one PDF (LibreOffice on the server)."""
    remiss = _remiss(remiss_id)
    session, files_dir = get_session(), _config("FILES_DIR")
    letters = sending.letters_file(session, remiss.id)
    if letters is None:
        abort(404)
    handlingar = [(a.filename, files.path_of(files_dir, a.storage_key).read_bytes())
                  for a in missiv_doc.remisshandlingar(session, remiss.id)]
    try:
        pdf, left_out = printing.with_handlingar(files.path_of(files_dir, letters.storage_key).read_bytes(),
                                                    handlingar)
    except (PdfUnavailable, RenderError) as exc:
        flash(f"{exc} Ladda ned Word-filen i stället.", "error")
        return _back(remiss_id)
    if left_out:  # said on the next page the user opens
        flash(f"{join_words(left_out)} kunde inte tas med i "
              "PDF-filen med breven: skriv ut "
              f"{'den' if len(left_out) == 1 else 'dem'} för sig och lägg i varje brev.", "info")
    return download_file(pdf, letters.filename.removesuffix(".docx") + ".pdf", "application/pdf")


@bp.route("/remisser/<int:remiss_id>/utskick/sammanstall", methods=["POST"])
def compile_answers(remiss_id: int):
    """Sammanställ svaren. While instanser have not answered, it is done only when the button's dialog confirmed it
    (confirm_compile, added by static/app.js) or the box the page then shows beside the button is ticked: without
    JavaScript it compiled, and stopped the reminders, with no question (h-close20's leftover of walk20 H11)."""
    remiss = _remiss(remiss_id, act="outgoing_compile")
    asked = lifecycle.compile_question(remiss, now(), remisser.entries(get_session(), remiss.id),
                                       frozenset(held.unreached(get_session(), [remiss.id]).get(remiss.id, ())),
                                       frozenset(held.held_entry_ids(get_session(), remiss.id)),
                                       frozenset(held.queued_entry_ids(get_session(), remiss.id)),
                                       planned=(planned := lifecycle.chasers_planned(get_session(), remiss.id)))
    if asked and not asking.confirmed("confirm_compile"):
        stops = lifecycle.stops_reminders(remiss, planned)
        return asking.ask(remiss_id, "sammanstall", f"Svaren sammanställdes inte: "
                          f"{asked.partition(lifecycle.COMPILE_QUESTION)[0]} Kryssa i ”Sammanställ svaren ändå” vid "
                          "knappen om de ska sammanställas nu" + ("; planerade påminnelser stoppas då." if stops
                                                                  else "."))
    try:
        kept = lifecycle.compile_answers(get_session(), now=now(), principal=principal(), remiss=remiss,
                                         files_dir=_config("FILES_DIR"),
                                         stop_anstand=request.form.get("stop_anstand") == "1")
    except (InputErrors, RenderError) as exc:
        _refused("Svaren sammanställdes inte", exc)
    else:
        flash(f"Svaren är sammanställda i ”{kept.filename}”, som finns bland handlingarna. "
              + closing.after_compiling(get_session(), remiss, now()), "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/avsluta", methods=["POST"])
def close(remiss_id: int):
    """Avsluta ärendet. What the button's question confirms comes only from its dialog (stale_ok, early_ok, added
    by static/app.js when the user says yes) or from the box "Avsluta ärendet ändå" that the page shows with the
    question when they are missing (walk20 H11: without JavaScript the case closed with no question at all). Who
    may close is checked by closing.close, whose refusal names the act (walk28 Z5)."""
    remiss = _remiss(remiss_id)
    form, ticked = request.form, asking.confirmed("confirm_close")
    notices = closing.waiting_answer_notices(get_session(), remiss.id)  # closing cancels them (walk27 Y8)
    try:
        closing.close(get_session(), now=now(), principal=principal(), remiss=remiss,
                      note=str(form.get("note", ""))[:500], stale_ok=ticked or form.get("stale_ok") == "1",
                      early_ok=ticked or form.get("early_ok") == "1")
    except closing.CloseQuestion as exc:  # asked on the page, beside the button, with the box to tick
        get_session().rollback()
        return asking.ask(remiss_id, "avsluta", f"Ärendet avslutades inte: {exc.said} " + (
            "Sammanställ svaren igen först, eller kryssa i ”Avsluta ärendet ändå” vid knappen om ärendet ska "
            "avslutas med den äldre sammanställningen." if exc.stale else
            "Kryssa i ”Avsluta ärendet ändå” vid knappen om ärendet ska avslutas ändå."))
    except InputErrors as exc:
        _refused("Ärendet avslutades inte", exc)
    else:
        flash("Ärendet är avslutat. Planerade påminnelser är stoppade." + (
            f" {closing.notice_words(notices)} skickas inte." if notices else ""), "success")
    return _back(remiss_id)


@bp.route("/remisser/<int:remiss_id>/utskick/publicera", methods=["POST"])
def publish(remiss_id: int):
    remiss = _remiss(remiss_id, act="outgoing_publish")
    session = get_session()
    try:
        if request.form.get("action") == "unpublish":
            publication.unpublish(session, now=now(), principal=principal(), remiss=remiss)
            flash("Remissvaren visas inte längre öppet.", "success")
        else:
            publication.publish(session, now=now(), principal=principal(), remiss=remiss,
                                attachment_ids=parse_ids(request.form.getlist("attachment_ids")),
                                intro=str(request.form.get("intro", "")))
            flash("Remissvaren är publicerade. Den öppna sidan visar de valda filerna.", "success")
            for name in publication.raw_mails(session, remiss.id):  # ticked by hand: say what the public now sees
                flash(f"Kontrollera personuppgifter: {name} är hela e-postmeddelandet med adresser och rubriker "
                      "och visas nu på den öppna sidan.", "warning")
    except InputErrors as exc:
        _refused("Inget publicerades", exc)
    return _back(remiss_id, "publicering")
