"""Admin forms: users, nämnder, remissinstanser."""
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from remiss.auth.models import ROLE_LABELS
from remiss.remisser.input import too_long
from remiss.web.forms import Form as FlaskForm, WorkdaysField

REQUIRED = "Fältet måste fyllas i."
EMAIL = "Ange en giltig e-postadress."


class MaxChars:
    """At most limit characters, said in Swedish ("Högst 300 tecken."). Unlike wtforms' Length it sets no
    maxlength attribute: a browser cuts a longer paste silently, so the text is kept and the message shown."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, form, field) -> None:
        if field.data and len(field.data) > self.limit:
            raise ValidationError(too_long(self.limit, len(field.data)))


class UserForm(FlaskForm):
    # the fields in the order the page shows them: the error summary lists their errors in this order
    name = StringField("Namn", validators=[DataRequired(REQUIRED), MaxChars(200)])
    email = EmailField("E-postadress", validators=[DataRequired(REQUIRED), Email(EMAIL), MaxChars(254)])
    title = StringField("Titel", validators=[Optional(), MaxChars(200)])
    role = SelectField("Roll", choices=[(r.value, label) for r, label in ROLE_LABELS.items()],
                       validators=[DataRequired("Välj en roll.")])
    namnder = SelectMultipleField("Nämnder", coerce=int, validate_choice=True)
    password = PasswordField("Lösenord (minst 10 tecken; lämna tomt för att behålla)",
                             validators=[Optional(), Length(min=10, max=500, message="Minst 10 tecken.")])
    is_active = BooleanField("Aktiv", default=True)


def _text(value):
    return (value or "").strip()


class NamndForm(FlaskForm):
    # in the order of the page, as UserForm
    name = StringField("Namn", validators=[DataRequired(REQUIRED), MaxChars(200)])
    short_name = StringField("Förkortning", validators=[Optional(), MaxChars(30)])
    organisation = StringField("Organisation", validators=[Optional(), MaxChars(200)])
    forvaltning = StringField("Förvaltning", validators=[Optional(), MaxChars(200)])
    email = EmailField("Funktionsbrevlåda", validators=[Optional(), Email(EMAIL), MaxChars(254)])
    dnr_prefix = StringField("Prefix för diarienummer", validators=[Optional(), MaxChars(20)])
    tjansteskrivelse_workdays_before_au = WorkdaysField("Tjänsteskrivelse klar, arbetsdagar före AU", default=10,
                                                        low=0, high=60)
    granskning_workdays = WorkdaysField("Arbetsdagar för granskning", default=3, low=0, high=30)
    justering_workdays_after_meeting = WorkdaysField("Arbetsdagar från sammanträde till justering", default=10,
                                                     low=0, high=30)
    expediering_workdays = WorkdaysField("Arbetsdagar för expediering", default=1, low=0, high=20)
    omedelbar_justering_usual = BooleanField("Remissärenden justeras vanligen omedelbart")
    # a form posted without them (an older page, a script) leaves them empty, never NULL
    postal_address = StringField("Postadress", validators=[Optional(), MaxChars(300)], filters=[_text])
    phone = StringField("Telefon (växel)", validators=[Optional(), MaxChars(50)], filters=[_text])
    org_number = StringField("Organisationsnummer", validators=[Optional(), MaxChars(20)], filters=[_text])
    website = StringField("Webbplats", validators=[Optional(), MaxChars(200)], filters=[_text])
    iso_dates = BooleanField("Datum i handlingarna skrivs 2026-12-03 (annars 3 december 2026)")


class OrganisationForm(FlaskForm):
    name = StringField("Namn", validators=[DataRequired(REQUIRED), MaxChars(300)])
    email = EmailField("Funktionsbrevlåda", validators=[Optional(), Email(EMAIL), MaxChars(254)])
    contact_person = StringField("Kontaktperson", validators=[Optional(), MaxChars(200)])
    group_name = StringField("Grupp", validators=[Optional(), MaxChars(200)])
    active = BooleanField("Aktiv", default=True)
