"""walk18 F7, left over: a rättelse's tjänsteskrivelse said "… inte ett nytt svar på remissen." of a
medborgarförslag. It names the ärende by its kind's noun (remisser.kind_words); a remiss's reads as before
(tests/drafting/test_rattelse.py)."""
from __future__ import annotations

from remiss.drafting import generate
from remiss.drafting.rattelse import start_rattelse
from tests.drafting.test_rattelse import LATER, expedierat, texts_of


def test_the_rattelse_of_a_medborgarforslag_is_no_new_answer_to_arendet(session, w):
    remiss = w["remiss"]
    remiss.kind = "medborgarforslag"
    session.add(remiss)
    session.commit()
    expedierat(session, w)
    start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss, comment="Fel årtal i svaret på fråga 2")
    texts = [t.replace("\u00a0", " ") for t in texts_of(generate.render(
        session, now=LATER, principal=w["h"], remiss=remiss, kind="tjansteskrivelse").data)]
    # Old code: "…, inte ett nytt svar på remissen." of a medborgarförslag
    assert any(t.startswith("Ärendet gäller en rättelse av det yttrande som beslutades")
               and t.endswith(", inte ett nytt svar på ärendet.") for t in texts), texts


def test_the_draft_version_made_by_a_move_names_a_medborgarforslag_arendet(world, session, auth, client, clock):
    """The version the move writes (drafting.moved): "Ärendet flyttat från … till …", not "Remissen flyttad …"."""
    from remiss.drafting.drafts import find_draft, latest_version
    from remiss.remisser.models import Remiss
    from tests.drafting.test_moved_remiss import _moved_remiss

    rid, admin = _moved_remiss(world, session, clock)
    moved = session.get(Remiss, rid)
    moved.kind = "medborgarforslag"
    session.add(moved)
    session.commit()
    auth.login(admin.email)
    url = f"/remisser/{rid}/andra"
    assert auth.post(url, {"namnd_id": str(world["namnd"].id), "kind": "medborgarforslag", "deadline_on": "2015-10-30",
                           "deadline_time": ""}, form_url=url).status_code == 302
    session.expire_all()
    version = latest_version(session, find_draft(session, rid))
    assert version.comment == "Ärendet flyttat från Stadsområdesnämnd Norr till Stadsområdesnämnd Öster", \
        version.comment
