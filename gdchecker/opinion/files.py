"""Where opinions are written: the file name beside a report's, refusing to overwrite unless asked, atomic writes
(temporary file, fsync, rename), and a clear Chinese message for every failure."""

from __future__ import annotations

import os
from pathlib import Path

from gdchecker.durable import atomic_write
from gdchecker.opinion import KINDS

NAME = "_校验意见"


class OpinionError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def kind_of(path: str | Path) -> str | None:
    """docx or pdf, from the file name; None for any other."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in KINDS else None


def name_for(report: str, kind: str, taken: set[str]) -> str:
    """报告_校验意见.docx; where two reports of one run have the same name (报告.pdf and 报告.docx), the second gets
    （2）. `taken` holds the names given so far (case folded) and is added to."""
    stem = os.path.splitext(os.path.basename(report))[0]
    n = 1
    while True:
        name = f"{stem}{NAME}{f'（{n}）' if n > 1 else ''}.{kind}"
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return name
        n += 1


def check_target(path: str | Path, force: bool) -> Path:
    out = Path(path)
    if kind_of(out) is None:
        raise OpinionError("bad_name", f"校验意见的文件名须以 .docx 或 .pdf 结尾：{out.name}")
    if out.is_dir():
        raise OpinionError("is_directory", f"{out} 是文件夹，不能作为校验意见的文件名")
    if out.exists() and not force:
        raise OpinionError("exists", f"{out.name} 已存在；如要覆盖，请加 --force（或在程序中确认覆盖）")
    if not out.parent.is_dir():
        raise OpinionError("no_folder", f"保存位置不存在：{out.parent}")
    return out


def write_bytes(path: str | Path, data: bytes, force: bool) -> Path:
    """Write `data` to `path` safely; raises OpinionError with a Chinese message (the old file is then untouched)."""
    out = check_target(path, force)
    try:
        atomic_write(out, data)
    except PermissionError as e:
        raise OpinionError("locked", f"{out.name} 正被其他程序（如 Word 或 WPS）打开或没有写入权限；"
                                     "请关闭该文件后重试，已有内容未被改动") from e
    except OSError as e:
        raise OpinionError("write_failed", f"写入 {out.name} 失败（{e.strerror or e}），已有内容未被改动") from e
    return out
