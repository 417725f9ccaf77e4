"""walk11 finding 3: a remiss moved to another nämnd. Its draft follows with the new nämnd's name and without the
old nämnd's signatures, the message says what happened, and the old nämnd's people never prefill the new nämnd's
yttranden."""
from __future__ import annotations

from datetime import date

from remiss.auth.access import Principal
from remiss.auth.models import Role, User
from remiss.drafting.drafts import find_draft, latest_version
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from tests.drafting.conftest import doc_lines, quick_user
from tests.drafting.test_flow import draft_form
from tests.support.factories import make_remiss

OLD_PEOPLE = ("Karin Ek", "Olof Berg", "Miljödirektör")


def _moved_remiss(world, session, clock) -> tuple[int, User]:
    """A Norr remiss with a draft signed by Norr's people, then moved to Öster by an admin (on the page)."""
    norr = world["other"]
    hugo = quick_user(session, world["handlaggare"], role=Role.handlaggare, namnder=[norr], name="Hugo Norr",
                      email="hugo.norr@malmo.se")
    admin = quick_user(session, world["handlaggare"], role=Role.admin, namnder=[world["namnd"], norr],
                       name="Ada Admin", email="ada.admin@malmo.se")
    moved = make_remiss(session, namnd=norr, title="Klockslagstest", remittent="Region Skåne",
                        deadline_on=date(2015, 10, 30), deadline_time=None, handlaggare_id=hugo.id, now=clock())
    save(session, now=clock(), principal=Principal.of(session, hugo), remiss=moved,
         raw={"sammanfattning": "Stadsområdesnämnd Norr ställer sig bakom förslaget.",
              "ordforande": "Karin Ek", "forvaltningschef": "Olof Berg",
              "forvaltningschef_titel": "Miljödirektör"})
    session.commit()
    clock.advance(minutes=10)
    return moved.id, admin


def test_the_draft_follows_with_the_new_name_and_the_message_says_so(world, session, auth, client, reader, clock):
    rid, admin = _moved_remiss(world, session, clock)
    auth.login(admin.email)
    url = f"/remisser/{rid}/andra"
    response = auth.post(url, {"namnd_id": str(world["namnd"].id), "deadline_on": "2015-10-30", "deadline_time": ""},
                         form_url=url)
    assert response.status_code == 302
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Remissen hör nu till Stadsområdesnämnd Öster." in shown
    assert ("Handläggaren Hugo Norr är inte med i Stadsområdesnämnd Öster och är inte längre handläggare: tilldela en "
            "handläggare i Stadsområdesnämnd Öster.") in shown
    assert ("Utkastet till yttrande följer med. I version 2 står Stadsområdesnämnd Öster där det stod "
            "Stadsområdesnämnd Norr, och underskrifterna är tomma") in shown
    reader.rollback()
    moved = reader.get(Remiss, rid)
    assert moved.handlaggare_id is None and moved.status == RemissStatus.under_beredning  # its draft is in work
    text = "\n".join(line for _, line in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data))
    assert "Stadsområdesnämnd Öster ställer sig bakom förslaget." in text
    assert "Stadsområdesnämnd Norr" not in text
    assert not [name for name in OLD_PEOPLE if name in text]


def test_the_old_namnds_people_never_prefill_the_new_namnds_yttranden(world, session, auth, client, clock):
    rid, admin = _moved_remiss(world, session, clock)
    auth.login(admin.email)
    url = f"/remisser/{rid}/andra"
    assert auth.post(url, {"namnd_id": str(world["namnd"].id), "deadline_on": "2015-10-30", "deadline_time": ""},
                     form_url=url).status_code == 302
    oster_remiss = world["remiss"].id  # Öster's own, no draft yet
    form = client.get(f"/remisser/{oster_remiss}/yttrande").get_data(as_text=True)
    assert not [name for name in OLD_PEOPLE if name in form]
    inga = client.get(f"/remisser/{oster_remiss}/dokument/yttrande.docx")
    assert not [name for name in OLD_PEOPLE if name in "\n".join(line for _, line in doc_lines(inga.data))]
    # Öster's own yttrande then signs the next one
    clock.advance(minutes=10)
    assert auth.post(f"/remisser/{oster_remiss}/yttrande", draft_form(oster_remiss),
                     form_url=f"/remisser/{oster_remiss}").status_code == 302
    third = make_remiss(session, namnd=world["namnd"], title="Tredje", handlaggare_id=world["handlaggare"].id,
                        deadline_on=date(2015, 11, 30), deadline_time=None, now=clock())
    session.commit()
    form = client.get(f"/remisser/{third.id}/yttrande").get_data(as_text=True)
    assert "Andreas Konstantinides" in form and "Britt-Marie Pettersson" in form
    assert not [name for name in OLD_PEOPLE if name in form]


def test_a_draft_in_granskning_is_not_rewritten_but_flagged(world, session, clock):
    from remiss.remisser import service as remisser

    rid, admin = _moved_remiss(world, session, clock)
    moved = session.get(Remiss, rid)
    hugo = session.get(User, moved.handlaggare_id)
    change_state(session, now=clock(), principal=Principal.of(session, hugo), remiss=moved, new="granskning")
    clock.advance(minutes=5)
    notes: list[str] = []
    remisser.update(session, now=clock(), principal=Principal.of(session, admin), remiss=moved,
                    changes={"namnd_id": world["namnd"].id}, notes=notes)
    assert ("Yttrandet har läget ”Granskning” och skrevs för Stadsområdesnämnd Norr: skicka tillbaka det till utkast och "
            "skriv Stadsområdesnämnd Öster och nämndens underskrifter i stället innan beslutet.") in notes
    draft = find_draft(session, rid)
    assert latest_version(session, draft).number == 1  # not rewritten behind the granskare's back
