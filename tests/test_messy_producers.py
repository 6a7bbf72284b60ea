"""Blank cells through every producer: the same report, with cells left empty the ways published reports leave
them, made by reportlab, Word, a web page, Word's web-page export, LibreOffice (from .docx and from a page) and
headless Chromium (a normal page, and a page whose tables are wider than the paper).

Every cell is checked: a blank cell reads as blank (value None, text ""), every other its number.  No error
finding but the real one of a blank 总计 beside non-zero parts (which must name that cell); no missing
table/row/column.  On the too-wide page Chromium cuts the right columns off (tests/makers/producers.py says
how): a cut cell must come back without a number and be named by a reading.* finding, never feed a sum error.
LibreOffice drops some 表三 rows of a Word table whose merged cells a page break cuts (producers.lost_rows):
rows not in the PDF must come back without numbers and be named by structure.missing_row.

The produced files are kept in $GDCHECKER_PRODUCED_DIR if set (else pytest's tmp dir, printed in the header
of a failure) as <producer>-<pattern>-<version>.<ext>, with their sources beside them."""

from __future__ import annotations

import os
import shutil
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from gdchecker.locate import locate
from gdchecker.model import Severity
from gdchecker.read import read
from gdchecker.rules import check
from tests.makers import iter_cells, write_docx, write_html, write_pdf
from tests.makers.patterns import BLANK_TOTALS, PATTERNS, blank_pattern
from tests.makers.producers import (
    ChromiumSession,
    chromium_path,
    chromium_pdf,
    chromium_visibility,
    libreoffice,
    lost_rows,
    soffice_path,
    wide_html,
    word_html,
)

YEARS = {"2019": 2020, "2021": 2022}
AGENCY = "某区卫生健康委员会"
CHROMIUM = chromium_path()
SOFFICE = soffice_path()

# producer -> (extension, external tool or None)
PRODUCERS = {
    "reportlab-ruled": ("pdf", None),
    "reportlab-unruled": ("pdf", None),
    "docx": ("docx", None),
    "html": ("html", None),
    "word-html": ("htm", None),
    "lo-pdf-from-docx": ("pdf", "soffice"),
    "lo-pdf-from-html": ("pdf", "soffice"),
    "lo-pdf-from-word-html": ("pdf", "soffice"),
    "chrome": ("pdf", "chromium"),
    "chrome-word-html": ("pdf", "chromium"),
    "chrome-wide": ("pdf", "chromium"),
}
TOOLS = {"soffice": SOFFICE, "chromium": CHROMIUM}
SUM_CODES = {"applications.balance", "applications.row_total", "applications.column_total",
             "review_litigation.group_total", "applications.misfiled_applicant"}
MISSING = ("structure.missing_row", "structure.missing_table", "structure.missing_column")
TEST_NAME = "test_blank_cells_through_producer"
CLI_TEST = "test_devtools_print_is_the_command_line_print"
CLI_JOB = ("chrome-wide", "rows", "2021")

Job = tuple[str, str, str]  # producer, pattern, version


class Produced:
    """Every file the selected tests need, made once per session.  Sources (.docx, .html, wide .html) are made
    on first use; LibreOffice (one soffice run per producer, all files at once) and Chromium (one run per
    file) start in background threads as soon as the first test asks, so they overlap the in-process tests."""

    def __init__(self, root: Path, jobs: set[Job]) -> None:
        self.root = root
        self.jobs = jobs
        self.lock = threading.Lock()
        self.futures: dict[Job, Future] = {}
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="producers")
        self.started = False

    def path(self, job: Job) -> Path:
        producer, pattern, version = job
        return self.root / f"{producer}-{pattern}-{version}.{PRODUCERS[producer][0]}"

    def source(self, kind: str, pattern: str, version: str) -> Path:
        """The maker's own file for `kind` ("docx", "html", "wide"), made once."""
        ext = {"docx": "docx", "html": "html", "wide": "html", "word": "htm"}[kind]
        out = self.root / "src" / f"{kind}-{pattern}-{version}.{ext}"
        with self.lock:
            if not out.exists():
                out.parent.mkdir(parents=True, exist_ok=True)
                values, blanks, _ = blank_pattern(version, pattern)
                args = (version, YEARS[version], AGENCY, values)
                if kind == "docx":
                    write_docx(str(out), *args, blanks=blanks)
                elif kind == "word":
                    word_html(str(out), *args, blanks=blanks)
                else:
                    page = out if kind == "html" else out.with_suffix(".plain.html")
                    write_html(str(page), *args, blanks=blanks)
                    if kind == "wide":
                        wide_html(page, out)
        return out

    def start(self) -> None:
        """Queue the external conversions of every selected job (once): LibreOffice in one thread (one soffice
        run per producer), Chromium in another (one browser, every page printed over the DevTools pipe)."""
        with self.lock:
            if self.started:
                return
            self.started = True
        external = sorted(j for j in self.jobs if PRODUCERS[j[0]][1] and TOOLS[PRODUCERS[j[0]][1]])
        for j in external:
            self.futures[j] = Future()
        lo = [[j for j in external if j[0] == p] for p in ("lo-pdf-from-docx", "lo-pdf-from-html",
                                                            "lo-pdf-from-word-html")]
        chrome = [j for j in external if j[0].startswith("chrome")]
        if any(lo):
            self.pool.submit(self._run, self._libreoffice, [b for b in lo if b])
        if chrome:
            self.pool.submit(self._run, self._chromium, chrome)

    def _run(self, fn, arg) -> None:  # noqa: ANN001
        try:
            fn(arg)
        except BaseException as e:  # noqa: BLE001 - every waiting test gets the error
            for f in self.futures.values():
                if not f.done():
                    f.set_exception(e)

    def _libreoffice(self, batches: list[list[Job]]) -> None:
        for batch in batches:
            producer = batch[0][0]
            kind = {"lo-pdf-from-docx": "docx", "lo-pdf-from-word-html": "word"}.get(producer, "html")
            srcs = [self.source(kind, pattern, version) for _, pattern, version in batch]
            outs = libreoffice(srcs, self.root / producer, to="pdf")
            for j, o in zip(batch, outs, strict=True):
                o.replace(self.path(j))
                self.futures[j].set_result((self.path(j), {"lost_rows": lost_rows(self.path(j), j[2])}))

    def _chromium(self, jobs: list[Job]) -> None:
        with ChromiumSession() as browser:
            for j in jobs:
                producer, pattern, version = j
                if producer in ("chrome", "chrome-word-html"):
                    kind = "html" if producer == "chrome" else "word"
                    pdf = browser.print(self.source(kind, pattern, version), self.path(j))
                    self.futures[j].set_result((pdf, {}))
                else:
                    pdf, geom = browser.print(self.source("wide", pattern, version), self.path(j), measure=True)
                    self.futures[j].set_result((pdf, {"geom": geom}))

    def get(self, job: Job) -> tuple[Path, dict]:
        """The produced file and what is known of it: "geom" (chrome-wide: the measured page geometry),
        "lost_rows" (LibreOffice: 表三 rows not in the PDF at all)."""
        producer, pattern, version = job
        tool = PRODUCERS[producer][1]
        if tool:
            self.start()
            return self.futures[job].result()
        out = self.path(job)
        if not out.exists():
            values, blanks, _ = blank_pattern(version, pattern)
            args = (version, YEARS[version], AGENCY, values)
            if producer.startswith("reportlab"):
                write_pdf(str(out), *args, ruled=producer == "reportlab-ruled", blanks=blanks)
            elif producer in ("docx", "html"):  # the very file LibreOffice / Chromium convert
                shutil.copyfile(self.source(producer, pattern, version), out)
            else:
                word_html(str(out), *args, blanks=blanks)
        return out, {}


@pytest.fixture(scope="module")
def produced(request, tmp_path_factory):
    root = os.environ.get("GDCHECKER_PRODUCED_DIR")
    out = Path(root) if root else tmp_path_factory.mktemp("messy-producers")
    out.mkdir(parents=True, exist_ok=True)
    jobs = {(it.callspec.params["producer"], it.callspec.params["pattern"], it.callspec.params["version"])
            for it in request.session.items
            if getattr(it, "originalname", None) == TEST_NAME and hasattr(it, "callspec")}
    if any(getattr(it, "originalname", None) == CLI_TEST for it in request.session.items):
        jobs.add(CLI_JOB)
    p = Produced(out, jobs)
    p.start()  # LibreOffice and Chromium work in the background while the in-process producers are tested
    yield p
    p.pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- judging a reading


def _same(got, want) -> bool:
    if isinstance(want, float) or isinstance(got, float):
        return got is not None and want is not None and abs(float(got) - float(want)) < 1e-6
    return got == want


def _cell_problem(report, t: str, r: str, c: str, want, blank: bool) -> tuple[str, str] | None:
    """(what was read, what was wanted) when cell (t, r, c) is not read as printed, else None."""
    table = report.tables.get(t)
    cell = table.cell(r, c) if table else None
    if cell is None:
        return "no cell", "want blank" if blank else f"want {want!r}"
    if blank:
        if cell.value is None and not (cell.text or "").strip() and cell.blank:
            return None
        return _got(cell), "want blank"
    if _same(cell.value, want):
        return None
    return _got(cell), f"want {want!r}"


def _got(cell) -> str:
    if cell.blank:
        return "blank"
    if cell.value is None:
        return f"None text={cell.text!r}" + (" invalid" if cell.invalid else "")
    return repr(cell.value)


def _refs(f) -> set[tuple[str, str, str]]:
    return {(x.table, x.row, x.col) for x in f.cells}


def _kind(got: str, want: str) -> str:
    """The sort of misreading, for the digest line."""
    if got == "no cell":
        return "no cell"
    if got.startswith("unread"):
        return "cut off, no reading.* finding"
    if "off the page" in want:
        return "cut off, yet read"
    if got == "blank":
        return "read blank"
    if got.startswith("None text=''"):
        return "empty, not marked blank"
    if got.startswith("None"):
        return "text not parsed"
    return "blank read as a number" if want == "want blank" else "wrong number"


def _digest(wrong: dict[tuple[str, str, str], tuple[str, str]]) -> list[str]:
    """One line per (table, sort of misreading): how many cells, in which rows/columns, an example."""
    groups: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
    for (t, r, c), (got, want) in wrong.items():
        groups.setdefault((t, _kind(got, want)), []).append((r, c, got, want))
    out = []
    for (t, kind), cells in groups.items():
        rows = list(dict.fromkeys(r for r, _, _, _ in cells))
        cols = list(dict.fromkeys(c for _, c, _, _ in cells))
        r, c, got, want = cells[0]
        where = (f"rows {','.join(rows)}" if len(rows) <= 3 else f"{len(rows)} rows") + " × " + \
                (f"cols {','.join(cols)}" if len(cols) <= 3 else f"{len(cols)} cols")
        out.append(f"{t}: {len(cells)} {kind} ({where}; e.g. {r}.{c} {got}, {want})")
    return out


def _summary(wrong: dict[tuple[str, str, str], tuple[str, str]], expected) -> list[str]:
    """Wrong cells grouped by row and by what was read: 'applications.partial.* no cell' when a whole row reads
    the same, 'applications.total.{a,b} None' for several, one cell with what it should have been."""
    groups: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for (t, r, c), (got, want) in wrong.items():
        groups.setdefault((t, r, got), []).append((c, want))
    out = []
    for (t, r, got), cols in groups.items():
        if len(cols) == 1:
            out.append(f"{t}.{r}.{cols[0][0]} {got} ({cols[0][1]})")
        elif len(cols) == len(expected[t][r]):
            out.append(f"{t}.{r}.* {got}")
        else:
            out.append(f"{t}.{r}.{{{','.join(c for c, _ in cols)}}} {got}")
    return out


# Misreadings not yet mended, each named with what goes wrong (xfail: it runs and reports, the suite goes on).
KNOWN: dict[tuple[str, str, str], str] = {}


@pytest.mark.parametrize("version", sorted(YEARS))
@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("producer", list(PRODUCERS))
def test_blank_cells_through_producer(request, produced, producer, pattern, version):
    tool = PRODUCERS[producer][1]
    if tool and TOOLS[tool] is None:
        pytest.skip(f"{tool} is not installed (needed for {producer})")
    job = (producer, pattern, version)
    if job in KNOWN:  # not yet mended: runs and reports, does not fail the suite
        request.applymarker(pytest.mark.xfail(reason=KNOWN[job], strict=False))
    path, known = produced.get(job)
    values, blanks, expected = blank_pattern(version, pattern)
    blank = set(blanks)
    vis: dict[tuple[str, str, str], str] = {}  # chrome-wide: visible / partial / clipped
    if "geom" in known:
        vis = chromium_visibility(version, YEARS[version], AGENCY, values, blanks, known["geom"], path)
    lost = set(known.get("lost_rows", ()))  # 表三 rows the producer dropped: they must be reported missing

    try:
        report = locate(read(str(path)))
    except Exception as e:  # noqa: BLE001 - a reader crash is this test's finding
        pytest.fail(f"{producer} {pattern} {version}: read failed: {type(e).__name__}: {e}  [{path}]")
    findings = check(report)
    reading_refs: set[tuple[str, str, str]] = set()
    reading_tables: set[str] = set()
    for f in findings:
        if f.code.startswith("reading."):
            reading_refs |= _refs(f)
            if not f.cells and f.table:
                reading_tables.add(f.table)
    # without drawn cells, a row printed with every cell empty leaves nothing on the page: it may be read as
    # blanks, or left unread where a reading finding names the row or its table (never reported missing)
    undrawn = producer == "reportlab-unruled"
    empty_rows = {(t, r) for t, r, _, _ in iter_cells(expected)} - {(t, r) for t, r, c, _ in iter_cells(expected)
                                                                    if (t, r, c) not in blank}

    wrong: dict[tuple[str, str, str], str] = {}
    unread: set[tuple[str, str, str]] = set()  # cut off the page and (rightly) not read
    for t, r, c, want in iter_cells(expected):
        key = (t, r, c)
        if t == "applications" and r in lost:
            table = report.tables.get(t)
            cell = table.cell(r, c) if table else None
            if cell is not None and (cell.value is not None or cell.blank):
                wrong[key] = (_got(cell), "row not in the PDF: want no value")
            continue
        why = _cell_problem(report, t, r, c, want, key in blank)
        if why is not None and undrawn and (t, r) in empty_rows:
            table = report.tables.get(t)
            cell = table.cell(r, c) if table else None
            if (cell is None or cell.value is None) and (key in reading_refs or t in reading_tables):
                continue
        where = vis.get(key, "visible")
        if why is None and where != "clipped":
            continue
        if where in ("clipped", "partial"):
            table = report.tables.get(t)
            cell = table.cell(r, c) if table else None
            if cell is not None and (cell.value is not None or cell.blank):
                printed = "blank" if key in blank else repr(want)
                wrong[key] = (_got(cell), f"{where} off the page: want no value; printed {printed}")
            elif key not in reading_refs:
                wrong[key] = ("unread, no reading.* finding", f"{where} off the page")
            else:
                unread.add(key)
            continue
        wrong[key] = why

    false: list[str] = []
    must = set(BLANK_TOTALS.get(pattern, ()))
    for f in findings:
        refs = _refs(f)
        where = f"{f.code}@{'/'.join(map(str, f.key()[1:])) if f.cells else f.table}"
        if f.code == "structure.missing_row" and f.cells and {x.row for x in f.cells} <= lost:
            continue  # the producer dropped the row: it is missing
        if f.code in MISSING:
            false.append(where)
        elif f.severity != Severity.ERROR:
            continue
        elif f.code in SUM_CODES and refs & must and not refs & unread:
            continue  # the real error of a blank 总计 beside non-zero parts
        elif f.code.startswith("reading.") and refs and refs <= unread | {k for k, v in vis.items() if v != "visible"}:
            continue  # cells cut off the page, said so
        else:
            false.append(where + (f" (on cut-off cells {sorted(refs & unread)[:2]})" if refs & unread else ""))
    errors_at = {k for f in findings if f.severity == Severity.ERROR and f.code in SUM_CODES for k in _refs(f)}
    missed = [f"no error naming blank total {'.'.join(k)}" for k in sorted(must)
              if k not in errors_at and vis.get(k, "visible") == "visible" and k[1] not in lost]
    named_missing = {x.row for f in findings if f.code == "structure.missing_row" for x in f.cells}
    missed += [f"row {r} is not in the PDF (the producer dropped it) but no structure.missing_row names it"
               for r in sorted(lost - named_missing)]

    if wrong or false or missed:
        head = f"{producer} {pattern} {version}: {len(wrong)} wrong cells"
        head += "".join(f"; false {x}" for x in dict.fromkeys(false)) + "".join(f"; {m}" for m in missed)
        note = [f"known: {KNOWN[job]}"] if job in KNOWN else []
        pytest.fail("\n  ".join([head, *_digest(wrong), *note, f"file: {path}",
                                 "cells: " + "; ".join(_summary(wrong, expected))]), pytrace=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_devtools_print_is_the_command_line_print(produced, tmp_path):
    """The session's DevTools prints (used above, for speed) are what `chromium --headless --print-to-pdf` makes:
    same pages, same text where it lies, on the too-wide page (shrunk by 1/1.5 and cut at the right margin)."""
    import pdfplumber

    ours, _ = produced.get(CLI_JOB)
    cli = chromium_pdf(produced.source("wide", *CLI_JOB[1:]), tmp_path / "cli.pdf")

    def pages(path):
        with pdfplumber.open(str(path)) as doc:
            return [(p.width, p.height, [(c["text"], round(c["x0"], 1), round(c["top"], 1), round(c["size"], 1))
                                         for c in p.chars]) for p in doc.pages]

    a, b = pages(ours), pages(cli)
    assert len(a) == len(b)
    assert a == b
