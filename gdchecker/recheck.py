"""Files checked through the archive: one read before (the same content, by this program and formats) is not read
again: its report is restored and the rules run on it anew (so last year's report, found now, is honoured); the
others are read (batch.run) and kept. What changed in a folder since its last run (新增, 已修改, 未变, 已删除): changes.py."""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gdchecker import archive as archives
from gdchecker import batch
from gdchecker.archive import Archive, Entry
from gdchecker.check import Result, check_file
from gdchecker.rules import check
from gdchecker.rules.context import Previous
from gdchecker.rules.years import agency_key

if TYPE_CHECKING:
    from gdchecker.changes import FolderChanges


@dataclass
class Run:
    results: list[Result]
    archive: Archive | None
    digests: dict[str, str | None] = field(default_factory=dict)  # by path: the content hash
    restored: set[str] = field(default_factory=set)  # paths whose report came from the archive
    cancelled: bool = False


def run(paths: list[str], store: Archive | None, fresh: bool = False, workers: int | None = None,
        progress: Callable[[batch.Progress], None] | None = None, cancel: threading.Event | None = None,
        checker: Callable[[str], Result] = check_file) -> Run:
    """batch.run, but a file the archive knows is restored, not read; fresh: every file read (and kept anew).
    Hashing streams each file once (sha256, some milliseconds a megabyte: little beside reading it)."""
    start = time.perf_counter()
    out = Run([], store)
    restored: dict[int, Result] = {}
    if store is not None:
        for i, p in enumerate(paths):
            if cancel is not None and cancel.is_set():
                break
            d = out.digests[p] = None if os.path.isdir(p) else archives.digest(p)
            r = None if fresh or d is None else _restore(p, store, d)
            if r is not None:
                restored[i] = r
                out.restored.add(p)
                if progress:
                    progress(batch.Progress(len(restored), len(paths), p, time.perf_counter() - start))
    rest = [p for i, p in enumerate(paths) if i not in restored]
    shift = len(restored)

    def moved(pr: batch.Progress) -> None:
        """Counted with the restored files; the time left at the pace of reading (restoring took next to none)."""
        assert progress is not None
        pace = pr.elapsed / pr.done if pr.done else 0.0
        progress(batch.Progress(pr.done + shift, len(paths), pr.current, pace * (pr.done + shift)))

    read = batch.run(rest, workers, moved if progress else None, cancel, checker) if rest else []
    by_path: dict[str, deque[Result]] = defaultdict(deque)
    for r in read:
        by_path[r.path].append(r)
    for i, p in enumerate(paths):
        if i in restored:
            out.results.append(restored[i])
        elif by_path[p]:
            out.results.append(by_path[p].popleft())
    out.cancelled = len(out.results) < len(paths)
    return out


def _restore(path: str, store: Archive, digest: str) -> Result | None:
    """The file's result from what the archive kept; None: read it (not kept, or the rules fail on it)."""
    stored = store.lookup(digest)
    if stored is None:
        return None
    if stored.error is not None:
        return Result(path, error=stored.error)
    report = stored.report
    assert report is not None
    report.file = path
    try:
        return Result(path, report, check(report))
    except Exception:  # a report the rules cannot take (kept by a program that read it otherwise): read again
        return None


def earlier(r: Run) -> Callable[[str, int], Previous | None] | None:
    """For batch.pair_years: last year's report of a body from the archive, where its file is not in this run."""
    store = r.archive
    if store is None:
        return None
    exclude = {os.path.normcase(os.path.realpath(x.path)) for x in r.results}
    found: dict[tuple[str, int], Previous | None] = {}

    def lookup(key: str, year: int) -> Previous | None:
        if (key, year) not in found:
            s = store.last_year(key, year, exclude)
            try:
                found[key, year] = None if s is None or s.report is None else Previous.of(
                    s.report, f"存档：{s.name}，检查于 {archives.when(s.checked_at)}")
            except Exception:  # a kept report its format no longer takes: as if none were kept
                found[key, year] = None
        return found[key, year]

    return lookup


def remember(r: Run, folders: list[str]) -> list[FolderChanges]:
    """Keep the run's results, and each folder's files (a cancelled run's files are not taken as the folder's);
    what changed in each folder since its last run."""
    store = r.archive
    if store is None:
        return []
    store.keep([Entry(x.path, d, x.report, x.error, x.findings, x.path in r.restored)
                for x in r.results if (d := r.digests.get(x.path))], agency_key)
    if not folders:
        return []
    from gdchecker import changes

    out = []
    for folder in folders:
        now: dict[str, changes.FileState] = {}
        for x in r.results:
            rel = changes.within(x.path, folder)
            if rel is not None:
                now[rel] = changes.state(x, r.digests.get(x.path))
        last = store.last_run(folder)
        if store.off:  # the archive failed (said on stderr): nothing to compare with, nothing kept
            return []
        out.append(changes.compare(folder, last, now, complete=not r.cancelled))
        if not r.cancelled:
            store.save_run(folder, now)
    return [] if store.off else out
