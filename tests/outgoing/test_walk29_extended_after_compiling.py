"""walk29 A1: "Förläng remisstiden för alla" on a sammanställd utgående remiss whose instanser have not all
answered made Nästa steg and the start page say "sammanställ igen, publicera och avsluta" at once, though the
instanser were just given more time; before the förlängning they said to wait for them. And the reminders Sammanställ svaren had
promised the instans with anstånd ("påminns ändå enligt sitt anstånd tills svaret har kommit in") stopped without a
word when the new svarsdag passed its anstånd. Now both wait for the answers until the new svarsdag, then compile
again, and that instans is still reminded – before the new svarsdag, each moment once – also after compiling
again; the others stay stopped, as compiling said."""
from __future__ import annotations

from datetime import datetime

from remiss.clock import STOCKHOLM
from remiss.remisser.models import Remiss
from tests.outgoing.test_walk19_outgoing import TODAY, _answer, _sent, _text
from tests.outgoing.test_walk26_compile_anstand import _grant, _pending


def _extend(auth, rid, until="2027-04-16"):
    url = f"/remisser/{rid}"
    return auth.post(f"/remisser/{rid}/utskick/forlangning", {"until_on": until, "until_time": "12.00",
                                                         "reason": "Fler svar önskas.", "confirm_extension": "1"},
                     form_url=url, follow_redirects=True)


def test_extending_after_compiling_waits_for_the_answers_and_keeps_the_promised_reminders(session, app, auth, client,
                                                                                           clock, db):
    rid, entries, _ = _sent(session, app, auth, clock)
    fh, ung, pen = entries["Funktionshinderrådet"], entries["Ungdomsrådet"], entries["Pensionärsrådet"]
    assert _answer(auth, rid, pen, summary="Välkommet.").status_code == 302
    _grant(auth, rid, fh)  # anstånd to 12 March 2027, past the svarstid (26 February)
    assert auth.post(f"/remisser/{rid}/utskick/sammanstall", {"confirm_compile": "1"},
                     form_url=f"/remisser/{rid}").status_code == 302
    assert set(_pending(db, rid)) == {str(fh)}  # the promise: Funktionshinderrådet still reminded
    page = _text(client.get(f"/remisser/{rid}"))
    assert "Funktionshinderrådet påminns som förut tills svaret har kommit in" in page, page[:3000]

    done = _text(_extend(auth, rid))
    assert "Remisstiden är förlängd till 16 april 2027 kl. 12.00" in done, done[:3000]
    with db.transaction() as s:
        assert s.get(Remiss, rid).status == "sammanstalld"
    # old code: {} – the förlängning past its anstånd stopped Funktionshinderrådet's reminders without a word
    pending = _pending(db, rid)
    assert set(pending) == {str(fh)}, pending  # Ungdomsrådet's stay stopped, as compiling said; no officer notice
    from sqlmodel import select
    from remiss.reminders.models import OutboxMessage
    with db.transaction() as s:
        due = s.exec(select(OutboxMessage.payload).where(OutboxMessage.key.like(f"outgoing:chaser:{rid}:{fh}:%"),
                                                         OutboxMessage.status == "pending")).all()
    assert due and all("16 april 2027" in p for p in due), due  # before the new svarsdag

    page = _text(client.get(f"/remisser/{rid}"))
    step = page[page.index("Nästa steg"):][:600]
    # old code: "Svarstiden har ändrats efter sammanställningen – sammanställ igen. Publicera sedan remissvaren och
    # avsluta ärendet."
    assert "Publicera sedan" not in step, step
    assert ("Svarstiden har ändrats efter sammanställningen. Vänta på svar från Ungdomsrådet och "
            "Funktionshinderrådet (svarstiden går ut 16 april 2027 kl. 12.00): sammanställ svaren igen när svaren "
            "har kommit in eller tiden för dem har gått ut, och avsluta ärendet först därefter.") in step, step
    start = _text(client.get("/"))
    assert "Vänta på svar från Ungdomsrådet och Funktionshinderrådet" in start  # Att göra, not "Sammanställ …"
    # only waiting, with the answers due after the start page's three weeks: no outgoing remiss to see to (walk31 #5)
    assert "Utgående remisser att sköta (0)" in start
    clock.set(datetime(2027, 4, 1, 10, 0, tzinfo=STOCKHOLM))  # the answers due within three weeks: listed
    start = _text(client.get("/"))
    assert ("svarstiden har ändrats efter sammanställningen – vänta på svar från Ungdomsrådet och "
            "Funktionshinderrådet (svarstiden går ut 16 april 2027 kl. 12.00), sammanställ sedan igen"
            ) in start, start[:5000]
    clock.set(TODAY)

    # compiled again (nothing asked of the reminders then): the promise holds
    assert auth.post(f"/remisser/{rid}/utskick/sammanstall", {"confirm_compile": "1"},
                     form_url=f"/remisser/{rid}").status_code == 302
    assert set(_pending(db, rid)) == {str(fh)}, _pending(db, rid)
    assert _answer(auth, rid, fh, summary="Bra.").status_code == 302  # answered: no more nagging
    assert _pending(db, rid) == {}
