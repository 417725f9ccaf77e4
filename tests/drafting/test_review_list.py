"""Att granska: a granskare finds the yttranden sent for review on the start page."""
from tests.drafting.test_flow import draft_form


def test_a_draft_sent_for_review_is_listed_for_those_who_review(world, auth, client):
    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login("marie.hendra@malmo.se")
    assert "Inga yttranden väntar på granskning." in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login("sabina.dethorey@malmo.se")
    auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}")
    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}")
    assert "Att granska" not in client.get("/").get_data(as_text=True)  # a handläggare does not review
    auth.logout()
    for reviewer, sees in (("marie.hendra@malmo.se", True), ("nina.registrator@malmo.se", True),
                           ("olle.norr@malmo.se", False)):
        auth.login(reviewer)
        start = client.get("/").get_data(as_text=True)
        section = start[start.index("Att granska"):] if "Att granska" in start else ""
        assert (f'href="/remisser/{rid}#yttrande"' in section) is sees, reviewer
        if sees:
            assert "Att granska (1)" in start and "från Sabina Vendela Dethorey" in section
        auth.logout()


def test_the_granskare_reads_the_draft_in_the_page_without_word(world, auth, client):
    from html import unescape

    from tests.drafting.test_flow import ANSWERS

    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login("sabina.dethorey@malmo.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Läs yttrandet" not in page  # nothing saved yet: nothing to read
    auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}")
    assert "Läs yttrandet" not in client.get(f"/remisser/{rid}").get_data(as_text=True)  # she edits it instead
    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}")
    auth.logout()
    auth.login("marie.hendra@malmo.se")
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    reading = page[page.index("Läs yttrandet (version 1)"):page.index("<h3>Yttrandets handlingar</h3>")]
    assert "<details class=\"draft-reading\" open>" in page
    assert "Stadsområdesnämnd Öster ställer sig positiva till förslaget." in reading
    # every answer under its own frågeställning, in order
    positions = [reading.index(f"Fråga {n}:") for n in range(1, len(ANSWERS) + 1)]
    assert positions == sorted(positions)
    for answer in ANSWERS:
        assert answer.splitlines()[0].strip() in reading
    assert "Andreas Konstantinides" not in reading  # the signature lines are not what is reviewed


MARKED_UP = ("Nämnden tillstyrker **med förbehåll** och *särskilt* detta:\n- budget för åtagande 7\n- en tidplan\n"
             "Sista stycket <script>alert(1)</script> & mer.")


def test_the_page_shows_the_draft_as_the_document_prints_it(world, auth, client):
    """Bold, lists and paragraphs follow the .docx's own rules (one parser for both), and the text stays text."""
    from tests.drafting.conftest import open_docx

    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login("sabina.dethorey@malmo.se")
    auth.post(url, draft_form(rid, sammanfattning=MARKED_UP), form_url=f"/remisser/{rid}")
    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}")
    auth.logout()
    auth.login("marie.hendra@malmo.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    reading = page[page.index("Läs yttrandet (version 1)"):page.index("<h3>Yttrandets handlingar</h3>")]
    assert "<p>Nämnden tillstyrker <strong>med förbehåll</strong> och <em>särskilt</em> detta:</p>" in reading
    assert "<ul><li>budget för åtagande 7</li><li>en tidplan</li></ul>" in reading
    assert "<p>Sista stycket &lt;script&gt;alert(1)&lt;/script&gt; &amp; mer.</p>" in reading
    assert "**" not in reading and "- budget" not in reading and "<script>" not in reading
    # the answer written with "•" is a list too, as in Word
    assert "<li>Åtagande nr 7 bör åtföljas av en budget.</li>" in reading
    # the yttrande in Word says the same: the bold run, the two bullets, the escaped text
    document = open_docx(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)
    paragraphs = {p.text: p for p in document.paragraphs}
    intro = paragraphs["Nämnden tillstyrker med förbehåll och särskilt detta:"]
    assert [r.text for r in intro.runs if r.bold] == ["med förbehåll"]
    assert [r.text for r in intro.runs if r.italic] == ["särskilt"]
    assert [(p.style.name, p.text) for p in document.paragraphs if "tidplan" in p.text or "åtagande 7" in p.text] \
        == [("List Bullet", "budget för åtagande 7"), ("List Bullet", "en tidplan")]
    assert "Sista stycket <script>alert(1)</script> & mer." in paragraphs


def test_att_granska_names_who_sent_it_not_the_assigned_handlaggare(world, auth, client, session):
    """walk23 W3: the remiss assigned to the granskare herself, the utkast written and sent by another: "Att granska"
    said "från <the granskare>". It names who sent it (the history), and claims no sender when none is recorded."""
    from sqlmodel import select

    from remiss.audit.models import AuditEvent
    from remiss.remisser.models import Remiss

    rid = world["remiss"].id
    remiss = session.get(Remiss, rid)
    remiss.handlaggare_id = world["granskare"].id  # Marie Hendra, assigned as handläggare
    session.add(remiss)
    session.commit()
    url = f"/remisser/{rid}/yttrande"
    auth.login("nina.registrator@malmo.se")
    assert auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}").status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}").status_code == 302
    auth.logout()
    auth.login("marie.hendra@malmo.se")
    start = client.get("/").get_data(as_text=True)
    section = start[start.index("Att granska ("):start.index("</section>", start.index("Att granska ("))]
    assert "– från Nina Registrator, skickat " in section
    assert "Marie Hendra" not in section

    # no sending recorded (e.g. an older history): the line says when, and names no sender
    session.rollback()
    for event in session.exec(select(AuditEvent).where(AuditEvent.remiss_id == rid,
                                                       AuditEvent.entity == "yttrande_draft")):
        session.delete(event)
    session.commit()
    start = client.get("/").get_data(as_text=True)
    section = start[start.index("Att granska ("):start.index("</section>", start.index("Att granska ("))]
    assert "från" not in section and "– skickat " in section
