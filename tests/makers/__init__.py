"""Test-fixture generators: realistic 政府信息公开工作年度报告 files (PDF, DOCX, HTML, text) made from a
values dict, so reader tests can check every cell.  See values.make_values and the write_* functions."""

from .docx import write_docx
from .html import write_html
from .pdf import write_pdf
from .text import write_text
from .values import consistency_errors, iter_cells, make_values

__all__ = ["consistency_errors", "iter_cells", "make_values", "write_docx", "write_html", "write_pdf", "write_text"]
