"""A scan of a report for the packaged program's smoke tests: its pages rendered at 200 dpi, grey, turned a little,
speckled, JPEG, packed as an image-only PDF, by the tests' own scanner (tests/makers/scan.py, loaded alone: it
needs only numpy, Pillow and pypdfium2, which the build has).

    python build/make_scan.py REPORT.pdf OUT.pdf
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCANNER = Path(__file__).resolve().parents[1] / "tests" / "makers" / "scan.py"

if __name__ == "__main__":
    spec = importlib.util.spec_from_file_location("scanner", SCANNER)
    assert spec is not None and spec.loader is not None
    scanner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scanner)
    scanner.write_scan(sys.argv[1], sys.argv[2], seed=4, **scanner.ROUGH)
