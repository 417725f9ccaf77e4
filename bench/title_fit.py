"""Fit the title ranker's weights (remiss/missiv/title_ranker.py) on the seen annotated sets and write them to
remiss/missiv/data/title_weights.json, with the names of the sets they were fitted on.

The sets are bench/title_cv.py's folds (`SETS`), which never hold the wholly held-out fresh14- to fresh21-holdout
(title_cv asserts it, and this script asserts it again). The model is title_cv's conditional logit (softmax over a
letter's candidates, a "no title" option among them; Adagrad, L2), on the candidates and features the parser itself
builds (title_ranker.candidates on title_ranker.letter_body): every candidate that reads as the annotated title is
a right answer; a letter none names teaches "no title".

Run: `PYTHONPATH=. /work/main/.venv/bin/python bench/title_fit.py` (about a minute); bench/title_cv.py --offered
measures the offered titles with weights fitted the same way, one set left out at a time.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.missiv_eval import WHOLLY_HELD_OUT, load_kind_cases  # noqa: E402
from bench.title_cv import EPOCHS, L2, SETS, fit  # noqa: E402
from remiss.missiv.title_ranker import WEIGHTS_FILE, candidates, letter_body  # noqa: E402

assert not set(SETS) & set(WHOLLY_HELD_OUT), "the fresh14 to fresh21 holdouts are wholly held out"
SEED = 7


def training_letters(sets: tuple[str, ...] = SETS) -> list[dict]:
    """Every letter of `sets` with its set, its annotated title and the ranker's candidates."""
    assert not set(sets) & set(WHOLLY_HELD_OUT), "the fresh14 to fresh21 holdouts are wholly held out"
    letters = []
    for name in sets:
        for case in load_kind_cases(name):
            letters.append({"set": name, "id": case["id"], "text": case["text"], "want": case["expected"].get("title"),
                            "cands": candidates(*letter_body(case["text"]))})
    return letters


def fitted(letters: list[dict]) -> dict[str, float]:
    """The weights fitted on `letters`, rounded for the data file."""
    return {k: round(v, 6) for k, v in sorted(fit(letters, "cands", seed=SEED).items()) if abs(v) >= 1e-6}


def main() -> None:
    letters = training_letters()
    model = {
        "model": "conditional logit over a letter's title candidates (remiss/missiv/title_ranker.py)",
        "fitted_by": "bench/title_fit.py",
        "trained_on": list(SETS),
        "letters": len(letters),
        "epochs": EPOCHS,
        "l2": L2,
        "seed": SEED,
        "weights": fitted(letters),
    }
    WEIGHTS_FILE.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(model['weights'])} weights fitted on {len(letters)} letters of {len(SETS)} sets → {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
