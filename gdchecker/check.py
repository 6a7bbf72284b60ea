"""One file through every layer: read, locate, rules."""

from __future__ import annotations

from dataclasses import dataclass

from gdchecker.locate import locate
from gdchecker.model import Finding, Report
from gdchecker.read import ReadError, read
from gdchecker.rules import check


@dataclass
class Result:
    path: str
    report: Report | None = None
    findings: list[Finding] | None = None
    error: ReadError | None = None


def check_file(path: str) -> Result:
    try:
        doc = read(path)
        report = locate(doc)
        return Result(path, report, check(report))
    except ReadError as e:
        return Result(path, error=e)
    except RecursionError:
        return Result(path, error=ReadError("unreadable", "文件结构过于复杂，无法读取"))
    except MemoryError:
        return Result(path, error=ReadError("too_large", "文件太大，内存不足以读取"))
    except Exception as e:  # a strange file must never end the run with a traceback
        return Result(path, error=ReadError("unreadable", f"无法读取这个文件（{type(e).__name__}）：它可能已损坏或不是年度报告"))
