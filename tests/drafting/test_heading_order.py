"""Headings go down one level at a time and name different things differently (walk13b finding 7): the yttrande
editor's h2 under its h1; the read-only yttrande's h3 under "Yttrande"; "Yttrandets handlingar" beside the
remiss's own "Handlingar"."""
from __future__ import annotations

import re

from tests.drafting.test_flow import draft_form


def headings(html: str) -> list[tuple[int, str]]:
    main = html[html.index('<main'):]
    return [(int(level), " ".join(re.sub(r"<[^>]+>", "", text).split()))
            for level, text in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", main, re.S)]


def skips(found: list[tuple[int, str]]) -> list[str]:
    return [f"h{b} {tb!r} after h{a} {ta!r}" for (a, ta), (b, tb) in zip(found, found[1:]) if b > a + 1]


def test_the_editor_and_the_read_only_yttrande_skip_no_heading_level(world, auth, client):
    rid = world["remiss"].id
    auth.login(world["registrator"].email)
    editor = headings(client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True))
    assert skips(editor) == [] and (2, "Svar på frågeställningarna") in editor
    page, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande"
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    found = headings(client.get(page).get_data(as_text=True))  # in granskning: "Läs yttrandet" is open
    assert skips(found) == [], found
    assert (3, "Sammanfattning") in found
    names = [text for _, text in found]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert "Yttrandets handlingar" in names and "Handlingar" in names
