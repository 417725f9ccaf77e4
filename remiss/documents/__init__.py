"""Word documents: the only adapter that touches python-docx/docxtpl.

Takes a plain, frozen context and returns bytes; rendering runs in a limited worker process.
"""

from .fields import DOCUMENT_KINDS, FieldDoc, placeholder_fields, sample_context, sample_context_for
from .pdf import PdfUnavailable, convert_all_to_pdf, convert_to_pdf
from .render import RenderError, render_document
from .template_check import TemplateReport, check_template

__all__ = ["DOCUMENT_KINDS", "FieldDoc", "PdfUnavailable", "RenderError", "TemplateReport",
           "check_template", "convert_all_to_pdf", "convert_to_pdf", "placeholder_fields", "render_document",
           "sample_context", "sample_context_for"]
