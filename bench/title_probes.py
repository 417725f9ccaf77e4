"""Probe the missiv title with the standard phrasings of Swedish public bodies (round 20, h-title20).

Each probe is a short letter, page or forwarded e-mail written for this bench (no annotated set is read): a letterhead,
a heading or subject in one of the ordinary phrasings remittents use ("Remiss avseende X", "Begäran om yttrande över
X", "Angående X", "Inbjudan till samråd om X", "Nu kan du tycka till om X", "X (KS 2027/123)", an addressee line
above it …) and a paragraph of prose. A probe is right when the title is the matter's name (a lead "Förslag till" is
optional, as bench/missiv_eval.py scores it). The misses are printed; `-v` prints every probe.

Run: `PYTHONPATH=. .venv/bin/python bench/title_probes.py [-v]`. Before round 20 (cand 43051ee9): letters 25/51,
letterheads and subjects 24/36, web pages 14/27; after: 49/51, 36/36, 26/27 (bench/results-missiv.md, "Round 20").
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from remiss.missiv import parse_missiv  # noqa: E402


M1 = "Förslag till regional cykelstrategi för Hallands län 2027–2035"
MB1 = "förslag till regional cykelstrategi för Hallands län 2027–2035"
BODY1 = ("\n\nRegion Halland har tagit fram ett förslag. Vi vill gärna ha era synpunkter.\n\n"
        "Svar lämnas senast den 15 maj 2027 till region@regionhalland.se. Ange diarienummer RS 2027/0123.\n\n"
        "Med vänlig hälsning\nAnna Berg\nRegionstrateg\n")
HEAD1 = "Region Halland\n2027-02-01\nDnr RS 2027/0123\n\nRemissinstanser enligt sändlista\n\n"
LETTERS = {
 "remiss av": HEAD1 + f"Remiss av {MB1}" + BODY1,
 "remiss avseende": HEAD1 + f"Remiss avseende {MB1}" + BODY1,
 "remiss gällande": HEAD1 + f"Remiss gällande {MB1}" + BODY1,
 "remiss angående": HEAD1 + f"Remiss angående {MB1}" + BODY1,
 "remiss dash": HEAD1 + f"Remiss – {M1}" + BODY1,
 "remiss hyphen": HEAD1 + f"Remiss - {M1}" + BODY1,
 "remiss colon": HEAD1 + f"Remiss: {M1}" + BODY1,
 "remiss bare line": HEAD1 + f"Remiss\n\n{M1}" + BODY1,
 "remiss line then name": HEAD1 + f"REMISS\n{M1}" + BODY1,
 "samråd om": HEAD1 + f"Samråd om {MB1}" + BODY1,
 "samråd kring": HEAD1 + f"Samråd kring {MB1}" + BODY1,
 "samråd gällande": HEAD1 + f"Samråd gällande {MB1}" + BODY1,
 "förslag till heading": HEAD1 + M1 + BODY1,
 "begäran om yttrande över": HEAD1 + f"Begäran om yttrande över {MB1}" + BODY1,
 "begäran om yttrande gällande": HEAD1 + f"Begäran om yttrande gällande {MB1}" + BODY1,
 "begäran om synpunkter på": HEAD1 + f"Begäran om synpunkter på {MB1}" + BODY1,
 "inbjudan att lämna synpunkter på": HEAD1 + f"Inbjudan att lämna synpunkter på {MB1}" + BODY1,
 "inbjudan till samråd om": HEAD1 + f"Inbjudan till samråd om {MB1}" + BODY1,
 "möjlighet att yttra sig över": HEAD1 + f"Möjlighet att yttra sig över {MB1}" + BODY1,
 "yttrande över": HEAD1 + f"Yttrande över {MB1}" + BODY1,
 "angående": HEAD1 + f"Angående {MB1}" + BODY1,
 "angående colon": HEAD1 + f"Angående: {M1}" + BODY1,
 "ärende colon": HEAD1 + f"Ärende: {M1}" + BODY1,
 "ärende: remiss": HEAD1 + f"Ärende: Remiss av {MB1}" + BODY1,
 "ämne colon": HEAD1 + f"Ämne: Remiss – {M1}" + BODY1,
 "ang.": HEAD1 + f"Ang. {MB1}" + BODY1,
 "remiss dnr tail": HEAD1 + f"Remiss av {MB1}, dnr RS 2027/0123" + BODY1,
 "remiss date tail": HEAD1 + f"Remiss av {MB1} (2027-02-01)" + BODY1,
 "remiss dnr head": HEAD1 + f"Remiss RS 2027/0123 – {M1}" + BODY1,
 "remissversion": HEAD1 + f"Remissversion: {M1}" + BODY1,
 "remissförfrågan": HEAD1 + f"Remissförfrågan – {M1}" + BODY1,
 "remissutskick": HEAD1 + f"Remissutskick: {M1}" + BODY1,
 "för yttrande": HEAD1 + f"{M1} – för yttrande" + BODY1,
 "på remiss": HEAD1 + f"{M1} på remiss" + BODY1,
 "remiss bold md": HEAD1 + f"**Remiss av {MB1}**" + BODY1,
 "md heading": HEAD1 + f"## {M1}" + BODY1,
 "synpunkter på heading": HEAD1 + f"Synpunkter på {MB1}" + BODY1,
 "tyck till om": HEAD1 + f"Tyck till om {MB1}" + BODY1,
 "remiss med anledning av": HEAD1 + f"Remiss med anledning av {MB1}" + BODY1,
 "remiss rörande": HEAD1 + f"Remiss rörande {MB1}" + BODY1,
 "remiss i fråga om": HEAD1 + f"Remiss i fråga om {MB1}" + BODY1,
 "remissbrev": HEAD1 + f"Remissbrev – {M1}" + BODY1,
 "missiv": HEAD1 + f"Missiv: {M1}" + BODY1,
 "följebrev": HEAD1 + f"Följebrev till remiss av {MB1}" + BODY1,
 "email subject": f"Från: Anna Berg <anna.berg@regionhalland.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Remiss avseende {MB1}\n\nHej!\n\nSe bifogad remiss." + BODY1,
 "email subject samråd": f"Från: Anna Berg <anna.berg@regionhalland.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Samråd om {MB1}\n\nHej!\n\nSe bifogat." + BODY1,
 "email subject begäran": f"Från: Anna Berg <anna.berg@regionhalland.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Begäran om yttrande över {MB1}\n\nHej!\n\nSe bifogat." + BODY1,
 "email subject inbjudan": f"Från: Anna Berg <anna.berg@regionhalland.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Inbjudan att lämna synpunkter på {MB1}\n\nHej!\n\nSe bifogat." + BODY1,
 "email subject dash": f"From: Anna Berg <anna.berg@regionhalland.se>\nSent: 1 February 2027 10:00\nTo: Registrator\nSubject: Remiss - {M1} - dnr RS 2027/0123\n\nHej!\n\nSe bifogat." + BODY1,
 "email subject ang": f"Från: Anna Berg <anna.berg@regionhalland.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Angående {MB1}\n\nHej!\n\nSe bifogat." + BODY1,
 "email subject remissutskick": f"Från: Anna Berg <anna.berg@regionhalland.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Remissutskick: {M1}\n\nHej!\n\nSe bifogat." + BODY1,
}
want = M1

M2 = "Översiktsplan för Ale kommun 2040"
BODY2 = ("\n\nKommunstyrelsen har beslutat att skicka förslaget på remiss. Synpunkter ska ha kommit in senast "
        "den 15 maj 2027 till kommunstyrelsen@ale.se. Ange diarienummer KS 2027/123.\n\nMed vänlig hälsning\n\nAnna Berg\nPlanarkitekt\n")
LETTERHEADS = {
 "tjänsteskrivelse": f"TJÄNSTESKRIVELSE\n2027-02-01\nDnr KS 2027/123\nKommunstyrelsen\n\nRemiss – {M2}" + BODY2,
 "letterhead labels": f"Ale kommun\nKommunstyrelsen\n\nDatum\n2027-02-01\nVår beteckning\nKS 2027/123\n\nHandläggare\nAnna Berg\nTelefon 0303-123 45\n\nRemiss av {M2}" + BODY2,
 "ärende label alone": f"Ale kommun\n2027-02-01\n\nÄrende\nRemiss av {M2}" + BODY2,
 "ärende label colon next line": f"Ale kommun\n2027-02-01\n\nÄrende:\n{M2}" + BODY2,
 "till adress block": f"Ale kommun\n2027-02-01\nDnr KS 2027/123\n\nTill\nBerörda nämnder och myndigheter\n\n{M2} – remiss" + BODY2,
 "sändlista line": f"Ale kommun\n2027-02-01\n\nSändlista\n\nSamråd om {M2}" + BODY2,
 "remissinstanserna enl sändlista": f"Ale kommun\n2027-02-01\n\nTill remissinstanserna enligt bifogad sändlista\n\nRemiss avseende {M2}" + BODY2,
 "kungörelse": f"Kungörelse\n\nSamråd om {M2}" + BODY2,
 "mottagare label": f"Ale kommun\n\nMottagare: Remissinstanser enligt sändlista\n\nRemiss gällande {M2}" + BODY2,
 "er ref": f"Ale kommun\nEr referens: 123\nVår referens: KS 2027/123\n\nRemiss – {M2}" + BODY2,
 "missiv line": f"Ale kommun\nMissiv\n2027-02-01\n\n{M2}" + BODY2,
 "remiss of heading then dnr": f"Ale kommun\n\nRemiss av {M2} (KS 2027/123)" + BODY2,
 "remiss of heading dnr comma": f"Ale kommun\n\nRemiss av {M2}, KS 2027/123" + BODY2,
 "subject ang dnr": f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Remiss angående {M2}, dnr KS 2027/123\n\nHej,\nSe bifogat." + BODY2,
 "subject remissutskick": f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Remissutskick - {M2}\n\nHej,\nSe bifogat." + BODY2,
 "subject yttrande över": f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Möjlighet att lämna yttrande över {M2}\n\nHej,\nSe bifogat." + BODY2,
 "subject begäran om yttrande": f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Begäran om yttrande - {M2}\n\nHej,\nSe bifogat." + BODY2,
 "subject inbjudan samråd": f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Inbjudan till samråd om {M2}\n\nHej,\nSe bifogat." + BODY2,
 "subject samråd dnr": f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Samråd {M2} (KS 2027/123)\n\nHej,\nSe bifogat." + BODY2,
 "subject sista dag": f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Remiss: {M2} - svar senast 15 maj\n\nHej,\nSe bifogat." + BODY2,
 "subject remiss dnr first": f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: Remiss KS 2027/123 {M2}\n\nHej,\nSe bifogat." + BODY2,
 "subject dnr head": f"Från: Anna Berg <anna.berg@ale.se>\nSkickat: den 1 februari 2027 10:00\nTill: Registrator\nÄmne: KS 2027/123 Remiss {M2}\n\nHej,\nSe bifogat." + BODY2,
 "heading underlined": f"Ale kommun\n\nRemiss av {M2}\n=====================" + BODY2,
 "bold heading": f"Ale kommun\n\n**Remiss av {M2}**" + BODY2,
 "remiss och samråd": f"Ale kommun\n\nRemiss och samråd – {M2}" + BODY2,
 "remissversion av": f"Ale kommun\n\nRemissversion av {M2}" + BODY2,
 "förslag heading": f"Ale kommun\n\nFörslag till {M2}" + BODY2,
 "granskning": f"Ale kommun\n\nGranskning av {M2}" + BODY2,
 "utställning": f"Ale kommun\n\nUtställning av {M2}" + BODY2,
 "yttrande begärs": f"Ale kommun\n\n{M2} – yttrande begärs" + BODY2,
 "remiss för yttrande": f"Ale kommun\n\n{M2} – remiss för yttrande" + BODY2,
 "remiss parenthesis": f"Ale kommun\n\n{M2} (remiss)" + BODY2,
 "remissunderlag": f"Ale kommun\n\nRemissunderlag: {M2}" + BODY2,
 "remisshandling": f"Ale kommun\n\nRemisshandling – {M2}" + BODY2,
 "remiss nummer": f"Ale kommun\n\nRemiss nr 3/2027: {M2}" + BODY2,
 "begäran yttrande dash": f"Ale kommun\n\nBegäran om yttrande – {M2}" + BODY2,
}

M3 = "Trafikstrategi för Ale kommun 2040"
Ml3 = "trafikstrategi för Ale kommun 2040"
PAGE3 = "Hoppa till innehåll\nMeny\nSök\nStart / Kommun och politik / Remisser\n\n"
BODY3 = ("\n\nPublicerad 1 februari 2027\n\nKommunen har tagit fram ett förslag till trafikstrategi. Strategin ska vägleda arbetet med "
        "trafiken de kommande tjugo åren. Synpunkter lämnas senast den 15 maj 2027 till kommunstyrelsen@ale.se.\n\nKontakt\nAnna Berg, trafikplanerare\n")
_PAGE_HEADS = {
 "nu kan du tycka till om": f"Nu kan du tycka till om {Ml3}",
 "vi vill ha dina synpunkter på": f"Vi vill ha dina synpunkter på {Ml3}",
 "dags att tycka till om": f"Dags att tycka till om {Ml3}",
 "samrådshandling colon": f"Samrådshandling: {M3}",
 "remiss svara senast": f"Remiss: {M3} – svara senast 15 maj",
 "nu är ute på samråd": f"Nu är {Ml3} ute på samråd",
 "förslag har skickats ut": f"Förslag till {Ml3} har skickats ut på remiss",
 "synpunkter välkomnas": f"Synpunkter på {Ml3} välkomnas",
 "ute på remiss tom": f"{M3} är ute på remiss till och med 15 maj",
 "nu startar samrådet om": f"Nu startar samrådet om {Ml3}",
 "samråd pågår colon": f"Samråd pågår: {M3}",
 "remisstid for": f"Remisstid för {Ml3}: 1 mars–15 maj",
 "tyck till bang": f"Tyck till om {Ml3}!",
 "lämna synpunkter": f"Lämna synpunkter på {Ml3}",
 "välkommen med synpunkter": f"Välkommen med synpunkter på {Ml3}",
 "förslag på remiss": f"Förslag till {Ml3} på remiss",
 "remiss pågår": f"Remiss pågår – {M3}",
 "remiss öppen": f"Öppen remiss: {M3}",
 "vad tycker du om": f"Vad tycker du om {Ml3}?",
 "hjälp oss": f"Hjälp oss att forma {Ml3}",
 "plain heading": M3,
 "skickas på remiss": f"{M3} skickas på remiss",
 "remissen om": f"Remissen om {Ml3}",
 "pågående remiss": f"Pågående remiss: {M3}",
 "nu går ut på remiss": f"Nu går {Ml3} ut på remiss",
 "ge synpunkter senast": f"Ge synpunkter på {Ml3} senast 15 maj",
 "samråd om heading with dash date": f"Samråd om {Ml3} 1 mars – 15 maj 2027",
}
PAGES = {name: PAGE3 + heading + BODY3 for name, heading in _PAGE_HEADS.items()}


def _right(title: str | None, name: str) -> bool:
    def bare(value: str) -> str:
        return value.casefold().removeprefix("förslag till ")
    return title is not None and bare(title) == bare(name)


def score(label: str, probes: dict[str, tuple[str, str]], *, verbose: bool, width: int) -> None:
    """Print a family's misses (every probe when verbose) and its count of right titles; probes: key -> (text, name)."""
    right = 0
    for key, (text, name) in probes.items():
        title = parse_missiv(text).title
        ok = _right(title, name)
        right += ok
        if verbose or not ok:
            print(f"  {'ok  ' if ok else 'miss'} {label}/{key}: {title!r}")
    print(f"{label:{width}} {right}/{len(probes)}")


def main() -> None:
    verbose = "-v" in sys.argv
    for label, probes, name in (("letters", LETTERS, M1), ("letterheads and subjects", LETTERHEADS, M2),
                                ("web pages", PAGES, M3)):
        score(label, {key: (text, name) for key, text in probes.items()}, verbose=verbose, width=26)


if __name__ == "__main__":
    main()
