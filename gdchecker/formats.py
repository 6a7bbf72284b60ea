"""The national formats, loaded from resources/formats/*.json (a new format is a new file)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from gdchecker.textnorm import label_key


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    group: str | None = None
    heading: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def printed(self) -> str:
        """The label as a reader sees it: the sub-heading (（三）不予公开) before a numbered item."""
        return f"{self.heading}{self.label}" if self.heading else self.label



@dataclass(frozen=True)
class ColSpec:
    key: str
    label: str
    kind: str = "count"  # count | signed | amount
    group: str | None = None


@dataclass(frozen=True)
class TableSpec:
    key: str
    section: str
    rows: tuple[RowSpec, ...]
    cols: tuple[ColSpec, ...]
    caption: str | None = None
    title: str | None = None

    def row(self, key: str) -> RowSpec | None:
        return next((r for r in self.rows if r.key == key), None)

    def col(self, key: str) -> ColSpec | None:
        return next((c for c in self.cols if c.key == key), None)


@dataclass(frozen=True)
class FormatSpec:
    version: str
    name: str
    document: str
    first_year: int
    last_year: int | None
    markers: tuple[str, ...]
    tables: dict[str, TableSpec]
    relations: tuple[dict, ...] = field(default_factory=tuple)
    plausibility: tuple[dict, ...] = field(default_factory=tuple)

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


def _table(d: dict) -> TableSpec:
    rows = tuple(
        RowSpec(r["key"], r["label"], r.get("group"), r.get("heading"), tuple(r.get("aliases", ())))
        for r in d["rows"]
    )
    cols = tuple(ColSpec(c["key"], c["label"], c.get("kind", "count"), c.get("group")) for c in d["cols"])
    return TableSpec(d["key"], d["section"], rows, cols, d.get("caption"), d.get("title"))


@cache
def load(version: str) -> FormatSpec:
    src = resources.files("gdchecker") / "resources" / "formats" / f"{version}.json"
    d = json.loads(src.read_text(encoding="utf-8"))
    first, last = d["years"]
    return FormatSpec(
        version=d["version"],
        name=d["name"],
        document=d["document"],
        first_year=first,
        last_year=last,
        markers=tuple(d["markers"]),
        tables={t["key"]: _table(t) for t in d["tables"]},
        relations=tuple(d.get("relations", ())),
        plausibility=tuple(d.get("plausibility", ())),
    )


@cache
def versions() -> tuple[str, ...]:
    folder = resources.files("gdchecker") / "resources" / "formats"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


def all_formats() -> list[FormatSpec]:
    return [load(v) for v in versions()]


def for_year(year: int) -> FormatSpec | None:
    """The format a report of this year must use (the newest that covers it)."""
    fits = [f for f in all_formats() if f.covers(year)]
    return max(fits, key=lambda f: f.first_year) if fits else None


def detect(text: str) -> tuple[str | None, dict[str, int]]:
    """Which format the labels in this text belong to, with the count of markers found per version."""
    key = label_key(text)
    counts = {f.version: sum(1 for m in f.markers if label_key(m) in key) for f in all_formats()}
    best = max(counts.items(), key=lambda kv: kv[1]) if counts else (None, 0)
    if best[1] == 0:
        return None, counts
    if list(counts.values()).count(best[1]) > 1:
        return None, counts
    return best[0], counts


def layout_of(report, key: str) -> FormatSpec:  # noqa: ANN001 - a model.Report (formats does not import the model)
    """The format a table of this report is laid out in: the table's own layout, else the report's, else the newest."""
    t = report.tables.get(key)
    return load((t.layout if t is not None else None) or report.format_version or versions()[-1])


def table_spec(report, key: str) -> TableSpec | None:  # noqa: ANN001
    """The spec of a table as this report prints it, falling back to any format that has the table."""
    spec = layout_of(report, key).tables.get(key)
    if spec is not None:
        return spec
    return next((load(v).tables[key] for v in reversed(versions()) if key in load(v).tables), None)


def row_spec(key: str, row: str) -> RowSpec | None:
    """A row of a table in whichever format has it (（六）其他处理 exists in 2019 only, its parts in 2021)."""
    for v in reversed(versions()):
        t = load(v).tables.get(key)
        r = t.row(row) if t else None
        if r is not None:
            return r
    return None
