"""A whole folder at once: every report found, checked in parallel processes (pool.py), paired with last year's."""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from gdchecker import inputs
from gdchecker.check import Result, check_file
from gdchecker.export.mark import is_own_export
from gdchecker.rules import check
from gdchecker.rules.context import Context, Previous
from gdchecker.rules.years import agency_key

SUFFIXES = inputs.suffixes()  # every kind the tool takes (inputs.KINDS), the converted ones too
SKIP_NAMES = (".gdchecker.json",)


OWN_EXPORT = "本程序导出的文件，已跳过"
NO_OCR = "图片，本程序未装文字识别（OCR），已跳过"


@dataclass
class Found:
    """What a scan of the files and folders given found: the reports to check, in a stable order, and the files
    passed over with why (path, Chinese reason)."""

    reports: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def scan(paths: Iterable[str]) -> Found:
    """Files as given, and every report-like file in the folders given and their subfolders; a workbook this
    program exported (export.mark) is skipped, whether named or found in a folder; a picture found in a folder is
    skipped where the OCR extra is not installed (named, it is read and says so)."""
    found = Found()
    for p in paths:
        if os.path.isdir(p):
            files = _walk(p)
            for f in files:
                _take(found, f, in_folder=True)
            if not files:  # a folder with nothing in it stays in the list, to be reported as such
                found.reports.append(p)
        else:
            _take(found, p)
    return found


def _take(found: Found, path: str, in_folder: bool = False) -> None:
    kind = inputs.kind_of(path)
    if in_folder and kind is not None and kind.ocr and not _ocr_available():  # a folder's pictures: read by OCR only
        found.skipped.append((path, NO_OCR))
    elif is_own_export(path):
        found.skipped.append((path, OWN_EXPORT))
    else:
        found.reports.append(path)


def _ocr_available() -> bool:
    from gdchecker import ocr

    return ocr.available()


def find_reports(paths: Iterable[str]) -> list[str]:
    """The reports of scan(paths)."""
    return scan(paths).reports


def _walk(top: str) -> list[str]:
    """The reports in a folder and its subfolders, sorted. The walk never leaves the folder: a link to a folder
    (or a junction) is not entered, and a folder found outside it once links are resolved is skipped. Only regular
    files are taken; a link to one, inside or outside, is read as that file (once, if the file is found too)."""
    base = os.path.realpath(top)
    files: list[tuple[str, bool]] = []
    for root, dirs, names in os.walk(top):
        if not _inside(os.path.realpath(root), base):
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _linked(os.path.join(root, d))
                         and not _page_files(d, names))
        for f in names:
            if f.lower().endswith(SUFFIXES) and not f.startswith((".", "~$")) and not f.endswith(SKIP_NAMES):
                path = os.path.join(root, f)
                if _regular(path):
                    files.append((path, os.path.islink(path)))
    real = {os.path.normcase(os.path.realpath(p)) for p, link in files if not link}
    found: list[str] = []
    for path, link in sorted(files):
        if link:
            target = os.path.normcase(os.path.realpath(path))
            if target in real:
                continue  # the file itself is in the folder too
            real.add(target)
        found.append(path)
    return found


PAGE_FOLDERS = ("_files", ".files", "_文件", ".fld")  # what a browser saves beside a page: its pictures and styles


def _page_files(folder: str, names: list[str]) -> bool:
    """The folder a browser saved with a web page (报告_files beside 报告.html): its pictures are not reports."""
    stem = next((folder[: -len(s)] for s in PAGE_FOLDERS if folder.lower().endswith(s)), None)
    return bool(stem) and any(os.path.splitext(n)[0] == stem and n.lower().endswith((".html", ".htm", ".mht"))
                              for n in names)


def _inside(path: str, base: str) -> bool:
    try:
        return os.path.commonpath([os.path.normcase(path), os.path.normcase(base)]) == os.path.normcase(base)
    except ValueError:  # another drive
        return False


def _linked(path: str) -> bool:
    isjunction = getattr(os.path, "isjunction", None)  # Windows, Python 3.12+
    return os.path.islink(path) or (isjunction is not None and isjunction(path))


def _regular(path: str) -> bool:
    """A regular file, after links (not a folder, a pipe, a device, nor a link to nothing)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


@dataclass
class Progress:
    done: int
    total: int
    current: str  # the file just finished
    elapsed: float

    @property
    def remaining(self) -> float | None:
        """Seconds left, estimated from the pace so far."""
        if self.done == 0:
            return None
        return self.elapsed / self.done * (self.total - self.done)


TIME_LIMIT = 300.0  # seconds for one file: a report takes a second or some; bounded inputs never near this


def run(paths: list[str], workers: int | None = None, progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None, checker: Callable[[str], Result] = check_file,
        time_limit: float | None = TIME_LIMIT) -> list[Result]:
    """Check every file; results in the order given. A file whose process died is reported, the rest go on.

    More than one file: checked in worker processes. When a worker dies (the system ends it when memory runs
    out, a library crashes), the pool fails every file in flight; the pool is made anew and each of those files
    is checked once more in a process of its own: the one whose process ends there too is reported as stopped
    (`unreadable`), every other file gets its result. A file over time_limit seconds is stopped the same way.
    checker: check_file, or a stand-in with its signature (module-level, to reach the processes).
    Cancelled: the files not yet checked are left out of the results.
    """
    workers = max(1, workers or os.cpu_count() or 1)
    start = time.perf_counter()
    results: dict[int, Result] = {}

    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()

    def finish(i: int, r: Result) -> None:
        results[i] = r
        if progress:
            progress(Progress(len(results), len(paths), paths[i], time.perf_counter() - start))

    if len(paths) <= 1:  # one file: checked here, nothing else to keep safe
        for i, p in enumerate(paths):
            if not cancelled():
                finish(i, checker(p))
        return [results[i] for i in sorted(results)]
    from gdchecker import pool

    pool.run(paths, workers, checker, time_limit, finish, cancelled)
    return [results[i] for i in sorted(results)]


def pair_years(results: list[Result], previous: Result | None = None,
               earlier: Callable[[str, int], Previous | None] | None = None) -> None:
    """Add the across-years findings: each report against last year's of the same body (or the one named);
    earlier(agency key, year): last year's where its file is not among the results (recheck.earlier: the archive)."""
    by_key: dict[tuple[str, int], Result] = {}
    for r in results:
        if r.report is not None and r.report.year is not None and agency_key(r.report.agency):
            by_key.setdefault((agency_key(r.report.agency), r.report.year), r)
    for r in results:
        if r.report is None or r.findings is None:
            continue
        last = previous
        if last is None and r.report.year is not None:
            last = by_key.get((agency_key(r.report.agency), r.report.year - 1))
        if last is None and previous is None and earlier is not None and r.report.year is not None:
            key = agency_key(r.report.agency)
            r.previous = earlier(key, r.report.year - 1) if key else None
            if r.previous is not None:
                r.findings = check(r.report, Context(r.previous))
            continue
        if last is None or last is r or last.report is None:
            continue
        r.previous = Previous.of(last.report, os.path.basename(last.path))
        r.findings = check(r.report, Context(r.previous))


def summary_findings(r: Result, n: int = 3) -> list[str]:
    """The most important findings of a report, for a summary row."""
    from gdchecker.model import Severity, by_severity

    if r.findings is None:
        return []
    return [f.message for f in by_severity(r.findings) if f.severity != Severity.INFO][:n]
