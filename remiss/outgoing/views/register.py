"""Pages for the register of remissinstanser: import with preview, merge duplicates, saved sändlistor."""
from __future__ import annotations

import json

from flask import current_app, flash, redirect, render_template, request, url_for

from remiss.auth.access import SANDLISTOR_DELETE_WORDS, SANDLISTOR_WORDS, Action
from remiss.calendar.swedish import count_words
from remiss.db import get_session
from remiss.files import limit_size, too_large, upload_size
from remiss.outgoing.forms import parse_ids
from remiss.outgoing.importer import ImportFileError, read_rows, rows_from_json
from remiss.outgoing.models import SavedSandlista
from remiss.outgoing.service import register
from remiss.outgoing.views import bp
from remiss.remisser.input import InputErrors
from remiss.web import asking, get_or_404, now, principal, requires

MAX_IMPORT_BYTES = 5 * 1024 * 1024


@bp.route("/admin/instanser/import", methods=["GET", "POST"])
@requires(Action.administer)
def import_register():
    session = get_session()
    rows, error, status = None, "", 200
    if request.method == "POST":
        if request.form.get("confirm"):
            try:
                rows = rows_from_json(json.loads(request.form.get("rows") or "null"))
                added, updated = register.import_organisations(session, now=now(), principal=principal(), rows=rows)
            except (ImportFileError, ValueError) as exc:
                message = "; ".join(exc.errors.values()) if isinstance(exc, InputErrors) else str(exc)
                error, status, rows = message, 400, None
                session.rollback()
            else:
                flash(f"{added} {'remissinstans tillagd' if added == 1 else 'remissinstanser tillagda'} och {updated} "
                      f"{'uppdaterad' if updated == 1 else 'uppdaterade'}.", "success")
                return redirect(url_for("admin.organisations"))
        else:
            upload = request.files.get("file")
            data = upload.read(MAX_IMPORT_BYTES + 1) if upload and upload.filename else b""
            if not data:
                error, status = "Välj en CSV- eller Excel-fil att läsa in.", 400
            elif len(data) > MAX_IMPORT_BYTES:  # the real size, not the part read (files.too_large)
                error, status = too_large(upload_size(upload.stream), MAX_IMPORT_BYTES), 400
            else:
                try:
                    rows = register.mark_existing(session, read_rows(upload.filename, data))
                except ImportFileError as exc:
                    error, status = str(exc), 400
    good = [r for r in rows or [] if r.ok]
    changed = [r for r in good if not r.unchanged]  # a row the register already holds as it is saves nothing
    return render_template("outgoing/import.html", rows=rows, error=error, good=good, changed=changed,
                           max_size=limit_size(MAX_IMPORT_BYTES),
                           bad=[r for r in rows or [] if not r.ok],
                           rows_json=json.dumps([dict(r.values(), line=r.line) for r in changed], ensure_ascii=False)
                           ), status


@bp.route("/admin/instanser/dubbletter", methods=["GET", "POST"])
@requires(Action.administer)
def duplicates():
    session = get_session()
    error = ""
    if request.method == "POST":
        ids = parse_ids(request.form.getlist("ids"))
        survivor = request.form.get("survivor_id", "")
        try:
            kept = register.merge(session, now=now(), principal=principal(),
                                  survivor_id=int(survivor) if survivor.isdigit() else -1, duplicate_ids=ids)
        except InputErrors as exc:
            session.rollback()
            error = "; ".join(exc.errors.values())
        else:
            flash(f"Instanserna är sammanslagna till ”{kept.name}”.", "success")
            return redirect(url_for("outgoing.duplicates"))
    return render_template("outgoing/duplicates.html", groups=register.duplicate_groups(session),
                           error=error), (400 if error else 200)


@bp.route("/sandlistor")
@requires(Action.create, doing=SANDLISTOR_WORDS)
def lists():
    session = get_session()
    counts = [(s, len(register.members_of(session, s.id))) for s in register.saved_lists(session)]
    # Ta bort's question; posted without its yes, asked in that list's row (web.asking)
    items = [(s, n, _delete_question(s.name, n), asking.asked(f"ta-bort-{s.id}")) for s, n in counts]
    return render_template("outgoing/lists.html", lists=items,
                           may_delete=principal().may(Action.administer))


def _delete_question(name: str, members: int) -> str:
    """What Ta bort asks: the remisser made from the list keep their sändlistor (sending copies the instanser)."""
    return (f"Ta bort sändlistan ”{name}” ({count_words(members, 'remissinstans', 'remissinstanser')})? Den går "
            "då inte att välja för nya remisser. Remisser som redan har fått sina remissinstanser från den behåller "
            "dem, och instanserna finns kvar i registret. Det går inte att ångra.")


@bp.route("/sandlistor/ny", methods=["GET", "POST"])
@bp.route("/sandlistor/<int:list_id>", methods=["GET", "POST"])
@requires(Action.create, doing=SANDLISTOR_WORDS)
def saved_list(list_id: int | None = None):
    session = get_session()
    existing = get_or_404(SavedSandlista, list_id) if list_id else None
    errors: dict = {}
    name = existing.name if existing else ""
    chosen = [o.id for o in register.members_of(session, existing.id)] if existing else []
    if request.method == "POST":
        name, chosen = request.form.get("name", ""), parse_ids(request.form.getlist("organisation_ids"))
        try:
            register.save_list(session, now=now(), principal=principal(), name=name, organisation_ids=chosen,
                               existing=existing)
        except InputErrors as exc:
            errors = exc.errors
            session.rollback()
        else:
            flash("Sändlistan är sparad.", "success")
            return redirect(url_for("outgoing.lists"))
    orgs = register.visible_organisations(session, principal(), shared=current_app.config["REGISTER_SHARED"])
    return render_template("outgoing/list_form.html", existing=existing, name=name, chosen=set(chosen),
                           organisations=orgs, errors=errors), (400 if errors else 200)


@bp.route("/sandlistor/<int:list_id>/ta-bort", methods=["POST"])
@requires(Action.administer, doing=SANDLISTOR_DELETE_WORDS)
def delete_list(list_id: int):
    session = get_session()
    saved = get_or_404(SavedSandlista, list_id)
    if not asking.confirmed("confirm_delete"):  # without JavaScript the dialog did not ask
        return asking.ask_on("outgoing.lists", f"ta-bort-{saved.id}",
                             f"Sändlistan ”{saved.name}” är inte borttagen. Läs frågan vid knappen och kryssa i "
                             "”Ja, ta bort sändlistan” om den ska tas bort.")
    register.delete_list(session, now=now(), principal=principal(), saved=saved)
    flash(f"Sändlistan ”{saved.name}” är borttagen.", "success")
    return redirect(url_for("outgoing.lists"))

