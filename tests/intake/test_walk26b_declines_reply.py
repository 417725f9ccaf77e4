"""walk26b X15: an e-mailed "… avstår från att lämna synpunkter" was proposed and registered as an ordinary answer
("3 av 3 har svarat, 0 avstår"). The Inkorg now proposes *Avstår* (the box ticked with the reason; the list's
button "…: avstår"); registering it records Avstår with the mail's words as the Kommentar and the mail among the
instans's files. Conservative as for inga synpunkter: a limited or longer answer is not proposed so."""
from __future__ import annotations

from html import unescape

from remiss.remisser import attachments
from remiss.remisser import service as remisser
from tests.intake.test_walk26_no_comments_reply import _inbox_page


def test_a_mailed_avstar_is_proposed_and_registered_as_avstar(session, db, app, auth, clock):
    page, message_id, (rid, entry_id, dnr) = _inbox_page(
        session, db, app, auth, clock, "Tack för anståndet. Miljönämnden avstår från att lämna synpunkter.")
    # old code: no such box; "Registrera som svar från Miljönämnden" registered it as Svarat
    assert ('<input type="checkbox" id="reply-declines" name="declines" value="1" checked '
            'aria-describedby="reply-declines-why">') in page, page[:5000]
    assert ("Förslag: meddelandet säger bara att Miljönämnden avstår från att svara, så det registreras som "
            "”Avstår” och räknas inte som ett svar. Ta bort krysset om det inte stämmer.") in page
    assert '<input type="checkbox" id="reply-no-comments" name="no_comments" value="1">' in page  # not proposed
    listed = " ".join(unescape(auth.client.get("/inkorg").get_data(as_text=True)).split())
    assert "Registrera som svar från Miljönämnden: avstår</button>" in listed, listed[:5000]

    done = auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": rid, "entry_id": entry_id, "declines": "1"},
                     form_url=f"/inkorg/{message_id}", follow_redirects=True)
    said = " ".join(unescape(done.get_data(as_text=True)).split())
    assert f"Miljönämnden avstår: det är registrerat på {dnr}" in said, said[:3000]
    with db.transaction() as s:
        miljo = remisser.entries(s, rid)[0]
        assert miljo.answer_status == "avstar", miljo.answer_status
        assert "Miljönämnden avstår från att lämna synpunkter." in miljo.summary
        assert [a.filename for a in attachments.of_remiss(s, rid) if a.sandlista_entry_id == entry_id] \
            and all(a.filename.startswith("Svar från Miljönämnden") for a in attachments.of_remiss(s, rid)
                    if a.sandlista_entry_id == entry_id)
    shown = " ".join(unescape(auth.client.get(f"/remisser/{rid}").get_data(as_text=True)).split())
    assert "1 avstår" in shown, shown[:5000]


def test_a_limited_avstar_is_not_proposed(session, db, app, auth, clock):
    page, _, _ = _inbox_page(session, db, app, auth, clock,
                             "Miljönämnden avstår från att yttra sig om avsnitt 3 men vill se fler cykelbanor.")
    assert '<input type="checkbox" id="reply-declines" name="declines" value="1">' in page
    assert "Förslag: meddelandet säger bara att Miljönämnden avstår" not in page
