"""Test-fixture generators: realistic 政府信息公开工作年度报告 files (PDF, DOCX, HTML, text) made from a
values dict, so reader tests can check every cell.  See values.make_values and the write_* functions."""

from .docx import write_docx
from .html import write_html
from .patterns import BLANK_TOTALS, PATTERNS, blank_pattern
from .pdf import write_pdf
from .producers import chromium_pdf, libreoffice, wide_html, word_html
from .text import write_text
from .values import consistency_errors, iter_cells, make_values

__all__ = ["BLANK_TOTALS", "PATTERNS", "blank_pattern", "chromium_pdf", "consistency_errors", "iter_cells", "libreoffice",
           "make_values", "wide_html", "word_html", "write_docx", "write_html", "write_pdf", "write_text"]
