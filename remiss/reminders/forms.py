"""Forms: the nämnd's reminder policy, a user's own reminder kinds, and the resend button."""
from wtforms import BooleanField, StringField
from wtforms.validators import ValidationError

from remiss.reminders.policy import parse_workdays
from remiss.web.forms import Form as FlaskForm, WorkdaysField



def _workdays(form, field):
    try:
        parse_workdays(field.data or "")
    except ValueError as exc:
        raise ValidationError(str(exc))


class PolicyForm(FlaskForm):
    remind_workdays_before = StringField("Påminn så här många arbetsdagar före varje milstolpe",
                                         validators=[_workdays])
    overdue_every_workdays = WorkdaysField("Påminn om försenade milstolpar var n:e arbetsdag (0 = bara en gång)",
                                           low=0, high=30)
    escalate_after_workdays = WorkdaysField("Eskalera till granskare och registrator efter så här många "
                                            "arbetsdagars försening (0 = aldrig)", low=0, high=60)
    weekly_digest = BooleanField("Skicka veckosammanställning till registratorerna måndag morgon")
    chase_workdays_before = StringField("Utgående remisser: påminn instanser som inte svarat så här många "
                                        "arbetsdagar före sista svarsdag", validators=[_workdays])
    chase_workdays_after = StringField("Utgående remisser: påminn igen så här många arbetsdagar efter "
                                       "sista svarsdag", validators=[_workdays])
