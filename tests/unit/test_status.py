"""The status workflow table."""
import pytest

from remiss.remisser.status import (CLOSED, RemissStatus, TransitionError, allowed_next,
                                   check_transition, moves)

S = RemissStatus
FORWARD = [S.registrerad, S.tilldelad, S.under_beredning, S.klar_for_beslut, S.beslutad, S.besvarad]
OPEN = [S.registrerad, S.tilldelad, S.under_beredning, S.klar_for_beslut, S.beslutad]

# Every allowed move, written out by hand rather than read from TRANSITIONS, so a wrong entry there fails here.
# design.md: the forward path and the side exits avstår (the nämnd declines) and återkallad (withdrawn by the
# remittent); everything else is refused. Beyond the documents, and deliberate in this code: work can go one
# step back where it is returned, a decline or a withdrawal can be undone (avstår, återkallad → registrerad), and
# a remiss marked besvarad by mistake can be corrected (besvarad → beslutad; who may: remiss.auth.access).
ALLOWED = {
    S.registrerad: {S.tilldelad, S.avstar, S.aterkallad, S.makulerad},
    S.tilldelad: {S.under_beredning, S.registrerad, S.avstar, S.aterkallad, S.makulerad},
    S.under_beredning: {S.klar_for_beslut, S.tilldelad, S.avstar, S.aterkallad, S.makulerad},
    S.klar_for_beslut: {S.beslutad, S.under_beredning, S.avstar, S.aterkallad, S.makulerad},
    S.beslutad: {S.besvarad, S.klar_for_beslut, S.aterkallad},
    S.besvarad: {S.beslutad},
    S.avstar: {S.registrerad},
    S.aterkallad: {S.registrerad},
    # registered by mistake (walk12 item 4): makulerad before the nämnd has decided, and undone
    S.makulerad: {S.registrerad},
    # issue 20, an outgoing remiss (we are the remittent): utkast → skickad → svarstiden ute → sammanställd →
    # avslutad, återkallad before the answers are compiled; svarstiden ute goes back to skickad when the remisstid
    # is extended, and a sammanställning is reopened when a late answer comes in.
    S.utkast: {S.skickad, S.aterkallad},
    S.skickad: {S.svarstiden_ute, S.sammanstalld, S.aterkallad},
    S.svarstiden_ute: {S.skickad, S.sammanstalld, S.aterkallad},
    S.sammanstalld: {S.avslutad, S.svarstiden_ute},
    S.avslutad: {S.sammanstalld},  # opened again by hand (walk16 #5)
}


@pytest.mark.parametrize("current", list(S))
def test_every_move_is_allowed_or_refused_as_the_table_says(current):
    assert set(ALLOWED) == set(S)
    for new in S:
        if new in ALLOWED[current]:
            assert check_transition(current, new) == new
        else:
            with pytest.raises(TransitionError):
                check_transition(current, new)
    assert allowed_next(current) == [s for s in S if s in ALLOWED[current]]  # in workflow order


def test_the_closed_statuses():
    assert CLOSED == {S.besvarad, S.avstar, S.aterkallad, S.makulerad, S.avslutad}
    assert [s for s in S if s.is_closed] == [S.besvarad, S.avstar, S.aterkallad, S.makulerad, S.avslutad]


def test_incoming_and_outgoing_paths_do_not_cross():
    """Only återkallad is shared: no move leads from one direction's statuses into the other's, and a withdrawal
    undone goes back to the start of the remiss's own path."""
    outgoing = {S.utkast, S.skickad, S.svarstiden_ute, S.sammanstalld, S.avslutad}
    incoming = set(S) - outgoing - {S.aterkallad}
    for current in S:
        for direction, side in (("inkommande", incoming), ("utgaende", outgoing)):
            if current in side or current == S.aterkallad:
                assert moves(current, direction) <= side | {S.aterkallad}, (current, direction)
    assert check_transition(S.aterkallad, S.utkast, "utgaende") == S.utkast
    with pytest.raises(TransitionError):
        check_transition(S.aterkallad, S.registrerad, "utgaende")
    assert allowed_next(S.aterkallad, "utgaende") == [S.utkast]


def test_the_forward_path_is_allowed_step_by_step():
    for current, new in zip(FORWARD, FORWARD[1:]):
        assert check_transition(current, new) == new


@pytest.mark.parametrize("current", OPEN)
def test_every_open_remiss_can_be_withdrawn(current):
    assert check_transition(current, S.aterkallad) == S.aterkallad


@pytest.mark.parametrize("current", [S.registrerad, S.tilldelad, S.under_beredning, S.klar_for_beslut])
def test_the_namnd_can_decline_before_deciding(current):
    assert check_transition(current, S.avstar) == S.avstar


@pytest.mark.parametrize("current,new", [
    (S.registrerad, S.besvarad), (S.registrerad, S.beslutad), (S.tilldelad, S.klar_for_beslut),
    (S.besvarad, S.registrerad), (S.aterkallad, S.tilldelad), (S.beslutad, S.avstar),
])
def test_illegal_moves_are_refused_in_swedish(current, new):
    with pytest.raises(TransitionError) as exc:
        check_transition(current, new)
    assert "kan inte ändras från" in str(exc.value)
    assert current.label in str(exc.value) and new.label in str(exc.value)


def test_same_status_and_unknown_status_are_refused():
    with pytest.raises(TransitionError, match="redan"):
        check_transition(S.tilldelad, S.tilldelad)
    with pytest.raises(TransitionError, match="Okänd"):
        check_transition(S.tilldelad, "klar")


def test_a_closed_remiss_opens_only_one_step_back():
    # undoing a decline or a withdrawal starts over; a besvarad remiss is corrected back to its beslut
    assert allowed_next(S.besvarad) == [S.beslutad]
    assert allowed_next(S.aterkallad) == [S.registrerad]
    assert allowed_next(S.avstar) == [S.registrerad]


def test_every_status_has_a_swedish_label():
    assert [s.label for s in S] == ["Registrerad", "Tilldelad", "Under beredning", "Klar för beslut", "Beslutad",
                                    "Besvarad", "Avstår", "Återkallad", "Makulerad", "Utkast", "Skickad", "Svarstiden ute",
                                    "Sammanställd", "Avslutad"]
