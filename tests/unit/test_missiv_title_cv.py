"""The title cross-validation of bench/title_cv.py: its folds, its scoring and the candidate ranker it fits."""
from __future__ import annotations

from bench import missiv_eval, title_cv
from bench.title_candidates import NONE, Candidate, candidates, choose

FORWARD = """Hej,
vidarebefordrar remissen nedan.

Från: Registrator <registrator@lansstyrelsen.se>
Skickat: den 3 maj 2024 10:12
Till: Kommunstyrelsen
Ämne: Remiss av förslag till regional vattenförsörjningsplan för Gotlands län

Länsstyrelsen i Gotlands län
Regional vattenförsörjningsplan för Gotlands län

Länsstyrelsen har tagit fram ett förslag till regional vattenförsörjningsplan. Synpunkter lämnas senast den
30 juni 2024 till gotland@lansstyrelsen.se.
"""


def test_the_wholly_held_out_set_is_no_fold():
    assert not [s for s in title_cv.SETS if s in missiv_eval.WHOLLY_HELD_OUT]
    assert not [s for s in title_cv.SETS if "fresh14-holdout" in s or "fresh19-holdout" in s or "fresh20-holdout" in s
                or "fresh21-holdout" in s]
    assert set(title_cv.FIRST_SIGHT) <= set(title_cv.SETS)


def test_outcome_counts_a_title_with_its_remiss_lead_as_right():
    assert title_cv.outcome("Remiss av promemorian Skärpta regler", "Skärpta regler") == "right"
    assert title_cv.outcome("Välkommen till vår webbplats", "Skärpta regler") == "wrong"
    assert title_cv.outcome(None, "Skärpta regler") == "empty"
    assert title_cv.outcome(None, None) == "none"
    assert title_cv.outcome("Skärpta regler", None) == "wrong"  # a title where none is annotated is a wrong fill


def test_near_miss_tells_another_form_of_the_title_from_another_title():
    want = "Förslag till nytt naturvårdsprogram för Åtvidabergs kommun"
    assert title_cv.near_miss("Förslag till nytt naturvårdsprogram", want)
    assert not title_cv.near_miss("Följ projektet via", "Letsi–Svartbyn")


def test_candidates_hold_the_subject_the_heading_and_the_no_title_option():
    found = candidates(FORWARD)
    assert found[0].value == NONE
    by_value = {c.value.casefold(): c for c in found}
    subject = by_value["förslag till regional vattenförsörjningsplan för gotlands län"]
    assert subject.features["src_subject"] == 1.0
    heading = by_value["regional vattenförsörjningsplan för gotlands län"]
    assert heading.features["src_line"] == 1.0 and heading.features["doc_noun"] == 1.0
    # the proposal's variant without "Förslag till" is the same name as the heading: one candidate, both sources
    assert heading.features.get("variant_no_proposal") == 1.0


def test_the_rule_title_is_a_candidate_of_its_own():
    found = candidates(FORWARD, "Regional vattenförsörjningsplan för Gotlands län")
    ruled = [c for c in found if "src_rule" in c.features]
    assert [c.value for c in ruled] == ["Regional vattenförsörjningsplan för Gotlands län"]


def _letter(want: str | None, values: list[tuple[str, dict]]) -> dict:
    return {"want": want, "cands": [Candidate(NONE, {"none": 1.0})] + [Candidate(v, {"bias": 1.0, **f})
                                                                      for v, f in values]}


def test_fit_learns_which_feature_names_the_title_and_when_to_leave_it_empty():
    letters = [
        _letter("Avfallsplan 2030", [("Avfallsplan 2030", {"heading": 1.0}), ("Start", {"chrome": 1.0})]),
        _letter("Kulturplan", [("Meny", {"chrome": 1.0}), ("Kulturplan", {"heading": 1.0})]),
        _letter(None, [("Sök", {"chrome": 1.0})]),  # nothing but chrome: no title is right
    ] * 5
    weights = title_cv.fit(letters, "cands")
    assert weights["heading"] > weights["chrome"]
    unseen = _letter(None, [("Kontakt", {"chrome": 1.0}), ("Cykelplan 2025", {"heading": 1.0})])["cands"]
    assert choose(unseen, weights).value == "Cykelplan 2025"
    assert choose(_letter(None, [("Logga in", {"chrome": 1.0})])["cands"], weights).value is None


def test_doubt_is_the_rankers_probability_for_the_rule_title():
    cands = [Candidate(NONE, {"none": 1.0}), Candidate("Kulturplan", {"heading": 1.0, "src_rule": 1.0}),
             Candidate("Meny", {"chrome": 1.0})]
    weights = {"heading": 2.0, "chrome": -2.0, "src_rule": 50.0}  # the rule's own weight is never counted
    assert 0.7 < title_cv.doubt(cands, weights) < 0.9
    assert title_cv.doubt(cands[:1] + cands[2:], weights) == 0.0
