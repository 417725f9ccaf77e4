"""Import every table so SQLModel.metadata (and Alembic) sees the whole schema."""
from remiss.audit.models import AuditEvent  # noqa: F401
from remiss.auth.models import ApiToken, LoginAttempt, NamndMembership, User  # noqa: F401
from remiss.drafting.models import DraftVersion, GeneratedDocument, YttrandeDraft  # noqa: F401
from remiss.namnd.models import ClosedDay, DocumentTemplate, Meeting, Namnd  # noqa: F401
from remiss.reminders.models import OutboxMessage  # noqa: F401
from remiss.remisser.models import (  # noqa: F401
    Attachment, Consultation, DiarieSeries, Extension, Milestone, Organisation, Question, Remiss,
    SandlistaAnswer, SandlistaEntry, SavedSandlista, SavedSandlistaMember,
)
