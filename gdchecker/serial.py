"""Reports, tables, cells and findings as plain JSON data and back (what the archive keeps: never pickled).

A field at its default is left out, so a cell is a few characters; a field the data lacks takes its default, and a
key the model does not know is ignored (data written by another version of the program reads as far as it can)."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from gdchecker.model import Box, Cell, CellRef, Finding, Part, Report, Severity, Table

_CELL_DEFAULTS = {f.name: f.default for f in fields(Cell) if f.default is not MISSING}


def box_data(b: Box | None) -> list[float] | None:
    return None if b is None else [b.page, b.x0, b.top, b.x1, b.bottom]


def box_of(d: Any) -> Box | None:
    if d is None:
        return None
    page, x0, top, x1, bottom = d
    return Box(int(page), x0, top, x1, bottom)


def cell_data(c: Cell) -> dict[str, Any]:
    d: dict[str, Any] = {"text": c.text, "value": c.value}
    for name, default in _CELL_DEFAULTS.items():
        v = getattr(c, name)
        if v != default:
            d[name] = box_data(v) if name == "box" else v
    return d


def cell_of(d: dict[str, Any]) -> Cell:
    known = {k: v for k, v in d.items() if k in _CELL_DEFAULTS and k != "box"}
    return Cell(d["text"], d["value"], box=box_of(d.get("box")), **known)


def table_data(t: Table) -> dict[str, Any]:
    return {"key": t.key, "page": t.page, "format_version": t.format_version, "row_labels": dict(t.row_labels),
            "cells": {r: {c: cell_data(cell) for c, cell in row.items()} for r, row in t.cells.items()}}


def table_of(d: dict[str, Any]) -> Table:
    return Table(d["key"], d.get("page"),
                 {r: {c: cell_of(cell) for c, cell in row.items()} for r, row in d.get("cells", {}).items()},
                 dict(d.get("row_labels", {})), d.get("format_version"))


def finding_data(f: Finding) -> dict[str, Any]:
    d: dict[str, Any] = {"code": f.code, "severity": f.severity.value, "message": f.message, "table": f.table,
                         "cells": [[c.table, c.row, c.col] for c in f.cells]}
    if f.expected is not None:
        d["expected"] = f.expected
    if f.actual is not None:
        d["actual"] = f.actual
    if f.section is not None:
        d["section"] = f.section
    return d


def finding_of(d: dict[str, Any]) -> Finding:
    return Finding(d["code"], Severity(d["severity"]), d["message"], d.get("table"),
                   tuple(CellRef(*c) for c in d.get("cells", ())), d.get("expected"), d.get("actual"),
                   d.get("section"))


def part_data(p: Part) -> list[Any]:
    return [p.number, p.heading, p.line, list(p.text)]


def part_of(d: Any) -> Part:
    number, heading, line, text = d
    return Part(str(number), str(heading), int(line), [str(t) for t in text])


def report_data(r: Report) -> dict[str, Any]:
    return {"file": r.file, "format_version": r.format_version, "year": r.year, "agency": r.agency,
            "tables": {k: table_data(t) for k, t in r.tables.items()}, "prose": list(r.prose), "text": list(r.text),
            "sections": list(r.sections), "parts": [part_data(p) for p in r.parts], "period": list(r.period) if r.period is not None else None,
            "reading": [finding_data(f) for f in r.reading], "scanned": r.scanned,
            "turns": {str(page): turns for page, turns in r.turns.items()}}


def report_of(d: dict[str, Any]) -> Report:
    """The Report of report_data; KeyError, TypeError or ValueError where the data is not one."""
    period = d.get("period")
    return Report(
        d["file"], d.get("format_version"), d.get("year"), d.get("agency"),
        tables={k: table_of(t) for k, t in d.get("tables", {}).items()},
        prose=list(d.get("prose", [])), text=list(d.get("text", [])), sections=list(d.get("sections", [])),
        parts=[part_of(p) for p in d.get("parts", [])],
        period=(int(period[0]), int(period[1])) if period is not None else None,
        reading=[finding_of(f) for f in d.get("reading", [])], scanned=bool(d.get("scanned", False)),
        turns={int(page): int(turns) for page, turns in d.get("turns", {}).items()})
