"""walk22 L6: an instans marked avstår before the remiss was sent never got it, yet the sammanställning said
"Remissen skickades till 4 remissinstanser" and the panel "3 av 4 har svarat (75 %)"; and "Instansen avstår"
before sending removed the instans from the utskick without a question. It now asks first (an instans may well say
by phone that it will not answer), and the panel, the start page, the diarium export and the .docx count those the
remiss was sent to, with the one that avstod before the utskick said apart (one rule: outgoing.overview.tally)."""
from __future__ import annotations

import csv
import io
import re
from datetime import date
from html import unescape

from docx import Document

from tests.outgoing.test_walk9_dates import TODAY, _world


def _text(response) -> str:
    html = unescape(response.get_data(as_text=True))
    response.close()  # a streamed page keeps its request's database session until closed
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_avstar_before_sending_asks_and_every_count_leaves_the_instans_out(session, client, auth, clock):
    clock.set(TODAY)
    _, user, remiss = _world(session, deadline=date(2026, 12, 18))
    session.rollback()
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    entries = re.findall(r'/remisser/%d/utskick/instanser/(\d+)' % remiss.id,
                         unescape(client.get(page).get_data(as_text=True)))
    trafik, miljo = sorted({int(i) for i in entries})
    url = f"{page}/utskick/instanser/{trafik}"

    # the page's own question; without the yes nothing is done
    shown = unescape(client.get(url).get_data(as_text=True))
    assert ('data-confirm="Remissen är inte skickad till Trafiknämnden än. Registrera redan nu att Trafiknämnden '
            'avstår? Då får Trafiknämnden inte remissen när den skickas, och sammanställningen säger att instansen '
            'avstod utan att ha fått remissen.') in shown
    asked = auth.post(url, {"action": "decline", "note": "Enligt telefon"})
    said = _text(asked)
    assert asked.status_code == 200 and "Klart" not in said
    assert "Observera: Att Trafiknämnden avstår är inte registrerat: Remissen är inte skickad till Trafiknämnden än." \
        in said
    done = _text(auth.post(url, {"action": "decline", "note": "Enligt telefon", "confirm_decline": "1"},
                           follow_redirects=True))
    assert "Klart: Trafiknämnden avstår från att yttra sig och får inte remissen när den skickas." in done
    # every avstår, as the table of counts (h-out23 M9c: it said "0 avstår" beside "Avstår 1")
    assert "0 av 1 har svarat (0 %), 1 avstår. Trafiknämnden avstår redan och får inte remissen när den skickas." \
        in done

    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    answer = f"{page}/utskick/instanser/{miljo}"
    assert auth.post(answer, {"action": "answer", "answered_on": "2026-12-04", "summary": "Positiva."}
                     ).status_code == 302
    panel = _text(client.get(page))
    assert ("1 av 1 har svarat (100 %), 1 avstår. Trafiknämnden avstod utan att ha fått remissen."
            in panel), panel
    start = _text(client.get("/"))
    assert "1 av 1 har svarat, 1 avstod utan att ha fått remissen" in start, start
    exported = client.get("/remisser/export.csv")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    exported.close()
    assert any("1 av 1 har svarat, 1 avstod utan att ha fått remissen" in cell for row in rows for cell in row), rows

    api = client.get(f"/api/v1/remisser/{remiss.id}")
    counted = api.get_json()["sandlista_status"]
    api.close()
    assert (counted["total"], counted["asked"], counted["declined_before_sending"], counted["percent"]) \
        == (2, 1, 1, 100)

    # the officer's mail when the svarstid has run out counts the same way
    from remiss.outgoing import mails
    from remiss.remisser.models import Remiss
    notice = mails.deadline_notice(session, remiss=session.get(Remiss, remiss.id), base_url="http://remiss.test")
    session.rollback()
    assert ("1 av 1 remissinstanser har svarat. Trafiknämnden avstod utan att ha fått remissen."
            in notice["text"]), notice["text"]
    assert notice["subject"].endswith("1 av 1 har svarat")

    made = client.get(f"{page}/utskick/sammanstallning.docx")
    assert made.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(made.get_data())).paragraphs)
    made.close()
    assert ("Remissen skickades till 1 remissinstans: 1 har svarat (100 procent). Trafiknämnden avstod utan att "
            "ha fått remissen.") in text, text
    assert "till 2 remissinstanser" not in text


def test_avstar_after_the_utskick_by_one_it_never_got_says_so_in_the_past(session, client, auth, clock):
    """walk22b M2: Trafiknämnden avstår before sending, the remiss goes to the others, the avstår is undone and
    registered again: the remiss has gone out, so "får inte remissen när den skickas" was untrue, and "avstod före
    utskicket" too. The words now hold either way: "avstod utan att ha fått remissen"."""
    clock.set(TODAY)
    _, user, remiss = _world(session, deadline=date(2026, 12, 18))
    session.rollback()
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    entries = re.findall(r'/remisser/%d/utskick/instanser/(\d+)' % remiss.id,
                         unescape(client.get(page).get_data(as_text=True)))
    trafik, _ = sorted({int(i) for i in entries})
    url = f"{page}/utskick/instanser/{trafik}"
    decline = {"action": "decline", "note": "Enligt telefon", "confirm_decline": "1"}
    assert auth.post(url, decline).status_code == 302
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    assert auth.post(url, {"action": "reopen"}).status_code == 302
    done = _text(auth.post(url, decline, follow_redirects=True))
    assert "Klart: Trafiknämnden avstår från att yttra sig och får inte remissen." in done, done
    assert "när den skickas" not in done
    assert "Trafiknämnden avstod utan att ha fått remissen." in _text(client.get(page))
