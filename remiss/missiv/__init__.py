"""Missiv parser: read registration fields from a remiss cover letter (pure, no Flask, no DB)."""
from remiss.missiv.extract import Attachment, ExtractedDocument, extract_text
from remiss.missiv.parser import parse_missiv
from remiss.missiv.result import Evidence, MissivResult

__all__ = ["Attachment", "Evidence", "ExtractedDocument", "MissivResult", "extract_text", "parse_missiv"]
