#!/usr/bin/env python3
"""Fuzz target: the PDF (pdfplumber, pypdfium2) reader, through gdchecker.check.check_file on a .pdf file.

    python tests/fuzz/fuzz_pdf.py --seconds 60          # atheris if installed, else the fallback mutation loop
    python tests/fuzz/fuzz_pdf.py CRASH_FILE            # replay one input
See tests/fuzz/README.md.
"""

from __future__ import annotations

import sys

from gdfuzz import main

if __name__ == "__main__":
    sys.exit(main("pdf"))
