"""Where a report's corrections are kept: a sidecar file beside the report (报告.pdf.gdchecker.json), else one in the
user's data folder where the report's folder cannot be written; saving to the first place that takes it, and
loading the copy saved last (a damaged copy moved aside and said, never overwritten)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from gdchecker.durable import clean_temp, fingerprint
from gdchecker.userdata import user_data

if TYPE_CHECKING:
    from gdchecker.edits import Corrections

SIDECAR_SUFFIX = ".gdchecker.json"


def data_dir() -> Path:
    """The user's data folder for corrections of reports whose own folder is read-only."""
    return user_data() / "corrections"


def sidecar_paths(report_path: str | Path) -> list[Path]:
    """Where corrections of this report live: beside it, then in the user's data folder."""
    p = Path(report_path).resolve()
    digest = hashlib.sha1(str(p).encode("utf-8")).hexdigest()[:16]
    return [p.with_name(p.name + SIDECAR_SUFFIX), data_dir() / f"{p.stem}-{digest}.json"]


class SaveError(Exception):
    """No place can hold the corrections (neither beside the report nor the user's data folder)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def save(corr: Corrections, report_path: str | Path) -> Path:
    """Save beside the report, or in the data folder where that is not writable; returns where. SaveError (with a
    Chinese message) where neither can be written: the corrections stay in memory, unsaved."""
    reasons = []
    for target in sidecar_paths(report_path):
        try:
            corr.save(target)
            return target
        except OSError as e:
            reasons.append(f"{target.parent}：{e.strerror or type(e).__name__}")
    raise SaveError("修改无法保存：报告所在文件夹和用户数据文件夹都不能写入（" + "；".join(reasons) + "）。"
                    "修改仍保留在窗口中，但关闭后会丢失；请检查磁盘空间和文件夹权限")


@dataclass
class Loaded:
    corrections: Corrections
    path: Path | None  # where they were found
    changed: bool  # the report's bytes differ from when the corrections were made
    problems: list[str] = field(default_factory=list)  # files that could not be read, moved aside (Chinese)


def load(report_path: str | Path) -> Loaded:
    """The corrections of a report: of every copy (beside it, in the data folder) the one saved last, by the save
    counter inside it. A copy that cannot be read is moved aside (….broken-<time>.json) and said, never overwritten."""
    from gdchecker.edits import Corrections

    fp = fingerprint(report_path)
    found: list[tuple[int, str, int, Corrections, Path]] = []
    problems: list[str] = []
    for order, target in enumerate(sidecar_paths(report_path)):
        clean_temp(target)
        if not target.is_file():
            continue
        try:
            raw = target.read_text(encoding="utf-8")
            data = json.loads(raw)
            corr = Corrections.from_json(data)
        except OSError as e:
            problems.append(f"修改记录文件 {target} 无法读取（{e.strerror or type(e).__name__}），本次未载入")
            continue
        except (ValueError, TypeError, KeyError, RecursionError) as e:
            why = str(e) if isinstance(e, ValueError) and not isinstance(e, json.JSONDecodeError) else "内容已损坏"
            problems.append(_move_aside(target, why))
            continue
        saved = data.get("saved") if isinstance(data.get("saved"), str) else ""
        found.append((corr.generation, saved, -order, corr, target))
    if not found:
        return Loaded(Corrections(str(report_path), fp), None, False, problems)
    found.sort(key=lambda f: f[:3])
    generation, _, _, corr, target = found[-1]
    corr.generation = max(f[0] for f in found)  # the next save goes past every copy
    changed = bool(corr.fingerprint) and corr.fingerprint != fp
    return Loaded(corr, target, changed, problems)


def _move_aside(target: Path, why: str) -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name.removesuffix('.json')}.broken-{stamp}.json")
    try:
        os.replace(target, aside)
    except OSError as e:
        return (f"修改记录文件 {target} 无法读取（{why}），也无法改名保存（{e.strerror or type(e).__name__}）；"
                "本次未载入，新的修改将保存到其他位置")
    return f"修改记录文件 {target.name} 无法读取（{why}），已改名保存为 {aside.name}，本次未载入其中的修改"
