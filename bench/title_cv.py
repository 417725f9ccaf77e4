"""Cross-validate the missiv title (ärendemening) over the seen sets: the rule parser against a learned ranker.

Folds are the annotated sets (leave one set out): the kinds sets (dev, holdout, extra, ext-dev, each with the forwards
bench/missiv_eval.py builds) and the fresh sets that are development material (fresh-dev … fresh6-holdout,
fresh8-dev, fresh7-holdout, fresh10-holdout and fresh11-holdout). `fresh9-holdout`, `fresh12-holdout` and
`fresh13-holdout` are wholly held out: never loaded here (an assertion guards it).

- baseline: the parser as it is (`parse_missiv(text).title`). Its rules were written looking at every one of these
  sets, so its per-set score is a development score, not an unseen one; the first-sight scores of the sets that had
  one are in bench/results-missiv.md.
- ranker: bench/title_candidates.py's candidates and features, a conditional logit (softmax over a letter's candidates,
  "no title" among them) fitted in plain Python on the other folds and scored on the left-out one. Variants: without
  the rule's title among the candidates (nothing the rules learned from the left-out set leaks in), with it, and the
  rules with the ranker as fallback where they give nothing.

A title is right as bench/missiv_eval.py counts it (`_same_title`); "wrong" is a title given where the annotation
differs or is null; "empty" is no title where one is annotated.

Two fairer tables, on the sets that were measured once before any rule was written for them (`FIRST_SIGHT`:
fresh3-holdout, fresh4-holdout, fresh5-holdout, fresh6-holdout, fresh8-dev, ext-dev; each set's commit is exported
with `git archive` into a temporary directory and run in a subprocess), leaving one of these sets out at a time:
- --first-sight: the titles the parser of each set's first run gave (what the rules did on letters they had not
  seen) against the ranker. The ranker's candidates still use today's trimming and chrome rules, which were tuned on
  these very sets: this table flatters the ranker.
- --clean: (round 12 adds "a806926+normalise": today's title_trim.normalise applied to that commit's titles)
  the rules and the ranker's candidates both from CLEAN_COMMIT (a806926, before any of the six sets was
  tuned on), so that neither the rules nor the features nor the weights saw the left-out set; and the ranker with that
  rule's title among its candidates, fitted on the other first-sight sets only. Also: how many of the rules' right and
  wrong titles the ranker's doubt (its probability for the rule's title) would flag.
Each table ends with the near misses: wrong titles that are another form of the annotated one.

- --offered (round 33): the right title among the titles the parser offers (its pick and title_alternatives), the
  rules' alternatives against the ranker's (remiss/missiv/title_ranker.py, fitted by bench/title_fit.py on the other
  folds), per fold; the parser's chosen title must not change.

Run: `PYTHONPATH=. .venv/bin/python bench/title_cv.py [--kinds] [--first-sight | --clean | --offered]` (--kinds: per
kind too).
The result (bench/results-missiv.md, "Title cross-validation"): the ranker gives about as many right titles as the
rules on unseen letters, far fewer wrong ones; it is not used by the parser.
"""
from __future__ import annotations

import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.missiv_eval import _same_title, load_kind_cases  # noqa: E402
from bench.title_candidates import NONE, Candidate, candidates, choose  # noqa: E402
from remiss.missiv import parse_missiv  # noqa: E402
from remiss.missiv.title_trim import normalise  # noqa: E402

SETS = ("dev", "holdout", "extra", "ext-dev", "fresh-dev", "fresh-holdout", "fresh2-holdout", "fresh3-dev",
        "fresh3-holdout", "fresh4-holdout", "fresh5-holdout", "fresh6-holdout", "fresh7-holdout",
        "fresh8-dev", "fresh10-holdout", "fresh11-holdout", "fresh9-holdout", "fresh12-holdout", "fresh13-holdout")
# fresh7-holdout is seen since round 13, fresh10-holdout since round 14, fresh11-holdout since round 16,
# fresh9, fresh12 and fresh13 since round 32; the fresh14 to fresh21 holdouts are wholly held out
assert not any(h in s for s in SETS for h in ("fresh14-holdout", "fresh15-holdout", "fresh16-holdout",
                                             "fresh17-holdout", "fresh18-holdout", "fresh19-holdout",
                                             "fresh20-holdout", "fresh21-holdout")), \
    "the fresh14 to fresh21 holdouts are wholly held out"
# The commit each set was first measured at (bench/results-missiv.md), before any rule was written for it.
FIRST_SIGHT = {"fresh3-holdout": "a806926", "fresh4-holdout": "03115f9", "fresh5-holdout": "c7e0338",
               "fresh6-holdout": "bb4cf4b", "fresh7-holdout": "bb4cf4b", "fresh8-dev": "bb4cf4b", "ext-dev": "bb4cf4b",
               "fresh10-holdout": "14e9803", "fresh11-holdout": "cc9ec39"}
ROOT = Path(__file__).resolve().parent.parent
L2 = 0.02
EPOCHS = 20


def load() -> list[dict]:
    """Return every letter of the seen sets with its set, kind, annotated title, rule title and candidates."""
    letters = []
    for name in SETS:
        for case in load_kind_cases(name):
            rule = parse_missiv(case["text"]).title
            letters.append({"set": name, "id": case["id"], "text": case["text"], "kind": case["kind"],
                            "real": "forwarded_from" not in case, "want": case["expected"].get("title"), "rule": rule,
                            "cands": candidates(case["text"], rule), "cands_norule": candidates(case["text"], None)})
    return letters


def outcome(have: str | None, want: str | None) -> str:
    """Return "right", "wrong", "empty" (title annotated, none given) or "none" (nothing annotated, nothing given)."""
    if have is None:
        return "none" if want is None else "empty"
    return "right" if want is not None and _same_title(have, want) else "wrong"


def near_miss(have: str, want: str) -> bool:
    """Tell whether a wrong title is another form of the annotated one: one holds the other's words, or they share
    most of them ("Förslag till nytt naturvårdsprogram" for "… naturvårdsprogram för Åtvidabergs kommun")."""
    def words(value: str) -> set[str]:
        return {w.casefold() for w in re.findall(r"[^\W_]{2,}", value)}
    a, b = words(have), words(want)
    return bool(a and b) and (a <= b or b <= a or len(a & b) / len(a | b) >= 0.6)


def _gold(cands, want) -> list[int]:
    if want is None:
        return [0]
    hits = [i for i, c in enumerate(cands) if c.value != NONE and _same_title(c.value, want)]
    return hits or [0]  # no candidate names it: leaving the title empty is the best the ranker can do


def fit(letters: list[dict], key: str, seed: int = 7) -> dict[str, float]:
    """Fit the conditional logit by Adagrad on the letters' candidates (`key`: which candidate list)."""
    weights: dict[str, float] = {}
    sums: dict[str, float] = {}
    order = list(range(len(letters)))
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            cands = letters[i][key]
            gold = set(_gold(cands, letters[i]["want"]))
            scores = [sum(weights.get(k, 0.0) * v for k, v in c.features.items()) for c in cands]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            gold_total = sum(exps[j] for j in gold)
            grad: dict[str, float] = {}
            for j, c in enumerate(cands):
                p, q = exps[j] / total, (exps[j] / gold_total if j in gold else 0.0)
                if p - q:
                    for k, v in c.features.items():
                        grad[k] = grad.get(k, 0.0) + (q - p) * v
            for k, g in grad.items():
                g -= L2 * weights.get(k, 0.0)
                sums[k] = sums.get(k, 0.0) + g * g
                weights[k] = weights.get(k, 0.0) + 0.5 * g / math.sqrt(sums[k] + 1e-8)
    return weights


def oracle(letter: dict, key: str) -> str:
    """Return the best outcome any candidate gives the letter."""
    return "right" if letter["want"] and _gold(letter[key], letter["want"]) != [0] else \
        ("none" if letter["want"] is None else "empty")


def _add(rows: list, x: dict, have: str | None) -> None:
    rows.append((x, outcome(have, x["want"]), have))


def evaluate(letters: list[dict]) -> dict[str, dict[str, list[tuple[dict, str, str | None]]]]:
    """Return per method the (letter, outcome) pairs, every fold's letters scored by a model fitted without it."""
    methods: dict[str, list[tuple[dict, str, str | None]]] = {m: [] for m in ("rules", "ranker-norule", "ranker+rule",
                                                                   "rules→ranker", "oracle-norule", "oracle+rule")}
    for held in SETS:
        train = [x for x in letters if x["set"] != held]
        test = [x for x in letters if x["set"] == held]
        w_norule, w_rule = fit(train, "cands_norule"), fit(train, "cands")
        for x in test:
            _add(methods["rules"], x, x["rule"])
            plain = choose(x["cands_norule"], w_norule).value
            _add(methods["ranker-norule"], x, plain)
            _add(methods["ranker+rule"], x, choose(x["cands"], w_rule).value)
            _add(methods["rules→ranker"], x, x["rule"] or plain)
            methods["oracle-norule"].append((x, oracle(x, "cands_norule"), None))
            methods["oracle+rule"].append((x, oracle(x, "cands"), None))
    return methods


def _cell(pairs: list[tuple[dict, str, str | None]]) -> str:
    annotated = [o for x, o, _ in pairs if x["want"] is not None]
    fills = sum(1 for x, o, _ in pairs if x["want"] is None and o == "wrong")
    return (f"{annotated.count('right'):3d}/{len(annotated):3d} "
            f"(w{annotated.count('wrong'):2d} e{annotated.count('empty'):2d} f{fills})")


def near_cell(pairs: list[tuple[dict, str, str | None]]) -> str:
    """Return how many of the wrong titles are near misses (another form of the annotated title)."""
    wrong = [(x, have) for x, o, have in pairs if o == "wrong" and x["want"] is not None]
    return f"{sum(near_miss(have, x['want']) for x, have in wrong)}/{len(wrong)}"


def report(methods: dict, by_kind: bool, sets: tuple[str, ...]) -> None:
    """Print right/annotated (wrong, empty, fills where none is annotated) per fold and method."""
    names = list(methods)
    print(f"{'fold':16}" + "".join(f"{m:>24}" for m in names))
    kinds = sorted({x["kind"] for x, _, _ in next(iter(methods.values()))})
    groups = [("set", s) for s in sets] + ([("kind", k) for k in kinds]
                                          if by_kind else [])
    for field, value in groups + [("real", True), ("real", False), (None, None)]:
        label = {None: "all", True: "real letters", False: "forwards"}.get(value, value) if field != "set" else value
        if field == "kind":
            label = f"kind {value}"
        row = f"{label:16}"
        for m in names:
            pairs = [(x, o, h) for x, o, h in methods[m] if field is None or x[field] == value]
            row += f"{_cell(pairs):>24}"
        print(row)
    print(f"{'near misses':16}" + "".join(f"{near_cell(methods[m]):>24}" for m in names)
          + "   (wrong titles that are another form of the annotated one)")


_OLD_RUN = """
import json, sys
from remiss.missiv import parse_missiv
cases = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump({key: parse_missiv(text).title for key, text in cases.items()}, open(sys.argv[2], "w", encoding="utf-8"))
"""


def first_sight_titles(letters: list[dict], commits: dict[str, str] | None = None) -> dict[str, str | None]:
    """Return "set/id" → the title the parser of the set's first run gave (FIRST_SIGHT, or `commits`: set → commit),
    run from `git archive`."""
    commits = commits or FIRST_SIGHT
    titles: dict[str, str | None] = {}
    with tempfile.TemporaryDirectory(prefix="title-cv-") as tmp:
        for commit in sorted(set(commits.values())):
            tree = Path(tmp) / commit
            tree.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "remiss"], check=True,
                                     capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
            cases = {f"{x['set']}/{x['id']}": x["text"] for x in letters if commits.get(x["set"]) == commit}
            (tree / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
            env = {**os.environ, "PYTHONPATH": str(tree)}
            subprocess.run([sys.executable, "-c", _OLD_RUN, str(tree / "cases.json"), str(tree / "titles.json")],
                           check=True, env=env, cwd=tmp)
            titles.update(json.loads((tree / "titles.json").read_text(encoding="utf-8")))
    return titles


def evaluate_first_sight(letters: list[dict]) -> dict[str, list[tuple[dict, str, str | None]]]:
    """Leave one first-sight set out: the first-sight rules, the ranker with them, the ranker without, today's rules."""
    titles = first_sight_titles(letters)
    seen = [x for x in letters if x["set"] in FIRST_SIGHT]
    for x in seen:
        x["first"] = titles[f"{x['set']}/{x['id']}"]
        x["cands_first"] = candidates(x["text"], x["first"])
    methods: dict[str, list[tuple[dict, str, str | None]]] = {m: [] for m in ("rules today", "rules first sight",
                                                                   "ranker+first", "ranker-norule", "first→ranker")}
    for held in FIRST_SIGHT:
        w_first = fit([x for x in seen if x["set"] != held], "cands_first")
        w_norule = fit([x for x in letters if x["set"] != held], "cands_norule")
        for x in (x for x in seen if x["set"] == held):
            plain = choose(x["cands_norule"], w_norule).value
            _add(methods["rules today"], x, x["rule"])
            _add(methods["rules first sight"], x, x["first"])
            _add(methods["ranker+first"], x, choose(x["cands_first"], w_first).value)
            _add(methods["ranker-norule"], x, plain)
            _add(methods["first→ranker"], x, x["first"] or plain)
            x["doubt_today"] = doubt(x["cands"], w_norule)
            x["doubt_first"] = doubt(x["cands_first"], w_norule)
    return methods


# The parser before any first-sight set was tuned on (fresh3-holdout's first run): --clean builds the candidates and
# their features with its trimming and heading rules, so that nothing learned from a left-out set reaches it.
CLEAN_COMMIT = "a806926"
_OLD_CANDIDATES = """
import json, sys
from bench.title_candidates import candidates
from remiss.missiv import parse_missiv
cases = json.load(open(sys.argv[1], encoding="utf-8"))
out = {}
for key, text in cases.items():
    rule = parse_missiv(text).title
    out[key] = [rule, [[c.value, c.features] for c in candidates(text)],
                [[c.value, c.features] for c in candidates(text, rule)]]
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
"""


def clean_candidates(letters: list[dict]) -> None:
    """Set x["cands_clean"]: the candidates built by bench/title_candidates.py on the parser of CLEAN_COMMIT; and
    x["rule_clean"], that parser's title, with x["cands_clean_rule"], the candidates with it among them."""
    with tempfile.TemporaryDirectory(prefix="title-cv-") as tmp:
        tree = Path(tmp) / CLEAN_COMMIT
        tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", CLEAN_COMMIT, "remiss"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        cases = {f"{x['set']}/{x['id']}/{i}": x["text"] for i, x in enumerate(letters)}
        (tree / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{ROOT}"}
        subprocess.run([sys.executable, "-c", _OLD_CANDIDATES, str(tree / "cases.json"), str(tree / "cands.json")],
                       check=True, env=env, cwd=tmp)
        found = json.loads((tree / "cands.json").read_text(encoding="utf-8"))
    for i, x in enumerate(letters):
        rule, plain, with_rule = found[f"{x['set']}/{x['id']}/{i}"]
        x["rule_clean"] = rule
        x["cands_clean"] = [Candidate(v, f) for v, f in plain]
        x["cands_clean_rule"] = [Candidate(v, f) for v, f in with_rule]


def evaluate_clean(letters: list[dict]) -> dict[str, list[tuple[dict, str, str | None]]]:
    """Leave one first-sight set out: its first-sight rules against the ranker on CLEAN_COMMIT's candidates, fitted
    on every other set."""
    titles = first_sight_titles(letters)
    clean_candidates(letters)
    methods: dict[str, list[tuple[dict, str, str | None]]] = {
        m: [] for m in ("rules today", "rules first sight", f"rules {CLEAN_COMMIT}", f"{CLEAN_COMMIT}+normalise",
                        "ranker clean", "ranker+rule clean", "oracle clean")}
    for held in FIRST_SIGHT:
        weights = fit([x for x in letters if x["set"] != held], "cands_clean")
        # the rule's title as a candidate: its weight is learned only where CLEAN_COMMIT's rules had not been tuned
        stacked = fit([x for x in letters if x["set"] in FIRST_SIGHT and x["set"] != held], "cands_clean_rule")
        for x in (x for x in letters if x["set"] == held):
            first = titles[f"{x['set']}/{x['id']}"]
            plain = choose(x["cands_clean"], weights).value
            _add(methods["rules today"], x, x["rule"])
            _add(methods["rules first sight"], x, first)
            _add(methods["ranker clean"], x, plain)
            _add(methods["ranker+rule clean"], x, choose(x["cands_clean_rule"], stacked).value)
            _add(methods[f"rules {CLEAN_COMMIT}"], x, x["rule_clean"])
            # round 12's normalisation (title_trim.normalise) on the clean rules' title: what it adds on letters
            # neither those rules nor it was written on
            _add(methods[f"{CLEAN_COMMIT}+normalise"], x, normalise(x["rule_clean"]) or None if x["rule_clean"] else None)
            x["doubt_clean"] = doubt(x["cands_clean_rule"], weights)
            methods["oracle clean"].append((x, oracle(x, "cands_clean"), None))
    return methods


def doubt(cands: list, weights: dict[str, float]) -> float:
    """Return the ranker's probability for the rule's own title among the candidates (0 when there is none): the
    "src_rule" feature is left out of the sum, so the number is the ranker's own view of that title."""
    scores = [sum(weights.get(k, 0.0) * v for k, v in c.features.items() if k != "src_rule") for c in cands]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    ruled = [e for e, c in zip(exps, cands) if "src_rule" in c.features]
    return ruled[0] / sum(exps) if ruled else 0.0


def report_doubt(letters: list[dict], key: str, rule_key: str) -> None:
    """Print how many right and wrong rule titles a doubt threshold would flag (or leave empty)."""
    titled = [x for x in letters if x.get(key) is not None and x[rule_key]]
    for name in ("all",) + tuple(FIRST_SIGHT):
        rows = [x for x in titled if name == "all" or x["set"] == name]
        cells = []
        for threshold in (0.05, 0.1, 0.15, 0.2, 0.3):
            flagged = [outcome(x[rule_key], x["want"]) for x in rows if x[key] < threshold]
            cells.append(f"<{threshold}: {flagged.count('right')} right {flagged.count('wrong')} wrong")
        wrong = sum(outcome(x[rule_key], x["want"]) == "wrong" for x in rows)
        print(f"  {name:15} titled {len(rows):3d}, wrong {wrong:3d} | " + " | ".join(cells))


def offered_right(title: str | None, alternatives: list[str], want: str) -> bool:
    """Tell whether the annotated title is among the offered ones, as bench/missiv_eval.py counts it."""
    return any(_same_title(v, want) for v in ([title] if title else []) + list(alternatives))


def evaluate_offered() -> None:
    """--offered (round 33): the right title among the offered ones (the chosen title and title_alternatives, as
    bench/missiv_eval.py counts it), before (the rules' alternatives: the parser with the ranker's weights empty) and
    after (the parser with the ranker fitted by bench/title_fit.py on the other folds, 3 and 4 titles offered in all);
    per fold and in all, one set left out at a time. The chosen title must be the same in every column."""
    from bench.title_fit import fitted, training_letters
    from remiss.missiv import title_ranker

    letters = training_letters()
    shipped = title_ranker.load_weights

    def parse_with(weights: dict[str, float], text: str, limit: int):
        title_ranker.load_weights = lambda: {"weights": weights}
        title_ranker.OFFERED = limit
        try:
            return parse_missiv(text)
        finally:
            title_ranker.load_weights, title_ranker.OFFERED = shipped, 3

    columns = ("before", "after 3", "after 4", "oracle")
    rows: dict[str, dict[str, list[int]]] = {}
    counts = {c: 0 for c in columns[:3]}  # alternatives offered in all
    changed = 0
    for held in SETS:
        weights = fitted([x for x in letters if x["set"] != held])
        row = rows.setdefault(held, {c: [0, 0] for c in columns})
        for x in (x for x in letters if x["set"] == held):
            results = {"before": parse_with({}, x["text"], 3), "after 3": parse_with(weights, x["text"], 3),
                       "after 4": parse_with(weights, x["text"], 4)}
            changed += len({r.title for r in results.values()}) > 1
            for column, result in results.items():
                counts[column] += len(result.title_alternatives)
            if not x["want"]:
                continue
            for column, result in results.items():
                row[column][0] += offered_right(result.title, result.title_alternatives, x["want"])
            row["oracle"][0] += oracle(x, "cands") == "right"
            for column in columns:
                row[column][1] += 1
    print(f"{'fold':16}" + "".join(f"{c:>14}" for c in columns))
    total = {c: [0, 0] for c in columns}
    for held, row in rows.items():
        print(f"{held:16}" + "".join(f"{row[c][0]:>7d}/{row[c][1]:<6d}" for c in columns))
        for c in columns:
            total[c][0] += row[c][0]
            total[c][1] += row[c][1]
    print(f"{'all':16}" + "".join(f"{total[c][0]:>7d}/{total[c][1]:<6d}" for c in columns))
    print("alternatives offered in all: " + ", ".join(f"{c} {n}" for c, n in counts.items()) +
          f"; letters whose chosen title changed: {changed}")


def main() -> None:
    if "--offered" in sys.argv:
        evaluate_offered()
        return
    letters = load()
    if "--clean" in sys.argv:
        report(evaluate_clean(letters), "--kinds" in sys.argv, tuple(FIRST_SIGHT))
        print(f"\nrules {CLEAN_COMMIT} flagged by the clean ranker's doubt (its probability for the rule's title):")
        report_doubt(letters, "doubt_clean", "rule_clean")
        return
    if "--first-sight" in sys.argv:
        report(evaluate_first_sight(letters), "--kinds" in sys.argv, tuple(FIRST_SIGHT))
        print("\nfirst-sight rules flagged by the ranker's doubt (today's features; the trimming they use was tuned on"
              " these sets, so this flatters the ranker):")
        report_doubt(letters, "doubt_first", "first")
        print("\ntoday's rules flagged the same way (tuned on every set but fresh6-holdout, the one clean fold):")
        report_doubt(letters, "doubt_today", "rule")
        return
    report(evaluate(letters), "--kinds" in sys.argv, SETS)


if __name__ == "__main__":
    main()
