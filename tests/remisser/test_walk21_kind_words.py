"""walk21 J1, J2: a medborgarförslag's registration form labelled its files "Remisshandlingar", and its Tidplan's
summary said "begär förlängd remisstid" above rows saying "förlängd svarstid". They say "Handlingar" and
"förlängd svarstid" now (remisser.kind_words); a remiss reads as before."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest

from remiss.auth.models import Role
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user

KINDS = (("medborgarforslag", "Handlingar", "förlängd svarstid"), ("remiss", "Remisshandlingar", "förlängd remisstid"))


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture
def namnd(session, clock):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])  # after the deadlines below
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    session.commit()
    return namnd


@pytest.mark.parametrize("kind, papers, extended", KINDS)
def test_the_registration_form_labels_the_files_in_the_words_of_the_kind(namnd, auth, kind, papers, extended):
    auth.login("mia@miljo.se")
    form = {"title": "Fler parkbänkar", "namnd_id": str(namnd.id), "kind": kind, "remittent": "Kommunfullmäktige",
            "received_on": "2026-12-03", "deadline_on": "2026-12-01"}
    page = auth.post("/remisser/ny", form).get_data(as_text=True)
    assert "Sista svarsdagen har redan passerat" in _text(page)  # the form came back with its questions
    # old code: "Remisshandlingar" of a medborgarförslag
    assert f'<label for="f-files">{papers}</label>' in page


@pytest.mark.parametrize("kind, papers, extended", KINDS)
def test_the_tidplan_that_does_not_fit_asks_for_more_time_in_the_words_of_the_kind(namnd, session, auth, client,
                                                                                   clock, kind, papers, extended):
    rid = make_remiss(session, namnd=namnd, now=clock(), kind=kind, title="Fler parkbänkar",
                      deadline_on=date(2027, 1, 20), deadline_time=None).id
    session.commit()
    auth.login("mia@miljo.se")
    page = _text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert "Tidplanen går inte ihop" in page, page
    # old code: "Lägg till ett sammanträde, begär förlängd remisstid …" of a medborgarförslag
    assert f"Lägg till ett sammanträde, begär {extended} eller låt ordföranden eller en delegat besluta." in page
    if kind == "medborgarforslag":
        assert "remisstid" not in page, page
