"""Which question of a changed list is which old question (walk18 F10, F11): by text, never by place."""
from remiss.remisser.question_match import match

A, B, C = "Fråga A om kultur?", "Fråga B om ekonomi?", "Ny fråga C om miljö?"


def test_a_new_question_first_and_a_new_order_follow_the_text():
    assert match([(1, A), (2, B)], [(None, C), (None, B), (None, A)]) == [None, 1, 0]


def test_an_id_given_to_another_question_does_not_make_it_the_same_question():
    # SQLite gives a deleted row's id to the next new one: C with A's old id is still a new question
    assert match([(1, A), (2, B)], [(1, C), (2, B)]) == [None, 1]


def test_a_typo_fixed_and_spaces_or_case_changed_are_the_same_question():
    assert match([(1, A), (2, C)], [(None, "fråga a  om kultur?"), (None, "Ny fråga C om miljön?")]) == [0, 1]


def test_a_question_rewritten_beyond_recognition_is_a_new_one():
    assert match([(1, "Är rätt nämnder ansvariga för åtgärderna?")],
                 [(None, "Har åtagandena rätt ambitionsnivå?")]) == [None]


def test_each_old_question_is_used_once():
    assert match([(1, A), (2, A)], [(None, A), (None, A), (None, A)]) == [0, 1, None]
