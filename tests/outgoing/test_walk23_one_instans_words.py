"""walk23 W7d: with one instans on the sändlista and no remisshandlingar, Skicka remissen asked "… remissinstanserna
får bara missivet. … till 1 remissinstans: rev@example.se." – the plural noun for one instans."""
from __future__ import annotations

from html import unescape

from remiss.outgoing.questions import send_confirmation
from tests.outgoing.conftest import NORR


def test_one_instans_is_remissinstansen_whether_mailed_or_posted():
    mailed = send_confirmation(["rev@example.se"], 0, handlingar=0)
    assert mailed.startswith("Remissen har inga remisshandlingar: remissinstansen får bara missivet. "), mailed
    assert "till 1 remissinstans: rev@example.se." in mailed
    assert "remissinstansen får bara missivet" in send_confirmation([], 1, handlingar=0)


def test_several_instanser_are_remissinstanserna():
    for emails, by_post in ((["a@example.se", "b@example.se"], 0), (["a@example.se"], 1), ([], 2)):
        said = send_confirmation(emails, by_post, handlingar=0)
        assert "remissinstanserna får bara missivet" in said, said
    assert "får bara missivet" not in send_confirmation(["a@example.se"], 0, handlingar=2)


def test_the_panel_and_its_question_say_remissinstansen_for_one(client, unsent_utgaende):
    remiss = unsent_utgaende(sandlista=(NORR,))
    shown = " ".join(unescape(client.get(f"/remisser/{remiss.id}").get_data(as_text=True)).split())
    assert "annars får remissinstansen bara missivet." in shown
    assert 'data-confirm="Remissen har inga remisshandlingar: remissinstansen får bara missivet.' in shown
    assert "remissinstanserna" not in shown.split('id="utskick"')[-1].split("</section>")[0]
