"""remiss.web.error_order: a summary's items sorted by where their fields stand, and nothing else touched."""
from __future__ import annotations

from remiss.web.error_order import in_page_order

FIELDS = '<input id="f-a"><input id="f-b"><input id="f-c">'


def _summary(*items: str) -> str:
    return ('<div class="error-summary" role="alert" id="error-summary"><h2>Fel</h2><ul>\n'
            + "\n".join(items) + "\n</ul></div>")


def test_items_follow_their_fields_and_plain_ones_stay_first():
    page = _summary('<li><a href="#f-c">C</a></li>', '<li>Formuläret har gått ut.</li>',
                    '<li><a href="#f-x">X</a></li>', '<li><a href="#f-a">A</a></li>') + FIELDS
    ordered = str(in_page_order(page))
    said = [ordered.index(word) for word in ("gått ut", ">A<", ">C<", ">X<")]
    assert said == sorted(said)


def test_a_summary_without_a_list_leaves_later_lists_alone():
    page = ('<div class="error-summary" role="alert"><h2>Fel i adressen</h2><p>Fel.</p></div>'
            '<ul><li><a href="#f-b">B</a></li><li><a href="#f-a">A</a></li></ul>' + FIELDS)
    assert str(in_page_order(page)) == page
