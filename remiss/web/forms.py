"""The base of every WTForms form, and the whole-number field: the forms' messages in Swedish only.

WTForms' own messages are English ("Not a valid integer value.", "Not a valid choice.", walk22 L10): Form takes
the Swedish translations WTForms ships, so a message no field or validator of ours gives is Swedish too, and
WorkdaysField says what is wanted in one sentence ("Ange ett helt antal arbetsdagar, 0–20.") for a decimal, a word,
an empty field or a number out of range alike, once. It is a text input with inputmode="numeric", not
<input type="number">: Chromium reads "1,5" typed there by its own locale rules (as 15 in some versions, as 1.5 in
others, which its step check then stops with a message of its own), so the server never saw what was typed (M6,
words23 #6). Now every browser sends the text as typed, and "1,5" gets the Swedish message.

linked_to gives a form's errors, in its fields' order (remiss.field_order), their links, for the one error_summary
macro (templates/macros/forms.html)."""
from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.widgets import TextInput
from wtforms.i18n import get_translations
from wtforms.validators import StopValidation

_SWEDISH = get_translations(["sv"])


class Form(FlaskForm):
    """FlaskForm with WTForms' default messages in Swedish (Flask-Babel, which Flask-WTF would ask, is not used)."""

    class Meta:
        def get_translations(self, form):
            return _SWEDISH


def workdays_message(low: int, high: int) -> str:
    return f"Ange ett helt antal arbetsdagar, {low}–{high}."


class WorkdaysField(IntegerField):
    """A whole number of arbetsdagar from low to high; anything else gets workdays_message, said once."""

    widget = TextInput()  # the text as typed, whatever the browser's locale (see the module's docstring)

    def __init__(self, label: str, *, low: int, high: int, **kwargs):
        kwargs["render_kw"] = {"inputmode": "numeric", "autocomplete": "off", **kwargs.get("render_kw", {})}
        super().__init__(label, **kwargs)
        self.low, self.high = low, high
        self.message = workdays_message(low, high)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = str(valuelist[0]).strip()
        self.data = int(text) if text.isdecimal() and len(text) < 10 else None
        if self.data is None:
            raise ValueError(self.message)

    def pre_validate(self, form):
        if self.process_errors:  # said by process_formdata already
            raise StopValidation()
        if self.data is None or not self.low <= self.data <= self.high:
            raise StopValidation(self.message)


def linked_to(errors: Mapping[str, str], prefix: str, ids: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """An errors dict as error_summary's items: each message linked to its field, ids[name] or else prefix + name."""
    ids = ids or {}
    return [(ids.get(name, prefix + name), message) for name, message in errors.items()]
