"""walk26 W5: "Sammanställ svaren" while an instans had a granted anstånd stopped its reminders without a word, and
the start page said "Avsluta ärendet" days before the svarstid ended. Now the question says that the instans with
a running anstånd is still reminded (unless the box beside the button stops that too), its chasers stay planned
after compiling, and Att göra and Nästa steg say whom to wait for instead of "Avsluta ärendet"."""
from __future__ import annotations

from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.outgoing.test_walk19_outgoing import _answer, _sent, _text


def _grant(auth, rid, entry_id, until="2027-03-12"):
    url = f"/remisser/{rid}/utskick/instanser/{entry_id}"
    assert auth.post(url, {"action": "grant_extension", "until_on": until}, form_url=url).status_code == 302


def _pending(db, rid) -> dict[str, int]:
    """Pending chasers (and the officer's notice, entry 0) per entry id (as text) of the remiss."""
    with db.transaction() as s:
        keys = s.exec(select(OutboxMessage.key).where(OutboxMessage.remiss_id == rid,
                                                       OutboxMessage.key.like("outgoing:chaser:%"),
                                                       OutboxMessage.status == "pending")).all()
    found: dict[str, int] = {}
    for key in keys:
        entry = key.split(":")[3]
        found[entry] = found.get(entry, 0) + 1
    return found


def test_compiling_keeps_the_reminders_of_an_instans_with_a_running_anstand(session, app, auth, client, clock, db):
    rid, entries, _ = _sent(session, app, auth, clock)
    fh, ung, pen = entries["Funktionshinderrådet"], entries["Ungdomsrådet"], entries["Pensionärsrådet"]
    assert _answer(auth, rid, pen, summary="Välkommet.").status_code == 302
    _grant(auth, rid, fh)
    before = _pending(db, rid)
    assert before.get(str(fh)) and before.get(str(ung))  # both planned

    page = _text(client.get(f"/remisser/{rid}"))
    assert ("Funktionshinderrådet har anstånd till 12 mars 2027. Sammanställa svaren ändå? Funktionshinderrådet "
            "påminns ändå enligt sitt anstånd tills svaret har kommit in, om du inte kryssar i ”Stoppa också "
            "påminnelserna till Funktionshinderrådet”. Andra planerade påminnelser stoppas.") in page, page[:4000]
    assert 'name="stop_anstand"' in page and "Stoppa också påminnelserna till Funktionshinderrådet</label>" in page

    done = _text(auth.post(f"/remisser/{rid}/utskick/sammanstall", {"confirm_compile": "1"},
                           form_url=f"/remisser/{rid}", follow_redirects=True))
    # Old code: "… Publicera remissvaren om de ska visas öppet, och avsluta sedan ärendet." and every chaser stopped
    assert "Svaren är sammanställda i" in done
    assert "avsluta sedan ärendet" not in done
    assert "Funktionshinderrådet påminns enligt sitt anstånd tills svaret har kommit in." in done, done[:3000]
    with db.transaction() as s:
        assert s.get(Remiss, rid).status == "sammanstalld"
    after = _pending(db, rid)
    assert after.get(str(fh)) == before[str(fh)]  # still reminded, all of its plan
    assert str(ung) not in after and "0" not in after  # the others stop, as the question said
    # the hourly job (schedule_all skips sammanställda remisser) and a re-plan keep it so
    from remiss.outgoing.service import chasers
    with db.transaction() as s:
        chasers.schedule(s, now=clock.now, remiss=s.get(Remiss, rid))
    assert _pending(db, rid) == after

    start = _text(client.get("/"))
    with db.transaction() as s:
        dnr = s.get(Remiss, rid).our_dnr
    assert f"Avsluta ärendet: {dnr}" not in start  # Old code: "Avsluta ärendet: …" on the start page
    assert (f"Vänta på svar från Ungdomsrådet och Funktionshinderrådet: {dnr} Lekplatsprogram") in start, start[:5000]
    assert "svarstiden går ut 26 februari 2027 kl. 12.00; Funktionshinderrådet har anstånd till 12 mars 2027" in start
    shown = _text(client.get(f"/remisser/{rid}"))
    assert "Svaren är sammanställda. Vänta på svar från Ungdomsrådet och Funktionshinderrådet" in shown
    assert "Påminns enligt sitt anstånd" in shown  # the history says who is still reminded

    # the instans answers: its chasers stop, and the answer is handled as any after compiling ("sammanställ igen")
    assert _answer(auth, rid, fh, summary="Bra.").status_code == 302
    assert str(fh) not in _pending(db, rid)
    assert "Sammanställ svaren igen" in _text(client.get("/"))


def test_the_box_stops_the_anstand_reminders_too(session, app, auth, client, clock, db):
    rid, entries, _ = _sent(session, app, auth, clock)
    _grant(auth, rid, entries["Funktionshinderrådet"])
    done = _text(auth.post(f"/remisser/{rid}/utskick/sammanstall", {"confirm_compile": "1", "stop_anstand": "1"},
                           form_url=f"/remisser/{rid}", follow_redirects=True))
    assert "Svaren är sammanställda i" in done and "påminns enligt" not in done
    assert _pending(db, rid) == {}
    shown = _text(client.get(f"/remisser/{rid}"))
    assert "Påminnelser stoppade trots anstånd" in shown
    assert 'name="stop_anstand"' not in shown  # nothing kept left to stop
    # compiled again without the box: the choice stands
    assert auth.post(f"/remisser/{rid}/utskick/sammanstall", {"confirm_compile": "1"},
                     form_url=f"/remisser/{rid}").status_code == 302
    assert _pending(db, rid) == {}
