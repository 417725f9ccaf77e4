"""Two registrations at the same moment never get the same diarienummer."""
import threading

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.remisser import service
from remiss.remisser.input import RemissData
from remiss.remisser.models import Remiss
from tests.support.factories import T0, make_namnd


def test_concurrent_registrations_get_different_numbers(db, session):
    namnd = make_namnd(session, dnr_prefix="SN")
    session.commit()
    barrier = threading.Barrier(8)
    errors = []

    def register(n: int) -> None:
        try:
            barrier.wait()
            with db.transaction() as s:
                service.register(s, now=T0, principal=Principal.system(),
                                 data=RemissData(title=f"Remiss {n}", namnd_id=namnd.id))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=register, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.transaction() as s:
        numbers = sorted(r.our_dnr for r in s.exec(select(Remiss)))
    assert numbers == [f"SN 2026/{n:04d}" for n in range(1, 9)]


def test_the_series_restarts_each_year(db, session):
    from datetime import datetime, timezone
    namnd = make_namnd(session, dnr_prefix="SN")
    for moment in (datetime(2026, 12, 31, 12, tzinfo=timezone.utc), datetime(2027, 1, 1, 12, tzinfo=timezone.utc)):
        service.register(session, now=moment, principal=Principal.system(),
                         data=RemissData(title="x", namnd_id=namnd.id))
    assert sorted(r.our_dnr for r in session.exec(select(Remiss))) == ["SN 2026/0001", "SN 2027/0001"]
