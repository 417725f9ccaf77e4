"""Build the plain contexts for the tjänsteskrivelse and the yttrande from a remiss and its draft."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from remiss.auth.models import User
from remiss.calendar.swedish import title_in_sentence
from remiss.clock import local_today
from remiss.drafting import prefill
from remiss.drafting.drafts import decision_of, find_decision, find_draft
from remiss.documents.fields import format_date, svenskt_datum
from remiss.drafting.content import by_delegation, no_comments_summary, paragraphs, rattelse_content, remiss_summary
from remiss.drafting.decision import apposition, delegat_signature
from remiss.drafting.models import Consultation, DecidedBy, Decision, GeneratedDocument
from remiss.namnd.models import Namnd
from remiss.planning.models import Milestone
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss


def genitive(name: str) -> str:
    """'Stadsområdesnämnd Öster' -> 'Stadsområdesnämnd Östers'."""
    return name if name.endswith(("s", "x", "z")) else name + "s"


def keep_together(text: str) -> str:
    """A diarienummer or "§ 142" never broken over two lines: its spaces made non-breaking."""
    return (text or "").strip().replace(" ", "\u00a0")


def footer_line(namnd: Namnd) -> str:
    """The nämnd's address, telefon, org.nr and webbplats on one line, the filled ones only."""
    parts = [namnd.postal_address, f"Telefon {namnd.phone}" if namnd.phone else "",
             f"Org.nr {namnd.org_number}" if namnd.org_number else "", namnd.website]
    return " · ".join(p.strip() for p in parts if p and p.strip())


def _common(session: Session, remiss: Remiss, namnd: Namnd, day: date) -> dict:
    handlaggare = session.get(User, remiss.handlaggare_id) if remiss.handlaggare_id else None
    namn, titel = (handlaggare.name, title_in_sentence(handlaggare.title or "")) if handlaggare else ("", "")
    return {
        "organisation": namnd.organisation,
        "forvaltning": namnd.forvaltning,
        "namnd": namnd.name,
        "datum": format_date(day, iso=namnd.iso_dates),
        "var_referens": {"namn": namn, "titel": titel, "epost": handlaggare.email if handlaggare else "",
                         "rad": ", ".join(p for p in (namn, titel) if p)},
        "diarienummer": keep_together(remiss.our_dnr),
        "remittent_diarienummer": keep_together(remiss.sender_dnr),
        "remittent": remiss.remittent,
        "titel": remiss.title,
        "adress": namnd.postal_address,
        "telefon": namnd.phone,
        "organisationsnummer": namnd.org_number,
        "webbplats": namnd.website,
        "sidfot": footer_line(namnd),
    }


def _samrad(consultations: list[Consultation]) -> list[str]:
    lines = []
    for c in consultations:
        when = f" den {svenskt_datum(c.consulted_on)}" if c.consulted_on else ""
        lines.append(f"{c.party} har beretts tillfälle att yttra sig{when}.")
        lines.extend(paragraphs(c.note))
    return lines


def signers(content: dict, decision: Decision | None) -> list[dict]:
    """Ordförande and förvaltningschef sign the nämnd's yttrande; the delegat alone signs a delegationsbeslut."""
    if decision is not None and decision.decided_by == DecidedBy.delegat:
        return [delegat_signature(decision.delegat)]
    return [{"roll": "Ordförande", "namn": content.get("ordforande", "")},
            {"roll": content.get("forvaltningschef_titel") or "Förvaltningschef",
             "namn": content.get("forvaltningschef", "")}]


def decision_fields(namnd: Namnd, decision: Decision | None, rattelse_of: str = "", noun: str = "remissen") -> dict:
    """The yttrande's words for the beslut: proposed before it, the nämnd's (or delegat's) decision after; for a
    rättelse (rattelse_of: "yttrandet från den 24 september 2015") the same words about the rättelse."""
    what = f"rättelse av {rattelse_of}" if rattelse_of else "yttrande"
    if decision is None:
        return {"beslutat": False, "beslutsorgan": "", "beslutsdatum": "", "paragraf": "", "justering": "",
                "beslutsreferens": "",
                "forslag_till_beslut": f"{namnd.name} föreslås besluta att lämna följande {what}:",
                # the short "inga synpunkter" yttrande proposes too until the beslut (walk11 finding 22)
                "inga_synpunkter_text": f"{namnd.name} föreslås besluta att inte lämna några synpunkter på "
                                        f"{noun}."}
    by = DecidedBy(decision.decided_by)
    when = format_date(decision.meeting_on, iso=namnd.iso_dates)
    paragraf = f", {keep_together(decision.paragraf)}" if decision.paragraf else ""
    if by == DecidedBy.delegat:
        organ = decision.delegat
        opening = (f"{namnd.name} har genom delegationsbeslut av {apposition(decision.delegat)} beslutat att lämna "
                   f"följande {what}:")
        referens = f"Beslutat på delegation {when}{paragraf}"
    else:
        organ = f"{genitive(namnd.name)} arbetsutskott" if by == DecidedBy.arbetsutskott else namnd.name
        opening = f"{organ} har beslutat att lämna följande {what}:"
        referens = f"Beslutat vid sammanträde {when}{paragraf}"
    if not decision.needs_justering:
        justering = ""  # a delegationsbeslut is not justerat; it is anmält to the nämnd later
    elif decision.omedelbar_justering:
        justering = "Paragrafen justerades omedelbart."
    elif decision.justerad_on:
        justering = f"Protokollet justerat den {format_date(decision.justerad_on, iso=namnd.iso_dates)}."
    else:
        justering = ""
    return {"beslutat": True, "beslutsorgan": organ, "beslutsdatum": when, "paragraf": keep_together(decision.paragraf),
            "justering": justering, "beslutsreferens": referens, "forslag_till_beslut": opening,
            "inga_synpunkter_text": no_comments_summary(namnd.name, noun)}


@dataclass(frozen=True)
class Replaced:
    """What a rättelse replaces: the yttrande (or earlier rättelse) that was decided and expedierat."""

    short: str  # "yttrandet från den 24 september 2015"
    full: str  # "det yttrande som beslutades den 24 september 2015, § 142, och expedierades den 25 september 2015"
    sent: str = ""  # "25 september 2015": when the replaced yttrande was expedierat ("" when unknown)


def replaced_by_rattelse(session: Session, remiss: Remiss, namnd: Namnd) -> Replaced | None:
    """What the rättelse now in work replaces; None when no rättelse is in work."""
    draft = find_draft(session, remiss.id)
    if draft is None or not draft.rattelse:
        return None
    previous = decision_of(session, remiss.id, draft.rattelse - 1)
    sent = session.exec(select(GeneratedDocument).where(
        GeneratedDocument.remiss_id == remiss.id, GeneratedDocument.frozen, GeneratedDocument.kind == "yttrande",
        GeneratedDocument.draft_version_id == draft.corrects_version_id).order_by(GeneratedDocument.id)).first()
    decided = previous.meeting_on if previous else None
    short = "yttrandet" + (f" från den {format_date(decided, iso=namnd.iso_dates)}" if decided else "")
    parts = []
    if previous is not None:
        parts.append(f"beslutades den {format_date(decided, iso=namnd.iso_dates)}"
                     + (f" ({keep_together(previous.paragraf)})" if previous.paragraf else ""))
    if sent is not None:
        parts.append(f"expedierades den {format_date(local_today(sent.created_at), iso=namnd.iso_dates)}")
    return Replaced(short, ("det yttrande som " + " och ".join(parts)) if parts else "det tidigare yttrandet",
                    format_date(local_today(sent.created_at), iso=namnd.iso_dates) if sent is not None else "")


def rattelse_fields(replaced: Replaced | None) -> dict:
    """The yttrande's words about being a rättelse (empty for the yttrande itself)."""
    if replaced is None:
        return {"rattelse": False, "rattelse_text": ""}
    return {"rattelse": True, "rattelse_text": f"Detta yttrande ersätter {replaced.full}."}


def yttrande_context(session: Session, remiss: Remiss, content: dict, day: date) -> dict:
    """Return the context of the nämnd's yttrande; once decided, dated with the beslut and worded as it. A rättelse
    says so, and reads "föreslås besluta" until its own beslut is recorded: the earlier beslut is never reused."""
    namnd = session.get(Namnd, remiss.namnd_id)
    consultations = list(session.exec(select(Consultation).where(Consultation.remiss_id == remiss.id)
                                      .order_by(Consultation.consulted_on, Consultation.id)))
    decision = find_decision(session, remiss.id)
    replaced = replaced_by_rattelse(session, remiss, namnd)
    context = _common(session, remiss, namnd, decision.meeting_on if decision else day)
    context.update(decision_fields(namnd, decision, replaced.short if replaced else "", noun_of(remiss.kind).the))
    context.update(rattelse_fields(replaced))
    context.update({
        "till": remiss.remittent,
        "sammanfattning": content.get("sammanfattning", ""),
        # an unanswered frågeställning is left out, never a bare heading (the handläggare confirmed it, or chose
        # "… lämnar inga synpunkter på denna fråga." as its answer: drafting.states.change_state)
        # nummer: the question's number in the remiss, kept when an unanswered one before it is left out
        "fragor": [{"nummer": n, "fraga": s["fraga"], "svar": s.get("text", "")}
                   for n, s in enumerate(content.get("svar", []), start=1) if (s.get("text") or "").strip()],
        # likewise a section without text, never a bare heading (walk20 H10: refused at granskning when someone
        # wrote the rubrik, reading.without_text; the prefilled one left empty is no one's)
        "avsnitt": [{"rubrik": a["rubrik"], "text": a["text"]} for a in content.get("avsnitt", [])
                    if (a.get("text") or "").strip()],
        "ovriga_synpunkter": content.get("ovriga_synpunkter", ""),
        "inga_synpunkter": bool(content.get("inga_synpunkter")),
        "samrad": _samrad(consultations),
        "signaturer": signers(content, decision),
        "reservationer": content.get("reservationer", ""),
    })
    return context


def _beslutsplanering(session: Session, remiss: Remiss, namnd: Namnd, decision: Decision | None) -> list[dict]:
    """Arbetsutskott and nämnd as planned; once decided, who decided and when: an arbetsutskott only when it met
    before the beslut (the tidplan drops one that never treated the ärende), never a date after the beslut."""
    rows = {m.kind: m for m in session.exec(select(Milestone).where(
        Milestone.remiss_id == remiss.id, Milestone.kind.in_(["arbetsutskott", "namnd"])))}
    au = f"{genitive(namnd.name)} arbetsutskott"

    def line(organ: str, day: date) -> dict:
        return {"organ": organ, "datum": format_date(day, iso=namnd.iso_dates)}

    if decision is not None:
        by = DecidedBy(decision.decided_by)
        if by == DecidedBy.delegat:
            return [line(f"Delegationsbeslut ({decision.delegat})", decision.meeting_on)]
        if by == DecidedBy.arbetsutskott:
            return [line(au, decision.meeting_on)]
        before = rows.get("arbetsutskott")
        return ([line(au, before.due_on)] if before is not None and before.due_on < decision.meeting_on else []) + [
            line(namnd.name, decision.meeting_on)]
    plan = []
    meeting = rows["namnd"].due_on if "namnd" in rows else None
    if "arbetsutskott" in rows and (meeting is None or rows["arbetsutskott"].due_on <= meeting):
        plan.append(line(au, rows["arbetsutskott"].due_on))
    if meeting is not None:
        plan.append(line(namnd.name, meeting))
    return plan


def _ansvariga(session: Session, remiss: Remiss, content: dict) -> list[dict]:
    people = []
    for line in paragraphs(content.get("ansvariga", "")):
        name, _, title = line.partition(",")
        people.append({"namn": name.strip(), "titel": title_in_sentence(title)})
    if people:
        return people
    if content.get("forvaltningschef"):
        return [{"namn": content["forvaltningschef"],
                 "titel": title_in_sentence(content.get("forvaltningschef_titel") or "")}]
    handlaggare = session.get(User, remiss.handlaggare_id) if remiss.handlaggare_id else None
    return [{"namn": handlaggare.name, "titel": title_in_sentence(handlaggare.title or "")}] if handlaggare else []


def as_proposed(session: Session, remiss: Remiss, content: dict) -> dict:
    """The draft's sections as the tjänsteskrivelse proposes them: for a rättelse in work, a rättelse of the sent
    yttrande and why (content.rattelse_content); once decided by delegationsbeslut, the delegat is the one proposed
    to decide (content.by_delegation, walk27 Y18); else as they are. The draft form shows the same."""
    namnd = session.get(Namnd, remiss.namnd_id)
    replaced = replaced_by_rattelse(session, remiss, namnd)
    if replaced is not None:
        draft = find_draft(session, remiss.id)
        content = rattelse_content(content, namnd=namnd.name, remittent=remiss.remittent, replaced=replaced.full,
                                   sent=replaced.sent, reason=draft.rattelse_reason,
                                   noun=noun_of(remiss.kind).the)  # "… på ärendet." of a medborgarförslag (walk18 F7)
    decision = find_decision(session, remiss.id)
    if decision is not None and decision.decided_by == DecidedBy.delegat:
        content = {**content, "forslag_till_beslut": by_delegation(content.get("forslag_till_beslut") or "",
                                                                   namnd=namnd.name,
                                                                   delegat=apposition(decision.delegat))}
    return content


def tjansteskrivelse_context(session: Session, remiss: Remiss, content: dict, day: date) -> dict:
    """Return the context of the förvaltning's tjänsteskrivelse; a rättelse's proposes the rättelse."""
    namnd = session.get(Namnd, remiss.namnd_id)
    content = as_proposed(session, remiss, content)
    context = _common(session, remiss, namnd, day)
    summary = content.get("remiss_sammanfattning")
    if summary is None:  # a draft saved before the tjänsteskrivelse had its own summary
        summary = remiss_summary(remiss.missiv_text, remiss.remittent, remiss.title, namnd.name,
                                 noun_of(remiss.kind).the)
    context.update({
        "sammanfattning": summary,
        "forslag_till_beslut": content.get("forslag_till_beslut", ""),
        "beslutsunderlag": paragraphs(content.get("beslutsunderlag", "")),
        "beslutsplanering": _beslutsplanering(session, remiss, namnd, find_decision(session, remiss.id)),
        "arendet": prefill.arendet_in_force(session, remiss, content.get("arendet", "")),
        "synpunkter": "",
        "ansvariga": _ansvariga(session, remiss, content),
    })
    return context


BUILDERS = {"tjansteskrivelse": tjansteskrivelse_context, "yttrande": yttrande_context}
