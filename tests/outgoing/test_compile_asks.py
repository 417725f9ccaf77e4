"""Sammanställ svaren while instanser have not answered asked only in the button's JavaScript dialog; without
JavaScript it compiled, and stopped the planned reminders, with no question (h-close20, after walk20 H11). The
server now asks beside the button, with the box "Sammanställ svaren ändå"; the dialog's yes sends the same."""
from __future__ import annotations

from html import unescape

from remiss.remisser.models import Remiss
from tests.outgoing.test_walk19_outgoing import _answer, _sent

QUESTION = ("Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 2 remissinstanser har inte svarat. "
            "Sammanställa svaren ändå? Planerade påminnelser stoppas.")


def _text(response) -> str:
    return " ".join(unescape(response.get_data(as_text=True)).split())


def test_compiling_before_everyone_answered_is_asked_on_the_page_without_javascript(session, app, auth, client, clock,
                                                                                    db):
    rid, entries, _ = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    page = _text(client.get(f"/remisser/{rid}"))
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_compile"' in page  # the dialog, with JavaScript
    assert 'name="confirm_compile"' not in page  # nothing confirmed until the user says yes

    asked = auth.post(f"/remisser/{rid}/utskick/sammanstall", {}, form_url=f"/remisser/{rid}", follow_redirects=True)
    said = _text(asked)
    # Old code: "Klart: Svaren är sammanställda i …" and the remiss Sammanställd, reminders stopped
    assert ("Svaren sammanställdes inte: Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 2 "
            "remissinstanser har inte svarat. Kryssa i ”Sammanställ svaren ändå” vid knappen") in said, said[:3000]
    assert f'<p id="q-confirm_compile">{QUESTION}</p>' in said  # a question, not an error (walk21 J14)
    assert "Fel:" not in said
    assert "Sammanställ svaren ändå</label>" in said
    with db.transaction() as s:
        assert s.get(Remiss, rid).status == "skickad"
    unticked = auth.post(f"/remisser/{rid}/utskick/sammanstall", {}, form_url=f"/remisser/{rid}?sammanstall=fraga")
    assert unticked.headers["Location"].endswith("?sammanstall=fraga#sammanstall")  # asked again

    done = auth.post(f"/remisser/{rid}/utskick/sammanstall", {"confirm_compile": "1"},
                     form_url=f"/remisser/{rid}?sammanstall=fraga", follow_redirects=True)
    assert "Svaren är sammanställda i" in _text(done)
    with db.transaction() as s:
        assert s.get(Remiss, rid).status == "sammanstalld"
    # walk21b K8: compiled again, nothing planned is left to stop: the question does not say it is
    again = _text(client.get(f"/remisser/{rid}"))
    assert ('data-confirm="Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 2 remissinstanser '
            'har inte svarat. Sammanställa svaren ändå?" data-confirmed="confirm_compile"') in again
    asked = _text(auth.post(f"/remisser/{rid}/utskick/sammanstall", {}, form_url=f"/remisser/{rid}",
                            follow_redirects=True))
    assert "Kryssa i ”Sammanställ svaren ändå” vid knappen om de ska sammanställas nu." in asked
    assert "påminnelser stoppas" not in asked.lower()
