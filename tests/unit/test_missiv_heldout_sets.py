"""The wholly held-out sets stay held out: scored only by name, never in a plain run, --dev-only or the title folds.

Nothing here parses a letter or prints a set's texts (fresh13's shape is checked, its texts only loaded): a round's
after-measure must see them for the first time.
fresh10-holdout was measured before and after round 13 and is development material since round 14;
fresh11-holdout was measured before and after round 14 (83/117 both) and is development material since round 16.
fresh9-, fresh12- and fresh13-holdout were wholly held out through round 31 and are development material since round 32.
fresh14-holdout (helper h-letters22) is wholly held out, whose other half, fresh14-dev, is development material from first sight; and fresh15-holdout (helper
h-letters23), halved per kind by its own hash rule, whose other half fresh15-dev is development material from first sight;
and fresh16-holdout (helper h-letters24), halved the same way by sha256("fresh16:" + id); and fresh17-holdout (helper
h-letters25), halved the same way by sha256("remiss-missiv-fresh17:" + id); and fresh18-holdout (helper h-gather28), by
sha256("remiss-missiv-fresh18:" + id); and fresh19-holdout (helper h-gather29), by sha256("remiss-missiv-fresh19:" + id);
and fresh20-holdout (helper h-fresh34), by sha256("remiss-missiv-fresh20:" + id); and fresh21-holdout (helper
h-fresh35), by sha256("remiss-missiv-fresh21:" + id).
"""
from __future__ import annotations

from datetime import date

import pytest

from bench import missiv_eval, title_cv


# fresh14 (h-letters22) to fresh21 were gathered blind for a later round's measure: scored only with --only NAME,
# never in the default run, --dev-only, the seen sets or the title cross-validation
@pytest.mark.parametrize("name", ["fresh14-holdout", "fresh15-holdout", "fresh16-holdout", "fresh17-holdout", "fresh18-holdout",
                                  "fresh19-holdout", "fresh20-holdout", "fresh21-holdout"])
def test_a_wholly_held_out_set_is_registered_by_name_only(name):
    assert missiv_eval.FRESH_FILES[name].name == f"{name}.json"
    assert missiv_eval.FRESH_FILES[name].is_file()
    assert name in missiv_eval.WHOLLY_HELD_OUT
    assert name not in missiv_eval.DEFAULT_SPLITS
    assert name not in missiv_eval.DEV_SPLITS
    assert name not in missiv_eval.SEEN_HOLDOUTS
    assert name not in title_cv.SETS


@pytest.mark.parametrize(("name", "size"), [("fresh13-holdout", 33), ("fresh14-holdout", 18), ("fresh14-dev", 14),
                                            ("fresh15-holdout", 16), ("fresh15-dev", 12),
                                            ("fresh16-holdout", 14), ("fresh16-dev", 12),
                                            ("fresh17-holdout", 14), ("fresh17-dev", 10),
                                            ("fresh18-holdout", 17), ("fresh18-dev", 14),
                                            ("fresh19-holdout", 12), ("fresh19-dev", 6),
                                            ("fresh20-holdout", 11), ("fresh20-dev", 11),
                                            ("fresh21-holdout", 10), ("fresh21-dev", 7)])
def test_the_newest_sets_have_the_format_of_the_fresh_sets(name, size):
    # the file's shape only (ids, kinds, the ten fields, ISO days, forwards after their letters); nothing is parsed
    # and no text is printed, so the held-out sets stay unseen
    cases = missiv_eval.load_kind_cases(name)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)) == size
    for position, case in enumerate(cases):
        assert set(case) - {"forwarded_from"} == {"id", "kind", "source", "text", "expected"}, case["id"]
        assert case["kind"] in missiv_eval.KINDS, case["id"]
        assert tuple(case["expected"]) == missiv_eval.KIND_FIELDS, case["id"]
        for day in ("deadline_date", "extension_to"):
            if case["expected"][day]:
                date.fromisoformat(case["expected"][day])
        if case["kind"] == "email":
            assert case["forwarded_from"] in ids[:position], case["id"]


def test_fresh10_is_development_material_since_round_14():
    assert "fresh10-holdout" not in missiv_eval.WHOLLY_HELD_OUT
    assert "fresh10-holdout" in missiv_eval.SEEN_HOLDOUTS
    assert "fresh10-holdout" in missiv_eval.DEFAULT_SPLITS
    assert "fresh10-holdout" in title_cv.SETS


def test_fresh11_is_development_material_since_round_16():
    assert missiv_eval.FRESH_FILES["fresh11-holdout"].name == "fresh11-holdout.json"
    assert "fresh11-holdout" not in missiv_eval.WHOLLY_HELD_OUT
    assert "fresh11-holdout" in missiv_eval.SEEN_HOLDOUTS
    assert "fresh11-holdout" in missiv_eval.DEFAULT_SPLITS
    assert "fresh11-holdout" in title_cv.SETS


@pytest.mark.parametrize("name", ["fresh9-holdout", "fresh12-holdout", "fresh13-holdout"])
def test_the_three_oldest_held_out_sets_are_development_material_since_round_32(name):
    assert name not in missiv_eval.WHOLLY_HELD_OUT
    assert name in missiv_eval.SEEN_HOLDOUTS and name in missiv_eval.DEFAULT_SPLITS and name in title_cv.SETS
    assert name not in missiv_eval.DEV_SPLITS  # --dev-only leaves the seen held-out sets out, as before
    assert missiv_eval.misses_shown(name, True, missiv_eval.SEEN_HOLDOUTS)


def test_no_wholly_held_out_set_is_in_a_plain_run_or_a_title_fold():
    for name in missiv_eval.WHOLLY_HELD_OUT:
        assert name not in missiv_eval.DEFAULT_SPLITS + missiv_eval.DEV_SPLITS + missiv_eval.SEEN_HOLDOUTS
        assert name not in title_cv.SETS


def test_the_misses_of_a_wholly_held_out_set_are_never_printed():
    for name in missiv_eval.WHOLLY_HELD_OUT:
        assert not missiv_eval.misses_shown(name, True, missiv_eval.SEEN_HOLDOUTS)
    assert missiv_eval.misses_shown("fresh10-holdout", True, missiv_eval.SEEN_HOLDOUTS)
    assert missiv_eval.misses_shown("fresh11-holdout", True, missiv_eval.SEEN_HOLDOUTS)
    assert missiv_eval.misses_shown("fresh8-dev", True, ())  # a development set's misses are listed on request
    assert not missiv_eval.misses_shown("fresh8-dev", False, ())


def test_fresh14_is_halved_by_the_hash_rule_and_its_dev_half_is_in_the_plain_run():
    import hashlib

    held = {c["id"]: c for c in missiv_eval.load_kind_cases("fresh14-holdout")}
    dev = {c["id"]: c for c in missiv_eval.load_kind_cases("fresh14-dev")}
    assert not set(held) & set(dev)
    for cases, parity in ((held, 0), (dev, 1)):
        for case in cases.values():
            key = case.get("forwarded_from", case["id"])  # a forward follows its letter
            assert int(hashlib.sha256(f"fresh14:{key}".encode()).hexdigest()[-1], 16) % 2 == parity, case["id"]
    assert "fresh14-dev" in missiv_eval.DEFAULT_SPLITS and "fresh14-dev" in missiv_eval.DEV_SPLITS
    assert missiv_eval.misses_shown("fresh14-dev", True, ())
    assert not missiv_eval.misses_shown("fresh14-holdout", True, missiv_eval.SEEN_HOLDOUTS)


@pytest.mark.parametrize(("name", "salt"), [("fresh15", "fresh15:"), ("fresh16", "fresh16:"),
                                            ("fresh17", "remiss-missiv-fresh17:"),
                                            ("fresh18", "remiss-missiv-fresh18:"),
                                            ("fresh19", "remiss-missiv-fresh19:"),
                                            ("fresh20", "remiss-missiv-fresh20:"),
                                            ("fresh21", "remiss-missiv-fresh21:")])
def test_the_newest_sets_are_halved_per_kind_by_the_hash_rule_and_their_dev_half_is_in_the_plain_run(name, salt):
    import hashlib

    held = {c["id"]: c for c in missiv_eval.load_kind_cases(f"{name}-holdout")}
    dev = {c["id"]: c for c in missiv_eval.load_kind_cases(f"{name}-dev")}
    assert not set(held) & set(dev)
    letters = {**held, **dev}
    by_kind: dict[str, list[str]] = {}
    for case in letters.values():
        if "forwarded_from" not in case:
            by_kind.setdefault(case["kind"], []).append(case["id"])
    for ids in by_kind.values():  # per kind, the half (rounded up) whose sha256(salt + id) sorts first is held out
        ids.sort(key=lambda i: hashlib.sha256(f"{salt}{i}".encode()).hexdigest())
        count = int(len(ids) / 2 + 0.5)
        assert set(ids[:count]) <= set(held) and not set(ids[count:]) & set(held), ids
    for case in letters.values():
        if "forwarded_from" in case:  # a forward follows its letter
            assert (case["id"] in held) == (case["forwarded_from"] in held), case["id"]
    assert f"{name}-dev" in missiv_eval.DEFAULT_SPLITS and f"{name}-dev" in missiv_eval.DEV_SPLITS
    assert missiv_eval.misses_shown(f"{name}-dev", True, ())
    assert not missiv_eval.misses_shown(f"{name}-holdout", True, missiv_eval.SEEN_HOLDOUTS)
