"""results.md from the measurements: the budgets at the top, then one section per database and scale.

Each scale's figures are also kept as JSON (bench/results-scale-<S>.json): a later run at another scale reads
the scale-1 file for the growth column, so `make bench SCALE=10` after `make bench` compares the two.
"""
from __future__ import annotations

import json
import statistics
from pathlib import Path

from bench.budgets import BUDGETS

HERE = Path(__file__).resolve().parent


def results_file(scale: float, folder: Path = HERE) -> Path:
    return folder / f"results-scale-{scale:g}.json"


def load(scale: float, folder: Path = HERE) -> dict | None:
    path = results_file(scale, folder)
    return json.loads(path.read_text()) if path.exists() else None


def save(run: dict, folder: Path = HERE) -> Path:
    path = results_file(run["scale"], folder)
    path.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n")
    return path


def _ms(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}" if x >= 1 else f"{x:.2f}"


def _x(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}×"


def budgets_md() -> str:
    out = ["## Budgets", "", "Kept in one table, `bench/budgets.py`; every row below says PASS or FAIL against one of them.", ""]
    out += [f"- **{b.title}: {b.target}.** {b.why}" for b in BUDGETS.values()]
    out += ["", "The data set (bench/generate.py): scale 1 is the design size, 300 nämnder, 5,000 users, 2,000 "
            "remissinstanser, 100,000 remisser over ten years ending four months after the bench's clock "
            "(2026-11-23), 10 sändlista entries each (40 on every 500th remiss, an outgoing one); remisser whose "
            "deadline is more than 120 days past are closed. Scale 10 adds 900,000 closed remisser of ninety "
            "earlier years and keeps everything else, the newest 100,000 row for row. The machine is shared "
            "with other work: the figures are medians and p95 of interleaved measurements, and still noisy."]
    return "\n".join(out)


def growth_of(section: dict, base: dict | None) -> tuple[dict[str, tuple[float, float]], float | None, str]:
    """{page key: (median at the base scale, ratio)}, the base scale and where its figures come from.

    Figures measured interleaved in this run (section["growth"]) win over a base section (same run, or the
    scale-1 file of an earlier run)."""
    grown = section.get("growth")
    if grown:
        return ({k: (v["base_median"], v["median"] / v["base_median"]) for k, v in grown["pages"].items()
                 if v["base_median"]},
                grown["base_scale"], f"both scales' databases kept and every page requested from each in turn, "
                                     f"{grown['rounds']} rounds (interleaved in this run)")
    if base is None:
        return {}, None, ""
    medians = {p["key"]: p["median"] for p in base.get("pages", [])}
    return ({p["key"]: (medians[p["key"]], p["median"] / medians[p["key"]]) for p in section["pages"]
             if medians.get(p["key"])}, base["base_scale"], base["origin"])


def _pages_md(section: dict, base: dict | None, base_scale: float, scale: float) -> list[str]:
    page_budget, growth, sql = BUDGETS["page_p95"], BUDGETS["growth"], BUDGETS["sql_ratio"]
    grown, grown_base, _ = growth_of(section, {**base, "base_scale": base_scale} if base else None)
    show_growth = bool(grown) and scale != grown_base
    head = "| page | requests | median ms | p95 ms | p95 " + page_budget.target + " |"
    rule = "| --- | ---: | ---: | ---: | --- |"
    if show_growth:
        head += f" median at scale {grown_base:g} ms | growth | {growth.target} |"
        rule += " ---: | ---: | --- |"
    out = [f"Server time, in-process through the real routes, logged in: {section['rounds']} rounds, each page once a "
           "round (a page that has taken 30 s stops after 30 requests).", "", head, rule]
    for p in section["pages"]:
        row = f"| {p['name']} | {p['n']} | {_ms(p['median'])} | {_ms(p['p95'])} | {page_budget.verdict(p['p95'])} |"
        if show_growth:
            b, ratio = grown.get(p["key"], (None, None))
            row += f" {_ms(b)} | {_x(ratio)} | {growth.verdict(ratio) if scale > grown_base else '–'} |"
        out.append(row)
    out += ["", "The page's SQL: each statement's execute call timed in the request (median of the summed time) "
            "against the same statements with the same parameters through the raw driver (median of the replays, "
            "alternating with the requests).", "",
            f"| page | statements | SQL in the app ms | same SQL raw ms | difference ms | ratio | {sql.target} |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for p in section["pages"]:
        note = " (count varies)" if p.get("varies") else ""
        note += " (writes: replay rolled back)" if p.get("writes") else ""
        out.append(f"| {p['name']} | {p['statements']}{note} | {_ms(p['sql_app'])} | {_ms(p['sql_raw'])} | "
                   f"{p['sql_app'] - p['sql_raw']:+.2f} | {_x(p['sql_ratio'])} | {sql.verdict(p['sql_ratio'])} |")
    return out


def _load_md(section: dict) -> list[str]:
    load = section.get("load")
    if not load:
        return []
    if "error" in load:
        return ["", f"Throughput not measured: {load['error']}"]
    budget = BUDGETS["throughput"]
    out = ["", f"Throughput: gunicorn, {load['workers']} workers ({load['worker_class']}), 16 users logged in, "
           f"load from {load['driver']}: {load['rounds']} rounds of {load['seconds']:g} s per page after a "
           f"{load['warmup']:g} s warm-up, the pages in turn. Requests/s is the median of the rounds; latency "
           "under that load beside it.", "",
           f"| page | req/s | rounds | p50 ms | p99 ms | not 200 | {budget.target} |",
           "| --- | ---: | --- | ---: | ---: | ---: | --- |"]
    for p in load["pages"]:
        verdict = "reference" if p["key"] == "bare" else budget.verdict(p["rps"]) if not p["bad"] else "FAIL"
        out.append(f"| {p['name']} | {p['rps']:.0f} | {', '.join(f'{x:.0f}' for x in p['rounds'])} | "
                   f"{_ms(p['p50'] or None)} | {_ms(p['p99'] or None)} | {p['bad']} | {verdict} |")  # 0: none done
    return out


def _other_md(rows: list[dict]) -> list[str]:
    if not rows:
        return []
    out = ["", "| measure | median ms | p95 ms | floor median ms | ratio | floor is | target | verdict |",
           "| --- | ---: | ---: | ---: | ---: | --- | --- | --- |"]
    for r in rows:
        budget = BUDGETS.get(r["budget"]) if r["budget"] else None
        ratio = r["median"] / r["floor"] if r.get("floor") else None
        out.append(f"| {r['name']} | {_ms(r['median'])} | {_ms(r['p95'])} | {_ms(r.get('floor'))} | "
                   f"{_x(ratio)} | {r['floor_is']} | {budget.target if budget else '–'} | "
                   f"{budget.verdict(r['median']) if budget else '–'} |")
    return out


def _delivery_md(found: list[dict]) -> list[str]:
    """The delivery benchmark's rows (bench/delivery_bench.py, run by bench/suites.py delivery())."""
    if not found:
        return []
    from bench.delivery_bench import HEADER, row

    out = ["", "Reminder delivery against its physical limit (bench/delivery_bench.py on a temporary SQLite file; "
           "repeat with `python bench/delivery_bench.py --due 3000 --rounds 2 [--workers 2]`): a sweep to a local "
           "aiosmtpd, each mail marked sent before the next, against a bare smtplib loop sending the same mails, "
           "built beforehand, to the same server in the same run; rates best of the rounds, processor time per "
           "mail least of the rounds (it does not depend on the machine's other load, the rates do).", "", *HEADER]
    for f in found:
        out.append(row(f) if "error" not in f else f"| `--workers {f['workers']}`: not measured: {f['error']} "
                                                    "| – | – | – | ≥ 0.8 | – | – | – |")
    loads = [f["load"] for f in found if "load" in f]
    if loads:
        out += ["", f"Load average (1 min) at the end of each: {', '.join(f'{x:.2f}' for x in loads)}."]
    return out


def section_md(label: str, section: dict, scale: float, base: dict | None, base_scale: float) -> str:
    if "skipped" in section:
        return "\n".join([f"## {label}, scale {scale:g}", "", section["skipped"], ""])
    d = section["data"]
    out = [f"## {label}, scale {scale:g}", "",
           f"Database: {section['database']}. Data: {d['remiss']:,} remisser ({d['recent']:,} in the newest ten "
           f"years), {d['sandlista_entry']:,} sändlista entries, {d['user_account']:,} users, {d['namnd']} nämnder; "
           f"generated in {d['seconds']:.0f} s ({', '.join(f'{k} {v:.0f} s' for k, v in d['steps'].items() if v >= 1)}"
           f"{', ' if any(v >= 1 for v in d['steps'].values()) else ''}analysed in {d['analyse']:.0f} s).", ""]
    grown, grown_base, origin = growth_of(section, {**base, "base_scale": base_scale} if base else None)
    if grown and scale != grown_base:
        out += [f"Growth against scale {grown_base:g}: {origin}. The growth column compares those medians"
                + (" (the median column is this section's own run)." if section.get("growth") else "."), ""]
    out += _pages_md(section, base, base_scale, scale)
    out += _load_md(section)
    out += _other_md(section.get("other", []))
    out += _delivery_md(section.get("delivery", []))
    return "\n".join(out + [""])


def summary_md(runs: list[dict], base_of) -> str:
    """One line per database and scale: how many rows of each budget pass."""
    out = ["## Summary", "", "| database | scale | pages p95 ≤ 15 ms | SQL ≤ 2× raw | ≥ 150 req/s | growth ≤ 1.5× |",
           "| --- | ---: | --- | --- | --- | --- |"]
    for run in runs:
        for label, section in run["sections"].items():
            if "skipped" in section:
                continue
            pages = section["pages"]
            p95 = sum(BUDGETS["page_p95"].verdict(p["p95"]) == "PASS" for p in pages)
            sql = sum(BUDGETS["sql_ratio"].verdict(p["sql_ratio"]) == "PASS" for p in pages)
            load = [p for p in section.get("load", {}).get("pages", []) if p["key"] != "bare"]
            rps = (f"{sum(BUDGETS['throughput'].verdict(p['rps']) == 'PASS' and not p['bad'] for p in load)} of "
                   f"{len(load)}") if load else "–"
            base, base_scale = base_of(run, label)
            grown, grown_base, _ = growth_of(section, {**base, "base_scale": base_scale} if base else None)
            growth = "–"
            if grown and run["scale"] > grown_base:
                ratios = [ratio for _, ratio in grown.values()]
                growth = (f"{sum(BUDGETS['growth'].verdict(r) == 'PASS' for r in ratios)} of {len(ratios)} "
                          f"(median {statistics.median(ratios):.2f}×)") if ratios else "–"
            out.append(f"| {label} | {run['scale']:g} | {p95} of {len(pages)} | {sql} of {len(pages)} | {rps} | "
                       f"{growth} |")
    return "\n".join(out)
