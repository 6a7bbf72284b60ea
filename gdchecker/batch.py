"""A whole folder at once: every report found, checked in parallel processes, paired with last year's."""

from __future__ import annotations

import os
import stat
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from gdchecker import inputs
from gdchecker.check import Result, check_file
from gdchecker.export.mark import is_own_export
from gdchecker.read import ReadError
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


STOPPED = "检查这份文件时程序被系统终止（可能内存不足），未能得到结果；请单独检查这份文件，或另存为 PDF 后再试"
TIME_LIMIT = 300.0  # seconds for one file: a report takes a second or some; bounded inputs never near this


def _stopped(path: str) -> Result:
    return Result(path, error=ReadError("unreadable", STOPPED))


def _too_slow(path: str, limit: float) -> Result:
    took = f"{limit / 60:g} 分钟" if limit >= 60 and limit % 60 == 0 else f"{limit:g} 秒"
    return Result(path, error=ReadError(
        "unreadable", f"检查这份文件超过 {took}仍未完成，已停止；文件可能过大或结构异常，"
                      "请只保留年度报告部分，或另存为 PDF 后再试"))


def _failed(path: str, e: BaseException) -> Result:
    return Result(path, error=ReadError("internal", f"检查这份文件时程序出错（{type(e).__name__}），请把文件反馈给开发者"))


def _kill(pool: ProcessPoolExecutor) -> None:
    """End the pool's processes at once (a file over its time limit): the pool breaks, its files are retried."""
    kill_workers = getattr(pool, "kill_workers", None)  # Python 3.14+
    if kill_workers is not None:
        try:
            kill_workers()
            return
        except Exception:
            pass
    for p in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            p.kill()
        except (OSError, ValueError, AttributeError):
            pass


def _shutdown(pool: ProcessPoolExecutor) -> None:
    try:
        pool.shutdown(wait=True, cancel_futures=True)
    except Exception:  # a broken pool going away: nothing left to lose
        pass


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
    _Pools(paths, workers, checker, time_limit, finish, cancelled).run()
    return [results[i] for i in sorted(results)]


def _largest_first(paths: list[str]) -> list[int]:
    """The files' indices, largest file first (a file that cannot be looked at counts as empty)."""
    def size(i: int) -> int:
        try:
            return os.stat(paths[i]).st_size
        except OSError:
            return 0
    return sorted(range(len(paths)), key=lambda i: (-size(i), i))


class _Pools:
    """The shared pool of workers, and a pool of one for each file to be checked again after a worker died."""

    def __init__(self, paths: list[str], workers: int, checker: Callable[[str], Result], time_limit: float | None,
                 finish: Callable[[int, Result], None], cancelled: Callable[[], bool]) -> None:
        self.paths = paths
        self.workers = workers
        self.checker = checker
        self.limit = time_limit
        self.finish = finish
        self.cancelled = cancelled
        self.queue: deque[int] = deque(_largest_first(paths))  # the long ones do not come last, alone
        self.suspects: list[int] = []  # in flight when the shared pool broke: checked again, each alone
        self.shared: ProcessPoolExecutor | None = None
        self.in_shared: dict[Future, int] = {}
        self.alone: dict[Future, tuple[int, ProcessPoolExecutor]] = {}
        self.started: dict[Future, float] = {}  # when a future was first seen running
        self.over: set[Future] = set()  # stopped for its time limit

    def run(self) -> None:
        try:
            while True:
                if self.cancelled():
                    self.queue.clear()
                    self.suspects.clear()
                    for fut in list(self.in_shared):
                        if fut.cancel():
                            del self.in_shared[fut]
                self._submit()
                if not self.in_shared and not self.alone:
                    if not self.queue and not self.suspects:
                        return
                    continue
                done, _ = wait([*self.in_shared, *self.alone], timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in done:
                    if fut in self.alone:
                        self._alone_done(fut)
                    elif fut in self.in_shared:
                        self._shared_done(fut)
                self._watch_time()
        finally:
            for _, pool in list(self.alone.values()):
                _kill(pool)
                _shutdown(pool)
            if self.shared is not None:
                _shutdown(self.shared)

    def _submit(self) -> None:
        """Files checked again go first, each alone; the shared pool waits for them (they may need the memory)."""
        while self.suspects and len(self.alone) < self.workers:
            i = self.suspects.pop(0)
            pool = ProcessPoolExecutor(max_workers=1)
            try:
                self.alone[pool.submit(self.checker, self.paths[i])] = (i, pool)
            except Exception:  # no process to be had (the system is short of them): checked here
                _shutdown(pool)
                self.finish(i, self._here(i))
        if self.suspects or self.alone:
            return
        while self.queue and len(self.in_shared) < self.workers * 2:
            if self.shared is None:
                self.shared = ProcessPoolExecutor(max_workers=self.workers)
            i = self.queue.popleft()
            try:
                self.in_shared[self.shared.submit(self.checker, self.paths[i])] = i
            except BrokenProcessPool:  # a worker died before its future said so: this file never ran
                self.queue.appendleft(i)
                self._shared_broke()
                return
            except Exception:  # no process to be had: this file checked here, a new pool for the next
                _shutdown(self.shared)
                self.shared = None
                self.finish(i, self._here(i))

    def _here(self, i: int) -> Result:
        try:
            return self.checker(self.paths[i])
        except Exception as e:
            return _failed(self.paths[i], e)

    def _shared_done(self, fut: Future) -> None:
        i = self.in_shared.pop(fut)
        self.started.pop(fut, None)
        try:
            self.finish(i, fut.result())
        except BrokenProcessPool:
            self.suspects.append(i)
            self._shared_broke()
        except Exception as e:  # never lose the batch for one file
            self.finish(i, _failed(self.paths[i], e))

    def _shared_broke(self) -> None:
        """A worker died: the pool fails every file in flight; each of them is checked again, alone."""
        futures = list(self.in_shared)
        wait(futures, timeout=60)  # the pool fails them all at once
        for fut in futures:
            if fut.done() and not fut.cancelled() and not isinstance(fut.exception(), BrokenProcessPool):
                self._shared_done(fut)  # finished before the worker died
            else:
                self.suspects.append(self.in_shared.pop(fut))
                self.started.pop(fut, None)
        self.over.difference_update(futures)
        self.suspects.sort()
        if self.shared is not None:
            _shutdown(self.shared)
            self.shared = None

    def _alone_done(self, fut: Future) -> None:
        i, pool = self.alone.pop(fut)
        self.started.pop(fut, None)
        try:
            r = fut.result()
        except BrokenProcessPool:  # its process ended a second time, alone now: the file is the cause
            r = _too_slow(self.paths[i], self.limit) if fut in self.over and self.limit else _stopped(self.paths[i])
        except Exception as e:
            r = _failed(self.paths[i], e)
        self.over.discard(fut)
        _shutdown(pool)
        self.finish(i, r)

    def _watch_time(self) -> None:
        if self.limit is None:
            return
        now = time.perf_counter()
        for fut in [*self.in_shared, *self.alone]:
            if fut in self.over or not (fut.running() or fut.done()):
                continue
            if now - self.started.setdefault(fut, now) > self.limit:
                self.over.add(fut)
                if fut in self.alone:
                    _kill(self.alone[fut][1])
                elif self.shared is not None:
                    _kill(self.shared)  # every file in it is checked again, alone, with its own time


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
