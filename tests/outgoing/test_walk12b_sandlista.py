"""walk12b finding 8: one instans typed twice, told apart only by case, became two entries on the sändlista and
got two missiv mails. Typed names are compared as the register compares them, Å/Ä/Ö folded too."""
from __future__ import annotations

from datetime import datetime, timezone
from html import unescape

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.outgoing.service import sending
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_user

TODAY = datetime(2026, 12, 4, 23, 40, tzinfo=timezone.utc)  # Saturday 5 December 2026, 00.40 in Stockholm


def _login(session, clock, auth):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    return namnd.id


def test_an_instans_typed_twice_in_another_case_is_one_entry_and_gets_one_missiv(app, session, client, auth, clock):
    namnd_id = _login(session, clock, auth)
    form = {"title": "Trafikplan 2027", "namnd_id": str(namnd_id), "deadline_on": "2026-12-18",
            "deadline_time": "12.00",
            "new_instanser": "Ungdomsrådet <ungdom@example.se>\nungdomsrådet <ungdom@example.se>\n"
                             "ÖSTERS  RÅD\nÖsters råd; oster@example.se"}
    done = auth.post("/remisser/ny-utgaende", form, follow_redirects=True)
    said = " ".join(unescape(done.get_data(as_text=True)).split())
    assert done.status_code == 200, said
    assert ("Ungdomsrådet och ÖSTERS RÅD stod flera gånger bland de inskrivna instanserna och finns en gång på "
            "sändlistan.") in said
    session.expire_all()
    remiss = session.exec(select(Remiss).where(Remiss.title == "Trafikplan 2027")).one()
    # Old code: Ungdomsrådet, ungdomsrådet, ÖSTERS RÅD, Östers råd.
    assert [(e.name, e.email) for e in remisser.entries(session, remiss.id)] == [
        ("Ungdomsrådet", "ungdom@example.se"), ("ÖSTERS RÅD", "oster@example.se")]
    with app.app_context():
        sending.send(session, now=TODAY, principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    missiv = session.exec(select(OutboxMessage.recipient_email).where(OutboxMessage.kind == sending.MISSIV_KIND)).all()
    assert sorted(missiv) == ["oster@example.se", "ungdom@example.se"]


def test_one_name_with_two_addresses_is_asked_about_and_the_text_kept(session, client, auth, clock):
    namnd_id = _login(session, clock, auth)
    typed = "Ungdomsrådet <ungdom@example.se>\nungdomsrådet <unga@example.se>"
    refused = auth.post("/remisser/ny-utgaende", {"title": "Trafikplan 2027", "namnd_id": str(namnd_id),
                                                  "deadline_on": "2026-12-18", "new_instanser": typed})
    said = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert ("Ungdomsrådet står flera gånger med olika e-postadresser (ungdom@example.se och unga@example.se). "
            "Skriv instansen en gång, med den adress som gäller.") in said
    assert "ungdomsrådet &lt;unga@example.se&gt;</textarea>" in refused.get_data(as_text=True)
    session.expire_all()
    assert session.exec(select(Remiss).where(Remiss.title == "Trafikplan 2027")).first() is None
