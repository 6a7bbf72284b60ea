"""Exporters: the corrected tables and the findings in other files (Excel)."""
