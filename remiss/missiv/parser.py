"""Parse the text of a missiv (remiss cover letter) into registration fields."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from remiss.calendar.swedish import format_deadline
from remiss.missiv.attached import merged, split_attached
from remiss.missiv.bodies import find_bodies
from remiss.missiv.deadline import find_deadline
from remiss.missiv.dnr import department_from_dnr, find_sender_dnr
from remiss.missiv.email import dnr_only, innermost, signature_name, signed_by_sender, unquote
from remiss.missiv.extension import named_remiss, read_extension
from remiss.missiv.contact import (find_contact, find_contact_email, for_copies_only, name_from_address,
                                   signed_under_closing)
from remiss.missiv.fields import (find_answer_address, find_answer_email_by_name, find_emails, obfuscated_end,
                                  reveal_addresses, unwrapped)
from remiss.missiv.headline import plainly_continues
from remiss.missiv.hints import Hint, agree, remittent_from_hints, title_from_hints
from remiss.missiv.letter_part import attachment_is_letter, letter_score
from remiss.missiv.own_answer import answer_addressee, is_own_answer
from remiss.missiv.questions import find_questions, question_warnings
from remiss.missiv.received import find_received
from remiss.missiv.remittent import find_remittent
from remiss.missiv.result import Evidence, MissivResult
from remiss.missiv.sandlista import find_sandlista
from remiss.missiv.summary import find_summary
from remiss.missiv.title import clean_subject, find_title, is_headline, letter_heading, plausible_heading, spells_out
from remiss.missiv.title_by_source import clean_hint_title, is_greeting, subject_title, titles_by_source
from remiss.missiv.title_candidates import ABSTAINED, weigh
from remiss.missiv.title_match import (CUT_SHORT, cut_short, cut_short_warning, names_subject, same_matter,
                                       shares_designation)
from remiss.missiv.title_offer import distinct_offers
from remiss.missiv.title_ranker import offers
from remiss.missiv.title_subject import describes_by_sender

# Characters replaced one-for-one so that evidence offsets still point into the caller's text.
_NEUTRAL = str.maketrans({"*": " ", "\u00a0": " ", "\u00ad": " ", "\r": " ", "\t": " ", "\\": " ", "\u2007": " "})


def parse_missiv(text: str, *, reference_date: date | None = None, hints: Sequence[Hint] = (),
                 organisations: Sequence[str] = ()) -> MissivResult:
    """Extract registration fields from the text of a missiv, or from the innermost message of a forwarded e-mail.

    `hints` are what the file's structure says (remiss.missiv.hints): they fill the title or the remittent where
    the text gives none, with a warning naming their source; the text's own words win. A mail read with its
    attachments' text below it is read letter first (remiss.missiv.letter_part): the mail's body, unless it is only a
    cover note and an attached file is the missiv; the other part fills only what the letter leaves empty.
    `organisations` are the reader's own ("Malmö stad"): within them a sending nämnd is the remittent.
    """
    parts = split_attached(text or "")
    if parts is None:
        return _parse(text, reference_date=reference_date, hints=hints, organisations=organisations)
    mail_text, files = parts
    envelope = innermost(mail_text)
    body = letter_score(mail_text[envelope.body_start:] if envelope else mail_text)
    scores = [letter_score(f.text) for f in files]
    best = max(range(len(files)), key=lambda i: scores[i].points)  # the first of equals
    chosen = files[best]
    mail = _parse(mail_text, reference_date=reference_date, organisations=organisations)
    attached = _parse(chosen.text, hints=hints,  # the hints are the one attached file's structure
                      reference_date=reference_date or (envelope.sent if envelope else None),
                      organisations=organisations)
    if attachment_is_letter(body, scores[best]):
        if HEADLINE_GUESS in attached.warnings and mail.title and same_matter(mail.title, attached.title or ""):
            # the cover mail's subject names the matter the letter's headline does: no guess left to check
            attached = replace(attached, warnings=[w for w in attached.warnings if w != HEADLINE_GUESS])
        return merged(attached, mail, letter_offset=chosen.start, name=chosen.name, attachment_first=True)
    return merged(mail, attached, other_offset=chosen.start, name=chosen.name)


def _parse(text: str, *, reference_date: date | None = None, hints: Sequence[Hint] = (),
           organisations: Sequence[str] = ()) -> MissivResult:
    original = text or ""
    written = unquote(original.translate(_NEUTRAL))
    whole = reveal_addresses(written)  # "m.registrator(at)regeringskansliet.se" read as the address it is
    envelope = innermost(whole)
    offset = envelope.body_start if envelope else 0
    work = whole[offset:]
    evidence: list[Evidence] = []
    warnings: list[str] = []

    def note(field: str, span: tuple[int, int] | None, base: int = offset) -> None:
        if span is not None:
            evidence.append(Evidence(field, original[base + span[0]:base + span[1]], base + span[0], base + span[1]))

    title, span = clean_subject(envelope.subject, envelope.subject_span) if envelope and envelope.subject else (None, None)
    if title and dnr_only(title):
        title, span = None, None  # "Förlängd svarstid – KS-IOF-2010-00015": the number names no matter
    if title and (envelope.subject_outer or describes_by_sender(envelope.subject)):
        # the subject is the forwarder's ("VB: Till registraturen"): the quoted letter's own title comes first;
        # round 28b: so it does under the sender's sentence about it ("Sala kommun: förslag till … på yttrande")
        own, own_span = find_title(work)
        if own and not is_greeting(own) and not same_matter(title, own):
            title, span = None, None
    heading, heading_span = letter_heading(work) if title else (None, None)
    if title and not heading:
        # No labelled heading: a title the letter's prose gives counts when it carries the subject's number.
        heading, heading_span = find_title(work)
        if heading and not (shares_designation(title, heading) or names_subject(title, heading, work, heading_span) or
                            spells_out(work, title, heading)):
            heading = None
    if title and heading and (names_subject(title, heading, work, heading_span) or spells_out(work, title, heading)):
        title, span = heading, heading_span  # the subject shortens the letter's own heading: keep the heading
        note("title", span)
    elif title:
        note("title", span, 0)
    else:
        title, span = find_title(work)
        if title and is_greeting(title):
            title, span = None, None  # what follows a greeting is prose or a signature: better empty than wrong
        structure = title_from_hints(list(hints), clean_hint_title, plausible_heading, min_weight=1) if title else None
        if structure and is_headline(work, span) and not agree(title, structure.value):
            # the first short line was a guess; the line the file sets apart as its heading is the author's word
            title, span = None, None
        if title and is_headline(work, span) and not _led(work, span, title):
            # round 24: a page's headline (its first short line, or an item's under a list) is the weakest cue for a title:
            # no word of the text says it is the ärendemening; say so beside it. A heading with a procedure's words
            # in front ("Remiss – X", "Samråd om X", "Begäran om yttrande över X") names itself and needs no warning
            warnings.append(HEADLINE_GUESS)
        note("title", span)
    if title is None:
        chosen = title_from_hints(list(hints), clean_hint_title, plausible_heading)
        if chosen and not is_greeting(chosen.value):
            title = chosen.value
            warnings.append(chosen.warning)
            at = original.find(title)
            note("title", (at, at + len(title)) if at >= 0 else None, 0)
    if title and cut_short(title):
        # round 20: "Förslag till", "Regional transportplan för": a name cut where a PDF's column broke the line; read
        # the text with its sentences joined, and give nothing rather than half a name
        whole_title, whole_span = find_title(unwrapped(work))
        if whole_title and not cut_short(whole_title) and whole_title.casefold().startswith(title.casefold()) and \
                plainly_continues(title, whole_title[len(title):]):
            title, span = whole_title, whole_span
            note("title", span)
        else:
            # walk29 A7: better empty than half a name, and the registrator told why
            warnings.append(cut_short_warning(title))
            title, span = None, None
            evidence[:] = [e for e in evidence if e.field != "title"]
    if title is None:
        warnings.append("Ingen ärendemening (titel) hittades.")

    # the text with the line breaks inside its sentences made blanks (a PDF's column), read where `work` gives nothing
    joined = unwrapped(work)
    dnr = find_sender_dnr(work)
    if (dnr.value is None or dnr.cueless) and joined != work:  # "… promemorian X\nvid sjukhusvistelse (S2027/01882)"
        wrapped = find_sender_dnr(joined)
        dnr = wrapped if wrapped.value and not wrapped.cueless else dnr
    in_subject = envelope.subject_dnr if envelope and dnr.value is None else None
    if in_subject:  # "Ämne: Förlängd svarstid till den 15 maj 2027 – Fi2026/01234" and no number in the letter
        value, start = in_subject
        note("sender_dnr", (start, start + len(value)), 0)
        sender_dnr = value
    else:
        note("sender_dnr", dnr.span)
        warnings.extend(dnr.warnings)
        sender_dnr = dnr.value

    answer_email, answer_span, copies = find_emails(work)
    if answer_email is None:  # "… eller via e-post till Nisse Werner" and the person's address elsewhere
        answer_email, answer_span = find_answer_email_by_name(work)
    if answer_email is None and joined != work:  # "Förslagen ska ha skickats in\nsenast den 29 juni till kultur@…"
        answer_email, answer_span, copies = find_emails(joined)
    answer_address, address_span = find_answer_address(work)
    note("answer_address", address_span)
    sandlista = find_sandlista(work)

    remittent, span, remittent_warnings = find_remittent(work, answer_email, sandlista.span, organisations)
    # "the body the text names (most often)" is a count, not the letter's word: the site that published the
    # page, or the body the PDF names as its author, says who sent it
    guessed = any("som texten nämner" in w for w in remittent_warnings)
    chosen = remittent_from_hints(list(hints)) if remittent is None or guessed else None
    if chosen and chosen.value != remittent:
        remittent, span, remittent_warnings = chosen.value, None, [chosen.warning]
    # a receiver's own yttrande or tjänsteskrivelse names its writer most often ("Tranås kommun anser …"), and its
    # handläggare and signer are the writer's: neither is the remittent's (round 21)
    answer = is_own_answer(work)
    if answer and guessed and not chosen:
        remittent, span, remittent_warnings = None, None, [
            f"{remittent} är troligen skrivaren av ett eget yttrande eller en tjänsteskrivelse, inte remittenten."]
    addressee = answer_addressee(work) if answer and remittent is None else None
    if addressee:  # "… översända yttrandet till Region Jönköpings län": the answer goes to the remittent
        remittent, span = addressee
        remittent_warnings.append(f"Remittenten ({remittent}) härleddes från mottagaren av yttrandet; kontrollera.")
    note("remittent", span)
    warnings.extend(remittent_warnings)
    if remittent is None:
        remittent = department_from_dnr(sender_dnr)
        if remittent:
            warnings.append(f"Remittenten ({remittent}) härleddes från diarienumrets prefix.")
        else:
            warnings.append("Ingen remittent hittades.")

    found = find_deadline(work, reference_date, sent=envelope.sent if envelope else None)
    if found.deadline is None and joined != work:  # "… ska göra det skriftligt senast den 31\njanuari 2021"
        wrapped = find_deadline(joined, reference_date, sent=envelope.sent if envelope else None)
        found = wrapped if wrapped.deadline else found
    elif type(found.deadline) is date and joined != work:  # "senast fredagen den 15 oktober 2027\nkl. 15.00"
        wrapped = find_deadline(joined, reference_date, sent=envelope.sent if envelope else None)
        if isinstance(wrapped.deadline, datetime) and wrapped.deadline.date() == found.deadline:
            found = wrapped
    note("letter_date", found.letter_span)
    warnings.extend(found.warnings)
    deadline, deadline_span = found.deadline, found.deadline_span
    extension = read_extension(work, found.deadline, sent=envelope.sent if envelope else None)
    if extension.day is None and joined != work:  # "Svarstiden … har förlängts till\nden 15 februari 2021."
        wrapped = read_extension(joined, found.deadline, sent=envelope.sent if envelope else None)
        extension = wrapped if wrapped.day else extension
    warnings.extend(extension.warnings)
    extension_to, span = (extension.day, extension.span) if extension.day else (None, None)
    if extension.old_deadline:  # "skulle ha kommit in senast den 1 mars … har förlängts": not the day in force
        deadline, deadline_span = None, None
    if extension_to:
        note("extension_to", span)
        if span and not re.search(r"\d{4}|\d{1,2}/\d{1,2}-\d{2}", work[span[0]:span[1]]) and found.deadline != extension_to:
            warnings.append(f"Den nya svarsfristen saknar årtal; {extension_to.year} föreslås utifrån "
                            "e-postmeddelandets eller brevets datum – kontrollera året.")
        if "Ingen svarsfrist hittades i missivet." in warnings:
            warnings.remove("Ingen svarsfrist hittades i missivet.")  # the new day is the deadline
        warnings.append(f"Brevet förlänger svarstiden (till {_swedish_moment(extension_to)}); "
                        "finns remissen redan ska den förlängas i stället för att registreras igen.")
        if deadline != extension_to and span:
            deadline, deadline_span = extension_to, span
    note("deadline", deadline_span)
    if title is None and extension_to:
        # a notice's subject names only the new day: the remiss it extends is named in the letter
        title, span = named_remiss(work)
        if title:
            note("title", span)
            warnings[:] = [w for w in warnings if w != "Ingen ärendemening (titel) hittades." and
                           not w.startswith(CUT_SHORT)]

    letter_date = found.letter_date
    if letter_date is None and envelope and envelope.sent:
        # walk27 Y9: a mail's own Date is the day of the letter when its text names none
        letter_date = envelope.sent
    received = find_received(work, found.letter_date)
    note("received", received.span if received else None)

    if answer_span and (end := obfuscated_end(written, offset + answer_span[0])):
        answer_span = (answer_span[0], end - offset)  # the evidence is the address as the letter writes it
    note("answer_email", answer_span)

    contact, span = find_contact(work)
    if contact and _beside_other_number(work, span, dnr.set_aside):
        # "Dnr 201-194/2013\nHandläggare: Annica Dominius" under the remiss's own number: a receiving nämnd's
        # handläggare (its agenda, its tjänsteutlåtande), nobody at the remittent's
        warnings.append(f"{contact} står som handläggare vid ett annat diarienummer än remittentens och är "
                        "troligen mottagarens egen handläggare; fyll i kontaktpersonen.")
        contact, span = None, None
    copies_only = bool(contact) and for_copies_only(work, span)
    if copies_only:  # nor is the person taken back from a signature or an address below
        warnings.append(f"{contact} nämns bara som den som skickar ut utskrivna exemplar; fyll i kontaktpersonen själv "
                        "om hen också handlägger remissen.")
        contact, span = None, None
    if contact is None and envelope and not copies_only:
        signed = signature_name(work) or signed_by_sender(work, envelope.sender_name)
        # "Från: Länsstyrelsen Västerbotten <…>": a body's name in the sender header is nobody to contact
        if signed and not _is_body(signed[0]):
            contact, span = signed[0], (signed[1], signed[1] + len(signed[0]))
    if contact is None and not envelope and not copies_only:
        contact, span = signed_under_closing(work)
    if contact is None and not copies_only:
        contact, span = name_from_address(work, [answer_email, *copies])
    if contact and answer:
        warnings.append(f"{contact} är troligen skrivarens egen handläggare eller undertecknare (texten ser ut att "
                        "vara ett eget yttrande eller en tjänsteskrivelse); fyll i remittentens kontaktperson.")
        contact, span = None, None
    note("contact_person", span)
    contact_email, span = find_contact_email(work, span[1]) if contact else (None, None)
    note("contact_email", span)

    note("sandlista", sandlista.span)
    warnings.extend(w for w in sandlista.warnings if w != "Ingen sändlista hittades." or _mentions_sandlista(work))

    questions, span = find_questions(work)
    note("questions", span)
    warnings.extend(question_warnings(work, questions))

    summary, span = find_summary(work)
    note("summary", span)  # a missiv without a summary of its own is usual and nothing the registrator can act on

    # round 26: the other titles the letter offers; a title nothing else backs is withheld, its candidates kept
    choice = weigh(title, titles_by_source(envelope, work, hints, bool(extension_to)), work,
                   guessed=HEADLINE_GUESS in warnings)
    if choice.abstained:
        title = None
        evidence[:] = [e for e in evidence if e.field != "title"]
        warnings[:] = [w for w in warnings if w != HEADLINE_GUESS]
        warnings.append(ABSTAINED)

    result = MissivResult(
        title=title,
        remittent=remittent,
        sender_dnr=sender_dnr,
        deadline=deadline,
        answer_email=answer_email,
        copy_emails=copies,
        contact_person=contact,
        sandlista=list(sandlista.names),
        questions=questions,
        letter_date=letter_date,
        evidence=evidence,
        warnings=warnings,
        internal_deadline=found.internal_deadline,
        extension_to=extension_to,
        received_date=received.day if received else None,
        summary=summary,
        contact_email=contact_email,
        answer_address=answer_address,
        # round 33: the rules' title first, then the learned ranker's best other candidates (title_ranker)
        title_alternatives=distinct_offers(title, offers(title, choice.alternatives, work, subject_title(envelope))),
    )
    # Evidence is where a value was read: a field left empty gets none ("Sändlista –" beside "… ute på remiss hos
    # berörda myndigheter och organisationer" read as a value); why it is empty is a warning's to say
    return replace(result, evidence=[e for e in evidence if _has_value(result, e.field)])


def _beside_other_number(text: str, span: tuple[int, int] | None, numbers: tuple[tuple[int, int], ...]) -> bool:
    """Tell whether a name stands in the block right after a diarienummer that was set aside (no blank line between)."""
    return span is not None and any(0 <= span[0] - end <= 80 and "\n\n" not in text[end:span[0]] and
                                    re.search(r"handläggare", text[end:span[0]], re.IGNORECASE)
                                    for _, end in numbers)


def _has_value(result: MissivResult, field: str) -> bool:
    return bool(getattr(result, {"received": "received_date"}.get(field, field), None))


def _swedish_moment(value: date | datetime) -> str:
    """ "30 april 2024" or "30 april 2024 kl. 12.00", as the interface writes a deadline."""
    if isinstance(value, datetime):
        return format_deadline(value.date(), value.time())
    return format_deadline(value, None)


HEADLINE_GUESS = "Ärendemeningen togs från textens rubrik; kontrollera att den namnger ärendet."


def _led(text: str, span: tuple[int, int], title: str) -> bool:
    """Tell whether the heading line a title was read from has words in front of the title ("Remiss – X")."""
    line = " ".join(text[text.rfind("\n", 0, span[0]) + 1:span[1]].split()).casefold()
    return not line.startswith(" ".join(title.split()).casefold()[:30])


def _is_body(name: str) -> bool:
    """Tell whether a name is a public body's ("Länsstyrelsen Västerbotten"), not a person's."""
    return any(m.end - m.start >= len(name.strip()) / 2 for m in find_bodies(name)) or \
        bool(re.match(r"(?:Länsstyrelsen|Region|Kommun|Regeringskansliet)\b", name))


def _mentions_sandlista(text: str) -> bool:
    return bool(re.search(r"sändlista|remissinstanser", text, re.IGNORECASE))
