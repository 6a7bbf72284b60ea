"""The worker processes that check a batch's files in parallel: a shared pool, and a pool of one for each file to be
checked again after a worker died or a file ran over its time (batch.run uses it for more than one file)."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from gdchecker.check import Result
from gdchecker.read import ReadError

STOPPED = "检查这份文件时程序被系统终止（可能内存不足），未能得到结果；请单独检查这份文件，或另存为 PDF 后再试"


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


def _largest_first(paths: list[str]) -> list[int]:
    """The files' indices, largest file first (a file that cannot be looked at counts as empty)."""
    def size(i: int) -> int:
        try:
            return os.stat(paths[i]).st_size
        except OSError:
            return 0
    return sorted(range(len(paths)), key=lambda i: (-size(i), i))


def run(paths: list[str], workers: int, checker: Callable[[str], Result], time_limit: float | None,
        finish: Callable[[int, Result], None], cancelled: Callable[[], bool]) -> None:
    """Check the files in worker processes (batch.run says how a dying worker and a slow file are met); each
    result goes to finish(index, result) as it comes; once cancelled() says so, no more files are started."""
    _Pools(paths, workers, checker, time_limit, finish, cancelled).run()


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
