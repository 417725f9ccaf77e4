"""fresh10-holdout stays wholly held out: scored only by name, never in a plain run, --dev-only or the title folds.

Nothing here parses a letter or reads the set's texts: the round's after-measure must see them for the first time.
"""
from __future__ import annotations

from bench import missiv_eval, title_cv


def test_fresh10_is_registered_by_name_only():
    assert missiv_eval.FRESH_FILES["fresh10-holdout"].name == "fresh10-holdout.json"
    assert "fresh10-holdout" in missiv_eval.WHOLLY_HELD_OUT
    assert "fresh10-holdout" not in missiv_eval.DEFAULT_SPLITS
    assert "fresh10-holdout" not in missiv_eval.DEV_SPLITS
    assert "fresh10-holdout" not in missiv_eval.SEEN_HOLDOUTS


def test_no_wholly_held_out_set_is_in_a_plain_run_or_a_title_fold():
    for name in missiv_eval.WHOLLY_HELD_OUT:
        assert name not in missiv_eval.DEFAULT_SPLITS + missiv_eval.DEV_SPLITS + missiv_eval.SEEN_HOLDOUTS
        assert name not in title_cv.SETS


def test_the_misses_of_fresh10_are_never_printed():
    assert not missiv_eval.misses_shown("fresh10-holdout", True, missiv_eval.SEEN_HOLDOUTS)
    assert missiv_eval.misses_shown("fresh8-dev", True, ())  # a development set's misses are listed on request
    assert not missiv_eval.misses_shown("fresh8-dev", False, ())
