"""An error summary lists its errors in the order of the fields on the page (GOV.UK, DIGG; walk25b Z9): the parsers
and forms that find them say them in that order. Pure, so services and views alike use it (tests/unit/test_layers)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping


def in_field_order(errors: Mapping[str, str], fields: Iterable[str]) -> dict[str, str]:
    """errors with the whole form's (keys not among fields: csrf, action …) first, then the fields' in fields' order.

    An error summary lists its errors in the order of the fields on the page (GOV.UK, DIGG; walk25b Z9), and a
    parser finds them in the order it checks. So a hand-written parser declares its fields once, in the order its
    page shows them (a FIELDS tuple beside it), and returns its errors through this; a WTForms form's order is its
    class's."""
    place = {name: at for at, name in enumerate(fields)}
    return dict(sorted(errors.items(), key=lambda item: place.get(item[0], -1)))
