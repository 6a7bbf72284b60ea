"""The national formats, loaded from resources/formats/*.json (a new format is a new file)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gdchecker.textnorm import label_key


@dataclass(frozen=True)
class RowSpec:
    """A row of a table as the format prints it: its key, label, group and sub-heading, other wordings."""

    key: str
    label: str
    group: str | None = None
    heading: str | None = None
    aliases: tuple[str, ...] = ()
    short: str | None = None  # a short name for running text (本年新收)

    @property
    def printed(self) -> str:
        """The label as a reader sees it: the sub-heading (（三）不予公开) before a numbered item."""
        return f"{self.heading}{self.label}" if self.heading else self.label



@dataclass(frozen=True)
class ColSpec:
    """A column of a table as the format prints it, and what its cells hold."""

    key: str
    label: str
    kind: str = "count"  # count | signed | amount
    group: str | None = None


@dataclass(frozen=True)
class Span:
    """A merged cell of a table's drawn header: from (row, col), `rows` down and `cols` across."""

    row: int
    col: int
    rows: int
    cols: int


@dataclass(frozen=True)
class TableSpec:
    """A table of the format: its rows, columns and drawn header, and how messages name it."""

    key: str
    section: str
    rows: tuple[RowSpec, ...]
    cols: tuple[ColSpec, ...]
    caption: str | None = None
    title: str | None = None
    name: str = ""  # how messages name it: 表三, 表二 第二十条第（一）项
    heading: str = ""  # what is drawn above it
    header: tuple[tuple[str, ...], ...] = ()  # the drawn header grid (the label column first where rows are labelled)
    spans: tuple[Span, ...] = ()
    labelled: bool = True  # rows carry printed labels; False: one row of values, named by its columns alone

    def row(self, key: str) -> RowSpec | None:
        return next((r for r in self.rows if r.key == key), None)

    def col(self, key: str) -> ColSpec | None:
        return next((c for c in self.cols if c.key == key), None)

    def col_name(self, key: str) -> str | None:
        """A column as messages name it: in a table without row labels its group too (行政复议·总计)."""
        c = self.col(key)
        if c is None:
            return None
        return f"{c.group}·{c.label}" if c.group and not self.labelled else c.label


@dataclass(frozen=True)
class Relation:
    """A sum the format states. kind "sum": `total` = the sum of `parts`, along each row (axis "row": parts and
    total are columns) or each column (axis "col": rows); kind "balance": the sum of the `left` rows = the sum of the
    `right` rows, in every column (the last right row is the one a break names)."""

    code: str
    table: str
    kind: str
    axis: str
    total: str = ""
    parts: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    parts_name: str = ""  # the parts in a message: 六类申请人之和


@dataclass(frozen=True)
class Plausible:
    """`greater` is at least `lesser` in every row (plausibility, not arithmetic)."""

    code: str
    table: str
    greater: str
    lesser: str


@dataclass(frozen=True)
class AcrossYears:
    """What this year's report owes last year's. kind "carried": row `row` = last year's row `last_year_row`, column
    by column; kind "stock": column `col` = last year's `col` + `plus` − `minus`, row by row."""

    code: str
    table: str
    kind: str
    row: str = ""
    last_year_row: str = ""
    col: str = ""
    plus: str = ""
    minus: str = ""


@dataclass(frozen=True)
class Section:
    """One of the report's six sections: its number, heading, tables and the wordings of its heading."""

    number: str  # 一 … 六
    heading: str  # 一、总体情况
    tables: tuple[str, ...]
    names: tuple[re.Pattern[str], ...] = ()  # the heading's wordings (after its numbering), as regular expressions
    words: re.Pattern[str] | None = None  # looser: enough for a heading that carries this section's own numeral
    fees: Fees | None = None  # what the section must say of 信息处理费 (the 2021 format's 六)


@dataclass(frozen=True)
class Fees:
    """A section that must report the 信息处理费 charged: `mention` is how it names them; `charged` finds a
    sentence elsewhere in the report saying fees were charged."""

    mention: re.Pattern[str]
    charged: re.Pattern[str]


@dataclass(frozen=True)
class FormatSpec:
    """A national format: the years it covers, its tables, sums, plausibility checks and sections."""

    version: str
    name: str
    document: str
    first_year: int
    last_year: int | None
    markers: tuple[str, ...]
    tables: dict[str, TableSpec]
    relations: tuple[Relation, ...] = field(default_factory=tuple)
    plausibility: tuple[Plausible, ...] = field(default_factory=tuple)
    sections: tuple[Section, ...] = field(default_factory=tuple)
    across_years: tuple[AcrossYears, ...] = field(default_factory=tuple)

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def relations_of(self, table: str) -> list[Relation]:
        return [r for r in self.relations if r.table == table]

    def row_holds(self, table: str) -> Callable[[Sequence[float | int | None]], bool]:
        """Whether a row's figures (in the table's column order) satisfy every sum the format states along a row
        (表三: the six applicants add up to 总计; 表四: each group's four results add up to its 总计)."""
        sums = [(g[:-1], g[-1]) for g in self.row_groups(table)]
        width = len(self.tables[table].cols)

        def holds(vals: Sequence[float | int | None]) -> bool:
            if len(vals) != width or any(v is None for v in vals):
                return False
            return all(abs(sum(vals[i] for i in parts) - vals[t]) < 1e-9 for parts, t in sums)  # type: ignore[misc]
        return holds

    def column_equations(self, table: str) -> list[list[tuple[str, int]]]:
        """The format's relations down each column as signed rows (total −1, parts +1; balance left +1, right −1)."""
        out = []
        for r in self.relations_of(table):
            if r.kind == "sum" and r.axis == "col":
                out.append([*((p, 1) for p in r.parts), (r.total, -1)])
            elif r.kind == "balance":
                out.append([*((x, 1) for x in r.left), *((x, -1) for x in r.right)])
        return out

    def row_groups(self, table: str) -> list[list[int]]:
        """The column indices of each sum along a row, parts then total (表四: three groups of five)."""
        order = {c.key: i for i, c in enumerate(self.tables[table].cols)}
        return [[*(order[p] for p in r.parts), order[r.total]] for r in self.relations_of(table)
                if r.kind == "sum" and r.axis == "row"]


def _table(d: dict) -> TableSpec:
    rows = tuple(
        RowSpec(r["key"], r["label"], r.get("group"), r.get("heading"), tuple(r.get("aliases", ())), r.get("short"))
        for r in d["rows"]
    )
    cols = tuple(ColSpec(c["key"], c["label"], c.get("kind", "count"), c.get("group")) for c in d["cols"])
    labelled = bool(d.get("labelled", True))
    header = tuple(tuple(r) for r in d.get("header", ())) or (("信息内容", *(c.label for c in cols)),)
    name = d.get("name") or d.get("caption") or d.get("title") or d["key"]
    return TableSpec(d["key"], d["section"], rows, cols, d.get("caption"), d.get("title"), name,
                     d.get("heading") or name, header, tuple(Span(*s) for s in d.get("spans", ())), labelled)


def _section(d: dict) -> Section:
    fees = d.get("fees")
    return Section(d["number"], d["heading"], tuple(d.get("tables", ())),
                   tuple(re.compile(n) for n in d.get("names", ())),
                   re.compile(d["words"]) if d.get("words") else None,
                   Fees(re.compile(fees["mention"]), re.compile(fees["charged"])) if fees else None)


def _tuples(d: dict, *keys: str) -> dict:
    return {k: tuple(v) if k in keys else v for k, v in d.items()}


def _parse(d: dict) -> FormatSpec:
    first, last = d["years"]
    tables = {t["key"]: _table(t) for t in d["tables"]}
    sections = tuple(_section(s) for s in d.get("sections", ()))
    return FormatSpec(
        version=d["version"],
        name=d["name"],
        document=d["document"],
        first_year=first,
        last_year=last,
        markers=tuple(d["markers"]),
        tables=tables,
        relations=tuple(Relation(**_tuples(r, "parts", "left", "right")) for r in d.get("relations", ())),
        plausibility=tuple(Plausible(**p) for p in d.get("plausibility", ())),
        sections=sections,
        across_years=tuple(AcrossYears(**a) for a in d.get("across_years", ())),
    )


EXTRA_FOLDER = "GDCHECKER_FORMATS"  # environment: a folder of further format files (a format newer than the program)


def _files() -> dict[str, object]:
    """Every format file by version: the program's own, then those of the folder EXTRA_FOLDER names (which may
    add a version; the program's own are kept)."""
    found: dict[str, object] = {}
    own = Path(__file__).parent / "resources" / "formats"
    for p in own.iterdir():
        if p.name.endswith(".json"):
            found[p.name[:-5]] = p
    extra = os.environ.get(EXTRA_FOLDER)
    if extra and os.path.isdir(extra):
        for name in sorted(os.listdir(extra)):
            if name.endswith(".json") and name[:-5] not in found and _usable(str(Path(extra) / name)):
                found[name[:-5]] = Path(extra) / name
    return found


MAX_FORMAT_FILE = 2_000_000  # bytes: a format file is a few tens of kilobytes


@cache
def _usable(path: str) -> bool:
    """An added format file that can be read: JSON of a format whose version is its file's name. One that cannot
    is left out, said once on stderr (the program's own formats work on)."""
    import sys

    stem = Path(path).stem
    try:
        if os.path.getsize(path) > MAX_FORMAT_FILE:
            raise ValueError(f"文件超过 {MAX_FORMAT_FILE // 1_000_000} MB")
        spec = _parse(json.loads(Path(path).read_text(encoding="utf-8")))
        if spec.version != stem:
            raise ValueError(f"文件中的版本“{spec.version}”与文件名“{stem}”不一致")
        if not spec.tables:
            raise ValueError("没有任何统计表")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, re.error) as e:
        print(f"[格式文件无效，已忽略] {path}：{e}", file=sys.stderr)
        return False
    return True


@cache
def load(version: str) -> FormatSpec:
    src = _files()[version]
    return _parse(json.loads(src.read_text(encoding="utf-8")))  # type: ignore[attr-defined]


def reload() -> None:
    """Forget the formats read so far (after EXTRA_FOLDER changed)."""
    load.cache_clear()
    versions.cache_clear()
    _usable.cache_clear()
    row_check.cache_clear()


@cache
def versions() -> tuple[str, ...]:
    """The versions known, oldest first (by the first year each covers)."""
    return tuple(sorted(_files(), key=lambda v: (load(v).first_year, v)))


def newest() -> FormatSpec:
    return load(versions()[-1])


def section_tables(number: str) -> tuple[str, ...]:
    """The tables any format puts in this section, in the order the formats list them."""
    out: list[str] = []
    for v in versions():
        for s in load(v).sections:
            if s.number == number:
                out += [t for t in s.tables if t not in out]
    return tuple(out)


@cache
def row_check(version: str, table: str) -> Callable[[Sequence[float | int | None]], bool]:
    """FormatSpec.row_holds of a version, made once."""
    return load(version).row_holds(table)


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


def format_of(report, key: str) -> FormatSpec:  # noqa: ANN001 - a model.Report (formats does not import the model)
    """The format a table of this report is laid out in: the table's own version, else the report's, else the newest."""
    t = report.tables.get(key)
    return load((t.format_version if t is not None else None) or report.format_version or versions()[-1])


def table_spec(report, key: str) -> TableSpec | None:  # noqa: ANN001
    """The spec of a table as this report prints it, falling back to any format that has the table."""
    spec = format_of(report, key).tables.get(key)
    return spec if spec is not None else any_table(key)


def any_table(key: str, newest: bool = True) -> TableSpec | None:
    """The table as the newest format that has it describes it (the oldest, with newest=False)."""
    order = reversed(versions()) if newest else versions()
    return next((load(v).tables[key] for v in order if key in load(v).tables), None)


def row_spec(key: str, row: str) -> RowSpec | None:
    """A row of a table in whichever format has it (（六）其他处理 exists in 2019 only, its parts in 2021)."""
    for v in reversed(versions()):
        t = load(v).tables.get(key)
        r = t.row(row) if t else None
        if r is not None:
            return r
    return None


def fingerprint() -> str:
    """What the format files in use hold (the program's own and those EXTRA_FOLDER adds): a changed or added format
    file changes it (the archive's results are of the formats they were read with)."""
    import hashlib

    h = hashlib.sha256()
    for version, src in sorted(_files().items()):
        h.update(version.encode("utf-8") + b"\0")
        h.update(src.read_bytes())  # type: ignore[attr-defined]
        h.update(b"\0")
    return h.hexdigest()[:32]
