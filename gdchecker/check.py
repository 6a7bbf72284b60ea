"""One file through every layer: read, locate, rules."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from gdchecker.locate import locate
from gdchecker.model import Finding, Report
from gdchecker.read import Document, ReadError, read
from gdchecker.rules import check
from gdchecker.rules.context import Previous


@dataclass
class Result:
    path: str
    report: Report | None = None
    findings: list[Finding] | None = None
    error: ReadError | None = None
    previous: Previous | None = None  # when last year's report is known (batch.pair_years)


def _unexpected(e: BaseException, reading: bool) -> ReadError:
    """A ReadError for an exception nobody expected: a strange file must never end the run with a traceback."""
    if isinstance(e, ReadError):
        return e
    if os.environ.get("GDCHECKER_TRACE"):  # for whoever looks into a report sent back: the traceback on stderr
        traceback.print_exception(e, file=sys.stderr)
    if isinstance(e, MemoryError):
        return ReadError("too_large", "文件太大，内存不足以读取；请只保留年度报告部分后再检查")
    if isinstance(e, RecursionError):
        return ReadError("unreadable", "文件结构过于复杂（嵌套太深），无法读取；请另存为 PDF 或 .docx 后再试")
    if reading:
        return ReadError("unreadable", f"读取时出现意外问题（{type(e).__name__}），文件可能已损坏或格式特殊；"
                                       "请另存为 PDF 或 .docx 后再试")
    return ReadError("internal", f"检查这份文件时程序出错（{type(e).__name__}），请把文件反馈给开发者")


class Cancelled(Exception):
    """Raised by a progress callback to stop reading (the user cancelled a long scan)."""


def check_file(path: str, progress: Callable[[int, int], None] | None = None) -> Result:
    """`progress(done, total)`: after each page while a scan is recognised (never for a file with a text layer);
    a callback that raises Cancelled stops the reading, and the result says so (code `cancelled`)."""
    try:
        doc: Document = read(path, progress)
    except Cancelled:
        return Result(path, error=ReadError("cancelled", "已取消读取"))
    except Exception as e:
        return Result(path, error=_unexpected(e, reading=True))
    try:
        report = locate(doc)
        return Result(path, report, check(report))
    except Exception as e:
        return Result(path, error=_unexpected(e, reading=False))
