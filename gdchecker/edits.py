"""Corrections as an overlay on a Report: typed values, undo/redo, accepted findings; saved beside the report.

The original Report is never changed: `effective()` gives a copy with the corrections applied, which the rules
check again. Every change is written at once to a sidecar file (temporary file + rename), so a crash or a power
cut loses nothing typed.
"""

from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from gdchecker.cellvalue import parse_value
from gdchecker.model import Cell, CellRef, Finding, Report, identity

FORMAT = 1
HISTORY = 200  # undo steps kept in the file, so Ctrl+Z still works after the report is opened again


@dataclass
class Edit:
    table: str
    row: str
    col: str
    original: str  # the text as printed in the report ("" where the cell was missing)
    text: str  # the corrected text
    when: str

    @property
    def ref(self) -> CellRef:
        return CellRef(self.table, self.row, self.col)


@dataclass
class Acceptance:
    code: str
    table: str | None
    row: str | None
    col: str | None
    note: str
    when: str


@dataclass
class Corrections:
    source: str  # the report file
    fingerprint: str  # sha256 of the report's bytes when the corrections were made
    edits: dict[tuple[str, str, str], Edit] = field(default_factory=dict)
    accepted: dict[tuple, Acceptance] = field(default_factory=dict)
    previous: dict | None = None  # last year's figures typed in: {"year", "carry_forward", "in_force"}
    generation: int = 0  # saves so far, stored in the file: of several copies the one saved last wins
    _undo: list[tuple[str, object]] = field(default_factory=list, repr=False)
    _redo: list[tuple[str, object]] = field(default_factory=list, repr=False)

    # -- cells ---------------------------------------------------------------------------------------------
    def set_cell(self, report: Report, ref: CellRef, text: str) -> None:
        key = (ref.table, ref.row, ref.col)
        before = self.edits.get(key)
        original = _original_text(report, ref)
        after = None if text.strip() == original.strip() else Edit(*key, original, text.strip(), _now())
        if _same(before, after):
            return
        self._apply(key, after)
        self._undo.append(("cell", (key, before, after)))
        self._redo.clear()

    def set_cells(self, report: Report, changes: list[tuple[CellRef, str]]) -> None:
        """Several cells at once (a repair): one step to undo."""
        steps = []
        for ref, text in changes:
            key = (ref.table, ref.row, ref.col)
            before = self.edits.get(key)
            original = _original_text(report, ref)
            after = None if text.strip() == original.strip() else Edit(*key, original, text.strip(), _now())
            if not _same(before, after):
                self._apply(key, after)
                steps.append((key, before, after))
        if steps:
            self._undo.append(("cells", (None, steps, None)))
            self._redo.clear()

    def _apply(self, key: tuple[str, str, str], edit: Edit | None) -> None:
        if edit is None:
            self.edits.pop(key, None)
        else:
            self.edits[key] = edit

    # -- findings ------------------------------------------------------------------------------------------
    def accept(self, finding: Finding, note: str) -> None:
        key = identity(finding)
        before = self.accepted.get(key)
        after = Acceptance(*key, note, _now())
        self.accepted[key] = after
        self._undo.append(("accept", (key, before, after)))
        self._redo.clear()

    def unaccept(self, finding: Finding) -> None:
        key = identity(finding)
        before = self.accepted.pop(key, None)
        if before is not None:
            self._undo.append(("accept", (key, before, None)))
            self._redo.clear()

    def is_accepted(self, finding: Finding) -> Acceptance | None:
        return self.accepted.get(identity(finding))

    # -- last year's figures -------------------------------------------------------------------------------------
    def set_previous(self, year: int | None, carry_forward: dict, in_force: dict) -> None:
        before = self.previous
        after = {"year": year, "carry_forward": dict(carry_forward), "in_force": dict(in_force)}
        self.previous = after
        self._undo.append(("previous", (None, before, after)))
        self._redo.clear()

    def typed_previous(self, report: Report):  # noqa: ANN201 - a rules.years.Previous or None
        if not self.previous:
            return None
        from gdchecker.rules.context import Previous

        year = self.previous.get("year") or (report.year - 1 if report.year else None)
        return Previous(year, "手工录入的上年数据", None, self.previous.get("carry_forward") or {},
                        self.previous.get("in_force") or {})

    # -- undo / redo ---------------------------------------------------------------------------------------
    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> None:
        if self._undo:
            kind, (key, before, after) = self._undo.pop()
            if kind == "cells":
                for k, b, _ in reversed(before):  # type: ignore[arg-type]
                    self._set("cell", k, b)
            else:
                self._set(kind, key, before)
            self._redo.append((kind, (key, before, after)))

    def redo(self) -> None:
        if self._redo:
            kind, (key, before, after) = self._redo.pop()
            if kind == "cells":
                for k, _, a in before:  # type: ignore[union-attr]
                    self._set("cell", k, a)
            else:
                self._set(kind, key, after)
            self._undo.append((kind, (key, before, after)))

    def _set(self, kind: str, key: tuple, value: object) -> None:
        if kind == "cells":  # value: the steps of a repair, their `before` (undo) or `after` (redo) side
            return
        if kind == "previous":
            self.previous = value  # type: ignore[assignment]
            return
        store = self.edits if kind == "cell" else self.accepted
        if value is None:
            store.pop(key, None)
        else:
            store[key] = value  # type: ignore[index]

    # -- the corrected report ------------------------------------------------------------------------------
    def effective(self, report: Report) -> Report:
        out = copy.deepcopy(report)
        for (t, r, c), e in self.edits.items():
            table = out.tables.get(t)
            if table is None:
                continue
            p = parse_value(e.text)
            old = table.cells.get(r, {}).get(c)
            table.cells.setdefault(r, {})[c] = Cell(e.text, p.value, blank=p.blank, invalid=p.invalid, unit=p.unit,
                                                    note=p.note, box=old.box if old else None)
        return out

    # -- saving --------------------------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "source": self.source,
            "fingerprint": self.fingerprint,
            "generation": self.generation,
            "saved": _now(),
            "edits": [asdict(e) for e in self.edits.values()],
            "accepted": [asdict(a) for a in self.accepted.values()],
            "previous": self.previous,
            "history": {"undo": [_step_json(s) for s in self._undo[-HISTORY:]],
                        "redo": [_step_json(s) for s in self._redo[-HISTORY:]]},
        }

    @classmethod
    def from_json(cls, d: object) -> Corrections:
        """The corrections a file holds; ValueError (with a Chinese reason) for anything that is not exactly that."""
        if not isinstance(d, dict) or "edits" not in d or "format" not in d:
            raise ValueError("不是本程序的修改记录文件")
        if not isinstance(d["format"], int) or d["format"] > FORMAT:
            raise ValueError("由更新版本的程序保存，本版本无法读取")
        c = cls(_text(d.get("source", "")), _text(d.get("fingerprint", "")))
        c.generation = d.get("generation", 0)
        if not isinstance(c.generation, int) or c.generation < 0:
            raise ValueError("保存次数记录无效")
        for e in _items(d.get("edits")):
            edit = Edit(**{k: _text(e.get(k)) for k in ("table", "row", "col", "original", "text", "when")})
            c.edits[(edit.table, edit.row, edit.col)] = edit
        for a in _items(d.get("accepted")):
            acc = Acceptance(_text(a.get("code")), *(_opt_text(a.get(k)) for k in ("table", "row", "col")),
                             _text(a.get("note")), _text(a.get("when")))
            c.accepted[(acc.code, acc.table, acc.row, acc.col)] = acc
        previous = d.get("previous") or None
        if previous is not None and not (isinstance(previous, dict) and all(
                isinstance(previous.get(k) or {}, dict) for k in ("carry_forward", "in_force"))):
            raise ValueError("上年数据记录无效")
        c.previous = previous
        c._undo, c._redo = _history(d.get("history"))
        return c

    def save(self, path: Path) -> None:
        self.generation += 1
        try:
            atomic_write(path, json.dumps(self.to_json(), ensure_ascii=False, indent=1))
        except BaseException:
            self.generation -= 1
            raise


# -- the undo history in the file ---------------------------------------------------------------------------------
def _step_json(step: tuple[str, object]) -> dict:
    kind, (key, before, after) = step  # type: ignore[misc]
    if kind == "cells":
        return {"kind": kind, "steps": [[list(k), _side(b), _side(a)] for k, b, a in before]}  # type: ignore[union-attr]
    return {"kind": kind, "key": list(key) if key is not None else None, "before": _side(before), "after": _side(after)}


def _side(v: object) -> object:
    return asdict(v) if isinstance(v, (Edit, Acceptance)) else v


def _history(d: object) -> tuple[list, list]:
    """The undo and redo stacks a file holds; a history that is not exactly right is dropped (the corrections
    themselves are kept: only the steps back are lost)."""
    if not isinstance(d, dict):
        return [], []
    try:
        return [_step(s) for s in _items(d.get("undo"))], [_step(s) for s in _items(d.get("redo"))]
    except (ValueError, TypeError, KeyError):
        return [], []


def _step(s: dict) -> tuple[str, object]:
    kind = s.get("kind")
    if kind == "cells":
        steps = s.get("steps")
        if not isinstance(steps, list):
            raise ValueError("history")
        return kind, (None, [(_key(k, 3), _edit(b), _edit(a)) for k, b, a in steps], None)
    if kind == "cell":
        return kind, (_key(s.get("key"), 3), _edit(s.get("before")), _edit(s.get("after")))
    if kind == "accept":
        return kind, (_key(s.get("key"), 4), _acceptance(s.get("before")), _acceptance(s.get("after")))
    if kind == "previous":
        for v in (s.get("before"), s.get("after")):
            if v is not None and not isinstance(v, dict):
                raise ValueError("history")
        return kind, (None, s.get("before"), s.get("after"))
    raise ValueError("history")


def _key(k: object, n: int) -> tuple:
    if not isinstance(k, list) or len(k) != n or not all(x is None or isinstance(x, str) for x in k):
        raise ValueError("history")
    if n == 3 and None in k:
        raise ValueError("history")
    return tuple(k)


def _edit(v: object) -> Edit | None:
    if v is None:
        return None
    if not isinstance(v, dict):
        raise ValueError("history")
    return Edit(**{k: _text(v.get(k)) for k in ("table", "row", "col", "original", "text", "when")})


def _acceptance(v: object) -> Acceptance | None:
    if v is None:
        return None
    if not isinstance(v, dict):
        raise ValueError("history")
    return Acceptance(_text(v.get("code")), *(_opt_text(v.get(k)) for k in ("table", "row", "col")),
                      _text(v.get("note")), _text(v.get("when")))


def _text(v: object) -> str:
    if not isinstance(v, str):
        raise ValueError("记录中应为文字的地方不是文字")
    return v


def _opt_text(v: object) -> str | None:
    return None if v is None else _text(v)


def _items(v: object) -> list[dict]:
    if v is None:
        return []
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        raise ValueError("记录格式无效")
    return v


def _original_text(report: Report, ref: CellRef) -> str:
    t = report.tables.get(ref.table)
    cell = t.cell(ref.row, ref.col) if t else None
    return cell.text if cell else ""


def _same(a: Edit | None, b: Edit | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.text == b.text


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


# where corrections are kept (beside the report, or in the user's data folder), and the durable writes they use:
# gdchecker.corrections_file and gdchecker.durable; named here too, for the callers of this module
from gdchecker.corrections_file import (  # noqa: E402
    SIDECAR_SUFFIX,
    Loaded,
    SaveError,
    data_dir,
    load,
    save,
    sidecar_paths,
)
from gdchecker.durable import TMP_SUFFIX, atomic_write, clean_temp, fingerprint, glob_escape  # noqa: E402

__all__ = ["HISTORY", "SIDECAR_SUFFIX", "TMP_SUFFIX", "Acceptance", "Corrections", "Edit", "Loaded", "SaveError",
           "atomic_write", "clean_temp", "data_dir", "fingerprint", "glob_escape", "load", "save", "sidecar_paths"]
