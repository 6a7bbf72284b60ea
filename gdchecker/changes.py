"""What changed in a folder since its last run: 新增, 已修改, 未变, 已删除, from each file's content hash and counts as
the archive kept the folder's last run (recheck.remember; a check of single files never needs it)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

from gdchecker import archive as archives
from gdchecker.check import Result
from gdchecker.model import Severity

ADDED, CHANGED, SAME, DELETED = "新增", "已修改", "未变", "已删除"


@dataclass
class FileState:
    """A file of a folder's run: its content hash and its counts (errors None: the file could not be read)."""

    digest: str | None
    errors: int | None
    warnings: int | None


@dataclass
class LastRun:
    checked_at: float
    files: dict[str, FileState]  # by path within the folder


@dataclass
class Change:
    rel: str  # the file's path within the folder
    state: str  # ADDED, CHANGED, SAME or DELETED
    errors: int | None = None  # now (None: unreadable, or deleted)
    last_errors: int | None = None

    @property
    def text(self) -> str:
        """As the folder table shows it: the state, and the errors before and now where they differ."""
        if self.state in (CHANGED, SAME) and self.errors != self.last_errors:
            return f"{self.state}（错误 {_count(self.last_errors)} → {_count(self.errors)}）"
        return self.state


def _count(n: int | None) -> str:
    return "无法读取" if n is None else str(n)


def within(path: str, folder: str) -> str | None:
    """The path within the folder; None where it lies outside (or on another drive)."""
    try:
        rel = os.path.relpath(path, folder)
    except ValueError:
        return None
    return None if rel == "." or rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


@dataclass
class FolderChanges:
    folder: str
    since: float | None  # when it was last checked; None: never before
    changes: list[Change]

    @cached_property
    def _by_rel(self) -> dict[str, Change]:
        return {c.rel: c for c in self.changes}

    def of(self, path: str) -> Change | None:
        rel = within(path, self.folder)
        return None if rel is None else self._by_rel.get(rel)

    def lines(self) -> list[str]:
        """In Chinese: a count line, then a line for each file not the same (and for one whose errors changed)."""
        if self.since is None:
            return [f"首次检查文件夹 {self.folder}：结果已存档，下次检查时将列出与本次相比的变化"]
        counts = {s: sum(c.state == s for c in self.changes) for s in (CHANGED, ADDED, DELETED, SAME)}
        head = "、".join(f"{s} {n} 份" for s, n in counts.items() if n or s == SAME)
        out = [f"与上次检查（{archives.when(self.since)}）相比：{head}"]
        for c in self.changes:
            if c.state != SAME or c.errors != c.last_errors:
                out.append(f"  [{c.state}] {c.rel}" + (c.text[len(c.state):] if c.state != DELETED else ""))
        return out


def state(r: Result, digest: str | None) -> FileState:
    """The file as a folder's run keeps it."""
    if r.findings is None:
        return FileState(digest, None, None)
    return FileState(digest, sum(f.severity == Severity.ERROR for f in r.findings),
                     sum(f.severity == Severity.WARNING for f in r.findings))


def compare(folder: str, last: LastRun | None, now: dict[str, FileState], complete: bool = True) -> FolderChanges:
    """Each file of now against the last run; the files of the last run no longer there (where the run was whole)."""
    if last is None:
        return FolderChanges(folder, None, [])
    changes = []
    for rel, s in now.items():
        before = last.files.get(rel)
        if before is None:
            changes.append(Change(rel, ADDED, s.errors))
        else:
            kind = SAME if before.digest == s.digest else CHANGED
            changes.append(Change(rel, kind, s.errors, before.errors))
    if complete:
        changes += [Change(rel, DELETED, None, before.errors) for rel, before in last.files.items() if rel not in now]
    return FolderChanges(folder, last.checked_at, changes)
