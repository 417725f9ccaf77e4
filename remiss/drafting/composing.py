"""Compose a draft's sections: the prefilled first version, 'inga synpunkter', a rättelse, aligned questions."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from remiss.missiv.summary import find_summary_sentences
from remiss.remisser import question_match

# the rubrik a yttrande without frågeställningar starts with, no text: a suggestion, printed only once written
# (context.yttrande_context), never asked about (reading.without_text)
FIRST_SECTION = "Inledande synpunkter"


@dataclass(frozen=True)
class Defaults:
    """What a new draft is prefilled from (plain values of the remiss)."""

    namnd: str
    remittent: str
    title: str
    questions: list[tuple[int, str]]  # (question id, text) in order
    handlingar: list[str] = field(default_factory=list)
    deadline: str = ""  # Swedish, e.g. "28 september 2015 kl. 12.00"
    instructions: str = ""
    ordforande: str = ""
    forvaltningschef: str = ""
    forvaltningschef_titel: str = "Förvaltningschef"
    missiv: str = ""  # the missiv's text, for the tjänsteskrivelse's summary of the remiss
    noun: str = "remissen"  # what the matter is called: "ärendet" for a medborgarförslag (remisser.kind_words)


def forslag_till_beslut(namnd: str, remittent: str) -> str:
    return f"{namnd} föreslås besluta att avge yttrande till {remittent or 'remittenten'} i enlighet med upprättat förslag."


def by_delegation(proposal: str, *, namnd: str, delegat: str) -> str:
    """The proposal as it reads for a delegationsbeslut: "<Nämnd> föreslås besluta att …" proposes a decision the
    nämnd never took, so the delegat (in apposition: "Anna Svensson, stadsområdesdirektör,") is proposed to decide
    it on the nämnd's delegation. A proposal the handläggare worded otherwise is kept as written."""
    opening = f"{namnd} föreslås besluta "
    if not delegat or not proposal.startswith(opening):
        return proposal
    return f"{delegat} föreslås besluta på delegation från {namnd} " + proposal[len(opening):]


def rattelse_content(content: dict, *, namnd: str, remittent: str, replaced: str, sent: str, reason: str,
                     noun: str = "remissen") -> dict:
    """The sections of a rättelse's draft as its tjänsteskrivelse proposes them: a rättelse of the yttrande sent on
    sent (replaced: "det yttrande som beslutades … och expedierades …"), and why, not a new answer. The proposal is
    put in place while it does not speak of a rättelse, and the reason leads Ärendet while it does not; what the
    handläggare has written about the rättelse is kept."""
    adapted = dict(content)
    if "rättelse" not in (content.get("forslag_till_beslut") or "").casefold():
        adapted["forslag_till_beslut"] = (
            f"{namnd} föreslås besluta att lämna en rättelse till {remittent or 'remittenten'} av yttrandet"
            + (f" som expedierades den {sent}" if sent else "") + ", i enlighet med upprättat förslag.")
    if "rättelse" not in (content.get("arendet") or "").casefold():
        reason = reason.strip()
        lines = [f"Ärendet gäller en rättelse av {replaced}, inte ett nytt svar på {noun}."]
        if reason:
            lines.append(f"Skäl till rättelsen: {reason}" + ("" if reason.endswith((".", "!", "?")) else "."))
        adapted["arendet"] = "\n".join(lines + ([content["arendet"]] if content.get("arendet") else []))
    return adapted


def remiss_summary(missiv: str, remittent: str, title: str, namnd: str, noun: str = "remissen") -> str:
    """A first summary of the remiss for the tjänsteskrivelse: who sent what, and the missiv's own sentences about
    the matter when it has any (never its answer instructions or contact lines; the handläggare edits it)."""
    lead = f"{remittent or 'Remittenten'} har skickat {noun} ”{title}” till {namnd} för yttrande."
    about, _ = find_summary_sentences(missiv)
    return "\n".join([lead, *about])


def initial_content(d: Defaults) -> dict:
    """Return the prefilled sections of a new draft."""
    arendet = [f"{d.remittent or 'Remittenten'} har skickat {d.noun} ”{d.title}” till {d.namnd} för yttrande."]
    if d.deadline:
        arendet.append(f"Svaret ska vara {d.remittent or 'remittenten'} tillhanda senast den {d.deadline}.")
    if d.questions:
        arendet.append(f"{d.remittent or 'Remittenten'} har särskilt önskat att remissvaret utgår från följande frågeställningar:")
        arendet.extend(f"- {text}" for _, text in d.questions)
    elif d.instructions:
        arendet.append(d.instructions)
    return {
        "sammanfattning": "",
        "svar": [{"question_id": qid, "fraga": text, "text": ""} for qid, text in d.questions],
        "avsnitt": [] if d.questions else [{"rubrik": FIRST_SECTION, "text": ""}],
        "ovriga_synpunkter": "",
        "forslag_till_beslut": forslag_till_beslut(d.namnd, d.remittent),
        "beslutsunderlag": "\n".join(d.handlingar),
        "arendet": "\n".join(arendet),
        "remiss_sammanfattning": remiss_summary(d.missiv, d.remittent, d.title, d.namnd, d.noun),
        "ansvariga": "",
        "ordforande": d.ordforande,
        "forvaltningschef": d.forvaltningschef,
        "forvaltningschef_titel": d.forvaltningschef_titel or "Förvaltningschef",
        "reservationer": "",
        "inga_synpunkter": False,
    }


def no_comments_summary(namnd: str, noun: str = "remissen") -> str:
    """The 'inga synpunkter' yttrande's fixed summary: "Kulturnämnden har inga synpunkter på ärendet."."""
    return f"{namnd} har inga synpunkter på {noun}."


def inga_synpunkter_content(base: dict, namnd: str, noun: str = "remissen") -> dict:
    """Return base turned into a short 'inga synpunkter' yttrande."""
    content = copy.deepcopy(base)
    content.update(inga_synpunkter=True, sammanfattning=no_comments_summary(namnd, noun),
                   ovriga_synpunkter="", reservationer="")
    for item in content["svar"]:
        item["text"] = ""
    content["avsnitt"] = []
    return content


def is_inga_synpunkter(content: dict, namnd: str, noun: str = "remissen") -> bool:
    """Whether content already is the short 'inga synpunkter' yttrande as inga_synpunkter_content makes it. The
    blank "Inledande synpunkter" that align_questions puts back in a draft without frågeställningar is no text of
    its own (walk33: the button was offered, and saved, again)."""
    if not content.get("inga_synpunkter"):
        return False
    own = {**content, "avsnitt": [item for item in content.get("avsnitt", [])
                                  if (item.get("rubrik") or "").strip() not in ("", FIRST_SECTION)
                                  or (item.get("text") or "").strip()]}
    return inga_synpunkter_content(own, namnd, noun) == own


def align_questions(content: dict, questions: list[tuple[int, str]]) -> dict:
    """Return content with one answer per current question, each answer following its own question
    (remisser.question_match); an answer whose question is gone becomes a free section "Svar utan fråga: …",
    never the answer to another question (walk18 F10)."""
    content = copy.deepcopy(content)
    old = content.get("svar", [])
    found = question_match.match([(item.get("question_id"), item.get("fraga", "")) for item in old], questions)
    content["svar"] = [{"question_id": qid, "fraga": text, "text": old[index]["text"] if index is not None else ""}
                       for (qid, text), index in zip(questions, found)]
    orphans = [item for index, item in enumerate(old) if index not in found and (item.get("text") or "").strip()]
    content["avsnitt"] = list(content.get("avsnitt", [])) + [
        {"id": f"utan-fraga-{n}", "rubrik": _clipped(f"{WITHOUT_QUESTION}: {item.get('fraga', '')}"),
         "text": item["text"]} for n, item in enumerate(orphans, 1)]
    if not questions and not content["avsnitt"]:
        content["avsnitt"] = [{"rubrik": FIRST_SECTION, "text": ""}]
    return content


WITHOUT_QUESTION = "Svar utan fråga"


def _clipped(rubrik: str, limit: int = 200) -> str:
    return rubrik if len(rubrik) <= limit else rubrik[:limit - 1].rstrip() + "…"


def answers_followed(content: dict, questions: list[tuple[int, str]]) -> tuple[int, int]:
    """How many drafted answers in content a change of the questions to questions moves with their question to
    another place, and how many lose their question (shown as "Svar utan fråga")."""
    old = content.get("svar", [])
    found = question_match.match([(item.get("question_id"), item.get("fraga", "")) for item in old], questions)
    answered = {index for index, item in enumerate(old) if (item.get("text") or "").strip()}
    moved = sum(1 for place, index in enumerate(found) if index in answered and index != place)
    return moved, len(answered - set(found))


NO_COMMENTS_ON_QUESTION = "{namnd} lämnar inga synpunkter på denna fråga."


def answer_unanswered(content: dict, namnd: str) -> dict:
    """content with "<nämnd> lämnar inga synpunkter på denna fråga." as the answer of every unanswered question
    (only when the handläggare chooses it: an unanswered question is otherwise left out of the yttrande)."""
    content = copy.deepcopy(content)
    for item in content.get("svar", []):
        if not (item.get("text") or "").strip():
            item["text"] = NO_COMMENTS_ON_QUESTION.format(namnd=namnd)
    return content
