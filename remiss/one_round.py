"""A form answers with every error it has at once (walk27 Y1, Y3, Y12): the domain's checks run on the fields the
parser could read even when others could not, and what they find is said beside what the parser found, so the
user does not fix the form twice. Each view orders the result by its fields (remiss.field_order)."""
from __future__ import annotations

from collections.abc import Callable, Mapping

from remiss.remisser.input import InputErrors

# a source of errors: a mapping field → message, or a check to call now that returns one (or None) or raises
# InputErrors
Source = Mapping[str, str] | Callable[[], Mapping[str, str] | None] | None


def collect(*sources: Source) -> dict[str, str]:
    """Field → message from every source, each field's from the first source that names it: the parser's errors
    go first, so a date it could not read keeps its own message rather than a check's "Ange datum"."""
    errors: dict[str, str] = {}
    for source in sources:
        if callable(source):
            try:
                source = source()
            except InputErrors as exc:
                source = exc.errors
        for field, message in (source or {}).items():
            errors.setdefault(field, message)
    return errors


def readable(clean: Mapping, unread: Mapping[str, str]) -> dict:
    """The parsed values of the fields that were read: what the domain's checks may look at while others are wrong."""
    return {field: value for field, value in clean.items() if field not in unread}
