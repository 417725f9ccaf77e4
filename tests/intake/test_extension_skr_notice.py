"""A real extension notice end to end through the Inkorg (round h-ext3): SKR's page on the Kommunutredningen's remiss
(skr.se, published 15 June 2020; tests/data/missiv/fresh/fresh7-holdout.json, r10), mailed to the registrator. It
writes the new day only as "remisshanteras fram till och med 30 september 2020 (förlängd remisstid)" and names no
diarienummer; the Inkorg finds the registered remiss by its title and proposes the general extension to that day."""
from datetime import date, datetime, timezone

from remiss.intake.reading import ReadLimits
from remiss.intake.service import inbox
from remiss.missiv.parser import parse_missiv
from tests.intake.test_inbox import mail
from tests.intake.test_paste_seed000 import world
from tests.support.factories import make_remiss

SUBJECT = "Förlängd remisstid: Kommunutredningen"
BODY = """Publicerad: 15 juni 2020

Kommunutredningen

Kommunutredningen har lämnat över sitt förslag till tänkbara lösningar som ska bidra till att kommuner får \
förbättrad kapacitet att sköta sina välfärdsuppdrag. Förslaget har tagits fram som en följd av \
välfärdsutmaningarna som blir allt mer påtagliga för kommunerna. Betänkandet remisshanteras fram till och med \
30 september 2020 (förlängd remisstid).

Dialogmöten

Avser ni som kommun eller region att ta fram ett remissvar, eller vill ge feedback på diskussionsunderlaget, är ni \
välkomna att delta i ett möte vid något av nedan datum:

17 juni 2020 klockan 09.00-10.15
24 juni 2020 klockan 09.00-10.15
18 augusti 2020 klockan 09.00-10.15

Remisskonferens

Kommunutredningen har lämnat betänkandet ”Starkare kommuner – med kapacitet att klara välfärdsuppdraget” \
(SOU 2020:8) till regeringen. Kommunutredningens betänkande har skickats ut på remiss.
"""


def test_the_page_gives_the_new_day():
    result = parse_missiv(BODY)
    assert result.extension_to == date(2020, 9, 30)
    # the betänkande's SOU number written right after its name belongs to the title (annotation convention)
    assert result.title == "Starkare kommuner – med kapacitet att klara välfärdsuppdraget (SOU 2020:8)"


def test_the_inkorg_proposes_the_extension_of_the_registered_remiss(session, db, app, tmp_path):
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Starkare kommuner – med kapacitet att klara "
                             "välfärdsuppdraget (SOU 2020:8)", remittent="Finansdepartementet",
                             deadline_on=date(2020, 6, 26))
    session.commit()
    notice = mail(SUBJECT, BODY, "<skr-kommunutredningen-2020@skr.se>")
    with db.transaction() as s:
        message, new = inbox.receive(s, now=datetime(2020, 6, 16, 7, 45, tzinfo=timezone.utc), raw=notice,
                                      files_dir=str(tmp_path), limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert new
        assert message.extension_to == date(2020, 9, 30)
        assert message.match_remiss_id == registered.id
        assert inbox.looks_like_remiss(message)


def test_a_letter_that_is_no_notice_is_not_matched_by_its_report_number(session, db, app, tmp_path):
    namnd = world(session)
    make_remiss(session, namnd=namnd, title="Starkare kommuner – med kapacitet att klara välfärdsuppdraget "
                "(SOU 2020:8)", remittent="Finansdepartementet", deadline_on=date(2020, 6, 26))
    session.commit()
    # SKR's invitation to the remisskonferens names the report but extends nothing
    invitation = BODY.replace(" (förlängd remisstid)", "").replace("remisshanteras", "remitteras")
    with db.transaction() as s:
        message, _ = inbox.receive(s, now=datetime(2020, 6, 16, 7, 45, tzinfo=timezone.utc),
                                    raw=mail("Kommunutredningen", invitation, "<skr-konferens-2020@skr.se>"),
                                    files_dir=str(tmp_path), limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert message.extension_to is None
        assert message.match_remiss_id is None


def test_a_notice_is_not_matched_when_two_remisser_carry_its_report_number(session, db, app, tmp_path):
    namnd = world(session)
    for title in ("Starkare kommuner (SOU 2020:8), del 1", "Starkare kommuner (SOU 2020:8), del 2"):
        make_remiss(session, namnd=namnd, title=title, remittent="Finansdepartementet", deadline_on=date(2020, 6, 26))
    session.commit()
    with db.transaction() as s:
        message, _ = inbox.receive(s, now=datetime(2020, 6, 16, 7, 45, tzinfo=timezone.utc),
                                    raw=mail(SUBJECT, BODY, "<skr-kommunutredningen-two@skr.se>"),
                                    files_dir=str(tmp_path), limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert message.extension_to == date(2020, 9, 30)
        assert message.match_remiss_id is None
