"""The archive of results: what reading each file gave, kept in SQLite in the user's data folder.

A file is known by its content (sha256), the program that read it (its version and the code's fingerprint) and the
format files in use: a changed file, a new version of the program or a changed format file reads afresh. Kept of
each: the Report as JSON (serial.py; never pickled), the findings shown, where it lay (path, size, mtime) and when
it was checked; a file that cannot be read keeps its ReadError where the failure is the bytes' own (CACHED_ERRORS).
Of each folder checked, the last run's files (hash, errors, warnings), to say what changed since.

The archive never stops a check: a locked, read-only or damaged database is worked around (a damaged one moved
aside and made anew, said in one Chinese line), and the check goes on without it. Only the process that runs the
check (never a batch worker) opens it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdchecker import formats, serial
from gdchecker.fingerprint import digest, tool_version
from gdchecker.model import Finding, Report
from gdchecker.read import ReadError
from gdchecker.userdata import user_data

__all__ = ["Archive", "Entry", "Stored", "digest", "location", "tool_version", "when"]

if TYPE_CHECKING:
    from gdchecker.changes import FileState, LastRun

ENV = "GDCHECKER_ARCHIVE"  # environment: the archive's file instead of the data folder's; "off" works without one
FILE_NAME = "archive.sqlite3"
SCHEMA = 1  # PRAGMA user_version of the tables below
MAX_STORED = 8 * 1024 * 1024  # compressed bytes of one report: a larger one is read again each time
MAX_JSON = 256 * 1024 * 1024  # bytes a stored report may unpack to (what is over is taken as damaged)
KEEP = 20_000  # reports kept; beyond, those checked longest ago go
STALE = 90 * 86400  # seconds: reports of another program version or other formats kept this long
BUSY = 5.0  # seconds to wait for another process's write (the app and a command line at once)
# failures that the file's bytes decide (checked again they fail alike); not a timeout, a process stopped, memory,
# cancelling, or what depends on the machine (OCR or LibreOffice installed)
CACHED_ERRORS = frozenset({"empty", "corrupt", "encrypted", "wrong_type", "blank", "multi_report"})

_TABLES = """
CREATE TABLE IF NOT EXISTS reports (
    digest TEXT NOT NULL, tool TEXT NOT NULL, formats TEXT NOT NULL,
    path TEXT NOT NULL, name TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, checked_at REAL NOT NULL,
    agency_key TEXT, year INTEGER, report BLOB, error_code TEXT, error_message TEXT, findings BLOB,
    PRIMARY KEY (digest, tool, formats));
CREATE INDEX IF NOT EXISTS reports_by_body ON reports (agency_key, year, checked_at);
CREATE TABLE IF NOT EXISTS runs (folder TEXT PRIMARY KEY, checked_at REAL NOT NULL, files TEXT NOT NULL);
"""


def location() -> Path | None:
    """Where the archive lives: GDCHECKER_ARCHIVE, else archive.sqlite3 in the user's data folder; None: off."""
    env = os.environ.get(ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "no") else Path(env)
    return user_data() / FILE_NAME


def when(checked_at: float) -> str:
    return datetime.fromtimestamp(checked_at).strftime("%Y-%m-%d %H:%M")


@dataclass
class Stored:
    """A file's result as the archive kept it: the report read, or the reason it could not be."""

    report: Report | None
    error: ReadError | None
    name: str
    checked_at: float


@dataclass
class Entry:
    """A result to keep: the file's path and hash, what reading gave, the findings shown; restored: the report came
    from the archive (only where and when is updated)."""

    path: str
    digest: str
    report: Report | None
    error: ReadError | None
    findings: list[Finding] | None
    restored: bool = False


def _note(message: str) -> None:
    try:
        print(f"[存档] {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _pack(data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)  # a stray surrogate read from a file kept as is


def _unpack(blob: bytes) -> Any:
    d = zlib.decompressobj()
    raw = d.decompress(blob, MAX_JSON)
    if d.unconsumed_tail:
        raise ValueError("stored data too large")
    return json.loads(raw.decode("utf-8", "surrogatepass"))


class Archive:
    """An open archive. Each method gives up quietly (a miss, nothing kept) once the database fails; the first
    failure is said once (note)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, note: Callable[[str], None]) -> None:
        self.conn = conn
        self.path = path
        self.note = note
        self.off = False
        self.tool = tool_version()
        self.formats = formats.fingerprint()

    @classmethod
    def open(cls, path: Path | None = None, note: Callable[[str], None] = _note) -> Archive | None:
        """The archive at `path` (location() if None); None where there is none to be had (off, a folder that
        cannot be written, a newer program's archive): the check goes on without it."""
        path = path or location()
        if path is None:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = _connect(path)
        except sqlite3.DatabaseError as e:
            if isinstance(e, sqlite3.OperationalError):
                note(f"存档 {path} 无法打开（{e}），本次检查不使用存档")
                return None
            moved, message = _move_aside(path, "内容已损坏")
            note(message)
            if not moved:
                return None
            try:
                conn = _connect(path)
            except (sqlite3.Error, OSError) as e2:
                note(f"存档 {path} 无法重新建立（{e2}），本次检查不使用存档")
                return None
        except OSError as e:
            note(f"存档文件夹 {path.parent} 无法写入（{e.strerror or type(e).__name__}），本次检查不使用存档")
            return None
        except _Newer:
            note(f"存档 {path} 由较新版本的程序建立，本次检查不使用存档")
            return None
        try:
            return cls(conn, path, note)
        except (OSError, ValueError) as e:  # the format files could not be read for the fingerprint
            conn.close()
            note(f"存档无法使用（{e}），本次检查不使用存档")
            return None

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def _failed(self, e: sqlite3.Error) -> None:
        """A failure of the database mid-run: the archive is off for the rest of the run; a damaged file is moved
        aside (the next run starts a new one)."""
        if self.off:
            return
        self.off = True
        self.close()
        if isinstance(e, sqlite3.OperationalError):
            busy = "locked" in str(e) or "busy" in str(e)
            self.note("存档正被其他程序使用，本次检查未能使用存档" if busy else f"存档无法使用（{e}），本次检查不再使用存档")
        else:
            self.note(_move_aside(self.path, "内容已损坏", "下次检查时将建立新的存档")[1])

    def lookup(self, digest: str) -> Stored | None:
        """What reading a file of this content gave, by this program and these formats; None: read it."""
        if self.off:
            return None
        try:
            row = self.conn.execute(
                "SELECT report, error_code, error_message, name, checked_at FROM reports "
                "WHERE digest = ? AND tool = ? AND formats = ?", (digest, self.tool, self.formats)).fetchone()
        except sqlite3.Error as e:
            self._failed(e)
            return None
        if row is None:
            return None
        blob, code, message, name, checked_at = row
        try:
            if blob is not None:
                return Stored(serial.report_of(_unpack(blob)), None, name, checked_at)
            if code in CACHED_ERRORS:
                return Stored(None, ReadError(code, message or ""), name, checked_at)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, zlib.error):
            pass  # a row that does not read as a report: the file is read again, and the row replaced
        return None

    def last_year(self, agency_key: str, year: int, exclude: set[str]) -> Stored | None:
        """The report of this body and year checked most recently (whose file is not among `exclude`, real paths)."""
        if self.off or not agency_key:
            return None
        try:
            rows = self.conn.execute(
                "SELECT report, name, checked_at, path FROM reports WHERE agency_key = ? AND year = ? AND tool = ? "
                "AND formats = ? AND report IS NOT NULL ORDER BY checked_at DESC LIMIT 20",
                (agency_key, year, self.tool, self.formats)).fetchall()
        except sqlite3.Error as e:
            self._failed(e)
            return None
        for blob, name, checked_at, path in rows:
            if os.path.normcase(path) in exclude:
                continue
            try:
                return Stored(serial.report_of(_unpack(blob)), None, name, checked_at)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, zlib.error):
                continue
        return None

    def keep(self, entries: list[Entry], agency_key: Callable[[str | None], str]) -> None:
        """Keep the results of a run, in one transaction; an entry whose report is too large is not kept."""
        if self.off or not entries:
            return
        now = time.time()
        try:
            with self.conn:
                for e in entries:
                    try:
                        self._keep(e, now, agency_key)
                    except sqlite3.Error:
                        raise
                    except Exception:  # a report that will not go into JSON: not kept, read again next time
                        continue
                self._prune(now)
        except sqlite3.Error as e:
            self._failed(e)

    def _keep(self, e: Entry, now: float, agency_key: Callable[[str | None], str]) -> None:
        try:
            st = os.stat(e.path)
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size = mtime = None
        real = os.path.normcase(os.path.realpath(e.path))
        name = os.path.basename(e.path)
        findings = _pack([serial.finding_data(f) for f in e.findings]) if e.findings is not None else None
        key = (e.digest, self.tool, self.formats)
        if e.restored:
            self.conn.execute("UPDATE reports SET path = ?, name = ?, size = ?, mtime_ns = ?, checked_at = ?, "
                              "findings = ? WHERE digest = ? AND tool = ? AND formats = ?",
                              (real, name, size, mtime, now, findings, *key))
            return
        if e.report is not None:
            blob = _pack(serial.report_data(e.report))
            if len(blob) > MAX_STORED:
                return
            row = (blob, None, None, agency_key(e.report.agency) or None, e.report.year)
        elif e.error is not None and e.error.code in CACHED_ERRORS:
            row = (None, e.error.code, e.error.message, None, None)
        else:
            return
        self.conn.execute("INSERT OR REPLACE INTO reports (digest, tool, formats, path, name, size, mtime_ns, "
                          "checked_at, report, error_code, error_message, agency_key, year, findings) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (*key, real, name, size, mtime, now, *row, findings))

    def _prune(self, now: float) -> None:
        self.conn.execute("DELETE FROM reports WHERE (tool != ? OR formats != ?) AND checked_at < ?",
                          (self.tool, self.formats, now - STALE))
        (n,) = self.conn.execute("SELECT count(*) FROM reports").fetchone()
        if n > KEEP:
            self.conn.execute("DELETE FROM reports WHERE rowid IN "
                              "(SELECT rowid FROM reports ORDER BY checked_at LIMIT ?)", (n - KEEP,))

    def last_run(self, folder: str) -> LastRun | None:
        from gdchecker.changes import FileState, LastRun

        if self.off:
            return None
        try:
            row = self.conn.execute("SELECT checked_at, files FROM runs WHERE folder = ?", (_folder_key(folder),)
                                    ).fetchone()
        except sqlite3.Error as e:
            self._failed(e)
            return None
        if row is None:
            return None
        try:
            files = {rel: FileState(*state) for rel, state in json.loads(row[1]).items()}
        except (ValueError, TypeError, AttributeError):
            return None
        return LastRun(row[0], files)

    def save_run(self, folder: str, files: dict[str, FileState]) -> None:
        if self.off:
            return
        data = json.dumps({rel: [s.digest, s.errors, s.warnings] for rel, s in files.items()}, ensure_ascii=False)
        try:
            with self.conn:
                self.conn.execute("INSERT OR REPLACE INTO runs (folder, checked_at, files) VALUES (?, ?, ?)",
                                  (_folder_key(folder), time.time(), data))
        except sqlite3.Error as e:
            self._failed(e)


class _Newer(Exception):
    """The archive's tables are of a newer program."""


def _connect(path: Path) -> sqlite3.Connection:
    """Open and, where new or of an older layout, lay out the tables. sqlite3.DatabaseError (not Operational):
    the file is not a database, or is damaged."""
    conn = sqlite3.connect(str(path), timeout=BUSY, isolation_level="DEFERRED")
    try:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA:
            raise _Newer
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # readers go on while another process writes
        except sqlite3.OperationalError:
            pass  # a file system without shared memory: the usual journal
        if version < SCHEMA:
            with conn:
                if version:  # an older layout: what it kept is read again
                    conn.executescript("DROP TABLE IF EXISTS reports; DROP TABLE IF EXISTS runs;")
                conn.executescript(_TABLES)
                conn.execute(f"PRAGMA user_version = {SCHEMA}")
        conn.execute("SELECT count(*) FROM reports").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _folder_key(folder: str) -> str:
    return os.path.normcase(os.path.realpath(folder))


def _move_aside(path: Path, why: str, then: str = "并建立了新的存档") -> tuple[bool, str]:
    """A damaged archive renamed (….broken-<time>.sqlite3, with its journal files), never deleted."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.broken-{stamp}{path.suffix}")
    try:
        os.replace(path, aside)
    except OSError as e:
        return False, (f"存档 {path} 无法读取（{why}），也无法改名保存（{e.strerror or type(e).__name__}）；"
                       "本次检查不使用存档")
    for extra in ("-wal", "-shm"):
        try:
            os.replace(f"{path}{extra}", f"{aside}{extra}")
        except OSError:
            pass
    return True, f"存档 {path.name} 无法读取（{why}），已改名保存为 {aside.name}，{then}"
