"""walk25 Y3: the yttrande mail's subject and file names said "Kommunstyrelsen" with no kommun, though
Regeringskansliet asks for the remissinstans's name; the utgående missiv mail was signed "Kommunstyrelsen" alone."""
from __future__ import annotations

from datetime import date

from remiss.drafting.mailing import attachment_name, subject_of
from remiss.namnd.models import Namnd, name_with_organisation
from remiss.outgoing.mails import missiv_mail
from remiss.remisser.models import Remiss, SandlistaEntry

KS = Namnd(name="Kommunstyrelsen", organisation="Malmö stad", forvaltning="Stadskontoret", email="ks@malmo.se")


def test_the_name_carries_the_organisation_unless_it_says_it_already():
    assert name_with_organisation(KS) == "Kommunstyrelsen, Malmö stad"
    assert name_with_organisation(Namnd(name="Malmö stads revisorer", organisation="Malmö stad")) == \
        "Malmö stads revisorer"
    assert name_with_organisation(Namnd(name="Kommunstyrelsen")) == "Kommunstyrelsen"
    assert name_with_organisation(Namnd(name="Regionstyrelsen", organisation="Region Skåne")) == \
        "Regionstyrelsen, Region Skåne"  # "Region" alone is no reason to leave Skåne out


def test_the_yttrande_mail_names_the_kommun_in_subject_and_files():
    remiss = Remiss(id=6, title="Remiss av promemorian Förslag om nya energipolitiska mål", sender_dnr="KN2026/04578",
                    our_dnr="KS 2026/0001")
    # old code: "KN2026/04578 Kommunstyrelsen – Yttrande över …", "Kommunstyrelsen – yttrande KN2026-04578.docx"
    assert subject_of(remiss, KS).startswith("KN2026/04578 Kommunstyrelsen, Malmö stad – Yttrande över remiss av ")
    assert attachment_name(remiss, KS, "docx") == "Kommunstyrelsen, Malmö stad – yttrande KN2026-04578.docx"
    assert attachment_name(remiss, KS, "pdf", 1) == \
        "Kommunstyrelsen, Malmö stad – rättelse av yttrande KN2026-04578.pdf"


def test_the_missiv_mail_is_signed_with_forvaltning_and_organisation():
    remiss = Remiss(title="Förslag till cykelplan", our_dnr="KS 2026/0002", effective_deadline_on=date(2027, 3, 1),
                    answer_email="ks@malmo.se", contact_person="Jesper Lindkvist", contact_email="jl@malmo.se")
    text = missiv_mail(remiss=remiss, namnd=KS, entry=SandlistaEntry(name="Trafikverket", email="tv@trafikverket.se"),
                       attachments=[], base_url="")["text"]
    # old code: the mail ended "Kommunstyrelsen\nKontaktperson: …"
    assert "Kommunstyrelsen\nStadskontoret\nMalmö stad\nKontaktperson: Jesper Lindkvist, jl@malmo.se" in text, text
