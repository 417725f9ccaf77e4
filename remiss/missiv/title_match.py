"""Tell whether two titles name the same ärende: an e-mail subject and the letter's heading (same_matter,
names_subject), or two titles that carry one SOU, Ds or författningssamling number (shares_designation)."""
from __future__ import annotations

import re

# SOU and Ds numbers, and författningssamlingar ("KIFS 2017:7", "HSLF-FS 2016:34"): a number names one document.
DESIGNATION = re.compile(r"\b(?:SOU|Ds|[A-ZÅÄÖ]{1,6}-?FS)[ \t]+\d{4}:\d+", re.IGNORECASE)


def shares_designation(a: str, b: str) -> bool:
    """Tell whether two titles carry the same SOU, Ds or författningssamling number."""
    def numbers(value: str) -> set[str]:
        return {re.sub(r"\s+", " ", m.group()).casefold() for m in DESIGNATION.finditer(value)}
    return bool(numbers(a) & numbers(b))



# A word a name cannot end in: the rest was on the next line ("Förslag till", "… transportplan för")
_OPEN_END = re.compile(r"(?:\b(?:och|av|för|i|till|om|med|på|samt|inom|från|vid|mot|över|kring|gällande|angående|"
                       r"avseende)|[,–-])\Z", re.IGNORECASE)


# walk29 A7: what the parser says of a title it left empty because it stopped at such a word
CUT_SHORT = "Ärendemeningen som hittades slutar mitt i en mening"


def cut_short_warning(title: str) -> str:
    return f"{CUT_SHORT} (”{title}”); resten stod troligen på nästa rad. Skriv den som den står i missivet."


def cut_short(title: str) -> bool:
    """Tell a title that stops at a word that needs more ("Förslag till", "… transportplan för"): the rest was on the
    next line. A report named by its number may end so all the same ("SOU 2015:85 Bostäder att bo kvar i")."""
    return bool(_OPEN_END.search(title.rstrip())) and not shares_designation(title, title)


def same_matter(subject_title: str, heading: str) -> bool:
    """Tell whether a subject line and the forwarded letter's heading name the same ärende.

    A subject is often a shortened heading ("Remiss - Ovårdade tomter …" for "Remiss av Boverkets rapport Ovårdade
    tomter …"): the heading is the fuller name when it carries the same SOU/Ds number or all the subject's words.
    """
    if shares_designation(subject_title, heading):
        return True
    # "… handlingsprogram (LSO)": a subject's bracketed abbreviation of the law is no word the heading must hold
    subject_title = re.sub(r"\([^()\n]{1,20}\)", " ", subject_title)
    wanted, named = _words(subject_title), _words(heading)
    found = all(any(_same_word(w, h) for h in named) for w in wanted)
    if not found or not wanted:
        return False
    # One word of the subject is found in many headings by chance. Round 16: it names the heading's matter when the
    # heading is that word with the sender's place or the years after it ("Avfallsplan 2027–2032 för Helsingborgs
    # stad"). Words in front of it are not taken: the sets annotate "Länstransportplan 2022-2033" for the heading
    # "Förslag till Länstransportplan 2022-2033" (fresh4 h36), "ny renhållningsordning" for "Reviderad kungörelse
    # KSRR för ny renhållningsordning" (h31).
    return len(wanted) >= 2 or len(heading.split()) <= 3 or _only_word(heading) in wanted


def _words(value: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", value)} - {"remiss", "och", "för", "med"}


def _same_word(wanted: str, named: str) -> bool:
    """A word of the subject may stand in another form in the heading: "översiktsplan" in "Översiktsplanen", and
    (round 16) "bostadsförsörjningsprogrammet" in "… kommunens bostadsförsörjningsprogram"."""
    if named.startswith(wanted):
        return len(named) - len(wanted) <= 3
    return len(named) >= 6 and wanted.startswith(named) and len(wanted) - len(named) <= 3


# The sender's place and the years after a name: "… för Region Jönköpings län", "… 2027–2032 för Helsingborgs stad"
# (each run of blanks is entered at its start only, and the place is at most 80 characters: linear on any text)
_PLACE_TAIL = re.compile(r"(?:(?<![ \t])[ \t]+för[ \t]+[A-ZÅÄÖ][^\n]{0,80}|(?<![ \t,–-])[ \t,–-]+\d{4}"
                         r"(?:[ \t]*[-–][ \t]*\d{2,4})?)\Z")


def _only_word(heading: str) -> str:
    """Return the heading's one word once the sender's place and the years after the name are set aside, or ""."""
    before = None
    while before != heading:
        before, heading = heading, _PLACE_TAIL.sub("", heading.strip())
    found = re.findall(r"[^\W\d_]{3,}", heading)
    return found[0].casefold() if len(found) == 1 and len(heading.split()) == 1 else ""


def names_subject(subject_title: str, heading: str, text: str, span: tuple[int, int] | None) -> bool:
    """Tell whether the body's heading names the subject's matter: by its words as trimmed, or (round 16) by the
    whole heading line it stands on ("Tyck till om trafikstrategin för Växjö kommun" for the subject "Tyck till om
    trafikstrategin", whose trimmed heading is "Trafikstrategin för Växjö kommun")."""
    if same_matter(subject_title, heading):
        return True
    if span is None:
        return False
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", max(span[0], span[1] - 1))
    line = text[start:end if end >= 0 else len(text)]
    # a heading line only, not the paragraph a title was read from
    return len(line.split()) <= 15 and len(line) <= 2 * len(heading) + 40 and same_matter(subject_title, line)
