"""Exports of the diarium list: CSV for Swedish Excel and XLSX."""
