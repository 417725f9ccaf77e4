"""What the tests of the asking buttons (remiss.web.asking, templates/macros/asking.html) read on a page: its
visible text, one form on it, and the question that stands beside a button when JavaScript did not ask it."""
from __future__ import annotations

import re
from html import unescape

from tests.support.pages import visible_text  # noqa: F401  (read by the asking tests from here)


def form_at(page: str, marker: str) -> str:
    """The first form whose opening tag holds `marker` (e.g. 'id="ta-bort-3"' or 'utskick/skicka"'), unescaped."""
    return re.search(rf"<form[^>]*{marker}.*?</form>", unescape(page), re.S).group(0)


def assert_asked_beside(form: str, field: str, question: str, box: str) -> None:
    """Without JavaScript the form shows the question and a box to tick (`box`, its label), and no dialog."""
    assert f'<p id="q-{field}">{question}</p>' in form and "data-confirm" not in form, form
    assert re.search(rf'<input type="checkbox" id="f-{field}" name="{field}" value="1"[^>]*> {re.escape(box)}</label>',
                     form), form
