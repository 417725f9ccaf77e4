"""Import every table so SQLModel.metadata (and Alembic) sees the whole schema.

Every remiss/<capability>/models.py is imported (see remiss.discovery).
"""
from remiss.discovery import capability_modules

MODEL_MODULES = capability_modules("models.py")
