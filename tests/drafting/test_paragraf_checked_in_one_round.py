"""Session 27 (walk26b X16): "§§§ x" in the beslut's Paragraf passed unremarked beside two bad dates (the paragraf was
checked only once the dates were right), and a delegationsbeslut took "§§§ 12". A plausible paragraf is one a
protokoll or a delegationsbeslutslista prints ("§ 12", "12", "§ 12 a", "D 12"); the rest is refused in the same round
as everything else, with what was typed kept."""
from __future__ import annotations

import html
import re

import pytest

from remiss.drafting.decision import normal_paragraf, paragraf_problem
from remiss.remisser.input import InputErrors
from tests.drafting.conftest import approve, ready_to_decide, record

PARAGRAF_FORM = "Ange paragrafen som i protokollet, t.ex. § 142, § 12 a eller §§ 12–13."
DELEGATION_FORM = ("Ange delegationsbeslutets nummer med siffror och bokstäver, t.ex. D 12 eller § 12, eller lämna "
                   "fältet tomt.")


def _summary(page: str) -> list[str]:
    summary = re.search(r'<h2>Beslutet sparades inte</h2>\s*<ul>(.*?)</ul>', page, re.S).group(1)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", li)).split())
            for li in re.findall(r"<li>(.*?)</li>", summary, re.S)]


@pytest.mark.parametrize("decided_by, message", [("namnd", PARAGRAF_FORM), ("delegat", DELEGATION_FORM)])
def test_a_bad_paragraf_is_said_with_the_bad_dates_and_kept(session, w, auth, clock, decided_by, message):
    rid = ready_to_decide(session, w, auth, clock)
    form = {"decided_by": decided_by, "delegat": "", "meeting_on": "31 februari 2027", "paragraf": "§§§ x",
            "justerad_on": "i morgon"}
    r = auth.post(f"/remisser/{rid}/yttrande/beslut", form, form_url=f"/remisser/{rid}")
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    items = _summary(page)
    assert f"Paragraf: {message}" in items, items  # old code: only the dates (and the delegat)
    assert 'value="§§§ x"' in html.unescape(page)


@pytest.mark.parametrize("typed", ["§§§ 12", "§ x", "12 §"])
def test_a_delegationsbeslut_number_with_a_stray_sign_is_refused(session, w, typed):
    approve(session, w)
    with pytest.raises(InputErrors) as refused:  # old code: "§§§ 12" and "12 §" stored as typed
        record(session, w, decided_by="delegat", delegat="Anna Svensson, stadsområdeschef", paragraf=typed)
    assert refused.value.errors == {"paragraf": DELEGATION_FORM}


@pytest.mark.parametrize("typed, decided_by", [("§ 12", "namnd"), ("12", "arbetsutskott"), ("§ 12 a", "namnd"),
                                               ("KS § 142", "namnd"), ("§§ 12–13", "namnd"), ("D 12", "delegat"),
                                               ("DB 2015:12", "delegat"), ("§ 12", "delegat"), ("", "delegat")])
def test_what_protokoll_print_passes(typed, decided_by):
    assert paragraf_problem(normal_paragraf(typed), decided_by) == ""
