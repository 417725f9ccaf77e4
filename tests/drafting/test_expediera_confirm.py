"""Expediera asks before the yttrande is mailed to the remittent, naming where it goes."""
from __future__ import annotations

from remiss.drafting.mailing import expediera_confirmation
from remiss.remisser.models import Remiss
from tests.outgoing.test_outgoing_words import _confirm


def test_expediera_names_the_remittent_and_the_copies(decided, auth):
    rid = decided(copy_emails="registrator@kultur.malmo.se; arkiv@malmo.se")
    question = _confirm(auth.client.get(f"/remisser/{rid}").get_data(as_text=True), "/yttrande/expediera")
    assert question == ("Expediera yttrandet? Det läggs i utkorgen och e-postas inom några minuter till "
                        "kulturkansli@malmo.se med kopia till registrator@kultur.malmo.se, arkiv@malmo.se. Det går "
                        "inte att ångra. Yttrandet undertecknas av Andreas Konstantinides (ordförande) och "
                        "Britt-Marie Pettersson (stadsområdesdirektör).")  # the names it prints (walk20 H9)


def test_without_an_answer_address_it_says_nothing_is_mailed():
    remiss = Remiss(title="x", answer_email="", copy_emails="")
    assert "saknar svarsadress, så inget e-postas" in expediera_confirmation(remiss)
    assert expediera_confirmation(Remiss(title="x", answer_email="a@x.se"), rattelse=1).startswith(
        "Expediera rättelsen? Det läggs i utkorgen och e-postas inom några minuter till a@x.se.")
