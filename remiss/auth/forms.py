"""Login and password forms."""
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

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
