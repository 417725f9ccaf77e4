"""End to end on the pages: draft the Kulturnämnden yttrande, review, approve, download, expediera."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

from sqlmodel import select

from remiss.clock import local
from remiss.drafting.models import DraftVersion, GeneratedDocument, YttrandeDraft
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from tests.drafting.conftest import decide, doc_lines, header_text

ANSWERS = [
    "När det gäller det första åtagandet saknas stadsområdesnämnderna bland ansvariga aktörer.\r\n\r\n"
    "Stadsområdesförvaltningarna har ett befolkningsansvar.",
    "Handlingsplanen är det första steget.\n• Åtagande nr 7 bör åtföljas av en budget.\n• Åtagande nr 8 bör slås ihop med nr 4.",
    "Barnperspektivet bör tydligare genomsyra handlingsplanen.",
    "Stadsområdesnämnden ger förvaltningen i uppdrag att ta fram en organisation.",
    "Varje nämnd bör se över sina åtaganden.",
]


def draft_form(remiss_id: int, **extra) -> dict:
    data = {"sammanfattning": "Stadsområdesnämnd Öster ställer sig positiva till förslaget.",
            "ovriga_synpunkter": "Avslutningsvis har handlingsplanen goda förutsättningar.",
            "ordforande": "Andreas Konstantinides", "forvaltningschef": "Britt-Marie Pettersson",
            "forvaltningschef_titel": "Stadsområdesdirektör", "reservationer": ""}
    data.update({f"svar-{n}": text for n, text in enumerate(ANSWERS, 1)})
    data.update(extra)
    return data


def test_draft_review_approve_download_decide_and_expediera(world, auth, client, reader, app, clock, runner, smtp):
    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login("sabina.dethorey@malmo.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert 'id="yttrande"' in page and "Stadsområdesnämnd Öster föreslås besluta att avge yttrande till Kulturnämnden" in page
    assert page.count('name="svar-') == 5
    response = auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}")
    assert response.status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}").status_code == 302
    # The handläggare cannot approve her own draft.
    auth.post(f"{url}/lage", {"state": "godkand"}, form_url=f"/remisser/{rid}")
    reader.rollback()
    draft = reader.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).one()
    assert draft.state == "granskning"
    assert reader.get(Remiss, rid).status == RemissStatus.under_beredning

    auth.logout()
    auth.login(world["granskare"].email)
    assert "Godkänn yttrandet" in client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=f"/remisser/{rid}").status_code == 302
    reader.rollback()
    assert reader.get(YttrandeDraft, draft.id).state == "godkand"
    assert reader.get(Remiss, rid).status == RemissStatus.klar_for_beslut

    yttrande = client.get(f"/remisser/{rid}/dokument/yttrande.docx")
    assert yttrande.status_code == 200 and yttrande.mimetype.endswith("wordprocessingml.document")
    lines = doc_lines(yttrande.data)
    texts = [t for _, t in lines]
    head = header_text(yttrande.data)
    our_dnr = world["remiss"].our_dnr
    assert "Stadsområdesnämnd Öster" in head and our_dnr in head and "1 september 2015" in head
    assert "Till Kulturnämnden" in texts and any("KN-2015-1050" in t for t in texts)
    headings = [t for style, t in lines if style == "Heading 3"]
    # numbered as the remiss numbers them (walk13b finding 8)
    assert headings == [f"{n}. {q}" for n, q in enumerate(world["questions"], start=1)] + ["Övriga synpunkter"]
    # Each answer follows its own question, paragraphs and Word bullets kept.
    q2 = texts.index("2. " + world["questions"][1])
    assert texts[q2 + 1:q2 + 4] == ["Handlingsplanen är det första steget.", "Åtagande nr 7 bör åtföljas av en budget.",
                                    "Åtagande nr 8 bör slås ihop med nr 4."]
    assert [s for s, t in lines if t == "Åtagande nr 7 bör åtföljas av en budget."] == ["List Bullet"]
    q1 = texts.index("1. " + world["questions"][0])
    assert texts[q1 + 2] == "Stadsområdesförvaltningarna har ett befolkningsansvar."
    assert texts.index("Andreas Konstantinides") > texts.index("5. " + world["questions"][4])
    assert "Stadsområdesdirektör" in texts

    ts = client.get(f"/remisser/{rid}/dokument/tjansteskrivelse.docx")
    lines = doc_lines(ts.data)
    h2 = [t for s, t in lines if s == "Heading 2"]
    # the form was posted without beslutsunderlag: no heading over an empty list (walk6)
    assert h2 == ["Sammanfattning", "Förslag till beslut", "Beslutsplanering", "Ärendet", "Ansvariga"]
    texts = [t for _, t in lines]
    assert "Stadsområdesnämnd Östers arbetsutskott 10 september 2015" in texts
    assert "Stadsområdesnämnd Öster 24 september 2015" in texts
    assert any("tillhanda senast den 28 september 2015" in t for t in texts)
    head = header_text(ts.data)
    assert "Vår referens\nSabina Vendela Dethorey, utvecklingssamordnare\n" in head  # name and title, one line
    assert "Remittentens diarienummer\nKN-2015-1050" in head
    assert our_dnr in head + "\n".join(texts)

    # Expediering: the nämnd has not decided yet, so nothing is sent — and the page says why.
    auth.logout()
    auth.login(world["registrator"].email)
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Registrera beslutet" in page and ">Expediera</button>" not in page
    # the meeting is still ahead: named in the hint, not prefilled as a date the form would refuse (walk8 #9)
    assert 'value="2015-09-24"' not in page
    assert "Tidplanen planerar beslutet vid sammanträdet torsdag 24 september 2015." in page
    response = auth.post(f"{url}/expediera", {}, form_url=f"/remisser/{rid}", follow_redirects=True)
    assert "kan expedieras först när nämndens beslut är registrerat" in response.get_data(as_text=True)
    reader.rollback()
    assert reader.get(YttrandeDraft, draft.id).state == "godkand"

    assert decide(auth, rid, clock, omedelbar_justering="").status_code == 302
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.beslutad
    response = auth.post(f"{url}/expediera", {}, form_url=f"/remisser/{rid}", follow_redirects=True)
    assert "Protokollet med beslutet är inte justerat" in response.get_data(as_text=True)
    assert auth.post(f"{url}/justering", {"justerad_on": "2015-09-24"}, form_url=f"/remisser/{rid}").status_code == 302
    response = auth.post(f"{url}/expediera", {"confirm_expediera": "1"}, form_url=f"/remisser/{rid}",
                         follow_redirects=True)
    assert "är expedierat" in response.get_data(as_text=True)
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.besvarad
    draft = reader.get(YttrandeDraft, draft.id)
    assert draft.state == "expedierad" and draft.frozen_version_id is not None
    frozen = reader.exec(select(GeneratedDocument).where(GeneratedDocument.frozen)).all()
    assert sorted(d.kind for d in frozen) == ["tjansteskrivelse", "yttrande"]
    # the version keeps its own comment; the Versioner table names who expedited it (walk16 #8)
    assert not reader.get(DraftVersion, draft.frozen_version_id).comment.startswith("Expedierad")
    assert f"diarienummer {our_dnr}" in client.get(f"/remisser/{rid}").get_data(as_text=True)
    # the export's Expedierad is the day of the expediering, Besvarad the day the remiss was answered (truth17 F3):
    # empty while the yttrande waits in the Utkorg (walk25b), that day once the sweep has sent it
    rows = list(csv.reader(io.StringIO(client.get("/remisser/export.csv?status=closed").get_data()
                                       .decode("utf-8-sig")), delimiter=";"))
    found = dict(zip(rows[0], rows[1]))
    expedited_on = local(next(d for d in frozen if d.kind == "yttrande").created_at).date().isoformat()
    assert found["Expedierad"] == expedited_on and found["Besvarad"] == ""
    assert runner.invoke(args=["reminders", "run", "--now", "2015-09-24T18:30"]).exit_code == 0
    rows = list(csv.reader(io.StringIO(client.get("/remisser/export.csv?status=closed").get_data()
                                       .decode("utf-8-sig")), delimiter=";"))
    assert dict(zip(rows[0], rows[1]))["Besvarad"] == expedited_on


def test_expediera_moves_a_decided_remiss_to_besvarad_and_keeps_the_frozen_version(world, auth, client, reader, app,
                                                                                    clock):
    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login(world["registrator"].email)
    auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}")
    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}")
    auth.post(f"{url}/lage", {"state": "godkand"}, form_url=f"/remisser/{rid}")
    decide(auth, rid, clock)
    auth.post(f"{url}/expediera", {"confirm_expediera": "1"}, form_url=f"/remisser/{rid}")
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.besvarad
    draft = reader.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).one()
    frozen_version = reader.get(DraftVersion, draft.frozen_version_id)
    frozen_content = frozen_version.content
    frozen_doc = reader.exec(select(GeneratedDocument).where(GeneratedDocument.frozen,
                                                              GeneratedDocument.kind == "yttrande")).one()
    before = client.get(f"/remisser/{rid}/dokument/arkiv/{frozen_doc.id}.docx").data

    # An expedierat yttrande is not reopened: the page says to start a rättelse instead.
    refused = auth.post(f"{url}/lage", {"state": "utkast", "comment": "Rättelse av stavfel"},
                        form_url=f"/remisser/{rid}", follow_redirects=True).get_data(as_text=True)
    assert "kan inte öppnas igen" in refused and "Börja rättelsen" in refused
    assert "Öppna igen som utkast" not in refused
    # A rättelse started and edited: the sent version and its document stay as they were.
    assert auth.post(f"{url}/rattelse", {"comment": "Rättelse av stavfel"},
                     form_url=f"/remisser/{rid}").status_code == 302
    auth.post(url, draft_form(rid, sammanfattning="Ändrad efter expediering."), form_url=f"/remisser/{rid}")
    reader.rollback()
    assert reader.get(DraftVersion, frozen_version.id).content == frozen_content
    assert reader.get(YttrandeDraft, draft.id).frozen_version_id == frozen_version.id
    after = client.get(f"/remisser/{rid}/dokument/arkiv/{frozen_doc.id}.docx").data
    assert after == before
    current = [t for _, t in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)]
    assert "Ändrad efter expediering." in current
    assert "Ändrad efter expediering." not in [t for _, t in doc_lines(before)]


def test_inga_synpunkter_gives_a_short_yttrande(world, auth, client):
    rid = world["remiss"].id
    auth.login("sabina.dethorey@malmo.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    form = page[page.index('/yttrande/inga-synpunkter"'):]
    # asked before it changes the yttrande: with nothing saved there is no utkast to replace (walk25 Y17)
    assert form.index('data-confirm="Göra yttrandet till ett kort svar') < form.index("</form>")
    assert auth.post(f"/remisser/{rid}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"},
                     form_url=f"/remisser/{rid}").status_code == 302
    data = client.get(f"/remisser/{rid}/dokument/yttrande.docx").data
    texts = [t for _, t in doc_lines(data)]
    # before the beslut it is proposed, as the full yttrande's "föreslås besluta" (walk11 finding 22)
    assert "Stadsområdesnämnd Öster föreslås besluta att inte lämna några synpunkter på remissen." in texts
    assert not set(world["questions"]) & set(texts)
    assert "Till Kulturnämnden" in texts and "Ordförande" in texts
    assert len(texts) < 12


def test_the_comparison_shows_the_text_as_a_reader_sees_it(world, auth, client):
    """Emphasis rendered as in the draft's reading view and the .docx, never the ** or * of the markup."""
    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login("sabina.dethorey@malmo.se")
    auth.post(url, draft_form(rid, **{"svar-3": "Barnperspektivet bör lyftas.\n- Jämställdhet"}),
              form_url=f"/remisser/{rid}")
    auth.post(url, draft_form(rid, **{"svar-3": "Barnperspektivet bör **alltid** lyftas.\n- *Jämställdhet* också",
                                      "base_version": "1"}), form_url=f"/remisser/{rid}")
    page = client.get(f"/remisser/{rid}/yttrande/jamfor?fran=1&till=2").get_data(as_text=True)
    main = page[page.index("<main"):page.index("</main>")]
    assert ('<p><ins><span class="visually-hidden">Tillagt: </span>Barnperspektivet bör <strong>alltid</strong> '
            "lyftas.</ins></p>") in main
    assert '<li><ins><span class="visually-hidden">Tillagt: </span><em>Jämställdhet</em> också</ins></li>' in main
    assert '<li><del><span class="visually-hidden">Borttaget: </span>Jämställdhet</del></li>' in main
    assert "*" not in main and "- Jämställdhet" not in main


def test_versions_compare_and_return_with_comment(world, auth, client, reader):
    rid = world["remiss"].id
    url = f"/remisser/{rid}/yttrande"
    auth.login("sabina.dethorey@malmo.se")
    auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}")
    auth.post(url, draft_form(rid, **{"svar-3": "Barnperspektivet bör lyftas.\n\nJämställdhet också.",
                                      "base_version": "1"}), form_url=f"/remisser/{rid}")
    # An unchanged save adds no version.
    auth.post(url, draft_form(rid, **{"svar-3": "Barnperspektivet bör lyftas.\n\nJämställdhet också."}),
              form_url=f"/remisser/{rid}")
    page = client.get(f"/remisser/{rid}/yttrande/jamfor?fran=1&till=2").get_data(as_text=True)
    assert "Fråga 3:" in page
    assert re.search(r"<del>.*Barnperspektivet bör tydligare genomsyra handlingsplanen.</del>", page)
    assert re.search(r"<ins>.*Jämställdhet också.</ins>", page)
    assert "(oförändrat)" in page
    # A stale form (based on version 1) is refused with what was typed kept.
    stale = auth.post(url, draft_form(rid, sammanfattning="Min gamla text", base_version="1"),
                      form_url=f"/remisser/{rid}")
    assert stale.status_code == 409 and "nyare version (2)" in stale.get_data(as_text=True)
    assert "Min gamla text" in stale.get_data(as_text=True)

    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}")
    auth.logout()
    auth.login(world["granskare"].email)
    no_comment = auth.post(f"{url}/lage", {"state": "utkast", "comment": " "}, form_url=f"/remisser/{rid}",
                           follow_redirects=True)
    assert "Skriv en kommentar" in no_comment.get_data(as_text=True)
    auth.post(f"{url}/lage", {"state": "utkast", "comment": "Förtydliga svaret på fråga 4."}, form_url=f"/remisser/{rid}")
    reader.rollback()
    draft = reader.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).one()
    assert draft.state == "utkast" and draft.review_comment == "Förtydliga svaret på fråga 4."
    assert len(reader.exec(select(DraftVersion).where(DraftVersion.draft_id == draft.id)).all()) == 2
    auth.logout()
    auth.login("sabina.dethorey@malmo.se")
    assert "Förtydliga svaret på fråga 4." in client.get(f"/remisser/{rid}").get_data(as_text=True)


def test_user_text_with_markup_and_template_syntax_is_literal(world, auth, client):
    rid = world["remiss"].id
    auth.login("sabina.dethorey@malmo.se")
    tricky = "Kostnad < 5 & > 2 {{ 7*7 }} {% if x %} <w:p/> ]]>"
    auth.post(f"/remisser/{rid}/yttrande", draft_form(rid, sammanfattning=tricky, **{"svar-1": "*viktigt* {{ cycler }}"}),
              form_url=f"/remisser/{rid}")
    texts = [t for _, t in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)]
    assert tricky in texts
    assert "viktigt {{ cycler }}" in texts
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Kostnad &lt; 5 &amp; &gt; 2" in page


def test_bad_input_rerenders_with_what_was_typed(world, auth, client):
    rid = world["remiss"].id
    auth.login("sabina.dethorey@malmo.se")
    response = auth.post(f"/remisser/{rid}/yttrande", draft_form(rid, ordforande="Rad ett\nrad två",
                                                                 sammanfattning="Det jag skrev"),
                         form_url=f"/remisser/{rid}")
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "Ska vara en rad." in body and "Det jag skrev" in body
    assert client.post(f"/remisser/{rid}/yttrande", data=draft_form(rid)).status_code == 400  # no CSRF token
    for query in ("?fran=x&till=2", "?till=2", ""):  # walk23 W7b: not "Ange två versionsnummer (fran och till)."
        bad = client.get(f"/remisser/{rid}/yttrande/jamfor{query}")
        assert bad.status_code == 400 and ("Välj två versioner att jämföra: en under Från och en under Till i "
                                           "listan Versioner på remissens sida.") in bad.get_data(as_text=True)
    assert client.get(f"/remisser/{rid}/dokument/protokoll.docx").status_code == 404


def test_remiss_without_questions_follows_its_disposition_and_lists_samrad(world, auth, client, session):
    from tests.support.factories import make_remiss

    kontakt = make_remiss(session, namnd=world["namnd"], title="Förslag till kommungemensamt kontaktcenter",
                          remittent="Kommunstyrelsen", sender_dnr="STK-2015-523",
                          answer_instructions="Remissyttrandet bör följa dispositionen i utredningen.",
                          received_on=date(2015, 8, 20),  # before its samråd (walk20 H4)
                          handlaggare_id=world["handlaggare"].id)  # a yttrande is started on an assigned remiss
    session.commit()
    rid = kontakt.id
    auth.login("sabina.dethorey@malmo.se")
    form = client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True)
    assert 'name="avsnitt-1-rubrik"' in form and 'value="Inledande synpunkter"' in form and 'name="svar-1"' not in form
    data = {"sammanfattning": "Grundidén är ett viktigt steg.",
            "avsnitt-1-rubrik": "Inledande synpunkter", "avsnitt-1-text": "Utredningen ger viktiga infallsvinklar.",
            "avsnitt-2-rubrik": "Finansiering och ekonomi", "avsnitt-2-text": "Budgeten behöver utredas vidare.",
            "avsnitt-3-rubrik": "", "avsnitt-3-text": "Text utan rubrik"}
    refused = auth.post(f"/remisser/{rid}/yttrande", data, form_url=f"/remisser/{rid}")
    assert refused.status_code == 400 and "behöver en rubrik" in refused.get_data(as_text=True)
    assert "Budgeten behöver utredas vidare." in refused.get_data(as_text=True)
    data["avsnitt-3-text"] = ""
    assert auth.post(f"/remisser/{rid}/yttrande", data, form_url=f"/remisser/{rid}").status_code == 302
    auth.post(f"/remisser/{rid}/samrad", {"party": "Pensionärsrådet", "consulted_on": "2015-08-31"},
              form_url=f"/remisser/{rid}")
    bad = auth.post(f"/remisser/{rid}/samrad", {"party": "Ungdomsrådet", "consulted_on": "31/11",
                                                "note": "Synpunkter inhämtade på möte."}, form_url=f"/remisser/{rid}")
    # walk17 F2: the page again (not a redirect that emptied the form), the message at the Datum field, all kept
    assert bad.status_code == 400
    page = bad.get_data(as_text=True)
    assert "Samrådet sparades inte" in page
    assert 'id="e-samrad-date"' in page and 'aria-invalid="true"' in page
    assert 'value="Ungdomsrådet"' in page and 'value="31/11"' in page and 'value="Synpunkter inhämtade på möte."' in page
    empty = auth.post(f"/remisser/{rid}/samrad", {"party": " ", "consulted_on": "2015-09-03"}, form_url=f"/remisser/{rid}")
    assert empty.status_code == 400 and "Ange vem som har tillfrågats." in empty.get_data(as_text=True)
    assert 'value="2015-09-03"' in empty.get_data(as_text=True)
    lines = doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)
    assert [t for s, t in lines if s == "Heading 3"] == ["Inledande synpunkter", "Finansiering och ekonomi", "Samråd"]
    texts = [t for _, t in lines]
    assert "Pensionärsrådet har beretts tillfälle att yttra sig den 31 augusti 2015." in texts
    assert "Till Kommunstyrelsen" in texts and any("STK-2015-523" in t for t in texts)
