#!/usr/bin/env python3
"""Replay inputs through gdchecker.check.check_file, the way the fuzz targets ran them, with the real traceback.

    python tests/fuzz/replay.py --kind xlsx /tmp/gdchecker-fuzz-findings/xlsx/crash-0123abcd...
    python tests/fuzz/replay.py /tmp/gdchecker-fuzz-findings/text/*          # kind from the folder's name

The file is copied to a temp file named input.EXT of its kind (.pdf .docx .html .txt .xlsx) and checked once.
Exit status 1 when one of the inputs is a finding (an exception escaping check_file, an 'internal' error code,
longer than --timeout seconds, with --strict a reader's unexpected exception; a known bug of fuzz_seeds.KNOWN counts here).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gdfuzz import KINDS, replay  # noqa: E402 - beside this script


def kind_of(path: Path) -> str | None:
    """The kind an input was fuzzed as: its folder's name (ARTIFACTS/KIND/crash-...) or its extension."""
    if path.parent.name in KINDS:
        return path.parent.name
    ext = path.suffix.lower()
    return next((k for k, e in KINDS.items() if e == ext or (k == "html" and ext == ".htm")), None)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--kind", choices=list(KINDS), help="check every file as this kind (default: from its folder "
                                                      "or extension)")
    p.add_argument("--strict", action="store_true", help="also a finding: a reader's unexpected exception that "
                                                         "check_file reports as 'unreadable'")
    p.add_argument("--timeout", type=float, default=10, help="seconds an input may take, as when fuzzing "
                                                             "(0: no limit)")
    args = p.parse_args(argv)
    status = 0
    for f in args.files:
        kind = args.kind or kind_of(f)
        if kind is None:
            p.error(f"{f}: say which reader with --kind ({', '.join(KINDS)})")
        status |= replay(kind, [f], strict=args.strict, count_known=True, timeout=args.timeout)
    return status


if __name__ == "__main__":
    sys.exit(main())
