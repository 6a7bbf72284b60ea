#!/usr/bin/env python3
"""Fuzz target: the Excel .xlsx reader, through gdchecker.check.check_file on a .xlsx file.

    python tests/fuzz/fuzz_xlsx.py --seconds 60          # atheris if installed, else the fallback mutation loop
    python tests/fuzz/fuzz_xlsx.py CRASH_FILE            # replay one input
See tests/fuzz/README.md.
"""

from __future__ import annotations

import sys

from gdfuzz import main

if __name__ == "__main__":
    sys.exit(main("xlsx"))
