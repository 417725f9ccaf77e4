"""Read and replace a remiss's frågeställningar and sändlista, linking outgoing entries to the register."""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, delete, func
from sqlmodel import Session, select

from remiss.calendar.swedish import the_counted
from remiss.outgoing.models import Organisation, SandlistaAnswer
from remiss.outgoing.repeated import merge_repeated, name_key
from remiss.remisser import question_match
from remiss.remisser.input import InputErrors, SandlistaItem
from remiss.remisser.models import Question, Remiss, SandlistaEntry


def ensure_organisation(session: Session, *, now: datetime, name: str, email: str = "",
                        group_name: str = "", namnd_id: int | None = None) -> Organisation:
    """Find a remissinstans in the register by name (case-insensitive) or add it (as namnd_id's own name)."""
    # The database folds both sides: SQLite's lower() leaves Å, Ä and Ö as they are, so Python's lower()
    # on one side would miss "Stadsområdesnämnd Öster" and insert a duplicate of a unique name.
    org = session.exec(select(Organisation).where(func.lower(Organisation.name) == func.lower(name))).first()
    if org is None:
        org = Organisation(name=name, email=email, group_name=group_name, namnd_id=namnd_id, created_at=now)
        session.add(org)
        session.flush()
    return org


class Followed(NamedTuple):
    """Registered answers that followed their question to a new place or a corrected text (replace_questions)."""

    answers: int
    instanser: int  # from how many remissinstanser


def replace_questions(session: Session, remiss: Remiss, questions: list[str]) -> Followed:
    """Make questions the remiss's frågeställningar. A question still there (question_match) keeps its row, and so
    the answers registered or drafted to it, whatever its new place or corrected text; one removed takes its
    instansers' registered answers with it, which is refused while there are any (walk18 F11). Returns how many
    registered answers followed their question to a new place or a corrected text, and from how many instanser."""
    old = questions_of(session, remiss.id)
    found = question_match.match([(q.id, q.text) for q in old], [(None, text) for text in questions])
    removed = [q for index, q in enumerate(old) if index not in found]
    _refuse_losing_answers(session, removed)
    for q in removed:
        session.delete(q)
    for q in old:
        q.position = -q.position  # out of the way of the new order (unique per remiss)
    session.flush()
    moved = []
    for position, (text, index) in enumerate(zip(questions, found), 1):
        question = Question(remiss_id=remiss.id, position=position, text=text) if index is None else old[index]
        if index is not None and (-question.position != position or question.text != text):
            moved.append(question.id)
        question.position, question.text = position, text
        session.add(question)
    session.flush()
    return Followed(sum(_answer_counts(session, moved).values()), _answering(session, moved))


def _answer_counts(session: Session, question_ids: list[int]) -> dict[int, int]:
    if not question_ids:
        return {}
    return dict(session.exec(select(SandlistaAnswer.question_id, func.count()).where(
        SandlistaAnswer.question_id.in_(question_ids)).group_by(SandlistaAnswer.question_id)).all())


def _answering(session: Session, question_ids: list[int]) -> int:
    """How many instanser have answered any of the questions."""
    if not question_ids:
        return 0
    return session.exec(select(func.count(func.distinct(SandlistaAnswer.sandlista_entry_id))).where(
        SandlistaAnswer.question_id.in_(question_ids))).one()


def from_instanser(count: int) -> str:
    """"från remissinstansen" (one), "från de 2 remissinstanserna": whose registered answers are meant."""
    return "från " + the_counted(count, "remissinstansen", "remissinstanserna")


def _refuse_losing_answers(session: Session, removed: list[Question]) -> None:
    counts = _answer_counts(session, [q.id for q in removed])
    if not counts:
        return
    count = sum(counts.values())
    texts = [f"”{q.text}”" for q in removed if q.id in counts]
    named = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " och " + texts[-1]
    answers = "1 registrerat svar" if count == 1 else f"{count} registrerade svar"
    them = "frågan" if len(texts) == 1 else "frågorna"
    raise InputErrors({"questions": (
        f"{answers} {from_instanser(_answering(session, [q.id for q in removed]))} hör till {them} {named}, som "
        "inte finns kvar i den nya listan. Svaren "
        f"skulle försvinna, så frågeställningarna är inte ändrade. Låt {them} stå kvar (det går bra att rätta "
        "stavfel och att ändra ordningen).")})


def replace_sandlista(session: Session, *, now: datetime, remiss: Remiss, items: list[SandlistaItem]) -> None:
    if remiss.direction == "utgaende":  # one instans named twice is one entry, whichever way it came (walk12b #8)
        items, _ = merge_repeated(items, field="sandlista")
    if remiss.direction == "utgaende" and entries(session, remiss.id):
        _merge_sandlista(session, now=now, remiss=remiss, items=items)
        return
    session.exec(delete(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id))
    session.flush()
    for position, item in enumerate(items, 1):
        entry = SandlistaEntry(remiss_id=remiss.id, position=position, name=item.name, email=item.email,
                               group_name=item.group_name)
        if remiss.direction == "utgaende":
            link_to_register(session, now=now, remiss=remiss, entry=entry)
        session.add(entry)
    session.flush()


def regrouped(current: list[SandlistaEntry], items: list[SandlistaItem]) -> bool:
    """Whether items give an instans already on the sändlista another group (a row without a group keeps its own):
    the sammanställning prints the groups, so that is a change of the sändlista (outgoing.service.compiled)."""
    groups = {name_key(e.name): e.group_name for e in current}
    return any(item.group_name and groups.get(name_key(item.name), item.group_name) != item.group_name
               for item in items)


def with_groups(current: list[SandlistaEntry]) -> list[str]:
    """ "Ungdomsrådet (Råd)": the sändlista as the history names a change of groups alone."""
    return [f"{e.name} ({e.group_name})" if e.group_name else e.name for e in current]


def link_to_register(session: Session, *, now: datetime, remiss: Remiss, entry: SandlistaEntry) -> None:
    """Point an outgoing remiss's entry at its remissinstans in the register, adding it there if new.

    Only outgoing remisser do: the register is whom we send remisser to. An incoming remiss's sändlista is
    whom the remittent sent it to ("samtliga nämnder", our own nämnd) and stays on that remiss alone."""
    org = ensure_organisation(session, now=now, name=entry.name, email=entry.email, group_name=entry.group_name,
                              namnd_id=remiss.namnd_id)
    entry.organisation_id = org.id
    entry.email = entry.email or org.email
    entry.group_name = entry.group_name or org.group_name


def _merge_sandlista(session: Session, *, now: datetime, remiss: Remiss, items: list[SandlistaItem]) -> None:
    """An outgoing remiss's entries carry what was sent and answered: keep those still named, add the new ones;
    one already sent to cannot be taken off."""
    current = {name_key(e.name): e for e in entries(session, remiss.id)}
    wanted = {name_key(item.name) for item in items}
    sent = [e.name for key, e in current.items() if key not in wanted and e.sent_at is not None]
    if sent:
        raise InputErrors({"sandlista": "Har redan fått remissen och kan inte tas bort från sändlistan: "
                                        + ", ".join(sent) + "."})
    for key, entry in current.items():
        if key in wanted:
            entry.position = -entry.position  # out of the way of the new order (unique per remiss)
        else:
            session.delete(entry)
    session.flush()
    for position, item in enumerate(items, 1):
        entry = current.get(name_key(item.name))
        if entry is None:
            entry = SandlistaEntry(remiss_id=remiss.id, name=item.name, email=item.email, group_name=item.group_name)
        elif item.email and not entry.email and entry.sent_at is None:  # "Namn <e-post>" typed for one without
            entry.email = item.email
        if entry.id is not None and item.group_name:  # a row with a group moves it; one without keeps its own
            entry.group_name = item.group_name
        if entry.organisation_id is None:  # new, or named while the remiss was incoming
            link_to_register(session, now=now, remiss=remiss, entry=entry)
        entry.position = position
        session.add(entry)
    session.flush()


# Built once, run with the remiss id: the remiss page reads both on every view (building a select costs about
# as much as running it on SQLite).
_ENTRIES = (select(SandlistaEntry).where(SandlistaEntry.remiss_id == bindparam("remiss_id"))
            .order_by(SandlistaEntry.position))
_QUESTIONS = select(Question).where(Question.remiss_id == bindparam("remiss_id")).order_by(Question.position)


def entries(session: Session, remiss_id: int) -> list[SandlistaEntry]:
    return list(session.scalars(_ENTRIES, {"remiss_id": remiss_id}))


def questions_of(session: Session, remiss_id: int) -> list[Question]:
    return list(session.scalars(_QUESTIONS, {"remiss_id": remiss_id}))
