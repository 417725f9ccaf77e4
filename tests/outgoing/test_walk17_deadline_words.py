"""walk17 F16: the svarstiden-ute mail says "De med e-post får en påminnelse" only when someone waiting has an
e-mail address, and names the instanser without one: they get no reminder and are reached by letter or phone."""
from __future__ import annotations

from datetime import date, datetime

from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.outgoing import mails
from remiss.outgoing.service import sending
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss


def _sent(session, app, sandlista):
    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=datetime(2026, 12, 1, 9, tzinfo=STOCKHOLM),
                         deadline_on=date(2026, 12, 18), deadline_time=None, questions=["Fråga?"], sandlista=sandlista)
    for entry in remisser.entries(session, remiss.id):
        if not entry.email:
            entry.postal_address, entry.own_address = "Box 1\n205 00 Malmö", True
            session.add(entry)
    with app.app_context():
        sending.send(session, now=datetime(2026, 12, 5, 9, tzinfo=STOCKHOLM), principal=Principal.system(),
                     remiss=remiss, files_dir=app.config["FILES_DIR"], base_url="")
    return remiss


def test_only_an_instans_by_post_is_waiting_it_is_to_be_chased_by_letter_or_phone(session, app):
    remiss = _sent(session, app, [SandlistaItem("MKB Fastighets AB", "", "")])
    text = " ".join(mails.deadline_notice(session, remiss=remiss, base_url="http://x")["text"].split())
    assert ("Inte svarat än: MKB Fastighets AB. MKB Fastighets AB har ingen e-postadress och får ingen påminnelse – "
            "hör av er per brev eller telefon.") in text
    assert "De med e-post får en påminnelse" not in text


def test_by_mail_and_by_post_both_are_said(session, app):
    remiss = _sent(session, app, [SandlistaItem("Miljönämnden", "miljo@malmo.example", ""),
                                  SandlistaItem("MKB Fastighets AB", "", "")])
    text = " ".join(mails.deadline_notice(session, remiss=remiss, base_url="http://x")["text"].split())
    assert ("Inte svarat än: Miljönämnden, MKB Fastighets AB. De med e-post får en påminnelse enligt nämndens "
            "inställning. MKB Fastighets AB har ingen e-postadress och får ingen påminnelse – hör av er per brev "
            "eller telefon.") in text
