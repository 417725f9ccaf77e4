"""What waits for a person whose role, nämnder or account an administrator changes: the yttranden in granskning in
the nämnder where the person can no longer review (walk26 W6). Said as a warning after the change, never a refusal:
taking a right away must not wait (the person may have left the post), and the yttrande is not lost — the nämnd's
other granskare or registratorer, or an administrator, approve it; the warning says when there is nobody else."""
from __future__ import annotations

from babel.lists import format_list
from sqlmodel import Session, select

from remiss.auth.access import ROLE_ACTIONS, Action
from remiss.auth.models import NamndMembership, Role, User
from remiss.drafting.models import DraftState, YttrandeDraft
from remiss.namnd.models import Namnd
from remiss.remisser.models import Remiss

# the roles that review within their nämnder (an administrator reviews everywhere and is no nämnd's granskare)
REVIEWING = sorted(r.value for r, actions in ROLE_ACTIONS.items() if Action.review in actions and r != Role.admin)
NAMED = 3  # other reviewers named in the warning


def _reviews_in(role: str, is_active: bool, namnd_ids) -> set[int] | None:
    """The nämnder where the role reviews; None: all (an administrator)."""
    if not is_active:
        return set()
    if Role(role) == Role.admin:
        return None
    return set(namnd_ids) if Role(role).value in REVIEWING else set()


def review_warnings(session: Session, user: User, *, role: str, is_active: bool, namnd_ids) -> list[str]:
    """One warning per nämnd where the change leaves yttranden in granskning that the user could review before and
    cannot after, naming who else can ("" none: the stronger words). Call before the change is saved."""
    from remiss.auth.service import namnd_ids_of

    before = _reviews_in(user.role, user.is_active, namnd_ids_of(session, user.id))
    after = _reviews_in(role, is_active, namnd_ids)
    if after is None:
        return []
    lost = (None if before is None else before - after)
    if lost is not None and not lost:
        return []
    waiting = (select(Namnd.id, Namnd.name, Remiss.our_dnr).join(Remiss, Remiss.namnd_id == Namnd.id)
               .join(YttrandeDraft, YttrandeDraft.remiss_id == Remiss.id)
               .where(YttrandeDraft.state == DraftState.granskning.value, Namnd.id.not_in(after or [-1]))
               .order_by(Namnd.name, Remiss.our_dnr))
    if lost is not None:
        waiting = waiting.where(Namnd.id.in_(lost))
    by_namnd: dict[int, tuple[str, list[str]]] = {}
    for namnd_id, name, dnr in session.exec(waiting):
        by_namnd.setdefault(namnd_id, (name, []))[1].append(dnr or "utan diarienummer")
    return [_warning(session, user, namnd_id, name, dnrs) for namnd_id, (name, dnrs) in by_namnd.items()]


def _warning(session: Session, user: User, namnd_id: int, name: str, dnrs: list[str]) -> str:
    others = list(session.exec(select(User.name).join(NamndMembership, NamndMembership.user_id == User.id)
                               .where(NamndMembership.namnd_id == namnd_id, User.is_active, User.id != user.id,
                                      User.role.in_(REVIEWING)).order_by(User.name).limit(NAMED + 1)))
    count = len(dnrs)
    it = "det" if count == 1 else "dem"
    head = (f"{count} {'yttrande väntar' if count == 1 else 'yttranden väntar'} på granskning i {name} "
            f"({format_list(dnrs, locale='sv_SE')}), och {user.name} kan inte längre granska {it}")
    if not others:
        return (f"{head}; ingen annan granskare eller registrator finns där, så ingen i nämnden kan godkänna {it} "
                f"nu. Ge någon i {name} rollen {Role.granskare.label}, eller granska {it} som administratör.")
    named = others[:NAMED] + (["fler"] if len(others) > NAMED else [])
    return f"{head}; det kan {format_list(named, locale='sv_SE')} göra."
