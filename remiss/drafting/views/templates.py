"""Pages: the nämnd's own Word templates — upload, check, preview, back to the default."""
from __future__ import annotations

import io

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from sqlmodel import select

from remiss.calendar.swedish import format_date_time, join_words
from remiss.auth.access import load_namnd
from remiss.db import get_session
from remiss.files import limit_size, too_large, upload_size
from remiss.documents import RenderError, placeholder_fields, render_document, sample_context, sample_context_for
from remiss.documents.fields import format_date
from remiss.documents.fields import usage as field_usage
from remiss.drafting.context import footer_line, keep_together
from remiss.drafting.generate import DOCX
from remiss.drafting.namnd_templates import (KINDS, MANAGE, TemplateRejected, activate, missing_fields,
                                             missing_in, templates_of, upload, use_default)
from remiss.drafting.views import bp
from remiss.namnd.models import DocumentTemplate, Namnd
from remiss.outgoing.service import held_remake
from remiss.remisser.input import parse_date
from remiss.web import get_or_404, now, principal



def _namnd(namnd_id: int) -> Namnd:
    return load_namnd(get_session(), principal(), namnd_id, act="templates")


@bp.get("/mallar")
def template_index():
    p = principal()
    namnder = [n for n in get_session().exec(select(Namnd).order_by(Namnd.name)) if p.may(MANAGE, n.id)]
    # the kinds the nämnd's page offers, named from the same list (walk22 L12c: the text named two of four)
    return render_template("drafting/template_index.html", namnder=namnder,
                           kinds=join_words([label.lower() for label in KINDS.values()]))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def _pending(namnd: Namnd) -> dict | None:
    """?bekrafta=<id>: a version held back because it lacks a required field, with what it lacks."""
    wanted = request.args.get("bekrafta", "")
    row = get_session().get(DocumentTemplate, int(wanted)) if wanted.isdigit() and len(wanted) < 12 else None
    if row is None or row.namnd_id != namnd.id or row.active:
        return None
    missing = missing_in(row)
    if not missing:
        return None
    return {"id": row.id, "version": row.version, "kind": KINDS.get(row.kind, row.kind).lower(),
            "missing": missing}


def _page(namnd: Namnd, errors: list[str] | None = None, warnings: list[str] | None = None,
          kind: str = "yttrande", status: int = 200):
    rows = [{"id": t.id, "kind": KINDS.get(t.kind, t.kind), "version": t.version, "filename": t.filename,
             "active": t.active, "at": format_date_time(t.uploaded_at)} for t in templates_of(get_session(), namnd.id)]
    fields = {k: placeholder_fields(k) for k in KINDS}
    usage = {k: field_usage(k) for k in KINDS}
    return render_template("drafting/namnd_templates.html", namnd=namnd, rows=rows, kinds=KINDS, fields=fields,
                           usage=usage, pending=_pending(namnd),
                           errors=errors or [], warnings=warnings or [], kind=kind,
                           max_size=limit_size(current_app.config["TEMPLATE_MAX_BYTES"])), status


@bp.route("/namnder/<int:namnd_id>/mallar", methods=["GET", "POST"])
def namnd_templates(namnd_id: int):
    namnd = _namnd(namnd_id)
    if request.method == "GET":
        return _page(namnd)
    kind = request.form.get("kind", "")
    upload_file = request.files.get("file")
    if upload_file is None or not upload_file.filename:
        return _page(namnd, ["Välj en Word-fil (.docx) att ladda upp."], kind=kind, status=400)
    max_bytes = current_app.config["TEMPLATE_MAX_BYTES"]
    size = upload_size(upload_file.stream)
    if size is not None and size > max_bytes:  # refused by its real size, not by the part read (walk13b finding 2)
        return _page(namnd, [too_large(size, max_bytes, of_what=" för en mall")], kind=kind, status=400)
    data = upload_file.read(max_bytes + 1)
    try:
        template, report = upload(get_session(), now=now(), principal=principal(), namnd=namnd, kind=kind,
                                  filename=upload_file.filename, data=data, max_bytes=max_bytes)
    except TemplateRejected as exc:
        get_session().rollback()
        return _page(namnd, exc.report.errors, exc.report.warnings, kind=kind, status=400)
    missing = missing_fields(kind, report.placeholders)
    if not template.active:  # lacks a required field: kept, used only after the confirmation on the page
        flash(f"Mallen för {KINDS[kind].lower()} är sparad som version {template.version} men används inte ännu: "
              f"den saknar {len(missing)} av de fält som varje {KINDS[kind].lower()} behöver.", "error")
        for warning in report.warnings:  # e.g. a question read by its number (walk16 #1): said before confirming
            flash(warning, "info")
        return redirect(url_for("drafting.namnd_templates", namnd_id=namnd.id, bekrafta=template.id))
    flash(f"Mallen för {KINDS[kind].lower()} är sparad som version {template.version} och används från och med nu.",
          "success")
    for warning in report.warnings:
        flash(warning, "info")
    _remake_held(namnd, kind, f"nämndens mall för missiv, version {template.version}")
    return redirect(url_for("drafting.namnd_templates", namnd_id=namnd.id))


@bp.post("/namnder/<int:namnd_id>/mallar/<int:template_id>/anvand")
def template_activate(namnd_id: int, template_id: int):
    """Put an earlier version in use again (or a held-back one, once confirmed) without uploading it again."""
    namnd = _namnd(namnd_id)
    row = _template(namnd, template_id)
    missing = activate(get_session(), now=now(), principal=principal(), namnd=namnd, template=row,
                       confirmed=request.form.get("bekraftat") == "1")
    if missing:
        flash(f"Version {row.version} används inte ännu: bekräfta nedan om den ska användas fast den saknar "
              f"{_and(missing)}.", "error")
        return redirect(url_for("drafting.namnd_templates", namnd_id=namnd.id, bekrafta=row.id))
    flash(f"Version {row.version} av mallen för {KINDS.get(row.kind, row.kind).lower()} används från och med nu.",
          "success")
    _remake_held(namnd, row.kind, f"nämndens mall för missiv, version {row.version}")
    return redirect(url_for("drafting.namnd_templates", namnd_id=namnd.id))


@bp.post("/namnder/<int:namnd_id>/mallar/standard")
def template_default(namnd_id: int):
    namnd = _namnd(namnd_id)
    kind = request.form.get("kind", "")
    if kind not in KINDS:
        abort(400, "Okänd handling.")
    use_default(get_session(), now=now(), principal=principal(), namnd=namnd, kind=kind)
    flash(f"Standardmallen används nu för {KINDS[kind].lower()}.", "success")
    _remake_held(namnd, kind, "standardmallen")
    return redirect(url_for("drafting.namnd_templates", namnd_id=namnd.id))


def _remake_held(namnd: Namnd, kind: str, template_name: str) -> None:
    """A missiv template put in use makes anew the missiv its nämnd's remisser hold back, and says so."""
    if kind != held_remake.KIND:
        return
    done = held_remake.remake_held(get_session(), now=now(), principal=principal(), namnd_id=namnd.id,
                                   template_name=template_name, files_dir=current_app.config["FILES_DIR"],
                                   base_url=current_app.config["BASE_URL"])
    for text, category in held_remake.remade_words(done):
        flash(text, category)


def _template(namnd: Namnd, template_id: int) -> DocumentTemplate:
    row = get_or_404(DocumentTemplate, template_id, namnd_id=namnd.id)
    return row


def _own_sample(namnd: Namnd, kind: str) -> dict:
    """The sample filled in with the nämnd's own name, address and sidfot, and a diarienummer in its series that no
    remiss can have (number 0) on the sample's own day, as the nämnd writes dates: the sample's beslut and
    justering are of that day, and a real remiss's number would read as if it were that remiss (walk13b f. 6)."""
    config = current_app.config
    day = parse_date(sample_context(kind)["datum"])
    dnr = config["DNR_FORMAT"].format(prefix=namnd.dnr_prefix or config["DNR_DEFAULT_PREFIX"], year=day.year,
                                      number=0)
    return sample_context_for(kind, {
        "organisation": namnd.organisation, "forvaltning": namnd.forvaltning, "namnd": namnd.name,
        "adress": namnd.postal_address, "telefon": namnd.phone, "organisationsnummer": namnd.org_number,
        "webbplats": namnd.website, "sidfot": footer_line(namnd), "diarienummer": keep_together(dnr),
        "datum": format_date(day, iso=namnd.iso_dates)})


@bp.get("/namnder/<int:namnd_id>/mallar/<int:template_id>/forhandsvisning.docx")
def template_preview(namnd_id: int, template_id: int):
    namnd = _namnd(namnd_id)
    row = _template(namnd, template_id)
    try:
        data = render_document(row.kind, _own_sample(namnd, row.kind), row.data, own=(row.version, row.filename))
    except RenderError as exc:
        abort(422, str(exc))
    return send_file(io.BytesIO(data), mimetype=DOCX, as_attachment=True,
                     download_name=f"Förhandsvisning {KINDS.get(row.kind, row.kind)} v{row.version}.docx")


@bp.get("/namnder/<int:namnd_id>/mallar/<int:template_id>.docx")
def template_file(namnd_id: int, template_id: int):
    row = _template(_namnd(namnd_id), template_id)
    return send_file(io.BytesIO(row.data), mimetype=DOCX, as_attachment=True, download_name=row.filename)
