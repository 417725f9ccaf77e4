"""Who may do what, per nämnd and per remiss: checked here for pages, API and downloads."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session

from remiss.auth.models import Role, User
from remiss.calendar.swedish import join_words
from remiss.remisser.kind_words import noun_of
from remiss.remisser.status import CLOSED, RemissStatus


class Action(StrEnum):
    view = "view"  # read the remiss, its files and history
    edit = "edit"  # change fields, upload files, draft, record extensions, move status
    create = "create"  # register a new remiss in a nämnd: parse missiv and uploads for it, keep the Inkorg
    assign = "assign"  # choose the handläggare
    review = "review"  # approve or return a draft
    administer = "administer"  # users, nämnder, register, templates
    register = "register"  # correct a remissinstans's address in the shared register (from a sändlista)


# Which roles may perform each action within their own nämnder (admin may do all, everywhere).
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.admin: frozenset(Action),
    Role.registrator: frozenset({Action.view, Action.edit, Action.create, Action.assign, Action.review,
                                 Action.register}),
    Role.granskare: frozenset({Action.view, Action.edit, Action.review}),
    Role.handlaggare: frozenset({Action.view, Action.edit}),
    Role.lasare: frozenset({Action.view}),
}


# Who can be given a remiss to handle (the form's list, the API, the name typed): not a läsare, and not an
# administrator, who administers the system.
ASSIGNABLE_ROLES = frozenset({Role.handlaggare, Role.registrator, Role.granskare})


class AccessDenied(Exception):
    """The user may not do this; `hide` means answer as if the record did not exist. A refusal by the role (require)
    keeps the principal and the action, so the error page can say whether the role was just lowered (auth.refusal)."""

    def __init__(self, message: str, *, hide: bool = False, principal: "Principal | None" = None,
                 action: "Action | None" = None, doing: str = ""):
        super().__init__(message)
        self.hide = hide
        self.principal, self.action, self.doing = principal, action, doing


class NotFound(Exception):
    pass


@dataclass(frozen=True)
class Principal:
    user_id: int | None  # None: the system itself (CLI, demo data, jobs)
    role: Role
    namnd_ids: frozenset[int]

    @classmethod
    def of(cls, session: Session, user: User, *, namnd_ids=None) -> "Principal":
        """The user's principal; namnd_ids, when the caller has just read the user's memberships."""
        from remiss.auth.service import namnd_ids_of

        if namnd_ids is None:
            namnd_ids = namnd_ids_of(session, user.id)
        return cls(user.id, Role(user.role), frozenset(namnd_ids))

    @classmethod
    def system(cls) -> "Principal":
        return cls(None, Role.admin, frozenset())

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin

    def may(self, action: Action, namnd_id: int | None = None) -> bool:
        """Return whether the principal may do action in namnd_id (None: in any of its nämnder)."""
        if self.is_admin:
            return True
        if action not in ROLE_ACTIONS[self.role]:
            return False
        return namnd_id is None or namnd_id in self.namnd_ids

    def visible_namnd_ids(self) -> frozenset[int] | None:
        """Nämnder whose remisser this principal may see; None means all."""
        return None if self.is_admin else self.namnd_ids


# One answer for a record that does not exist and one the user may not see, so that ids of other nämnders'
# records cannot be told apart from ids that do not exist (walk11 finding 12).
REMISS_HIDDEN = "Remissen finns inte eller du saknar behörighet."
NAMND_HIDDEN = "Nämnden finns inte eller du saknar behörighet."


# Who does each action, as a refusal says it (": det gör granskare och registratorer."): the roles that have it in
# ROLE_ACTIONS, administrators where no other role has it; not said for seeing, which every role does.
ROLE_PLURALS = {Role.handlaggare: "handläggare", Role.granskare: "granskare", Role.registrator: "registratorer"}
ROLE_WORDS = {action: join_words([words for role, words in ROLE_PLURALS.items() if action in ROLE_ACTIONS[role]])
              or "administratörer" for action in Action if action != Action.view}
# What each action lets one do, as the refusal says it ("Med rollen Läsare kan du inte ändra remisser.")
ACTION_WORDS = {Action.view: "se remisserna", Action.edit: "ändra remisser", Action.create: "registrera remisser",
                Action.assign: "tilldela handläggare", Action.review: "granska och godkänna yttranden",
                Action.administer: "administrera Remiss", Action.register: "ändra registret över remissinstanser"}
# Acts checked with another act's permission, each with its own words for the refusal (walk26b X7: changing a
# sammanträde said "kan du inte tilldela handläggare", Dokumentmallar "kan du inte registrera remisser"): the
# sammanträdesplan is kept by those who assign (Action.assign), the nämnd's Word templates by those who register
# (Action.create), and the steps after the approval by those who review (Action.review). A förlängning is any
# editor's, with its own words all the same (session 29: a läsare was told "kan du inte ändra remisser").
BORROWED_ACTS = {"meetings": (Action.assign, "ändra nämndens sammanträdesplan"),
                 "templates": (Action.create, "ändra nämndens dokumentmallar"),
                 "beslut": (Action.review, "registrera nämndens beslut"),
                 "justering": (Action.review, "registrera justeringen av protokollet"),
                 "signatures": (Action.review, "fylla i vem som undertecknar yttrandet"),
                 "expediera": (Action.review, "expediera yttranden"),
                 "sent": (Action.review, "registrera att yttrandet har skickats"),
                 "rattelse": (Action.review, "rätta ett expedierat yttrande"),
                 "extension_request": (Action.edit, "registrera en begäran om förlängning"),
                 "extension_decision": (Action.edit, "registrera besked om en förlängning"),
                 "extension_notice": (Action.edit, "registrera en allmän förlängning"),
                 "outgoing_extension": (Action.edit, "förlänga remisstiden"),
                 # the utgående remiss's other buttons (walk31 #12: Sammanställ told a läsare "ändra remisser")
                 "outgoing_missiv": (Action.edit, "skapa missivet"),
                 "outgoing_send": (Action.edit, "skicka remissen"),
                 "outgoing_amendment": (Action.edit, "skicka ändringen till remissinstanserna"),
                 "outgoing_compile": (Action.edit, "sammanställa svaren"),
                 "outgoing_publish": (Action.edit, "publicera remissvaren"),
                 # what an utgående remiss's instans page registers, by its form's action (session 30 B8: a läsare was
                 # told "kan du inte ändra remisser"), the API's answer, decline and extension alike; "instans" for a
                 # form with no action or an unknown one
                 "instans_answer": (Action.edit, "registrera en remissinstans svar"),
                 "instans_decline": (Action.edit, "registrera att en remissinstans avstår"),
                 "instans_request_extension": (Action.edit, "registrera att en remissinstans begär anstånd"),
                 "instans_grant_extension": (Action.edit, "ge en remissinstans anstånd"),
                 "instans_reopen": (Action.edit, "ångra att en remissinstans har svarat"),
                 "instans_address": (Action.edit, "ändra en remissinstans adress"),
                 "instans": (Action.edit, "ändra uppgifter om remissinstanser")}
# What a page is for where its action's words are not (web.requires(doing=…)): the Inkorg's pages need Action.create
INBOX_WORDS = "hantera Inkorgen"
# the saved sändlistor (/sandlistor): kept by those who register, removed by an administrator (walk26b X7: they said
# "kan du inte registrera remisser")
SANDLISTOR_WORDS, SANDLISTOR_DELETE_WORDS = "hantera sparade sändlistor", "ta bort sparade sändlistor"


# The action the Nästa steg of a remiss in each status asks for (remisser.status.NEXT_STEPS and the panels' steps of
# that status): one whose role lacks it is told what waits and who does it (status.WAITING_STEPS) instead (truth34
# #1: a läsare was told to create the missiv and send the remiss). A closed status asks for nothing.
STEP_ACTIONS: dict[RemissStatus, Action] = {
    RemissStatus.registrerad: Action.assign, RemissStatus.tilldelad: Action.edit,
    RemissStatus.under_beredning: Action.edit,
    RemissStatus.klar_for_beslut: BORROWED_ACTS["beslut"][0], RemissStatus.beslutad: BORROWED_ACTS["expediera"][0],
    RemissStatus.utkast: Action.edit, RemissStatus.skickad: Action.edit, RemissStatus.svarstiden_ute: Action.edit,
    RemissStatus.sammanstalld: Action.edit}


def step_action(status: RemissStatus | str, *, has_handlaggare: bool) -> Action | None:
    """The action the next step of a remiss in status needs, None when there is none; a Registrerad remiss that has
    a handläggare waits for that handläggare (remisser.status.next_step_of), not for an assignment."""
    status = RemissStatus(status)
    if status == RemissStatus.registrerad and has_handlaggare:
        status = RemissStatus.tilldelad
    return STEP_ACTIONS.get(status)


def may_take_step(principal: Principal, namnd_id: int, status: RemissStatus | str, *, has_handlaggare: bool) -> bool:
    """Whether the principal's role can take the next step of a remiss of the nämnd in status (nothing to take: yes)."""
    action = step_action(status, has_handlaggare=has_handlaggare)
    return action is None or (principal.may(Action.edit, namnd_id) and principal.may(action, namnd_id))


def step_doers(status: RemissStatus | str, *, has_handlaggare: bool) -> str:
    """Who takes the next step of a remiss in status, as a refusal names them: "granskare och registratorer"."""
    action = step_action(status, has_handlaggare=has_handlaggare)
    return ROLE_WORDS.get(action, "") if action else ""


# The action each step of a rättelse in work needs (drafting.panel.rattelse_step): the remiss stays Besvarad while a
# rättelse of its expedierat yttrande is made, so STEP_ACTIONS (nothing for a closed status) does not say it. One whose
# role lacks it is told what waits and who does it (truth35 #1: a läsare was told to write the rättelse, a handläggare
# to register its beslut). The steps: write it (utkast), review it (granskning), then its beslut, the beslut's
# justering and the expediering, the acts change_state and the Beslut panel check.
RATTELSE_STEP_ACTIONS: dict[str, Action] = {
    "utkast": Action.edit, "granskning": Action.review, "beslut": BORROWED_ACTS["beslut"][0],
    "justering": BORROWED_ACTS["justering"][0], "expediera": BORROWED_ACTS["expediera"][0]}


def may_take_rattelse_step(principal: Principal, namnd_id: int, step: str) -> bool:
    """Whether the principal's role can take the step (RATTELSE_STEP_ACTIONS) of a rättelse in the nämnd."""
    action = RATTELSE_STEP_ACTIONS[step]
    return principal.may(Action.edit, namnd_id) and principal.may(action, namnd_id)


def rattelse_step_doers(step: str) -> str:
    """Who takes the step of a rättelse, as a refusal names them: "granskare och registratorer"."""
    return ROLE_WORDS[RATTELSE_STEP_ACTIONS[step]]


def require(principal: Principal, action: Action, namnd_id: int, *, hidden: str = REMISS_HIDDEN,
            doing: str = "") -> None:
    """Raise AccessDenied unless the principal may do action in the nämnd; hidden is the not-found answer
    given when the principal may not even see the nämnd's records; doing: what was refused, in words, where the
    action's own (ACTION_WORDS) are too wide ("godkänna yttranden")."""
    if principal.may(action, namnd_id):
        return
    if not principal.may(Action.view, namnd_id):
        raise AccessDenied(hidden, hide=True)
    # seeing the nämnd's records but not this: the role is why (walk26 W6), said with the role's name
    raise refused_by_role(principal, action, doing)


def require_any(principal: Principal, action: Action, *, doing: str = "") -> None:
    """Raise AccessDenied unless the principal may do action in at least one nämnd: a whole page (web.requires) or
    an API call about no one remiss. doing: what the page is for, in words ("hantera Inkorgen"), where the action's
    own are not what the user came to do."""
    if not principal.may(action):
        raise refused_by_role(principal, action, doing)


def refused_by_role(principal: Principal, action: Action, doing: str = "", *, who: str = "") -> AccessDenied:
    """The refusal of action by the principal's role, named with the role, the act and who does it: "Med rollen
    Läsare kan du inte godkänna yttranden: det gör granskare och registratorer." (walk26 W6, session 28); who: in
    other words than the action's roles (ROLE_WORDS) where that helps ("registratorer, som sköter …")."""
    doing, who = doing or ACTION_WORDS[action], who or ROLE_WORDS.get(action, "")
    return AccessDenied(f"Med rollen {principal.role.label} kan du inte {doing}{f': det gör {who}' if who else ''}.",
                        principal=principal, action=action, doing=doing)


def instans_act(form_action: str) -> str:
    """The act of BORROWED_ACTS an instans page's form posts (its field action: "answer", "decline", …)."""
    act = f"instans_{form_action}"
    return act if act in BORROWED_ACTS else "instans"


def require_act(principal: Principal, act: str, namnd_id: int) -> None:
    """require() for an act of BORROWED_ACTS, the refusal naming that act."""
    action, doing = BORROWED_ACTS[act]
    require(principal, action, namnd_id, doing=doing)


# Moves a handläggare may not make although they edit the remiss: the yttrande is approved (klar för beslut),
# decided (beslutad) and expedited (besvarad) by those who review and record the beslut — granskare,
# registrator, admin (docs/capabilities/drafting.md). Without this a handläggare reached besvarad with four
# PATCHes, no granskare and no beslut (issue 19).
STATUS_ACTIONS: dict[RemissStatus, Action] = {
    RemissStatus.klar_for_beslut: Action.review,
    RemissStatus.beslutad: Action.review,
    RemissStatus.besvarad: Action.review,
    # a registration made by mistake is undone by those who register (the diarium's keepers), not the handläggare
    RemissStatus.makulerad: Action.create,
}
# Opening a closed remiss again: an avstående or a withdrawal undone (→ registrerad) is the registrator's, who
# keeps the diarium; a besvarad remiss marked so by mistake (→ beslutad) is an administrator's correction.
REOPEN_ACTIONS: dict[RemissStatus, Action] = {
    RemissStatus.avstar: Action.assign,
    RemissStatus.aterkallad: Action.assign,
    RemissStatus.makulerad: Action.create,
    RemissStatus.besvarad: Action.administer,
    RemissStatus.avslutad: Action.edit,  # an utgående remiss opened again to change an answer (walk16 #5)
}
# Fields of a remiss that need more than Action.edit, with their words: our diarienummer is the diarium's, and
# the registered sista svarsdag is a fact of the missiv that the registrator keeps (design.md: the registrator
# registers the remiss and records extensions). Correcting it moves the whole tidplan, and after the answer the
# measure of whether it came in time, so a granskare or handläggare asks for an extension instead (walk11 finding 6).
FIELD_ACTIONS: dict[str, tuple[Action, str]] = {"our_dnr": (Action.create, "vårt diarienummer"),
                                                "deadline_on": (Action.create, "sista svarsdagen"),
                                                "deadline_time": (Action.create, "sista svarsdagens klockslag")}

# Steps of a remiss's tidplan that the nämnd's meetings decide (arbetsutskott, nämndsammanträde, justering) are
# marked held by those who keep the sammanträdesplan (/namnder/<id>/sammantraden: Action.assign), not by the
# handläggare or the granskare (walk11 finding 14).
MILESTONE_ACTIONS: dict[str, Action] = {"arbetsutskott": Action.assign, "namnd": Action.assign,
                                        "justering": Action.assign}


def status_action(old: RemissStatus | str, new: RemissStatus | str) -> Action:
    """Return the action a move of a remiss from old to new status needs."""
    old, new = RemissStatus(old), RemissStatus(new)
    if old in CLOSED and new not in CLOSED:
        return REOPEN_ACTIONS[old]
    return STATUS_ACTIONS.get(new, Action.edit)


def require_status_move(principal: Principal, namnd_id: int, old: RemissStatus | str,
                        new: RemissStatus | str, kind=None) -> None:
    """Raise AccessDenied unless the principal may move a remiss of the nämnd from old to new status; the refusal
    names the role, as every refusal by the role does (refused_by_role), the remiss by its kind (a RemissKind,
    where known: "… flytta ärendet till …", kind_words) and who may: "Med rollen Handläggare kan du inte makulera
    remissen: det gör registratorer." (walk26b X2: it said "Bara registratorer kan …", no role named). A role that
    may not edit at all, a läsare, is told the same, the move's act and who makes it, not "ändra remisser: det gör
    handläggare, granskare …" (walk28 Z5: handläggare and granskare do not makulera)."""
    action = status_action(old, new)
    require(principal, Action.view, namnd_id)  # one who may not see the remiss is told it does not exist
    if not may_move(principal, namnd_id, old, new):
        new, noun = RemissStatus(new), noun_of(kind)
        doing = {RemissStatus.makulerad: f"makulera {noun.the}",
                 RemissStatus.avslutad: f"avsluta {noun.the}"}.get(new, f"flytta {noun.the} till ”{new.label}”")
        raise refused_by_role(principal, action, doing)


def require_edit_or_move(principal: Principal, namnd_id: int, old: RemissStatus | str,
                         new: RemissStatus | str | None, kind=None) -> None:
    """Raise AccessDenied unless the principal may edit remisser of the nämnd, for a change whose only part is a move
    from old to new status (new None: no move) naming that move, as require_status_move does (session 29: the API's
    PATCH of a status told a läsare "kan du inte ändra remisser"). Whether the move itself is allowed is the
    service's to say, after the change's other fields."""
    if new is not None and RemissStatus(new) != RemissStatus(old) and not principal.may(Action.edit, namnd_id):
        require_status_move(principal, namnd_id, old, new, kind)
    require(principal, Action.edit, namnd_id)


def may_move(principal: Principal, namnd_id: int, old: RemissStatus | str, new: RemissStatus | str) -> bool:
    return principal.may(Action.edit, namnd_id) and principal.may(status_action(old, new), namnd_id)


def require_field(principal: Principal, namnd_id: int, field: str) -> None:
    """Raise AccessDenied unless the principal may change this field of a remiss in the nämnd."""
    require(principal, Action.edit, namnd_id)
    if field in FIELD_ACTIONS:
        action, words = FIELD_ACTIONS[field]
        if not principal.may(action, namnd_id):  # with the role named, as every refusal (session 28: "Bara …")
            raise refused_by_role(principal, action, f"ändra {words}")


def may_change_field(principal: Principal, namnd_id: int, field: str) -> bool:
    action = FIELD_ACTIONS[field][0] if field in FIELD_ACTIONS else Action.edit
    return principal.may(Action.edit, namnd_id) and principal.may(action, namnd_id)


def may_mark_milestone(principal: Principal, namnd_id: int, kind: str) -> bool:
    """Return whether the principal may mark a milestone of this kind done (or not done) in the nämnd."""
    return principal.may(Action.edit, namnd_id) and principal.may(MILESTONE_ACTIONS.get(kind, Action.edit), namnd_id)


def require_milestone(principal: Principal, namnd_id: int, kind: str, label: str) -> None:
    """Raise AccessDenied unless the principal may mark a milestone of this kind done in the nämnd."""
    require(principal, Action.edit, namnd_id)
    action = MILESTONE_ACTIONS.get(kind, Action.edit)
    if not principal.may(action, namnd_id):  # "… som klar: det gör registratorer, som sköter …" (session 28)
        raise refused_by_role(principal, action, f"markera {label.lower()} som klar",
                              who=f"{ROLE_WORDS[action]}, som sköter nämndens sammanträden")


def load_remiss(session: Session, principal: Principal, remiss_id: int, action: Action = Action.view, *,
                act: str = ""):
    """Return the remiss if the principal may do action (or the act of BORROWED_ACTS) on it; else NotFound /
    AccessDenied."""
    from remiss.remisser.models import Remiss

    remiss = session.get(Remiss, remiss_id)
    if remiss is None:
        raise NotFound(REMISS_HIDDEN)
    action, doing = BORROWED_ACTS.get(act, (action, ""))
    require(principal, action, remiss.namnd_id, doing=doing)
    return remiss


def load_namnd(session: Session, principal: Principal, namnd_id: int, action: Action = Action.view, *,
               act: str = ""):
    """Return the nämnd if the principal may do action (or the act of BORROWED_ACTS) in it; else NotFound /
    AccessDenied, one answer for a nämnd that does not exist and one the principal may not see."""
    from remiss.namnd.models import Namnd

    namnd = session.get(Namnd, namnd_id)
    if namnd is None:
        raise NotFound(NAMND_HIDDEN)
    action, doing = BORROWED_ACTS.get(act, (action, ""))
    require(principal, action, namnd.id, hidden=NAMND_HIDDEN, doing=doing)
    return namnd
