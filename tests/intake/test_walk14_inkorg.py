"""walk14 findings 6, 7 and 10: what the Inkorg page and list say beside a mail – no missiv-field warnings on an
instans's answer to our utgående remiss, the extension advice once, and "via …" only for a forwarded mail."""
from __future__ import annotations

from datetime import date, datetime, timezone
from html import unescape

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.intake.reading import ReadLimits
from remiss.intake.service import inbox
from remiss.missiv.parser import parse_missiv
from tests.intake.test_inbox import mail
from tests.intake.test_outgoing_reply import _receive, _reply, _sent_remiss
from tests.intake.test_paste_seed000 import world
from tests.intake.test_walk8_extension import BODY, SUBJECT
from tests.support.factories import make_remiss, make_user


def test_an_answer_to_our_remiss_shows_no_missiv_field_warnings(session, db, app, auth, clock):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    dnr, email = remiss.our_dnr, user.email
    session.commit()
    message_id = _receive(db, app, _reply(f"Sv: Remiss: trafikplan ({dnr})"))
    # the parser read the answer as a missiv: it found no remittent and no svarsfrist
    assert "Ingen svarsfrist hittades i missivet." in parse_missiv(
        "Hej,\n\nMiljönämnden tillstyrker förslaget men vill se mer cykelinfrastruktur.\n").warnings
    auth.login(email)
    page = unescape(auth.client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    assert f"Svar från Miljönämnden på {dnr}" in page
    assert "Ingen remittent hittades" not in page
    assert "Ingen svarsfrist hittades" not in page


def test_the_extension_card_and_the_warning_do_not_say_the_same_thing(client, auth, session, db, app):
    namnd = world(session)
    make_remiss(session, namnd=namnd, title="Promemorian Skattelättnader för arbetskraft",
                remittent="Finansdepartementet", sender_dnr="Fi2026/01234", deadline_on=date(2027, 4, 15))
    session.commit()
    with db.transaction() as s:
        message, _ = inbox.receive(s, now=datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc),
                                   raw=mail(SUBJECT, BODY, "<fi-2026-01234-twice@regeringen.se>"),
                                   files_dir=app.config["FILES_DIR"], limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert message.match_remiss_id is not None
        message_id = message.id
    auth.login("sekr@malmo.se")
    page = unescape(client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    assert "Registrera förlängningen på" in page
    assert "Brevet förlänger svarstiden (till 15 maj 2027" in page
    assert "förlängas i stället för att registreras igen" not in page


LST = """Länsstyrelsen Skåne
Datum 2026-12-02
Diarienummer 500-12345-2026

Remiss: Regional vattenförsörjningsplan för Skåne län

Länsstyrelsen Skåne har tagit fram ett förslag till regional vattenförsörjningsplan och ger härmed tillfälle att \
lämna synpunkter.

Svar ska ha kommit in till Länsstyrelsen senast den 29 januari 2027. Ange diarienummer 500-12345-2026 i svaret.
Svaren skickas med e-post till skane@lansstyrelsen.se.

Kontaktperson: Karin Ek, vattenstrateg, 010-224 10 00, karin.ek@lansstyrelsen.se
"""


def test_via_names_only_the_one_who_forwarded_a_mail(client, auth, app, db, session, clock):
    """Finding 10: the remittent's own officer sending the remiss is no forward: no "via Karin Ek" under the
    remittent; a colleague's forward still shows who forwarded it."""
    from tests.intake.test_walk12_view import HAV, POLLED, mail as sent_mail, receive

    clock.set(POLLED)
    world(session)
    receive(db, app, sent_mail("Remiss: Regional vattenförsörjningsplan för Skåne län (500-12345-2026)", LST,
                               "<lst@w14>", sender="Karin Ek <karin.ek@lansstyrelsen.se>"))
    receive(db, app, sent_mail("Fwd: Remiss Havsplaner", HAV, "<hav@w14>"))
    auth.login("sekr@malmo.se")
    page = unescape(client.get("/inkorg").get_data(as_text=True))
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")
    lst = next(r for r in rows if "vattenförsörjningsplan" in r).split("</td>")[1]
    hav = next(r for r in rows if "Havsplaner" in r).split("</td>")[1]
    assert "Länsstyrelsen" in lst and "via" not in lst
    assert "Havs- och vattenmyndigheten" in hav and "via Rita Registrator" in hav


def test_the_contacts_own_address_is_shown_among_what_follows_in(client, auth, app, db, session, clock):
    """Finding 8: "Kontaktperson: Karin Ek, …, karin.ek@lansstyrelsen.se" – the address follows into the remiss but
    the Inkorg page did not show it."""
    from tests.intake.test_walk12_view import POLLED, mail as sent_mail, receive

    clock.set(POLLED)
    world(session)
    message_id = receive(db, app, sent_mail("Remiss: Regional vattenförsörjningsplan (500-12345-2026)", LST,
                                            "<lst-contact@w14>", sender="Karin Ek <karin.ek@lansstyrelsen.se>"))
    auth.login("sekr@malmo.se")
    page = unescape(client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    table = page.split("Följer med in i remissen")[1].split("</table>")[0]
    assert "Kontaktpersonens e-post" in table and "karin.ek@lansstyrelsen.se" in table
