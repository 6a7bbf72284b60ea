"""A whole folder at once: every report found, checked in parallel processes, paired with last year's."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from gdchecker.check import Result, check_file
from gdchecker.read import ReadError
from gdchecker.rules.years import Previous, agency_key, compare

SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".xlsx", ".doc", ".wps")
SKIP_NAMES = (".gdchecker.json",)


def find_reports(paths: Iterable[str]) -> list[str]:
    """Files as given, and every report-like file in the folders given and their subfolders, in a stable order."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    if f.lower().endswith(SUFFIXES) and not f.startswith((".", "~$")) and not f.endswith(SKIP_NAMES):
                        found.append(os.path.join(root, f))
            # a folder with no report in it stays in the list, to be reported as such
            out += sorted(found) if found else [p]
        else:
            out.append(p)
    return out


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


def _one(path: str) -> Result:
    return check_file(path)


def run(paths: list[str], workers: int | None = None, progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None) -> list[Result]:
    """Check every file; results in the order given. A file whose process died is reported, the rest go on.

    Cancelled: the files not yet checked are left out of the results.
    """
    workers = workers or os.cpu_count() or 1
    start = time.perf_counter()
    results: dict[int, Result] = {}
    if workers <= 1 or len(paths) <= 1:
        for i, p in enumerate(paths):
            if cancel is not None and cancel.is_set():
                break
            results[i] = check_file(p)
            if progress:
                progress(Progress(len(results), len(paths), p, time.perf_counter() - start))
        return [results[i] for i in sorted(results)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: dict[Future, int] = {}
        queue = list(enumerate(paths))
        while queue or pending:
            while queue and len(pending) < workers * 2 and not (cancel is not None and cancel.is_set()):
                i, p = queue.pop(0)
                pending[pool.submit(_one, p)] = i
            if not pending:
                break
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for fut in done:
                i = pending.pop(fut)
                try:
                    results[i] = fut.result()
                except BrokenProcessPool:
                    results[i] = Result(paths[i], error=ReadError(
                        "crashed", "读取这个文件时检查进程意外退出（文件可能损坏或过于复杂）；其他文件不受影响"))
                except Exception as e:  # never lose the batch for one file
                    results[i] = Result(paths[i], error=ReadError("internal", f"检查这个文件时程序出错（{type(e).__name__}）"))
                if progress:
                    progress(Progress(len(results), len(paths), paths[i], time.perf_counter() - start))
            if cancel is not None and cancel.is_set():
                queue.clear()
                for fut in list(pending):
                    if fut.cancel():
                        pending.pop(fut)
    return [results[i] for i in sorted(results)]


def pair_years(results: list[Result], previous: Result | None = None) -> None:
    """Add the across-years findings: each report against last year's of the same body (or the one named)."""
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
        if last is None or last is r or last.report is None:
            continue
        r.previous = Previous.of(last.report, os.path.basename(last.path))
        r.findings.extend(compare(r.report, r.previous))


def summary_findings(r: Result, n: int = 3) -> list[str]:
    """The most important findings of a report, for a summary row."""
    from gdchecker.model import Severity, by_severity

    if r.findings is None:
        return []
    return [f.message for f in by_severity(r.findings) if f.severity != Severity.INFO][:n]
