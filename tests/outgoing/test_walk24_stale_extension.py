"""walk24 V9: "Förläng remisstiden för alla" in two tabs. The older tab's extension went through without a word,
and every instans got two contradictory notices in the same minute; a date between was refused only with "Den nya
svarsdagen måste ligga efter den som gäller nu.", naming no date. The form now carries the svarsdag it showed
(base_deadline, remiss.stale_form): one opened before another extension is refused in the page, naming who extended
to which day and when, that nothing was extended or sent from it, with what was typed kept; saving again from the
page that comes back extends knowingly. The Utkorg line names each recipient once."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from html import unescape

from sqlmodel import select

from remiss.auth.models import User
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_extension_asks import _form, _state
from tests.outgoing.test_walk9_dates import _sent as _queued
from tests.support.asking import visible_text

B_AT = datetime(2026, 12, 4, 15, 50, tzinfo=timezone.utc)  # 16.50 in Stockholm


def _sent(session, client, auth, clock, runner, smtp):
    """The walk9 remiss sent, its missiv e-mailed by a sweep through a real SMTP server: a missiv still in the
    Utkorg is made anew by an extension instead of told of it (h-queue24)."""
    sent = _queued(session, client, auth, clock)
    assert len(run_sweep(runner, smtp, clock.now)) == 2
    return sent


def _base(page: str) -> str | None:
    """The svarsdag the form carries (None without the field: then nothing is sent, as before the field)."""
    found = re.search(r'<input type="hidden" name="base_deadline" value="([^"]*)"', _form(page))
    return found.group(1) if found else None


def _user_name(session) -> str:
    name = session.exec(select(User.name).where(User.role == "registrator")).first()
    session.rollback()
    return name


def _extend(auth, page: str, base: str | None, until_on: str, reason: str, **more):
    data = {"until_on": until_on, "reason": reason, "confirm_extension": "1", **more}
    if base is not None:
        data["base_deadline"] = base
    return auth.post(f"{page}/utskick/forlangning", data, form_url=page)


def test_an_extension_opened_before_another_tab_extended_is_refused_naming_it_and_keeps_what_was_typed(
        session, client, auth, clock, runner, smtp):
    remiss, page, _ = _sent(session, client, auth, clock, runner, smtp)  # sista svarsdag 29 januari 2027
    rid, name = remiss.id, _user_name(session)
    tab_a = _base(client.get(page).get_data(as_text=True))

    clock.set(B_AT)  # tab B extends first
    assert _extend(auth, page, tab_a, "2027-02-12", "B igen.").status_code == 302
    assert _state(session, rid) == ("2027-02-12", 2)

    refused = _extend(auth, page, tab_a, "2027-02-19", "A2 senare.", until_time="12.00")
    said, html = visible_text(refused.get_data(as_text=True)), unescape(refused.get_data(as_text=True))
    assert refused.status_code == 409, "the older tab's extension went through without a word"
    assert tab_a == "2027-01-29"
    assert ("Remisstiden förlängdes till 12 februari 2027 av " + name + " 4 december 2026 kl. 16.50, efter att du "
            "öppnade sidan. Inget är förlängt härifrån och inget meddelande är skickat. Det du skrev står kvar nedan: "
            "förläng igen om instanserna ska få ett nytt meddelande om 19 februari 2027 kl. 12.00.") in said
    assert "Remisstiden är inte förlängd" in said and "Formuläret innehåller fel" not in said
    form = _form(html)
    assert 'value="2027-02-19"' in form and 'value="12.00"' in form and 'value="A2 senare."' in form
    assert _state(session, rid) == ("2027-02-12", 2)  # nothing extended, nothing queued

    # the form that came back carries the svarsdag now: extending again from it is knowing
    assert _base(html) == "2027-02-12"
    again = auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-02-19", "until_time": "12.00",
                                                      "reason": "A2 senare.", "confirm_extension": "1",
                                                      "base_deadline": _base(html)}, form_url=page,
                      follow_redirects=True)
    assert "Remisstiden är förlängd till 19 februari 2027 kl. 12.00." in visible_text(again.get_data(as_text=True))
    assert _state(session, rid) == ("2027-02-19", 4)

    _assert_each_recipient_once(client, page, "16.50")


def _assert_each_recipient_once(client, page: str, since: str) -> None:
    """Two notices wait for each instans: the Utkorg line names each once (it said "trafik@example.se,
    miljo@example.se, trafik@example.se och 1 mottagare till")."""
    shown = visible_text(client.get(page).get_data(as_text=True))
    assert ("Meddelandet om förlängd remisstid till trafik@example.se och miljo@example.se väntar i utkorgen "
            f"sedan 4 december 2026 kl. {since}") in shown, re.findall(r"Meddelandet om förlängd remisstid[^.]*",
                                                                     shown)


def test_a_stale_extension_to_a_day_not_after_the_one_now_in_force_names_that_day(session, client, auth, clock,
                                                                                  runner, smtp):
    remiss, page, _ = _sent(session, client, auth, clock, runner, smtp)
    rid = remiss.id
    session.rollback()  # (reading the id began a transaction)
    tab_a = _base(client.get(page).get_data(as_text=True))
    clock.set(B_AT)
    assert _extend(auth, page, tab_a, "2027-02-12", "B igen.").status_code == 302

    between = _extend(auth, page, tab_a, "2027-02-05", "A emellan.")
    said = visible_text(between.get_data(as_text=True))
    assert between.status_code == 409
    assert "Den nya svarsdagen måste ligga efter den som gäller nu, 12 februari 2027." in said
    assert "Remisstiden förlängdes till 12 februari 2027 av " in said
    assert ("Inget är förlängt härifrån och inget meddelande är skickat. Det du skrev står kvar nedan: ändra datumet "
            "och förläng igen om instanserna ska få ett nytt meddelande.") in said
    assert 'value="2027-02-05"' in _form(unescape(between.get_data(as_text=True)))
    assert _state(session, rid) == ("2027-02-12", 2)

    # not stale: the refusal names the day in force too
    current = _base(client.get(page).get_data(as_text=True))
    early = _extend(auth, page, current, "2027-02-10", "För tidigt.")
    said = visible_text(early.get_data(as_text=True))
    assert early.status_code == 400
    assert "Den nya svarsdagen måste ligga efter den som gäller nu, 12 februari 2027." in said
    assert "efter att du öppnade sidan" not in said

    # a date that cannot be read from a stale form: both said in one round
    bad = _extend(auth, page, tab_a, "2027-02-31", "Fel datum.")
    said = visible_text(bad.get_data(as_text=True))
    assert bad.status_code == 409  # stale, and a date not read: a conflict first
    assert "Remisstiden förlängdes till 12 februari 2027 av " in said and "Ny sista svarsdag" in said
    assert _state(session, rid) == ("2027-02-12", 2)


def test_an_extension_posted_without_a_base_is_never_stale(session, client, auth, clock, runner, smtp):
    """A script or a page from before the field: extended as before."""
    remiss, page, _ = _sent(session, client, auth, clock, runner, smtp)
    assert _extend(auth, page, None, "2027-02-12", "B igen.").status_code == 302
    assert _extend(auth, page, None, "2027-02-19", "Igen.").status_code == 302
    assert _state(session, remiss.id) == ("2027-02-19", 4)
    _assert_each_recipient_once(client, page, "16.40")
