"""walk25 Y10, Y11: /remisser/N/yttrande offered an editable form with "Spara ny version" after expediering and
refused only on save; on an utgående remiss it talked about starting a yttrande."""
from __future__ import annotations

import re

from remiss.remisser.models import Remiss
from tests.drafting.test_expediering_mail import expediera
from tests.support.pages import visible_text


def test_an_expedited_yttrande_is_shown_read_only_with_the_way_to_a_rattelse(decided, auth, client):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    response = client.get(f"/remisser/{rid}/yttrande")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    # old code: the form with its textareas open and "Spara ny version", refused only on save
    assert "Spara ny version" not in page and 'action="/remisser/%d/yttrande"' % rid not in page
    assert "<textarea" not in page and "<fieldset disabled" not in page  # as text since walk25b Z14
    shown = visible_text(page)
    assert re.search(r"Yttrandet är expedierat \(version \d+\) och ändras inte längre", shown), shown[:1500]
    assert "Skicka rättelse på remissens sida" in shown and "Börja rättelsen" in shown
    assert f'href="/remisser/{rid}#rattelse"' in page
    assert 'id="rattelse"' in client.get(f"/remisser/{rid}").get_data(as_text=True)  # the link's target is there


def test_an_utgaende_remiss_has_no_yttrande_to_write(world, session, auth, client):
    remiss = session.get(Remiss, world["remiss"].id)
    remiss.direction = "utgaende"
    session.add(remiss)
    session.commit()
    auth.login(world["registrator"].email)
    response = client.get(f"/remisser/{remiss.id}/yttrande")
    shown = visible_text(response.get_data(as_text=True))
    # old code: 200, "Remissen har ingen handläggare ännu. … innan yttrandet påbörjas"
    assert response.status_code == 404
    assert "En utgående remiss har inget yttrande" in shown and "påbörjas" not in shown, shown[:1500]
    assert f'href="/remisser/{remiss.id}#utskick"' in response.get_data(as_text=True)


def test_an_expedited_rattelse_is_named_in_the_definite_form(decided, auth, client, runner, clock):
    from tests.drafting.test_expediering_mail import approve_and_decide_rattelse, rattelse_in_granskning

    rid = decided()
    rattelse_in_granskning(auth, runner, clock, rid, "Rättad sammanfattning.")
    approve_and_decide_rattelse(auth, rid)
    assert expediera(auth, rid).status_code == 302
    shown = visible_text(client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True))
    assert re.search(r"Rättelsen är expedierad \(version \d+\) och ändras inte längre", shown), shown[:1500]
    assert "Rättad sammanfattning." in shown and "Spara ny version" not in shown
