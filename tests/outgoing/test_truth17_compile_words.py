"""truth17 F13: the Sammanställ question said "Svarstiden löper till 29 januari …, 2 remissinstanser har inte
svarat" with no word of an instans's anstånd to a later day; after compiling, the start page still said
"0 av 2 har svarat (2 väntar)" although nobody is waited for any more."""
from __future__ import annotations

import re
from html import unescape

from remiss.calendar.swedish import format_deadline
from remiss.remisser import service as remisser
from tests.outgoing.test_walk9_dates import _sent


def test_the_compile_question_names_an_anstand_and_the_start_page_waits_for_nobody_after(session, client, auth,
                                                                                          clock):
    remiss, page, (trafik, miljo) = _sent(session, client, auth, clock)
    names = {e.id: e.name for e in remisser.entries(session, remiss.id)}
    deadline = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)
    session.rollback()
    url = f"{page}/utskick/instanser/{miljo}"
    granted = auth.post(url, {"action": "grant_extension", "until_on": "2027-02-12", "until_time": "15.00"})
    assert granted.status_code == 302, unescape(granted.get_data(as_text=True))
    shown = unescape(client.get(page).get_data(as_text=True))
    assert re.search(rf"Svarstiden löper till {re.escape(deadline)} \(\d+ dagar kvar\), och 2 remissinstanser har "
                     rf"inte svarat\. {re.escape(names[miljo])} har anstånd till 12 februari 2027 kl\. 15\.00\. "
                     # no sweep here: the missiv still waits in the Utkorg, and the question says so (walk28 Z4)
                     r"Missivet till .+ väntar i utkorgen och är inte skickat än\. "
                     r"Sammanställa svaren ändå\?", shown), shown
    assert auth.post(f"{page}/utskick/sammanstall", {"confirm_compile": "1"}, form_url=page).status_code == 302
    start = " ".join(unescape(client.get("/").get_data(as_text=True)).split())
    assert "väntar)" not in start
    # only waiting for Miljö's answer (its anstånd runs to 12 February, past the start page's three weeks): under Att
    # göra's "Väntar på svar", not among the utgående remisser to see to (walk31 #5)
    assert "Väntar på svar (1)" in start, start
    assert "0 av 2 har svarat" not in start and "Utgående remisser att sköta (0)" in start, start
