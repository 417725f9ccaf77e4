"""Every table, so that SQLModel.metadata (and Alembic, through migrations/env.py) sees the whole schema."""
from remiss.accessibility import models as accessibility_models
from remiss.audit import models as audit_models
from remiss.auth import models as auth_models
from remiss.drafting import models as drafting_models
from remiss.intake import models as intake_models
from remiss.namnd import models as namnd_models
from remiss.outgoing import models as outgoing_models
from remiss.planning import models as planning_models
from remiss.reminders import models as reminders_models
from remiss.remisser import models as remisser_models

MODEL_MODULES = [accessibility_models, audit_models, auth_models, drafting_models, intake_models, namnd_models, outgoing_models,
                 planning_models, reminders_models, remisser_models]
