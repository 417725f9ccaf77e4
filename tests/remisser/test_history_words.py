"""Historik in words a registrator can put in a diarium printout, for every event the code can write."""
from __future__ import annotations

import ast
import html as html_lib
import re
from datetime import datetime, timezone
from pathlib import Path

from remiss.audit import service as audit
from remiss.auth.models import Role
from remiss.outgoing.service.answers import SNAPSHOT
from remiss.remisser import archive
from remiss.remisser.history import ACTION_LABELS, FIELD_LABELS
from remiss.remisser.models import ArchivedDocument
from remiss.remisser.service import AUDITED
from tests.support.factories import make_namnd, make_remiss, make_user

ROOT = Path(__file__).resolve().parents[2] / "remiss"


def _kwarg(call: ast.Call, name: str):
    return next((k.value for k in call.keywords if k.arg == name), None)


def _actions_passed(tree, name: str) -> set[str]:
    """The literal action= that the calls to name in tree pass."""
    return {k.value.value for c in ast.walk(tree) if isinstance(c, ast.Call) and getattr(c.func, "id", None) == name
            for k in c.keywords if k.arg == "action" and isinstance(k.value, ast.Constant)}


def _imports(tree, name: str) -> bool:
    return any(isinstance(n, ast.ImportFrom) and any(a.name == name and a.asname is None for a in n.names)
               for n in ast.walk(tree))


def _written() -> tuple[set[tuple[str, str]], set[str]]:
    """Every (entity, action) that audit.record writes with a remiss_id, and the literal keys of its changes."""
    pairs, keys = set(), set()
    trees = {path: ast.parse(path.read_text()) for path in ROOT.rglob("*.py")}
    for path, tree in trees.items():
        for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for call in (n for n in ast.walk(func) if isinstance(n, ast.Call)):
                if not (isinstance(call.func, ast.Attribute) and call.func.attr == "record"
                        and isinstance(call.func.value, ast.Name) and call.func.value.id == "audit"):
                    continue
                if _kwarg(call, "remiss_id") is None:
                    continue  # not in any remiss's history
                entity, action = _kwarg(call, "entity"), _kwarg(call, "action")
                assert isinstance(entity, ast.Constant), f"{path}:{call.lineno}: entity must be a literal"
                if isinstance(action, ast.Constant):
                    actions = {action.value}
                else:  # a helper passing its own action= on: the literal actions its callers pass it, in its
                    # module, else in the modules that import it (outgoing.service.entry_change.log_change)
                    actions = _actions_passed(tree, func.name) or {
                        a for other in trees.values() if _imports(other, func.name) for a in
                        _actions_passed(other, func.name)}
                    assert actions, f"{path}:{call.lineno}: cannot tell which actions are written"
                pairs |= {(entity.value, a) for a in actions}
                changes = _kwarg(call, "changes")
                if isinstance(changes, ast.Dict):
                    keys |= {k.value for k in changes.keys if isinstance(k, ast.Constant)}
    return pairs, keys


def test_every_event_the_code_writes_has_words():
    """A new audit.record on a remiss without an entry in ACTION_LABELS/FIELD_LABELS fails here."""
    pairs, keys = _written()
    assert len(pairs) >= 25  # the scan found the calls (drafting, decision, planning, outgoing, reminders)
    assert pairs - ACTION_LABELS.keys() == set()
    assert (keys | set(AUDITED) | set(SNAPSHOT)) - FIELD_LABELS.keys() == set()


# One event of each kind, with the values the code stores.
EVENTS = [
    ("remiss", "create", {"title": [None, "Plan"], "received_on": [None, "2026-12-03"],
                          "deadline_time": [None, "12:00:00"], "direction": [None, "utgaende"]}),
    ("remiss", "update", {"answer_email": ["a@x.se", "b@x.se"], "kind": ["remiss", "remiss"]}),
    ("remiss", "status", {"status": ["registrerad", "tilldelad"]}),
    ("remiss", "deadline", {"effective_deadline": ["2026-12-03", "2027-01-11 12:00"]}),
    ("remiss", "milestone", {"tjansteskrivelse": ["2026-12-01", "2026-12-03"],
                             "done:namnd": [None, "2026-12-03T09:30:00+00:00"]}),
    ("remiss", "send", {}), ("remiss", "requeue_missiv", {}), ("remiss", "hold_missiv", {}), ("remiss", "publish", {"published_files": [[], [1, 2]]}), ("remiss", "unpublish", {}),
    ("remiss", "yttrande_mail", {"till": [None, "kommun@x.se"], "kopia": [None, ""]}),
    ("remiss", "arkiv", {}),  # the sent yttrande archived as PDF (remisser.archive): a note only
    ("remiss", "makulera", {"status": ["registrerad", "makulerad"]}),  # registered by mistake (remisser.voided)
    ("attachment", "upload", {"filename": [None, "missiv.pdf"], "size": [None, 39165]}),
    ("attachment", "from_mail", {"filename": [None, "bilaga.pdf"], "size": [None, 3916],
                                 "from_mail": [None, "Länsstyrelsen Skåne <skane@lansstyrelsen.se>"]}),
    ("attachment", "missiv", {"filename": [None, "missiv.docx"]}),
    ("attachment", "sammanstallning", {"compiled_answers": [None, "Miljönämnden, Kommunal"],
                                       "compiled_declined": [None, ""]}),
    ("extension", "extension", {"requested_until": [None, "2027-01-11"], "decision": ["pending", "granted"],
                                "granted_until": [None, "2027-01-11"]}),
    ("extension", "general_extension", {"granted_until": [None, "2027-01-11 12:00"]}),
    ("milestone", "milestone", {"override:justering": [None, "2026-12-20"], "done:au": [None, None]}),
    ("yttrande_draft", "save", {"version": [None, 1]}),
    ("yttrande_draft", "state", {"state": ["granskning", "godkand"]}),
    ("yttrande_draft", "rattelse", {"state": ["expedierad", "utkast"], "rattelse": [None, 1]}),
    ("consultation", "create", {"party": [None, "Stadsbyggnad"]}),
    ("consultation", "delete", {"party": ["Stadsbyggnad", None]}),
    ("decision", "decision", {"decided_by": [None, "namnd"], "meeting_on": [None, "2026-12-01"],
                              "paragraf": [None, "§ 142"], "justering": [None, "justerad 2026-12-03"]}),
    ("decision", "justering", {"justerad_on": [None, "2026-12-03"]}),
    ("generated_document", "generate", {"kind": [None, "tjansteskrivelse"], "version": [None, 2]}),
    ("sandlista_entry", "answer", {"answer_status": ["ej_svarat", "svarat"], "answered_on": [None, "2026-12-03"],
                                   "no_comments": [False, True]}),
    ("sandlista_entry", "answer_supplement", {"summary": ["Vi tillstyrker.", "Vi tillstyrker.\n\nKomplettering "
                                                                             "8 december 2026: Fler laddplatser."]}),
    ("sandlista_entry", "decline", {"answer_status": ["ej_svarat", "avstar"]}),
    ("sandlista_entry", "reopen", {"answer_status": ["avstar", "ej_svarat"]}),
    ("sandlista_entry", "extension_request", {"answer_status": ["ej_svarat", "begart_anstand"]}),
    ("sandlista_entry", "extension_granted", {"answer_status": ["begart_anstand", "anstand_beviljat"],
                                              "extended_until_on": [None, "2027-01-11"],
                                              "extended_until_time": [None, "12:00:00"]}),
    ("sandlista_entry", "address", {"email": [None, "ny@x.se"], "postal_address": [None, "Box 1"]}),
    ("sandlista_entry", "send_amendment", {}),
    ("outbox_message", "resend", {"status": ["failed", "pending"]}),
    ("outbox_message", "notices_stopped", {"status": ["pending", "cancelled"]}),
    ("outbox_message", "notices_requeued", {"status": ["cancelled", "pending"]}),
    ("outbox_message", "notices_superseded", {"status": ["pending", "superseded"]}),
    ("outbox_message", "notices_not_needed", {"status": ["pending", "superseded"]}),
]


def _historik(html: str) -> str:
    part = html[html.index('id="historik"'):]
    part = part[:part.index("</section>")]
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", part))


def test_no_raw_key_or_iso_date_reaches_the_page(session, auth):
    """Each kind of event reads as words on the remiss page: no snake_case code, no ISO date."""
    assert {(e, a) for e, a, _ in EVENTS} == _written()[0]  # one event of each kind the code writes
    namnd = make_namnd(session)
    user = make_user(session, role=Role.admin, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, title="Remiss med historik")
    now = datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc)
    for entity, action, changes in EVENTS:
        audit.record(session, now=now, user_id=user.id, entity=entity, entity_id=1, remiss_id=remiss.id,
                     action=action, changes=changes)
    email, rid = user.email, remiss.id
    session.commit()
    auth.login(email)
    text = _historik(auth.client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", text) == []
    assert re.findall(r"\d{4}-\d{2}-\d{2}", text) == []
    for raw in (" save ", "godkand", "pending", "granted", " namnd ", "12:00"):
        assert raw not in text, raw
    for words in ("Yttrandet sparat", "Yttrandets status: Granskning → Godkänd", "Beslutad av: – → Nämnden",
                  "Beslutsdatum: – → 1 december 2026", "Justering: – → justerad 3 december 2026",
                  "Besked: Väntar på besked → Beviljad", "Beviljad till: – → 11 januari 2027 kl. 12.00",
                  "Yttrandet lagt i utkorgen", "Publicerade filer: – → 2 filer", "Inga synpunkter: nej → ja",
                  "Svar: Ej svarat → Svarat", "Dokument skapat", "Dokument: – → Tjänsteskrivelse",
                  "Inkom: – → 3 december 2026", "Fil från e-post i Inkorgen, registrerad",
                  "Avsändare: – → Länsstyrelsen Skåne <skane@lansstyrelsen.se>"):
        assert words in " ".join(text.split()), words


def test_an_outgoing_remiss_was_upprattad_not_received(session, auth):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.admin, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, title="Vår remiss", direction="utgaende")
    audit.record(session, now=datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc), user_id=user.id, entity="remiss",
                 entity_id=remiss.id, remiss_id=remiss.id, action="create", changes={"received_on": [None, "2026-12-03"]})
    email, rid = user.email, remiss.id
    session.commit()
    auth.login(email)
    text = " ".join(_historik(auth.client.get(f"/remisser/{rid}").get_data(as_text=True)).split())
    assert "Upprättad: – → 3 december 2026" in text and "Inkom" not in text


def test_the_archived_yttrande_is_said_expedierat_in_the_history_old_events_too(session, auth):
    """Walk20 H8: "Skickat yttrande arkiverat" while the mail still waited in the Utkorg. The label is by kind at
    render time, so an event stored with the old note reads "Expedierat yttrande arkiverat" as well."""
    namnd = make_namnd(session)
    user = make_user(session, role=Role.admin, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, title="Remiss med arkiv")
    audit.record(session, now=datetime(2026, 12, 5, 19, 45, tzinfo=timezone.utc), user_id=user.id, entity="remiss",
                 entity_id=remiss.id, remiss_id=remiss.id, action="arkiv",
                 note="Skickat yttrande arkiverat som PDF (version 3, SHA-256 0123456789ab…).")
    email, rid = user.email, remiss.id
    session.commit()
    auth.login(email)
    text = " ".join(_historik(auth.client.get(f"/remisser/{rid}").get_data(as_text=True)).split())
    assert "5 december 2026 kl. 20.45 – Expedierat yttrande arkiverat" in text, text
    assert archive.label(ArchivedDocument(rattelse=0)) == "Expedierat yttrande (arkiverat)"
    assert archive.label(ArchivedDocument(rattelse=1)) == "Expedierad rättelse 1 (arkiverad)"
