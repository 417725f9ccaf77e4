"""A pasted extension notice for a registered remiss is recorded on it in one click, not registered again."""
import re
from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.intake.models import IntakeBatch
from remiss.planning.models import Extension
from remiss.remisser.models import Attachment, Remiss
from tests.intake.test_paste_seed000 import paste, world
from tests.support.factories import make_remiss
from tests.unit.test_missiv_email_layouts import LONE_SUBJECT

NOTICE = """Remiss av promemorian Skärpta straff för vapenbrott

Justitiedepartementet har förlängt remisstiden. Remissvaren ska i stället ha kommit in till Justitiedepartementet \
senast den 30 april 2024. Ange diarienummer Ju2023/04567 i ämnesraden.

Med vänlig hälsning
Per Ek
Justitiedepartementet
"""


def test_pasted_notice_offers_the_extension_and_records_it_in_one_click(client, auth, session, db, clock):
    clock.set(datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc))
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Remiss av promemorian Skärpta straff för vapenbrott",
                             remittent="Justitiedepartementet", sender_dnr="Ju2023/04567",
                             deadline_on=date(2024, 3, 29))
    session.commit()
    auth.login("sekr@malmo.se")
    response = paste(auth, NOTICE)
    assert response.status_code == 302
    form_url = response.headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert "Brevet förlänger svarstiden för en registrerad remiss" in page
    assert f"Registrera förlängningen på {registered.our_dnr}" in page
    assert "allmän förlängning av remisstiden till 30 april 2024" in page
    token = form_url.split("=", 1)[1]

    response = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": registered.id, "extend": "1"},
                         form_url=form_url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/remisser/{registered.id}")
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1  # nothing registered twice
        extension = s.exec(select(Extension).where(Extension.remiss_id == registered.id)).one()
        assert extension.is_general and extension.granted_until_on == date(2024, 4, 30)
        assert "förlängt remisstiden" in extension.evidence_text
        names = [a.filename for a in s.exec(select(Attachment).where(Attachment.remiss_id == registered.id))]
        assert names == ["Förlängning 2024-03-01.txt"]  # not a second "Missiv.txt" (walk8 finding 7)
        assert s.exec(select(IntakeBatch)).all() == []
    shown = client.get(f"/remisser/{registered.id}").get_data(as_text=True)
    assert "30 april 2024" in shown


def test_a_notice_for_a_remiss_the_user_may_not_change_offers_nothing(client, auth, session, db, clock):
    from tests.support.factories import make_namnd

    clock.set(datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc))
    world(session)
    other = make_namnd(session, name="Annan nämnd", dnr_prefix="AN")
    theirs = make_remiss(session, namnd=other, title="Remiss av promemorian Skärpta straff för vapenbrott",
                         sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29))
    session.commit()
    auth.login("sekr@malmo.se")
    page = client.get(paste(auth, NOTICE).headers["Location"]).get_data(as_text=True)
    assert f"Registrera förlängningen på {theirs.our_dnr}" not in page and theirs.our_dnr not in page
    # what the page offers instead: name a remiss of one's own by our diarienummer
    assert "ingen registrerad remiss stämmer" in page


LONE_SUBJECT_NOTICE = LONE_SUBJECT  # the user's text, read by the parser in tests/unit/test_missiv_email_layouts.py


def test_a_pasted_mail_opening_with_its_subject_matches_the_remiss_by_the_kommuns_dnr(client, auth, session, clock):
    """A user's try: only the "Ämne:" line above the text, the kommun's number after the dash (h-mail)."""
    clock.set(datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc))
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Remiss av ny renhållningsordning",
                             remittent="Lidingö stad", sender_dnr="KS-IOF-2010-00015", deadline_on=date(2026, 4, 1))
    session.commit()
    auth.login("sekr@malmo.se")
    page = client.get(paste(auth, LONE_SUBJECT_NOTICE).headers["Location"]).get_data(as_text=True)
    assert "Brevet förlänger svarstiden för en registrerad remiss" in page
    assert f"Registrera förlängningen på {registered.our_dnr}" in page
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', page).group()
    assert "Ämne" not in title_input  # the header line is no title
    assert "KS-IOF-2010-00015" in page
