"""Equivalence of the two ways the PDF reader reads table pages: pdfium (gdchecker.read.pdfium_page, the default)
and pdfplumber over pdfminer (the old way, gdchecker.read.pdf.USE_PDFIUM = False).

Usage: .venv/bin/python scripts/pdfium_equivalence.py [FILE.pdf | FOLDER ...]
Without arguments it makes the maker's PDFs (every write_pdf option) in a temporary folder and adds the real PDFs
of ../shared/corpus/real.  For each file it compares the Document lines (text, table membership, piece boxes
within TOL points; a CJK radical pdfium reports as the ideograph it stands for counts as the same), the cell
values of the located report and the check's findings, and prints one line per file; exit status 1 when any
file differs.  A box may sit lower by up to DROP of its height: where a font's descriptor says 0 for its ascent
and descent (LibreOffice's do), pdfminer boxes the text from its baseline and pdfium from the font's own descent.
Not a test (tests/test_pdfium_page.py runs the same comparison).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gdchecker.read import pdf as pdf_reader  # noqa: E402

TOL = 0.5  # points a piece's box may move
DROP = 0.3  # of its height a piece's box may sit lower (pdfium's descent where the file's says 0)


@dataclass
class Outcome:
    lines: list[tuple] = field(default_factory=list)  # (page, grid?, text, box)
    values: dict = field(default_factory=dict)
    findings: list[tuple] = field(default_factory=list)
    error: str | None = None


def _read(path: Path, use_pdfium: bool) -> Outcome:
    from gdchecker.check import check_file
    from gdchecker.read import read

    old = pdf_reader.USE_PDFIUM
    pdf_reader.USE_PDFIUM = use_pdfium
    try:
        out = Outcome()
        try:
            doc = read(str(path))
        except Exception as e:  # noqa: BLE001 - a ReadError is compared like any outcome
            out.error = f"{type(e).__name__}: {getattr(e, 'code', e)}"
            return out
        for ln in doc.lines:
            for p in ln.pieces:
                box = (p.box.x0, p.box.top, p.box.x1, p.box.bottom) if p.box else None
                out.lines.append((ln.page, ln.grid is not None, p.text, box, p.cut))
        res = check_file(str(path))
        if res.report is not None:
            out.values = {(t, r, c): cell.value for t, table in res.report.tables.items()
                          for r, cols in table.cells.items() for c, cell in cols.items()}
        out.findings = sorted((f.code, str(f.severity), f.message, tuple(map(str, f.cells)))
                              for f in res.findings or [])
        if res.error:
            out.error = res.error.code
        return out
    finally:
        pdf_reader.USE_PDFIUM = old


def _radical(ch: str) -> bool:
    """A CJK radical or compatibility ideograph: pdfium reports the ideograph it stands for (⽣ as 生, ⺠ as
    民) where pdfminer keeps the file's code point."""
    return 0x2E80 <= ord(ch) <= 0x2FDF or 0xF900 <= ord(ch) <= 0xFAFF


def same_text(a: str, b: str) -> bool:
    return len(a) == len(b) and all(x == y or _radical(x) for x, y in zip(a, b))


def _r(box: tuple | None) -> tuple | None:
    return None if box is None else tuple(round(v, 1) for v in box)


def _moved(a: tuple | None, b: tuple | None, tol: float, drop: float) -> bool:
    """Box b is not box a: across by more than tol, up by more than tol or down by more than drop of its height."""
    if a is None or b is None:
        return (a is None) != (b is None)
    if abs(a[0] - b[0]) > tol or abs(a[2] - b[2]) > tol:
        return True
    low = tol + drop * max(0.0, a[3] - a[1])
    return any(not (-tol <= v - u <= low) for u, v in ((a[1], b[1]), (a[3], b[3])))


def differences(path: Path, tol: float = TOL, drop: float = 0.0) -> list[str]:
    """What reading `path` by pdfium changes against pdfminer (empty: nothing); drop: the part of its height a
    piece's box may sit lower (DROP for files whose fonts say descent 0)."""
    a, b = _read(path, False), _read(path, True)
    out = []
    if a.error != b.error:
        out.append(f"error {a.error} -> {b.error}")
    if len(a.lines) != len(b.lines):
        out.append(f"lines: {len(a.lines)} pieces -> {len(b.lines)}")
    else:
        moved = [(x, y) for x, y in zip(a.lines, b.lines) if x[:2] != y[:2] or not same_text(x[2], y[2])
                 or x[4] != y[4] or _moved(x[3], y[3], tol, drop)]
        if moved:
            (x, y), n = moved[0], len(moved)
            what = (f"{x[2]!r} -> {y[2]!r}" if x[2] != y[2] else
                    f"{x[2]!r} p{x[0]} grid {x[1]}->{y[1]} box {_r(x[3])} -> {_r(y[3])}")
            out.append(f"lines: {n} of {len(a.lines)} pieces differ, first {what}")
    if a.values != b.values:
        keys = sorted(k for k in set(a.values) | set(b.values) if a.values.get(k) != b.values.get(k))
        out.append(f"{len(keys)} cell values differ, e.g. {keys[0]}: {a.values.get(keys[0])} -> "
                   f"{b.values.get(keys[0])}")
    if a.findings != b.findings:
        out.append(f"findings {sorted(set(a.findings) - set(b.findings))[:2]} -> "
                   f"{sorted(set(b.findings) - set(a.findings))[:2]}")
    return out


def make_set(folder: Path) -> list[Path]:
    """The maker's PDFs, one per write_pdf option (both formats)."""
    from tests.makers import make_values, write_pdf

    options = [{}, {"ruled": False}, {"split_pages": True}, {"ruled": False, "split_pages": True},
               {"split_pages": True, "repeat_header": True}, {"merged_cells": False}, {"wrap_labels": False},
               {"ruled": False, "wrap_labels": False}, {"page_furniture": False}]
    out = []
    for version, year in (("2019", 2020), ("2021", 2022)):
        for i, kw in enumerate(options):
            p = folder / f"maker-{version}-{i}.pdf"
            write_pdf(str(p), version, year, "某市某局", make_values(version, seed=i), **kw)
            out.append(p)
    return out


def main(argv: list[str]) -> int:
    tmp = tempfile.TemporaryDirectory()
    files: list[Path] = []
    for a in argv:
        p = Path(a)
        files += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
    if not argv:
        files = make_set(Path(tmp.name)) + sorted((ROOT.parent / "shared" / "corpus" / "real").glob("*/*.pdf"))
    bad = behaviour = 0
    for f in files:
        diff = differences(f, drop=DROP)
        bad += bool(diff)
        behaviour += any(not d.startswith("lines:") for d in diff)
        print(f"{f.name[:50]:52s} {'same' if not diff else 'DIFFERS: ' + '; '.join(diff)}", flush=True)
    print(f"\n{len(files) - bad} of {len(files)} files read the same; {len(files) - behaviour} with the same "
          "cell values, findings and errors")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
