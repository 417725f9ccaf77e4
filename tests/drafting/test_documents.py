"""The tjänsteskrivelse as its own document, the nämnd's footer and date style, Word-clean properties (issue 18)."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from remiss.drafting import generate
from remiss.drafting.drafts import current_content
from remiss.drafting.versions import save
from remiss.namnd.models import Namnd
from remiss.remisser.models import Remiss
from tests.drafting.conftest import NOW, doc_lines, header_text, open_docx
from tests.drafting.conftest import approve, record


MISSIV = """Malmö stad
Kulturnämnden
Remiss angående Förslag till Handlingsplan för kulturstrategi 2016
Den av Kulturnämnden framtagna Kulturstrategi 2014–2020 antogs i Kommunfullmäktige att gälla för hela Malmö stads organisation.
Ärendet överlämnas härmed till ovanstående för kännedom och yttrande. Svaret ska vara Kulturnämnden tillhanda senast den 28 augusti 2015.
Handlingsplanen för kulturstrategi 2016 beskriver kommungemensamma åtaganden som ska genomföras för att nå målen.
"""


def render(session, w, kind: str, at=NOW):
    return generate.render(session, now=at, principal=w["r"], remiss=w["remiss"], kind=kind).data


def body(data: bytes) -> list[str]:
    return [t for _, t in doc_lines(data)]


def test_tjansteskrivelse_has_its_own_summary_prefilled_from_the_missiv(session, w):
    remiss = session.get(Remiss, w["remiss"].id)
    remiss.missiv_text = MISSIV
    session.commit()
    save(session, now=NOW, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Nämnden är positiv."})
    _, _, content = current_content(session, remiss)
    prefilled = [
        "Kulturnämnden har skickat remissen ”Remiss angående Förslag till Handlingsplan för kulturstrategi 2016” "
        "till Stadsområdesnämnd Öster för yttrande.",
        "Den av Kulturnämnden framtagna Kulturstrategi 2014–2020 antogs i Kommunfullmäktige att gälla för hela "
        "Malmö stads organisation."]
    tjanste = body(render(session, w, "tjansteskrivelse"))
    start = tjanste.index("Sammanfattning") + 1
    # the ingress ends where the letter turns to how to answer ("Ärendet överlämnas … för kännedom och yttrande.")
    assert tjanste[start:start + 3] == [*prefilled, "Förslag till beslut"], \
        "a saved draft without the field gets the missiv's summary"
    assert "Nämnden är positiv." not in tjanste and "Nämnden är positiv." in body(render(session, w, "yttrande"))

    save(session, now=NOW, principal=w["h"], remiss=remiss,
         raw={"remiss_sammanfattning": "Kulturnämnden föreslår elva åtaganden."})
    tjanste = body(render(session, w, "tjansteskrivelse"))
    assert tjanste[tjanste.index("Sammanfattning") + 1] == "Kulturnämnden föreslår elva åtaganden."


def test_var_referens_is_name_and_title_and_empty_when_nobody_is_assigned(session, w):
    head = header_text(render(session, w, "tjansteskrivelse"))
    assert "Vår referens\nSabina Vendela Dethorey, utvecklingssamordnare\n" in head
    remiss = session.get(Remiss, w["remiss"].id)
    remiss.handlaggare_id = None
    session.commit()
    head = header_text(render(session, w, "tjansteskrivelse"))
    assert "Vår referens\n\n" in head and ", ," not in head and "Vår referens\n," not in head


def test_var_referens_and_ansvariga_write_name_and_title_alike(session, w):
    """walk17 F17: "Vår referens: Jesper Lindkvist, Utredningssekreterare" (the account's title) while Ansvariga wrote
    "utredningssekreterare Jesper Lindkvist" from "Jesper Lindkvist, utredningssekreterare": one form for both."""
    remiss = session.get(Remiss, w["remiss"].id)
    save(session, now=NOW, principal=w["h"], remiss=remiss,
         raw={"ansvariga": "Sabina Vendela Dethorey, utvecklingssamordnare\n\nMarie Hendra, Avdelningschef"})
    data = render(session, w, "tjansteskrivelse")
    assert "Vår referens\nSabina Vendela Dethorey, utvecklingssamordnare\n" in header_text(data)
    lines = body(data)
    assert lines[lines.index("Ansvariga") + 1:] == ["Sabina Vendela Dethorey, utvecklingssamordnare",
                                                     "Marie Hendra, avdelningschef"]


def test_footer_from_the_namnd_settings_and_iso_dates(session, w):
    namnd = session.get(Namnd, w["namnd"].id)
    namnd.postal_address, namnd.phone = "Stadsområdesförvaltning Öster, 205 80 Malmö", "040-34 10 00"
    namnd.org_number, namnd.website, namnd.iso_dates = "212000-1124", "malmo.se", True
    session.commit()
    data = render(session, w, "tjansteskrivelse")
    section = open_docx(data).sections[0]
    assert [p.text for p in section.first_page_footer.paragraphs] == [
        "Stadsområdesförvaltning Öster, 205 80 Malmö · Telefon 040-34 10 00 · Org.nr 212000-1124 · malmo.se"]
    assert "Datum\n2015-09-01" in header_text(data)
    assert "Stadsområdesnämnd Öster 2015-09-24" in body(data)  # beslutsplanering in the same style


def test_decided_yttrande_is_dated_with_the_meeting_and_shows_the_paragraf(session, w):
    approve(session, w)
    record(session, w)
    data = render(session, w, "yttrande", at=dt.datetime(2015, 10, 2, 9, 0, tzinfo=dt.timezone.utc))
    head = header_text(data)
    assert "Datum\n24 september 2015" in head and "Paragraf\n§ 142" in head
    tjanste = header_text(render(session, w, "tjansteskrivelse", at=dt.datetime(2015, 10, 2, 9, 0, tzinfo=dt.timezone.utc)))
    # the tjänsteskrivelse keeps its own date: the day its text was finished, before the beslut (walk6)
    assert "Datum\n1 september 2015" in tjanste


def test_generated_documents_carry_the_arende_the_namnd_and_now(session, w):
    data = render(session, w, "yttrande")
    core = open_docx(data).core_properties
    assert core.title == w["remiss"].title and core.author == "Stadsområdesnämnd Öster"
    assert core.created == NOW and core.modified == NOW and core.subject == "Yttrande"
    app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    assert "<Application>Remiss</Application>" in app and "Malmö stad" in app


def test_admin_sets_the_footer_and_iso_dates_on_the_namnd_form(session, w, auth, client, reader):
    from remiss.auth.models import Role
    from tests.planning.test_namnd_rules_replan import _form
    from tests.support.factories import make_user

    make_user(session, role=Role.admin, email="admin@example.se", now=NOW)
    session.commit()
    namnd = session.get(Namnd, w["namnd"].id)
    auth.login("admin@example.se")
    page = client.get(f"/admin/namnder/{namnd.id}").get_data(as_text=True)
    assert "Organisationsnummer" in page and "2026-12-03" in page
    response = auth.post(f"/admin/namnder/{namnd.id}", _form(
        namnd, postal_address="205 80 Malmö", phone="040-34 10 00", org_number="212000-1124",
        website="malmo.se", iso_dates="y"))
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    reader.rollback()
    saved = reader.get(Namnd, namnd.id)
    assert (saved.postal_address, saved.phone, saved.org_number, saved.website, saved.iso_dates) == (
        "205 80 Malmö", "040-34 10 00", "212000-1124", "malmo.se", True)
