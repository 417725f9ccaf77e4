"""One remiss's whole life through the pages and the services, and at every step what Remiss says about it is
true everywhere it says it: a done milestone is "Klar" in the calendar and nowhere due or late (Att göra, the
ICS feeds, the digest, the pending reminders); an open one is late only when its date has passed; the tidplan's
advice ("har redan passerat … Begär förlängd remisstid") lasts only while its milestone is open and late; and
"Nästa steg" follows the yttrande into granskning.

SON Öster 2015 (seed 003): the remiss comes in on Thursday 3 September, after the tjänsteskrivelse's date
(27 August) and the granskning's (1 September) have passed.
"""
from __future__ import annotations

import email
import io
import re
from datetime import date, timedelta
from email.policy import default as default_policy
from html import unescape
from pathlib import Path

import pytest
from docx import Document
from sqlmodel import select

from remiss.auth.models import Role
from remiss.calendar.milestones import DONE_WORDS
from remiss.calendar.swedish import format_date, format_short
from remiss.clock import local
from remiss.planning.models import Milestone
from remiss.reminders import policy
from remiss.reminders.digest import digest_items
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from tests.conftest import Auth
from tests.planning.helpers import at, seed_003_world
from tests.support.factories import make_remiss, make_user

TITLE = "Remiss angående Förslag till Handlingsplan för kulturstrategi 2016"
MONTHS = ("2015-08", "2015-09", "2015-10")
LATE = ("Försenad", "försenad", "Kräver uppmärksamhet")
# advice for an open milestone, never true of a done one
ADVICE = ("Det är efter sista svarsdag", "begär förlängd remisstid", "Begär förlängd remisstid", "har redan passerat")


def shown_on(m: Milestone) -> date:
    """The day the calendar shows a milestone on: work on the day it was done, the rest on its date."""
    if m.done_at is not None and m.kind in DONE_WORDS and not m.closed_with_remiss:
        return local(m.done_at).date()
    return m.due_on


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


class Life:
    """The remiss, the people who handle it (each with a signed-in client) and what the pages say of it."""

    def __init__(self, app, db, clock, session):
        self.app, self.db, self.clock = app, db, clock
        clock.set(at(2015, 9, 3, 9))
        namnd, users = seed_003_world(session)
        granskare = make_user(session, role=Role.granskare, namnder=[namnd], email="chef@oster.se",
                              name="Greta Granskare")
        remiss = make_remiss(session, namnd=namnd, by=users["registrator"], now=clock(), title=TITLE,
                             remittent="Kulturnämnden", sender_dnr="KN-2015-1050", deadline_on=date(2015, 9, 28),
                             deadline_time=None)
        session.commit()
        self.namnd_id, self.rid, self.dnr = namnd.id, remiss.id, remiss.our_dnr
        self.emails = {"sekreterare": "sekr@oster.se", "handlaggare": "jesper@oster.se",
                       "granskare": "chef@oster.se"}
        self.handlaggare_id = users["handlaggare"].id
        self.tokens = {who: u.ics_token for who, u in (("sekreterare", users["registrator"]),
                                                        ("handlaggare", users["handlaggare"]),
                                                        ("granskare", granskare))}
        self.clients = {}
        for who, mail in self.emails.items():
            client = app.test_client()
            Auth(client).login(mail)
            self.clients[who] = (client, Auth(client))

    # the steps, as each person takes them on the pages
    def post(self, who: str, path: str, data: dict, *, expect: int = 302):
        client, auth = self.clients[who]
        response = auth.post(f"/remisser/{self.rid}{path}", data, form_url=f"/remisser/{self.rid}")
        assert response.status_code == expect, _text(response.get_data(as_text=True))[:800]
        return response

    def page(self, who: str, url: str) -> str:
        response = self.clients[who][0].get(url)
        assert response.status_code == 200, url
        return response.get_data(as_text=True).replace("\u00ad", "")  # the calendar's soft hyphens (hyphenation.py)

    # what is stored
    def milestones(self) -> dict[str, Milestone]:
        with self.db.transaction(write=False) as s:
            return {m.kind: m for m in s.exec(select(Milestone).where(Milestone.remiss_id == self.rid))}

    def status(self) -> str:
        with self.db.transaction(write=False) as s:
            return s.get(Remiss, self.rid).status

    # what the pages say
    def due_rows(self, who: str) -> dict[str, str]:
        """Att göra on the start page: label → the row's words, for this remiss."""
        html = self.page(who, "/")
        section = re.search(r'<section aria-labelledby="h-planning-due">(.*?)</section>', html, re.S).group(1)
        rows = [_text(r) for r in re.findall(r"<tr>(.*?)</tr>", section, re.S)]
        return {label: row for row in rows if self.dnr in row
                for label in [re.split(r" " + re.escape(self.dnr), row)[0].split(" ", 4)[-1]]}

    def calendar(self, who: str = "sekreterare") -> dict[tuple[date, str], str]:
        """The month calendar's entries of this remiss: (day, label) → the entry's words."""
        found = {}
        for month in MONTHS:
            html = self.page(who, f"/kalender?manad={month}")
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S):
                day = re.search(r'<span class="visually-hidden">\w+ (\d+ \w+ \d{4})</span>', cell)
                for entry in re.findall(r"<li>(.*?)</li>", cell, re.S):
                    words = _text(entry)
                    if self.dnr in words:
                        found[(day.group(1), words.split(":")[0])] = words
        return found

    def day(self, day: date) -> dict[str, str]:
        html = self.page("sekreterare", f"/kalender/dag?datum={day.isoformat()}")
        rows = [_text(r) for r in re.findall(r"<tr>(.*?)</tr>", html, re.S)]
        return {row: row for row in rows if self.dnr in row}

    def feeds(self) -> list[str]:
        """The SUMMARY of every event about this remiss in the handläggare's and the nämnd's ICS feeds."""
        summaries = []
        for url in (f"/ics/anvandare/{self.tokens['handlaggare']}.ics",
                    f"/ics/anvandare/{self.tokens['sekreterare']}/namnd/{self.namnd_id}.ics"):
            body = self.clients["sekreterare"][0].get(url).get_data(as_text=True).replace("\r\n ", "")
            summaries += [line[8:] for line in body.splitlines() if line.startswith("SUMMARY:") and self.dnr in line]
        return summaries

    def digest(self) -> list[dict]:
        today = local(self.clock()).date()
        with self.db.transaction(write=False) as s:
            return [i for i in digest_items(s, namnd_id=self.namnd_id, start=today, end=today + timedelta(weeks=3))
                    if i["remiss_id"] == self.rid]

    def pending_reminders(self) -> list[tuple[str, str]]:
        """(reminder kind, milestone kind) of the pending reminders about this remiss."""
        with self.db.transaction(write=False) as s:
            rows = s.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == self.rid,
                                                      OutboxMessage.status == "pending",
                                                      OutboxMessage.kind.in_(policy.REMINDER_KINDS))).all()
            return [(r.kind, r.key.split(":")[2]) for r in rows]

    def tidplan(self, who: str = "sekreterare") -> str:
        html = self.page(who, f"/remisser/{self.rid}")
        return _text(re.search(r'<section id="tidplan".*?</section>', html, re.S).group(0))

    def next_step(self, who: str) -> str:
        html = self.page(who, f"/remisser/{self.rid}")
        return _text(re.search(r'<p class="next-step">(.*?)</p>', html, re.S).group(1))

    def only_true_things(self) -> dict[str, Milestone]:
        """Check every surface against the stored milestones at this moment; return the milestones."""
        today = local(self.clock()).date()
        stored = self.milestones()
        status = self.status()
        closed = status in ("besvarad", "avstar", "aterkallad")
        done = {m.label for m in stored.values() if m.done_at is not None}
        # declined or withdrawn: what was left undone is called off ("Utgår"), not done
        called_off = {m.label for m in stored.values() if m.closed_with_remiss and status in ("avstar", "aterkallad")}
        # the granskning waits for the tjänsteskrivelse: while that is open, a passed granskning date is late
        # because of it (walk9 finding 5), never "Kräver uppmärksamhet" of the granskare
        waiting = {stored["granskning"].label} if (stored["tjansteskrivelse"].done_at is None
                                                   and stored["granskning"].done_at is None) else set()
        late = {m.label for m in stored.values() if m.done_at is None and m.due_on < today}
        coming = {m.label for m in stored.values() if m.done_at is None and m.due_on >= today}
        # Att göra: nothing done; "Försenad" exactly on the milestones whose date has passed
        for who in ("sekreterare", "handlaggare", "granskare"):
            for label, row in self.due_rows(who).items():
                assert label not in done, (who, row)
                assert ("Försenad" in row) == (label in late), (who, row)
                assert ("Kräver uppmärksamhet" in row) <= (label not in waiting), (who, row)
        # the month calendar: done steps are "Klar" and neither coming nor late; open ones are not "Klar"
        entries = self.calendar()
        assert {label for _, label in entries} >= {m.label for m in stored.values() if m.kind != "sista_svarsdag"}
        for (day, label), words in entries.items():
            if label in done or (label == "Sista svarsdag" and closed):
                # a finished remiss's Sista svarsdag says its status, as the remiss page does (walk34 #3)
                finished = RemissStatus(status).label if label == "Sista svarsdag" else "Klar"
                assert re.search(r"(Utgår|Klar|Besvarad|Avstår|Återkallad)( \(planerat [^)]+\))?$",
                                 words).group(1) == ("Utgår" if label in called_off else finished), words
                assert not [w for w in LATE if w in words], words
            else:
                assert "Klar" not in words and ("Försenad" in words) == (label in late), words
        # done work is on the day it was done, saying when it was planned; nothing of it is left on the planned day
        for m in stored.values():
            if m.kind == "sista_svarsdag":
                continue
            day = shown_on(m)
            words = entries[(format_date(day), m.label)]
            assert ("(planerat " in words) == (day != m.due_on), words
            if day != m.due_on:
                assert words.endswith(f"(planerat {format_short(m.due_on)})"), words
                assert (format_date(m.due_on), m.label) not in entries, m.label
        for m in stored.values():  # the day view agrees with the month
            rows = [row for row in self.day(shown_on(m)) if m.label in row]
            assert rows or m.kind == "sista_svarsdag", m.label
            for row in rows:
                assert (re.search(r"(Utgår|Klar|Besvarad)( \(planerat [^)]+\))?$", row) is not None) == \
                    (m.done_at is not None), row
                assert ("Försenad" in row) == (m.label in late), row
        # the ICS feeds: open work only (the deadline while the remiss is open)
        for summary in self.feeds():
            label = summary.split(":")[0]
            assert label not in done and not (closed and label == "Sista svarsdag"), summary
        # the digest and the reminders: open milestones only, late exactly when late
        for item in self.digest():
            assert item["milestone"] not in done, item
            assert item["late"] == (item["milestone"] in late), item
        for kind, milestone in self.pending_reminders():
            assert stored[milestone].done_at is None, milestone
            assert not (stored[milestone].label in waiting and kind in (policy.OVERDUE, policy.ESCALATION)), kind
        # the API: a done milestone needs no attention
        api = self.clients["sekreterare"][0].get(f"/api/v1/remisser/{self.rid}").get_json()["milestones"]
        # ... and one called off never happened: no done_at, but cancelled (the day it was called off kept)
        assert {m["kind"] for m in api if m["done_at"]} == {k for k, m in stored.items()
                                                           if m.done_at and m.label not in called_off}
        assert {m["kind"] for m in api if m["cancelled"]} == {k for k, m in stored.items() if m.label in called_off}
        assert {m["kind"] for m in api if m["cancelled_at"]} == {m["kind"] for m in api if m["cancelled"]}
        assert {m["kind"]: m["status"] for m in api} == {
            k: "cancelled" if m.label in called_off else "done" if m.done_at else "open" for k, m in stored.items()}
        # the remiss's own tidplan says the same: "Utgår" on what never happened, "Klar" on what did
        page = self.page("sekreterare", f"/remisser/{self.rid}")
        tidplan = re.search(r'<ol class="history tidplan">(.*?)</ol>', page, re.S).group(1)
        for item in re.findall(r"<li id=\"milstolpe-[a-z_]+\">(.*?)</li>", tidplan, re.S):
            label = re.search(r"<strong>(.*?)</strong>", item).group(1)
            tag = re.search(r'<span class="tag">(Utgår|Klar)</span>', item)
            expected = "Utgår" if label in called_off else "Klar" if label in done else None
            assert (tag.group(1) if tag else None) == expected, (label, _text(item))
            assert ("(klar" in _text(item) or "(besvarad " in _text(item)) == (expected == "Klar"), _text(item)
        assert not [m for m in api if m["done_at"] and m["flagged"]], api
        # the tidplan's advice holds for open, late milestones only, and never on a closed remiss
        tidplan = self.tidplan()
        for label in done | coming | waiting:
            assert f"{label} (" not in tidplan or "har redan passerat" not in tidplan.split(f"{label} (")[1][:60], \
                tidplan
        if stored["tjansteskrivelse"].done_at is not None or closed:
            assert "Begär förlängd remisstid" not in tidplan, tidplan
        if closed:
            assert not [w for w in LATE if w in tidplan], tidplan
        # a done milestone's row says what happened, with no advice in it
        for m in stored.values():
            row = self.tidplan_row(m.label)
            if m.done_at is not None:
                assert not [w for w in ADVICE if w in row], row
                if m.kind in DONE_WORDS and not m.closed_with_remiss:
                    assert f"{DONE_WORDS[m.kind]} {format_date(local(m.done_at).date())}" in row, row
        return stored

    def tidplan_row(self, label: str) -> str:
        """The Tidplan panel's row of one milestone, in words."""
        html = self.page("sekreterare", f"/remisser/{self.rid}")
        section = re.search(r'<section id="tidplan".*?</section>', html, re.S).group(0)
        rows = [_text(r) for r in re.findall(r'<li id="milstolpe-.*?</li>', section, re.S)]
        return next(r for r in rows if r.startswith(label + " :"))


@pytest.fixture
def life(app, db, clock, session):
    return Life(app, db, clock, session)


def test_the_whole_life_reads_true_at_every_step(life, clock, runner, app):
    # Registered late: the tjänsteskrivelse's and the granskning's dates have passed, and everything says so.
    stored = life.only_true_things()
    # the tjänsteskrivelse was due before the remiss arrived (3 September): impossible from the start, said so
    assert life.due_rows("sekreterare")["Tjänsteskrivelse klar"].endswith(
        "Försenad, planerades före ankomsten Kräver uppmärksamhet (datumet låg före remissens ankomst)")
    tidplan = life.tidplan()
    assert ("Tjänsteskrivelse klar (torsdag 27 augusti 2015) låg före remissens ankomst torsdag 3 september 2015 "
            "och gick aldrig att hinna.") in tidplan
    assert ("Tjänsteskrivelsen skulle ha varit klar torsdag 27 augusti 2015, före remissens ankomst torsdag "
            "3 september 2015: tidplanen gick inte att hålla. Begär förlängd remisstid") in tidplan
    assert stored["granskning"].due_on == date(2015, 9, 1)
    assert (stored["granskning"].flagged, stored["granskning"].flag_reason) == (True, "fore_ankomst")
    # the granskning's date has passed too: late because the tjänsteskrivelse it waits for is late
    assert life.due_rows("granskare")["Granskning klar"].endswith("Försenad eftersom tjänsteskrivelsen är försenad")
    assert "Granskning klar (tisdag 1 september 2015) har redan passerat." not in tidplan
    assert "Granskning klar : tisdag 1 september 2015 (försenad eftersom tjänsteskrivelsen är försenad;" in tidplan

    # assign, start the draft
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    assert life.status() == "tilldelad"
    life.only_true_things()
    clock.set(at(2015, 9, 4, 10))
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Stadsområdesnämnd Öster är positiv till planen."})
    assert life.status() == "under_beredning"
    # the tjänsteskrivelse (27 August) is still open: the next step says it is late, as the tidplan does (walk8 #13),
    # counted from the day the remiss arrived, 3 September (walk9 #5)
    assert life.next_step("handlaggare") == ("Nästa steg: Tjänsteskrivelsen är försenad i 1 dag räknat från ankomsten "
                                             "3 september – skriv klart yttrandet och skicka det till granskning.")
    life.only_true_things()

    # Sent to granskning on Friday 4 September: the tjänsteskrivelse is done; the granskare has the nämnd's three
    # working days from today, not a date that passed before the draft reached her.
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    stored = life.only_true_things()
    assert stored["tjansteskrivelse"].done_at is not None
    assert stored["granskning"].due_on == date(2015, 9, 9) and not stored["granskning"].flagged
    assert stored["granskning"].flag_reason is None  # the flag's reason goes with it
    assert "Tjänsteskrivelse klar" not in life.due_rows("granskare")
    assert life.due_rows("granskare")["Granskning klar"].endswith("om 5 dagar")
    assert life.next_step("handlaggare") == ("Nästa steg: Yttrandet är skickat till granskning och väntar på att "
                                             "granskaren godkänner det.")
    assert life.next_step("granskare").startswith("Nästa steg: Granska yttrandet")
    tidplan = life.tidplan()
    assert "har redan passerat" not in tidplan and "Begär förlängd remisstid" not in tidplan
    assert "3 arbetsdagar efter att yttrandet kom till granskning fredag 4 september 2015." in tidplan
    # done on 4 September: the calendar shows it then, with the day it was planned for
    entries = life.calendar()
    assert entries[("4 september 2015", "Tjänsteskrivelse klar")].endswith("Klar (planerat 27 augusti)")
    assert ("27 augusti 2015", "Tjänsteskrivelse klar") not in entries
    assert "Skickad till granskning 4 september 2015, planerat 27 augusti." in life.tidplan_row("Tjänsteskrivelse klar")

    # Monday 7 September: still in granskning, nothing is late; the granskare sends it back, then approves it
    clock.set(at(2015, 9, 7, 9))
    life.only_true_things()
    life.post("granskare", "/yttrande/lage", {"state": "utkast", "comment": "Lägg till en mening om budgeten."})
    # sent back, the tjänsteskrivelse is not ready (and late); the granskning waits for it again
    assert life.next_step("handlaggare").startswith("Nästa steg: Tjänsteskrivelsen är försenad i 4 dagar räknat från "
                                                    "ankomsten 3 september – granskaren har skickat tillbaka yttrandet")
    stored = life.only_true_things()
    assert stored["tjansteskrivelse"].done_at is None
    assert "Försenad" in life.due_rows("handlaggare")["Tjänsteskrivelse klar"]
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv till planen; budgeten behöver belysas."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    life.post("granskare", "/yttrande/lage", {"state": "godkand"})
    assert life.status() == "klar_for_beslut"
    stored = life.only_true_things()
    assert stored["granskning"].done_at is not None
    assert life.next_step("sekreterare") == "Nästa steg: Yttrandet är godkänt: registrera nämndens beslut."

    # The AU on 10 September goes by with the remiss on its agenda; on the 24th the nämnd decides (§ 142) ...
    clock.set(at(2015, 9, 24, 18))
    life.post("sekreterare", "/yttrande/beslut", {"decided_by": "namnd", "meeting_on": "2015-09-24",
                                                  "paragraf": "142"})
    assert life.status() == "beslutad"
    assert life.next_step("sekreterare").startswith("Nästa steg: Nämnden har beslutat: registrera justeringen")
    stored = life.only_true_things()
    assert {k for k, m in stored.items() if m.done_at} == {"tjansteskrivelse", "granskning", "arbetsutskott",
                                                          "namnd"}
    # ... justerar the paragraph at once, and the registrator expedierar it the next day.
    life.post("sekreterare", "/yttrande/justering", {"justerad_on": "2015-09-24"})
    assert life.next_step("sekreterare") == "Nästa steg: Nämnden har beslutat: expediera yttrandet till remittenten."
    life.only_true_things()
    clock.set(at(2015, 9, 25, 9))
    life.post("sekreterare", "/yttrande/expediera", {"confirm_expediera": "1"})
    # no answer address: besvarad once the sekreterare records it sent (walk11 finding 10)
    assert life.status() == "beslutad"
    life.post("sekreterare", "/yttrande/skickat", {"way": "post", "sent_on": "2015-09-25"})
    assert life.status() == "besvarad"

    # Besvarad: every step is Klar in the calendar (the Sista svarsdag: Besvarad, walk34 #3), nothing of it is due, late or coming anywhere.
    stored = life.only_true_things()
    assert all(m.done_at is not None for m in stored.values())
    entries = life.calendar()
    assert len(entries) == 7 and all(words.endswith("Besvarad") if label == "Sista svarsdag" else "Klar" in words
                                     for (_, label), words in entries.items()), entries
    assert entries[("25 september 2015", "Expediering")].endswith("Klar")  # done the day it was planned
    assert "Expedierat 25 september 2015." in life.tidplan_row("Expediering")
    for who in ("sekreterare", "handlaggare", "granskare"):
        assert life.due_rows(who) == {}, who
    assert life.feeds() == [] and life.digest() == [] and life.pending_reminders() == []
    # the sweep sends what is owed now (the yttrande to Kulturnämnden, "Besvarad" to the handläggare) ...
    assert runner.invoke(args=["reminders", "run", "--now", "2015-09-25T10:00"]).exit_code == 0
    before = set(Path(app.config["MAIL_DIR"]).glob("*.eml"))
    assert before
    # ... and from then on nothing about it: not on Monday (no digest lists it), not a week later
    for moment in ("2015-09-28T07:15", "2015-10-02T12:00"):
        result = runner.invoke(args=["reminders", "run", "--now", moment])
        assert result.exit_code == 0, result.output
    for path in set(Path(app.config["MAIL_DIR"]).glob("*.eml")) - before:
        mail = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        assert life.dnr not in mail.get_body(("plain",)).get_content(), (mail["Subject"], mail["X-Remiss-Kind"])
    listing = runner.invoke(args=["reminders", "list", "--status", "pending"]).output
    assert f"remiss {life.rid} " not in listing, listing

    # A rättelse of the expedierat yttrande, sent to granskning and back, is not the besvarad remiss's work again.
    clock.set(at(2015, 10, 5, 9))
    life.post("sekreterare", "/yttrande/rattelse", {"comment": "Fel paragraf i beslutsformuleringen."})
    # its tjänsteskrivelse proposes the rättelse of what was sent, and why; not a new answer
    docx = life.clients["handlaggare"][0].get(f"/remisser/{life.rid}/dokument/tjansteskrivelse.docx").data
    words = [p.text.replace("\u00a0", " ") for p in Document(io.BytesIO(docx)).paragraphs]
    assert ("Stadsområdesnämnd Öster föreslås besluta att lämna en rättelse till Kulturnämnden av yttrandet som "
            "expedierades den 25 september 2015, i enlighet med upprättat förslag.") in words, words
    assert "Skäl till rättelsen: Fel paragraf i beslutsformuleringen." in words
    assert not [w for w in words if "avge yttrande" in w]
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Stadsområdesnämnd Öster är positiv (rättad)."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    life.post("granskare", "/yttrande/lage", {"state": "utkast", "comment": "Ange paragrafen."})
    assert life.status() == "besvarad"
    stored = life.only_true_things()
    assert all(m.done_at is not None for m in stored.values())
    assert life.due_rows("handlaggare") == {} and life.feeds() == []


def test_a_declined_remiss_calls_off_its_steps_in_the_calendar_without_calling_them_done(life):
    life.post("sekreterare", "/status", {"status": "avstar", "note": "Berör inte nämnden.", "confirm": "1"})
    assert life.status() == "avstar"
    life.only_true_things()
    entries = life.calendar()
    # the work never happened: "Utgår", not "Klar", and nothing late
    assert entries[("27 augusti 2015", "Tjänsteskrivelse klar")].endswith("Utgår")
    assert entries[("28 september 2015", "Sista svarsdag")].endswith("Utgår")
    assert not [words for words in entries.values() if "Försenad" in words or "Klar" in words]
    assert [row for row in life.day(date(2015, 9, 28))][0].endswith("Utgår")
    assert life.feeds() == [] and life.due_rows("sekreterare") == {}


def test_a_withdrawn_remiss_with_work_done_keeps_that_work_done_and_calls_off_the_rest(life):
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})  # the tjänsteskrivelse was written
    life.post("sekreterare", "/status", {"status": "aterkallad", "note": "Remittenten drog tillbaka remissen.", "confirm": "1"})
    assert life.status() == "aterkallad"
    life.only_true_things()
    api = {m["kind"]: m for m in life.clients["handlaggare"][0].get(f"/api/v1/remisser/{life.rid}").get_json()
           ["milestones"]}
    assert api["tjansteskrivelse"]["done_at"] and not api["tjansteskrivelse"]["cancelled"]
    for kind in ("granskning", "arbetsutskott", "namnd", "justering", "expediering", "sista_svarsdag"):
        assert api[kind]["done_at"] is None and api[kind]["cancelled"] and api[kind]["status"] == "cancelled", kind
    assert "utgår, remissen återkallades" in life.tidplan()


def test_granskning_keeps_its_date_when_the_draft_comes_in_time_and_never_passes_the_au(life, clock):
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    # in time: with the granskning planned for 9 September, a draft sent on the 3rd leaves its date alone
    with life.db.transaction() as s:
        s.get(Milestone, life.milestones()["granskning"].id).planned_on = date(2015, 9, 9)
        s.get(Milestone, life.milestones()["granskning"].id).due_on = date(2015, 9, 9)
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    assert life.milestones()["granskning"].due_on == date(2015, 9, 9)
    life.post("granskare", "/yttrande/lage", {"state": "utkast", "comment": "Kortare."})
    # late: sent again on the AU's eve, the granskare's three days end at the AU (10 September), not after it
    clock.set(at(2015, 9, 9, 9))
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv, kort."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    review = life.milestones()["granskning"]
    assert review.due_on == date(2015, 9, 10) and "senast till sammanträdet torsdag 10 september 2015" in \
        review.explanation
    assert "Granskning klar : torsdag 10 september 2015 (i morgon;" in life.tidplan()
    life.only_true_things()
    # an approved draft opened again as utkast is neither written nor reviewed any more
    life.post("granskare", "/yttrande/lage", {"state": "godkand"})
    assert {k for k, m in life.milestones().items() if m.done_at} == {"tjansteskrivelse", "granskning"}
    life.post("granskare", "/yttrande/lage", {"state": "utkast", "comment": "Beslutsformuleringen ändras."})
    assert {k for k, m in life.milestones().items() if m.done_at} == set()
    life.only_true_things()


def test_the_digest_says_what_is_true_when_it_is_sent_not_when_it_was_queued(life, clock, app):
    from remiss.reminders.mail import compose
    from remiss.planning.service.tidplan import work_calendar
    from remiss.reminders.digest import enqueue_digests

    monday = at(2015, 9, 7, 7, 30)
    with life.db.transaction() as s:
        enqueue_digests(s, now=monday, calendar=work_calendar(s))
    with life.db.transaction(write=False) as s:
        [row] = s.exec(select(OutboxMessage).where(OutboxMessage.kind == policy.DIGEST)).all()
        assert "Tjänsteskrivelse klar" in row.payload
    # the mail server was down on Monday; by Tuesday the tjänsteskrivelse has been sent to granskning
    clock.set(at(2015, 9, 8, 9))
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    with app.app_context(), life.db.transaction(write=False) as s:
        row = s.get(OutboxMessage, row.id)
        text = compose(s, row, config=app.config, now=at(2015, 9, 8, 9, 5)).get_body(("plain",)).get_content()
    lines = {line.split(": ")[1].split(" – ")[0]: line for line in text.splitlines() if life.dnr in line}
    assert "Tjänsteskrivelse klar" not in lines
    # late means late on Tuesday: the granskning (moved to the AU's day) and the AU are coming, not late
    assert lines["Granskning klar"].startswith("- torsdag 10 september 2015") and "[försenad]" not in text
    assert "Arbetsutskott" in lines


def test_a_late_expediering_is_advised_while_open_and_told_as_done_once_expedierat(life, clock):
    """Decided on 24 September without omedelbar justering, the expediering falls after the sista svarsdag (28
    September): while it is open the tidplan says what to do; once expedierat it says what happened."""
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv till planen."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    life.post("granskare", "/yttrande/lage", {"state": "godkand"})
    clock.set(at(2015, 9, 24, 18))
    life.post("sekreterare", "/yttrande/beslut", {"decided_by": "namnd", "meeting_on": "2015-09-24",
                                                  "paragraf": "142"})
    row = life.tidplan_row("Expediering")
    assert "Det är efter sista svarsdag måndag 28 september 2015: meddela remittenten eller begär förlängd " \
           "remisstid." in row and "Kräver uppmärksamhet" in row, row
    life.only_true_things()
    clock.set(at(2015, 10, 1, 9))
    life.post("sekreterare", "/yttrande/justering", {"justerad_on": "2015-10-01"})
    assert "Det är efter sista svarsdag" in life.tidplan_row("Expediering")  # still open, still late
    clock.set(at(2015, 10, 5, 9))
    life.post("sekreterare", "/yttrande/expediera", {"confirm_expediera": "1"})
    life.post("sekreterare", "/yttrande/skickat", {"way": "post", "sent_on": "2015-10-05"})  # no answer address
    assert life.status() == "besvarad"
    stored = life.only_true_things()
    assert stored["expediering"].due_on == date(2015, 10, 2)
    row = life.tidplan_row("Expediering")
    assert "Expedierat 5 oktober 2015, planerat 2 oktober." in row
    assert "sista svarsdag" not in row and "förlängd remisstid" not in row, row
    assert life.calendar()[("5 oktober 2015", "Expediering")].endswith("Klar (planerat 2 oktober)")
    assert [r for r in life.day(date(2015, 10, 5)) if "Expediering" in r][0].endswith("Klar (planerat 2 oktober)")
    assert not [r for r in life.day(date(2015, 10, 2)) if "Expediering" in r]
    api = life.clients["sekreterare"][0].get(f"/api/v1/remisser/{life.rid}").get_json()["milestones"]
    assert next(m for m in api if m["kind"] == "expediering")["advice"] == ""
