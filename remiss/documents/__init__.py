"""Word documents: the only adapter that touches python-docx/docxtpl.

Takes a plain, frozen context and returns bytes; rendering runs in a limited worker process.
"""

from .fields import DOCUMENT_KINDS, FieldDoc, placeholder_fields, sample_context
from .render import RenderError, render_document

__all__ = ["DOCUMENT_KINDS", "FieldDoc", "RenderError", "render_document", "placeholder_fields",
           "sample_context"]
