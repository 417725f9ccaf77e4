"""Find the sentences of a missiv that say what the remiss is about, for the tjänsteskrivelse's summary.

A missiv is mostly administration: how and when to answer, who to ask, in which file formats, where the answers are
published. What the tjänsteskrivelse may quote is only the ingress about the matter itself. A sentence is taken only
when nothing in it looks administrative and it reads as a whole sentence; when no such sentence opens the letter's
prose, the summary is left empty and the handläggare writes it.
"""
from __future__ import annotations

import itertools
import re

MAX_SENTENCES = 3
MIN_WORDS = 8
MAX_PARAGRAPHS = 3  # paragraphs of prose searched for the ingress

# What makes a sentence about answering, contacts or the web page itself rather than about the matter: whole words,
# word beginnings, parts of compounds ("sista svarsdag", "remissvaren") and a few phrases. Words are looked up in sets
# rather than in one long regex, which at every word boundary of a long text would try each alternative.
_ADMIN_WORDS = frozenset("""svar svaret svaren svara senast överlämnas kännedom datum dnr tel telefon tfn frågor word pdf
format dokument dokumentet dokumenten handling handlingar handlingarna gdpr kakor cookies remisser förlängs""".split())
_ADMIN_PREFIXES = ("besvara", "yttrande", "sändlist", "diarienummer", "ämnesrad", "epost", "e-post", "webbplats",
                   "hemsida", "länk", "klicka", "kontakt", "bilag", "offentlig", "registrator", "publicera", "nyhet",
                   "synpunkt", "bifoga", "inbjud", "välkommen", "remissmöte", "samrådsmöte", "logotyp",
                   "varningsmeddelande", "webbläsar")
_ADMIN_PARTS = ("remissvar", "tillhanda", "frågeställning", "remissinstans", "remisstid", "svarstid", "svarsdag",
                "mejl", "mail", "adress", "formulär", "tillgänglighet", "personuppgift", "samrådstid",
                "granskningstid", "utställningstid")
_ADMIN_PHRASE = re.compile(
    r"\b(?:här (?:kan du|hittar du|finns)|på (?:den här|denna) sidan?|yttra (?:sig|er|dig)|vår referens|läs mer|"
    r"ladda ne[dr]|org\.?\s?nr|tyck(?:a)? till|bjuder in|pågår (?:från|fram|till|mellan|under)|"
    r"(?:utställningen|handlingarna|förslaget|planen) finns (?:även |också )?(?:i|på|att|tillgänglig)|"
    r"finns att (?:läsa|ta del))\b|\d \(\d+\)",
    re.IGNORECASE,
)
# Signs of contact lines and broken text: a mail header, an e-mail, postal or web address, a telephone number, a list
# of files, words run together where a page's lines were joined ("Gävleborgs länJust nu").
_CONTACT = re.compile(r"^(?:Ämne|Från|Till|Skickat|Kopia|Subject|From|To|Sent|Date)[ \t]*:|@|\bBox \d|"
                      r"\b\d{3} ?\d{2} [A-ZÅÄÖ]|https?://|www\.|;|\.(?:docx?|pdf|xlsx?|odt)\b|[a-zåäö][A-ZÅÄÖ][a-zåäö]|"
                      r"\b0\d{1,3}[- ]?\d{2,3}[ -]?\d{2}[ -]?\d{2}\b|\+46")
# Abbreviations that end in a full stop without ending the sentence ("t.ex. Word").
_ABBREVIATION = re.compile(r"(?:\b(?:t\.ex|bl\.a|m\.m|m\.fl|s\.k|d\.v\.s|dvs|o\.s\.v|osv|t\.o\.m|fr\.o\.m|p\.g\.a|"
                           r"enl|jfr|resp|ca|nr|kap|kl|prop|bet|st|vs|ang)\.)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”»])")
# Where the letter's prose ends: the sändlista, the answer instructions' heading, a signature.
_STOP = re.compile(r"^[ \t#*]*(?:sändlista|remissinstanser|remissmottagare|mottagare|kontakt(?:person|uppgifter)?|"
                   r"så (?:här )?(?:svarar|lämnar) (?:du|ni)|hur (?:du|ni) svarar|med vänlig hälsning|"
                   r"vänliga hälsningar|hälsningar|kopia till|bilag(?:a|or))\b", re.IGNORECASE | re.MULTILINE)


def find_summary(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the first sentences of the letter that describe the matter, and their span, or (None, None)."""
    sentences, span = find_summary_sentences(text)
    return (" ".join(sentences) or None), span


def find_summary_sentences(text: str) -> tuple[list[str], tuple[int, int] | None]:
    """Return the sentences about the matter from the first paragraph of prose that has any, and its span."""
    stop = _STOP.search(text)
    prose_seen = 0
    for block, span in _paragraphs(text[:stop.start()] if stop else text):
        picked = list(itertools.islice(itertools.takewhile(_describes_matter, _sentences(block)), MAX_SENTENCES))
        if picked:
            return picked, span
        prose_seen += 1
        if prose_seen == MAX_PARAGRAPHS:
            break  # the ingress is the letter's first paragraphs; later prose is instructions and background
    return [], None


def _paragraphs(prose: str) -> list[tuple[str, tuple[int, int]]]:
    """Return the paragraphs of prose (text on one line, span): blank lines and heading lines end a paragraph."""
    lines = list(re.finditer(r"[^\n]*\S[^\n]*", prose))
    found: list[tuple[str, tuple[int, int]]] = []
    current: list[re.Match] = []

    def close() -> None:
        words = " ".join(m.group().strip() for m in current)
        if len(words.split()) >= MIN_WORDS and not words.startswith(("-", "•", "*", "|")):
            found.append((re.sub(r"\s+", " ", words), (current[0].start(), current[-1].end())))
        current.clear()

    for index, line in enumerate(lines):
        if current and prose.count("\n", current[-1].end(), line.start()) >= 2:
            close()
        following = lines[index + 1].group().strip() if index + 1 < len(lines) else ""
        if _is_heading(line.group().strip(), following):
            close()
            continue
        current.append(line)
    if current:
        close()
    return found


def _is_heading(line: str, following: str) -> bool:
    """Tell a heading or letterhead line (short, no full stop, not wrapped on) from a line of prose."""
    return len(line.split()) < 12 and not line.endswith((".", "!", "?", ":", ",")) and not following[:1].islower()


def _sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping 't.ex. Word' and similar abbreviations inside their sentence."""
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(paragraph):
        # only the sentence's last characters are searched (round 20): the whole of a growing sentence, joined at
        # every "ang." of a long run, was searched again at each join, in time squared
        if sentences and _ABBREVIATION.search(sentences[-1][-16:]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


def _describes_matter(sentence: str) -> bool:
    """Tell a whole sentence about the matter from instructions, contact lines and broken fragments."""
    return (len(sentence.split()) >= MIN_WORDS and sentence[:1].isupper() and sentence.endswith((".", "!"))
            and sentence.count("(") == sentence.count(")") and not _administrative(sentence)
            and not _CONTACT.search(sentence))


def _administrative(sentence: str) -> bool:
    """Tell whether a sentence is about answering, contacts or the page rather than about the matter."""
    if _ADMIN_PHRASE.search(sentence):
        return True
    for word in re.findall(r"[\w-]+", sentence.casefold()):
        if word in _ADMIN_WORDS or word.startswith(_ADMIN_PREFIXES) or any(part in word for part in _ADMIN_PARTS):
            return True
    return False
