"""Login and password forms, and the new API token's fields."""
from datetime import datetime

from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from remiss.auth.service import AuthError, token_expiry
from remiss.web.forms import Form as FlaskForm

REQUIRED = "Fältet måste fyllas i."


class LoginForm(FlaskForm):
    email = StringField("E-postadress", validators=[DataRequired(REQUIRED), Length(max=254)])
    password = PasswordField("Lösenord", validators=[DataRequired(REQUIRED), Length(max=500)])


class PasswordForm(FlaskForm):
    current = PasswordField("Nuvarande lösenord", validators=[DataRequired(REQUIRED)])
    new = PasswordField("Nytt lösenord", validators=[DataRequired(REQUIRED), Length(min=10, max=500,
                        message="Lösenordet måste ha minst 10 tecken.")])
    repeat = PasswordField("Upprepa nytt lösenord", validators=[
        DataRequired(REQUIRED), EqualTo("new", message="Lösenorden är inte lika.")])


def parse_token_form(form, *, now: datetime) -> tuple[dict, dict, datetime | None]:
    """A new API token's name and optional last day: (values as typed, Swedish errors per field, expiry moment).
    The token works through the last day, Stockholm time."""
    values = {"name": (form.get("name") or "").strip(), "expires": (form.get("expires") or "").strip()}
    errors = {}
    if not values["name"]:
        errors["name"] = "Skriv vad nyckeln ska användas till."
    elif len(values["name"]) > 100:
        errors["name"] = "Högst 100 tecken."
    try:
        expires_at = token_expiry(values["expires"], now=now)
    except AuthError as exc:
        errors["expires"], expires_at = str(exc), None
    return values, errors, expires_at
