"""Done-when of issue 8: the seed 000 remiss sent to its 15 remissinstanser, answered, chased and compiled."""
from __future__ import annotations

import io
import re
from datetime import date, datetime

import docx
from sqlmodel import select

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.calendar import WorkCalendar
from remiss.outgoing.models import Organisation
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss, SandlistaEntry
from tests.outgoing.conftest import run_sweep
from tests.support.factories import SEED_000_SANDLISTA, make_namnd, make_user

DNR = "KS-IOF-2010-00015"
QUESTIONS = ["Hur bedömer ni förslagets konsekvenser för brukarna?",
             "Vilka förändringar behöver göras i stadsdelarnas organisation?"]


def group_of(name: str) -> str:
    if name.startswith("Stadsdelsfullmäktige"):
        return "Stadsdelsfullmäktige"
    return "Nämnder" if name == "Sociala resursnämnden" else "Fackliga organisationer"


def email_of(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower().replace("å", "a").replace("ä", "a").replace("ö", "o")) + "@example.se"


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def _csv() -> bytes:
    lines = ["Namn;E-post;Kontaktperson;Grupp"]
    lines += [f"{n};{email_of(n)};;{group_of(n)}" for n in SEED_000_SANDLISTA]
    return "\n".join(lines).encode("utf-8")


def test_seed_000_sent_answered_chased_and_compiled(app, db, session, client, auth, clock, smtp, runner):
    clock.set(at(2010, 1, 22))
    namnd = make_namnd(session, name="Kommunstyrelsen", forvaltning="Stadskontoret", organisation="Malmö stad",
                       email="stadskontoret@example.se", chase_workdays_before="5", chase_workdays_after="1,2")
    admin = make_user(session, role=Role.admin, email="admin@example.se")
    make_user(session, role=Role.registrator, namnder=[namnd], email="patrik@example.se", name="Patrik Kronholm")
    session.commit()

    # 1. The register: the 15 instanser imported from a CSV file, preview, then confirm.
    auth.login(admin.email)
    preview = auth.post("/admin/instanser/import", {"file": (io.BytesIO(_csv()), "instanser.csv")},
                        content_type="multipart/form-data")
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "15 rader kan läsas in" in page
    rows_json = re.search(r'name="rows" value="([^"]+)"', page).group(1)
    import html
    saved = auth.post("/admin/instanser/import", {"rows": html.unescape(rows_json), "confirm": "1"},
                      form_url="/admin/instanser/import")
    assert saved.status_code == 302
    auth.logout()

    # 2. Create the outgoing remiss as a new user would: the form, all 15 from the register.
    auth.login("patrik@example.se")
    org_ids = [o.id for o in db.session(write=False).exec(select(Organisation).order_by(Organisation.id))]
    assert len(org_ids) == 15
    form = {"title": "Förslag till ny IoF-plan", "namnd_id": str(namnd.id), "our_dnr": DNR,
            "deadline_on": "2010-03-31", "deadline_time": "12:00", "answer_email": "stadskontoret@example.se",
            "contact_person": "Patrik Kronholm", "questions": "\n".join(QUESTIONS),
            "organisation_ids": [str(i) for i in org_ids],
            "files": (io.BytesIO(b"Forslag till ny IoF-plan"), "IoF-plan.txt")}
    created = auth.post("/remisser/ny-utgaende", form, content_type="multipart/form-data")
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    reader = db.session(write=False)
    remiss = reader.exec(select(Remiss).where(Remiss.our_dnr == DNR)).one()
    assert remiss.direction == "utgaende"
    url = f"/remisser/{remiss.id}"
    show = client.get(url).get_data(as_text=True)
    assert "Utskick och svar" in show and "Skicka remissen" in show and "15 med e-post." in show
    assert "Utkast" in show

    # 3. Send: one mail per instans to the SMTP server, the missiv and handlingar attached.
    assert auth.post(f"{url}/utskick/skicka", {"confirm_send": "1"}, form_url=url).status_code == 302
    # twice: still once each
    assert auth.post(f"{url}/utskick/skicka", {"confirm_send": "1"}, form_url=url).status_code == 302
    # delivered by the real outbox sweep (`remiss reminders run --now …`) to the SMTP server of SMTP_URL
    missiv_mails = run_sweep(runner, smtp, at(2010, 1, 22, 9, 5))
    assert len(missiv_mails) == 15
    assert sorted(r for rcpts, _ in missiv_mails for r in rcpts) == sorted(email_of(n) for n in SEED_000_SANDLISTA)
    assert run_sweep(runner, smtp, at(2010, 1, 22, 9, 10)) == []  # nothing twice
    assert {m["X-Remiss-Kind"] for _, m in missiv_mails} == {"outgoing_missiv"}
    first = smtp.to(email_of("Stadsdelsfullmäktige Centrum"))[0]
    # the number once (the letter asks for it), after who sends it (walk25b Z7)
    assert first["Subject"] == f"Kommunstyrelsen, Malmö stad – Remiss: Förslag till ny IoF-plan ({DNR})"
    assert "Ange diarienummer" in first.get_body(("plain",)).get_content()
    files = {p.get_filename(): p.get_content() for p in first.iter_attachments()}
    assert "IoF-plan.txt" in files
    missiv_name = next(n for n in files if " – missiv " in n)
    missiv = docx.Document(io.BytesIO(files[missiv_name]))
    missiv_text = "\n".join(p.text for p in missiv.paragraphs)
    for name in SEED_000_SANDLISTA:
        assert name in missiv_text
    assert "31 mars 2010 kl. 12.00" in missiv_text and QUESTIONS[0] in missiv_text

    # 4. Eight answers (two inga synpunkter), one avstår, one anstånd.
    entries = {e.name: e for e in db.session(write=False).exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id))}
    q_ids = [int(i) for i in re.findall(r'name="q_(\d+)"', client.get(
        f"{url}/utskick/instanser/{entries['Kommunal'].id}").get_data(as_text=True))]
    assert len(q_ids) == 2
    answered = SEED_000_SANDLISTA[:8]
    expected = {}
    clock.set(at(2010, 3, 10))
    for i, name in enumerate(answered):
        data = {"action": "answer", "answered_on": "2010-03-10", "summary": f"Sammanfattning från {name}."}
        if i < 2:
            data["no_comments"] = "1"
        else:
            data.update({f"q_{q_ids[0]}": f"Svar 1 från {name}.", f"q_{q_ids[1]}": f"Svar 2 från {name}.",
                         "other_comments": f"Övrigt från {name}."})
            expected[name] = data
        if i == 2:
            data["files"] = (io.BytesIO(b"%PDF-1.4\n% svar\n"), "svar.pdf")  # a PDF by content too
        page_url = f"{url}/utskick/instanser/{entries[name].id}"
        response = auth.post(page_url, data, content_type="multipart/form-data")
        assert response.status_code == 302, response.get_data(as_text=True)[:1500]
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)
    declined = client.post(f"/api/v1/remisser/{remiss.id}/sandlista/{entries['SACO'].id}/decline",
                           json={"note": "Avstår"}, headers={"X-CSRFToken": token})
    assert declined.status_code == 200 and declined.json["answer_status"] == "avstar"
    granted = client.post(f"/api/v1/remisser/{remiss.id}/sandlista/{entries['SKTF'].id}/extension",
                          json={"until_on": "2010-04-14"}, headers={"X-CSRFToken": token})
    assert granted.status_code == 200, granted.json
    detail = client.get(f"/api/v1/remisser/{remiss.id}").json["sandlista_status"]
    assert (detail["total"], detail["answered"], detail["declined"]) == (15, 8, 1)
    assert detail["by_status"]["anstand_beviljat"] == 1 and detail["percent"] == 53

    # 5. Chasers at several moments: only to those who have not answered, once, on working days.
    quiet = set(answered) | {"SACO"}
    open_now = [n for n in SEED_000_SANDLISTA if n not in quiet and n != "SKTF"]
    assert len(open_now) == 5
    chasers = []

    notices, beskeds = [], []

    def sweep(moment):
        sent = run_sweep(runner, smtp, moment)
        notices.extend(m for m in sent if m[1]["X-Remiss-Kind"] == "outgoing_deadline")
        beskeds.extend(m for m in sent if m[1]["X-Remiss-Kind"] == "outgoing_extension")  # of SKTF's anstånd
        sent = [m for m in sent if m[1]["X-Remiss-Kind"] not in ("outgoing_deadline", "outgoing_extension")]
        chasers.extend(sent)  # to our officer, or the besked of an anstånd (walk24 V14): not chasers
        return sent

    assert len(sweep(at(2010, 3, 20, 12))) == 0  # a Saturday: nothing due
    assert [rcpts for rcpts, _ in beskeds] == [["sktf@example.se"]]  # told of its anstånd, once
    assert len(sweep(at(2010, 3, 24, 7, 59))) == 0
    assert len(sweep(at(2010, 3, 24, 9))) == 5  # 5 working days before 31 March
    assert len(sweep(at(2010, 3, 24, 9, 30))) == 0  # never twice
    assert len(sweep(at(2010, 4, 1, 9))) == 5  # 1 working day after
    assert len(notices) == 1 and "har svarat" in notices[0][1]["Subject"]  # and our officer is told once
    # Kommunal answers on 1 April: no more chasers to it.
    clock.set(at(2010, 4, 1, 10))
    assert auth.post(f"{url}/utskick/instanser/{entries['Kommunal'].id}",
                     {"action": "answer", "answered_on": "2010-04-01", "summary": "Sent svar från Kommunal.",
                      f"q_{q_ids[0]}": "Svar 1 från Kommunal."}).status_code == 302
    assert len(sweep(at(2010, 4, 2, 9))) == 0  # Långfredag
    assert len(sweep(at(2010, 4, 5, 9))) == 0  # Annandag påsk
    assert len(sweep(at(2010, 4, 6, 9))) == 4  # 2 working days after: Tuesday 6 April
    assert len(sweep(at(2010, 4, 7, 9))) == 1  # SKTF: 5 working days before 14 April
    # The scheduler was down on 15 April: on the 16th only the newest chaser goes, the older is superseded.
    assert len(sweep(at(2010, 4, 16, 9))) == 1  # SKTF: 2 working days after (the 1-day one superseded)
    recipients = [r for rcpts, _ in chasers for r in rcpts]
    for name in quiet:
        assert email_of(name) not in recipients
    assert recipients.count(email_of("Kommunal")) == 2
    assert recipients.count(email_of("SKTF")) == 2
    assert all("Påminnelse" in m["Subject"] for _, m in chasers)
    assert {m["X-Remiss-Kind"] for _, m in chasers} == {"outgoing_chaser"}
    assert len({m["Message-ID"] for _, m in chasers}) == len(chasers)  # none twice
    assert all(WorkCalendar().is_workday(m["Date"].datetime.astimezone(STOCKHOLM).date()) for _, m in chasers)
    # nothing else: no internal "sista svarsdag" reminders, escalations or digests about our own outgoing remiss
    assert len(smtp.messages) == 15 + len(chasers) + len(notices) + len(beskeds)
    calendar = WorkCalendar()
    rows = db.session(write=False).exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_chaser")).all()
    assert all(calendar.is_workday(r.due_at.astimezone(STOCKHOLM).date()) for r in rows)
    assert len({r.key for r in rows}) == len(rows)
    statuses = {r.status for r in rows if r.recipient_email == email_of("Kommunal")}
    assert statuses == {"sent", "cancelled"}
    sktf = {r.due_at.astimezone(STOCKHOLM).date(): r.status for r in rows if r.recipient_email == email_of("SKTF")}
    assert sktf[date(2010, 4, 15)] == "superseded" and sktf[date(2010, 4, 16)] == "sent"

    # 6. The sammanställning: every answer under its question, with its group; the lists at the end.
    response = client.get(f"{url}/utskick/sammanstallning.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    q1, q2 = text.index(QUESTIONS[0]), text.index(QUESTIONS[1])
    ovriga = text.index("Övriga synpunkter")
    assert q1 < q2 < ovriga
    for name in expected:
        assert q1 < text.index(f"Svar 1 från {name}.") < q2
        assert q2 < text.index(f"Svar 2 från {name}.") < ovriga
        assert text.index(f"Övrigt från {name}.") > ovriga
        assert f"{name} ({group_of(name)})" in paragraphs
    assert q1 < text.index("Svar 1 från Kommunal.") < q2
    assert text.count("Inga synpunkter.") >= 4  # two instanser × two questions
    tail = text[text.index("Remissinstanser som inte har svarat"):]
    assert "Vårdförbundet" in tail and "SKTF (anstånd beviljat" in tail
    assert "SACO" in text[text.index("har avstått"):]
    assert "Remissen skickades till 15 remissinstanser: 9 har svarat (60 procent), 1 avstår och 5 har inte svarat." in text

    # 7. Overview export: CSV and XLSX with every instans, filtered by status.
    csv_text = client.get(f"{url}/utskick/svarsstatus.csv").data.decode("utf-8-sig")
    assert len(csv_text.strip().splitlines()) == 16 and "Anstånd beviljat" in csv_text
    only_answered = client.get(f"{url}/utskick/svarsstatus.csv?status=svarat").data.decode("utf-8-sig")
    assert len(only_answered.strip().splitlines()) == 10
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(client.get(f"{url}/utskick/svarsstatus.xlsx?grupp=Fackliga+organisationer").data))
    names = [row[0] for row in book.active.iter_rows(min_row=3, values_only=True)]
    assert names == ["Kommunal", "Vårdförbundet", "SACO", "SKTF"]
    assert date(2010, 4, 14) == db.session(write=False).get(SandlistaEntry, entries["SKTF"].id).extended_until_on
