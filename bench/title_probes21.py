"""Round 21 probes of the missiv title (h-title21): more standard phrasings of Swedish public letters, written for this
bench (no annotated set is read), in four families:

- headings: the public law's invitations ("Tillfälle att yttra sig över X", "Anmodan att …", "Förfrågan om yttrande
  över X"), "Remiss från <avsändare>: X", "Remiss för yttrande: X", headings in capitals, "Samråd enligt 6 kap.
  miljöbalken om X", subjects with the answer day after the name;
- pages and notices: a page's status or version after the name ("…, remissversion", "… – samråd pågår till …"),
  extension notices' heads ("Ändrat datum för remissvar – X"), references in front ("(KS 2027/123) – X");
- prose: a covering letter with no heading, the matter named in one standard sentence ("Kommunstyrelsen har
  beslutat att skicka X på remiss.", "Remissen avser X.", "Yttrande önskas över X.");
- notices: an extension notice's sentence with its verb before the time it moves ("… att förlänga remisstiden för X
  till den 15 juni 2027.").

A probe is right as bench/title_probes.py counts it (a lead "Förslag till" optional). Left failing on purpose: "Ämne:"
in a letter that is no e-mail and markdown "##" headings (the development sets' "##" lines are sections:
"## Remissinstanser", "## Bakgrund"), "Information om remiss av X", "Nu är X klart för samråd", "finns X utställt för
granskning".

Run: `PYTHONPATH=. .venv/bin/python bench/title_probes21.py [-v]`. cand 6b88e763 → h-title21: see
bench/results-missiv.md, "Round 21, h-title21".
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.title_probes import BODY1, BODY2, BODY3, HEAD1, M1, M2, M3, PAGE3, MB1, Ml3, score  # noqa: E402

Mb2 = "översiktsplan för Ale kommun 2040"
D = "Detaljplan för Nödinge 1:2 i Ale kommun"


SEE_ATTACHED = "Hej,\nSe bifogat."


def mail(subj: str, body: str = "Hej,\nSe bifogad remiss.") -> str:
    return (f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: {subj}"
            f"\n\n{body}" + BODY2)


def page(heading: str) -> str:
    return PAGE3 + heading + BODY3


HEADINGS = {
 "tillfälle att yttra sig över": (HEAD1 + f"Tillfälle att yttra sig över {MB1}" + BODY1, M1),
 "tillfälle att lämna synpunkter": (HEAD1 + f"Tillfälle att lämna synpunkter på {MB1}" + BODY1, M1),
 "förfrågan om yttrande": (HEAD1 + f"Förfrågan om yttrande över {MB1}" + BODY1, M1),
 "förfrågan om synpunkter": (HEAD1 + f"Förfrågan om synpunkter på {MB1}" + BODY1, M1),
 "anmodan att yttra sig": (HEAD1 + f"Anmodan att yttra sig över {MB1}" + BODY1, M1),
 "inbjudan att yttra sig": (HEAD1 + f"Inbjudan att yttra sig över {MB1}" + BODY1, M1),
 "remiss från dep colon": (HEAD1 + f"Remiss från Infrastrukturdepartementet: {M1}" + BODY1, M1),
 "remissinbjudan": (HEAD1 + f"Remissinbjudan: {M1}" + BODY1, M1),
 "remiss – yttrande över": (HEAD1 + f"Remiss – yttrande över {MB1}" + BODY1, M1),
 "remiss – möjlighet att": (HEAD1 + f"Remiss – möjlighet att lämna synpunkter på {MB1}" + BODY1, M1),
 "caps remiss av": (HEAD1 + f"REMISS AV {MB1.upper()}" + BODY1, M1),
 "caps name": (HEAD1 + f"{M1.upper()}" + BODY1, M1),
 "caps remiss dash": (HEAD1 + f"REMISS – {M1.upper()}" + BODY1, M1),
 "caps samråd om": (f"Ale kommun\n\nSAMRÅD OM {Mb2.upper()}" + BODY2, M2),
 "remiss line then caps": (HEAD1 + f"Remiss\n{M1.upper()}" + BODY1, M1),
 "ämne in letter": (HEAD1 + f"Ämne: {M1}" + BODY1, M1),
 "md heading ##": (HEAD1 + f"## {M1}" + BODY1, M1),
 "md heading remiss": (HEAD1 + f"## Remiss av {MB1}" + BODY1, M1),
 "md ### heading": (HEAD1 + f"### {M1}" + BODY1, M1),
 "underrättelse samråd detaljplan": ("Ale kommun\n2027-02-01\n\nUnderrättelse om samråd\nDetaljplan för Nödinge 1:2 i Ale kommun" + BODY2, "Detaljplan för Nödinge 1:2 i Ale kommun"),
 "underrättelse om granskning av": ("Ale kommun\n2027-02-01\n\nUnderrättelse om granskning av detaljplan för Nödinge 1:2" + BODY2, "Detaljplan för Nödinge 1:2"),
 "samrådsremiss": ("Ale kommun\n2027-02-01\n\nSamrådsremiss – " + M2 + BODY2, M2),
 "kungörelse dash": ("Ale kommun\n2027-02-01\n\nKungörelse – samråd om " + Mb2 + BODY2, M2),
 "samråd enligt miljöbalken": ("Länsstyrelsen i Västra Götalands län\n2027-02-01\n\nSamråd enligt 6 kap. miljöbalken om " + Mb2 + BODY2, M2),
 "remiss för kännedom": ("Ale kommun\n\nRemiss för yttrande: " + M2 + BODY2, M2),
 "information om remiss": ("Ale kommun\n\nInformation om remiss av " + Mb2 + BODY2, M2),
 "meddelande remisstid": ("Ale kommun\n\nRemiss av " + Mb2 + "\nSvarstid: 15 maj 2027" + BODY2, M2),
 "dnr then heading same line": ("Ale kommun\n2027-02-01\n\nDnr KS 2027/123 Remiss av " + Mb2 + BODY2, M2),
 "heading then date same line": ("Ale kommun\n\nRemiss av " + Mb2 + " 2027-02-01" + BODY2, M2),
 "vår beteckning inline": ("Ale kommun\nDatum 2027-02-01 Vår beteckning KS 2027/123\n\nRemiss av " + Mb2 + BODY2, M2),
 "bold name": ("Ale kommun\n2027-02-01\n\n**" + M2 + "**" + BODY2, M2),
 "remiss sv subject": (mail(f"SV: VB: Remiss {M2}", SEE_ATTACHED), M2),
 "subject for yttrande": (mail(f"För yttrande: {M2}", SEE_ATTACHED), M2),
 "subject remiss från": (mail(f"Remiss från Ale kommun - {M2}", SEE_ATTACHED), M2),
 "subject tillfälle": (mail(f"Tillfälle att yttra sig över {Mb2}", SEE_ATTACHED), M2),
 "subject remiss caps": (mail(f"REMISS: {M2}", SEE_ATTACHED), M2),
 "subject with [extern]": (mail(f"[EXTERN] Remiss - {M2}", SEE_ATTACHED), M2),
 "subject with extern mail": (mail(f"EXTERN: Remiss av {Mb2}", SEE_ATTACHED), M2),
 "subject deadline tail": (mail(f"Remiss {M2}, svar senast 2027-05-15", SEE_ATTACHED), M2),
 "subject sista svarsdag paren": (mail(f"Remiss: {M2} (sista svarsdag 15 maj)", SEE_ATTACHED), M2),
 "page remiss label then heading": (page("Remiss\n" + M3), M3),
 "page heading then Remiss label": (page(M3 + "\nRemiss\n"), M3),
 "page status line": (page(M3 + "\nStatus: Pågående\nSista svarsdag: 15 maj 2027"), M3),
 "page samråd om caps": (page("SAMRÅD OM " + Ml3.upper()), M3),
 "page granskning": (page("Granskning: " + M3), M3),
 "page heading with ort prefix": (page("Remiss: " + M3 + " – Ale kommun"), M3),
}
PAGES_AND_NOTICES = {
 "page X – samråd": (page(f"{M3} – samråd"), M3),
 "page X - nu på remiss": (page(f"{M3} - nu på remiss"), M3),
 "page samrådsförslag colon": (page(f"Samrådsförslag: {M3}"), M3),
 "page remissförslag": (page(f"Remissförslag – {M3}"), M3),
 "page X, remissversion": (page(f"{M3}, remissversion"), M3),
 "page X (remissversion)": (page(f"{M3} (remissversion)"), M3),
 "page X – remissversion": (page(f"{M3} – remissversion"), M3),
 "page utkast": (page(f"Utkast till {Ml3}"), "Utkast till " + Ml3),
 "page tyck till senast": (page(f"{M3} – tyck till senast 15 maj"), M3),
 "page tyck till om förslaget": (page(f"Tyck till om förslaget till {Ml3}"), M3),
 "page förslag till X - lämna synpunkter": (page(f"Förslag till {Ml3} - lämna dina synpunkter"), M3),
 "page X – remisstid 1 mars–15 maj": (page(f"{M3} – remisstid 1 mars–15 maj 2027"), M3),
 "page detaljplan samråd": (page(f"Samråd: {D}"), D),
 "page detaljplan granskning tail": (page(f"{D} – granskning"), D),
 "page detaljplan status": (page(f"{D} (granskning)"), D),
 "page samråd pågår till": (page(f"{M3} – samråd pågår till 15 maj"), M3),
 "page nu är samråd": (page(f"Nu är det samråd om {Ml3}"), M3),
 "page X ute på samråd till": (page(f"{M3} ute på samråd till 15 maj"), M3),
 "lst kungörelse inför bildande": ("Länsstyrelsen Skåne\n2027-02-01\n\nKungörelse om samråd inför bildande av naturreservatet Stora Mossen" + BODY2, "Bildande av naturreservatet Stora Mossen"),
 "lst samråd om förslag vattenskydd": ("Länsstyrelsen Skåne\n2027-02-01\n\nSamråd om förslag till vattenskyddsområde för Ljungby vattentäkt" + BODY2, "Förslag till vattenskyddsområde för Ljungby vattentäkt"),
 "myn remiss förslag ändring": ("Naturvårdsverket\n2027-02-01\nNV-01234-27\n\nRemiss – förslag till ändring i Naturvårdsverkets föreskrifter (NFS 2020:1) om avfall" + BODY2, "Förslag till ändring i Naturvårdsverkets föreskrifter (NFS 2020:1) om avfall"),
 "myn remiss dnr comma": ("Naturvårdsverket\n2027-02-01\n\nRemiss: Förslag till nya föreskrifter om avfall, dnr NV-01234-27" + BODY2, "Förslag till nya föreskrifter om avfall"),
 "myn remiss ärendenr": ("Naturvårdsverket\n2027-02-01\n\nRemiss av förslag till nya föreskrifter om avfall (ärendenummer NV-01234-27)" + BODY2, "Förslag till nya föreskrifter om avfall"),
 "ext förlängd svarstid för remissen": ("Ale kommun\n\nFörlängd svarstid för remissen om " + Mb2 + BODY2, M2),
 "ext information om förlängd": ("Ale kommun\n\nInformation om förlängd remisstid – " + M2 + BODY2, M2),
 "ext ny svarsdag för remiss av": ("Ale kommun\n\nNy svarsdag för remiss av " + Mb2 + BODY2, M2),
 "ext ändrat datum": ("Ale kommun\n\nÄndrat datum för remissvar – " + M2 + BODY2, M2),
 "ext uppskjuten": ("Ale kommun\n\nUppskjuten svarsdag: " + M2 + BODY2, M2),
 "subj sista svarsdag tail": (mail(f"Remiss {M2} – sista svarsdag 2027-05-15"), M2),
 "subj svar senast tail": (mail(f"Remiss: {M2} - svar senast 15 maj 2027"), M2),
 "subj Fw:": (mail(f"Fw: Remiss av {Mb2}"), M2),
 "subj VS:": (mail(f"VS: Remiss av {Mb2}"), M2),
 "subj WG:": (mail(f"WG: Remiss av {Mb2}"), M2),
 "subj remissvar önskas": (mail(f"{M2} - remissvar önskas senast 15 maj"), M2),
 "subj remiss med dnr mid": (mail(f"Remiss (KS 2027/123) – {M2}"), M2),
 "subj ärende nr": (mail(f"Ärende KS 2027/123: {M2}"), M2),
 "subj remiss ds": (mail("Remiss av Ds 2027:3 Nya regler för avfall"), "Ds 2027:3 Nya regler för avfall"),
 "subj inbjudan remiss": (mail(f"Inbjudan att besvara remiss om {Mb2}"), M2),
 "subj remiss angående dash": (mail(f"Remiss angående {Mb2} - för yttrande senast 15 maj"), M2),
 "subj remiss; dnr": (mail(f"Remiss; {M2}; KS 2027/123"), M2),
 "letter remiss x, sista svarsdag": ("Ale kommun\n\nRemiss av " + Mb2 + ", sista svarsdag 15 maj 2027" + BODY2, M2),
 "letter heading then (dnr)": ("Ale kommun\n\nRemiss " + M2 + " (dnr KS 2027/123)" + BODY2, M2),
 "letter datum line heading": ("Ale kommun\nDatum: 2027-02-01\nDiarienummer: KS 2027/123\n\n" + M2 + BODY2, M2),
 "letter heading remissutskick av": ("Ale kommun\n\nRemissutskick av " + Mb2 + BODY2, M2),
 "letter begäran om remissyttrande": ("Ale kommun\n\nBegäran om remissyttrande över " + Mb2 + BODY2, M2),
 "letter remissyttrande önskas": ("Ale kommun\n\nRemissyttrande önskas över " + Mb2 + BODY2, M2),
 "letter synpunkter önskas": ("Ale kommun\n\nSynpunkter önskas på " + Mb2 + BODY2, M2),
 "letter yttrande önskas om": ("Ale kommun\n\nYttrande önskas om " + Mb2 + BODY2, M2),
 "letter remiss – X – svar senast": ("Ale kommun\n\nRemiss – " + M2 + " – svar senast 15 maj" + BODY2, M2),
}
PROSE_HEAD = "Ale kommun\nKommunstyrelsen\n2027-02-01\nDnr KS 2027/123\n\nRemissinstanser enligt sändlista\n\n"
PROSE_TAIL = ("\n\nSynpunkter ska ha kommit in senast den 15 maj 2027 till kommunstyrelsen@ale.se. Ange diarienummer KS "
              "2027/123.\n\nMed vänlig hälsning\n\nAnna Berg\nPlanarkitekt\n")
NOTICE_HEAD = "Ale kommun\nKommunstyrelsen\n2027-03-01\nDnr KS 2027/123\n\nRemissinstanser enligt sändlista\n\n"
NOTICE_TAIL = "\n\nMed vänlig hälsning\n\nAnna Berg\nPlanarkitekt\n"
N = "förslag till översiktsplan för Ale kommun 2040"
W = "Förslag till översiktsplan för Ale kommun 2040"
PROSE = [
 f"Kommunstyrelsen har beslutat att skicka {N} på remiss.",
 f"Ni ges härmed möjlighet att yttra er över {N}.",
 f"Ale kommun bereder er tillfälle att lämna synpunkter på {N}.",
 f"Ni bereds härmed tillfälle att yttra er över {N}.",
 f"Ale kommun vill ha era synpunkter på förslaget till översiktsplan för Ale kommun 2040.",
 f"Ni är välkomna att lämna synpunkter på {N}.",
 f"Remissen avser {N}.",
 f"Ärendet gäller {N}.",
 f"Samrådet gäller {N}.",
 f"Ale kommun remitterar härmed {N}.",
 f"Vi skickar härmed ut {N} på remiss.",
 f"Förslaget till översiktsplan för Ale kommun 2040 skickas nu ut på remiss.",
 f"Bifogat översänds remiss av {N}.",
 f"Ni inbjuds att lämna synpunkter på {N}.",
 f"Vi önskar era synpunkter på {N} senast den 15 maj 2027.",
 f"Kommunfullmäktige beslutade den 1 februari 2027 att ställa ut {N} för granskning.",
 f"Kommunstyrelsen beslutade den 1 februari 2027 att sända {N} på samråd.",
 f"Härmed remitteras {N}.",
 f"Ale kommun översänder härmed {N} för yttrande.",
 f"Ale kommun har tagit fram {N}. Vi vill nu ha era synpunkter.",
 f"Ni har getts möjlighet att lämna synpunkter på {N}.",
 f"Vi ber om era synpunkter på {N}.",
 f"Kommunen önskar yttrande över {N}.",
 f"Yttrande önskas över {N}.",
 f"Ale kommun har påbörjat arbetet med en ny översiktsplan. Nu är {N} klart för samråd.",
 f"Under perioden 1 mars – 15 maj 2027 finns {N} utställt för granskning.",
 f"Ale kommun ger er härmed tillfälle att yttra er över {N}.",
 f"Kommunstyrelsen har gett samhällsbyggnadsförvaltningen i uppdrag att remittera {N}.",
]
NOTICES = [
 f"Förlängd svarstid för remiss av {N}\n\nSvarstiden förlängs till den 15 juni 2027.",
 f"Svarstiden för remissen av {N} förlängs till den 15 juni 2027.",
 f"Vi har beslutat att förlänga remisstiden för {N} till den 15 juni 2027.",
 f"Kommunstyrelsen har beslutat att förlänga svarstiden för remissen om {N} till den 15 juni 2027.",
 f"Remisstiden för {N} förlängs till den 15 juni 2027.",
 f"Information om ändrad svarstid för remissen {N}\n\nNy svarsdag är den 15 juni 2027.",
 f"Med anledning av många förfrågningar förlängs svarstiden för remissen om {N} till den 15 juni 2027.",
 f"Ny sista svarsdag för remiss av {N}\n\nNy sista svarsdag är 15 juni 2027.",
 f"Sista dag för att lämna synpunkter på {N} flyttas fram till den 15 juni 2027.",
 f"Samrådstiden för {N} förlängs till och med den 15 juni 2027.",
 f"Svarstiden för {N} har förlängts till den 15 juni 2027.",
]


def main() -> None:
    verbose = "-v" in sys.argv
    families = (("headings", {k: v for k, v in HEADINGS.items()}),
                ("pages and notices", PAGES_AND_NOTICES),
                ("prose", {s[:50]: (PROSE_HEAD + s + PROSE_TAIL, W) for s in PROSE}),
                ("notices", {s[:50]: (NOTICE_HEAD + s + NOTICE_TAIL, W) for s in NOTICES}))
    for label, probes in families:
        score(label, probes, verbose=verbose, width=20)


if __name__ == "__main__":
    main()
