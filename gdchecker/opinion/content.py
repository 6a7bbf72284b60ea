"""What a 校验意见 says, built once from a Session: the report as checked with the corrections saved for it (as the
Excel export has it), its open errors and warnings in the findings' own words with the number each cell should be,
the repairs, the corrections made while checking, and a picture (or a drawing) of each table region concerned.

`layout(opinion)` turns it into blocks (headings, paragraphs, tables, pictures) with every sentence written out, so
the Word and the PDF writer only map blocks to their format and say the same thing."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from datetime import date

from gdchecker import __version__, formats, grids, inputs, repair
from gdchecker.model import Box, CellRef, Finding, Severity, by_severity
from gdchecker.names import fmt, place, table_name
from gdchecker.opinion import picture
from gdchecker.output import fix_texts
from gdchecker.session import Session

ERROR, WARNING, REPAIR = "error", "warning", "repair"  # how a cell is marked: a finding is about it, or a repair
LEGEND = "红框为错误所在的单元格，黄框为警告所在的单元格，蓝框为建议修改的单元格。"
SHADE_LEGEND = "红色底纹为错误所在的单元格，黄色底纹为警告所在的单元格，蓝色底纹为建议修改的单元格（箭头后为建议值）。"
NUMERALS = "一二三四五六七八九十"


@dataclass
class Item:
    """One error or warning: the finding's message (it names the place) and the number the cell should be."""

    severity: str  # "error" or "warning"
    message: str
    expected: str | None = None  # the number it should be, as printed; None where the rule gives none
    place: str = ""  # 表三 · （一）予以公开 · 自然人 (empty for a finding about the whole text)


@dataclass
class Figure:
    """A picture of a table's region on a page of the source, the cells concerned boxed (PNG)."""

    caption: str
    png: bytes
    width: int  # pixels
    height: int


@dataclass
class DrawnTable:
    """A table drawn in its official layout (a source without page positions), the cells concerned shaded."""

    caption: str
    header: list[list[str]]
    spans: list[tuple[int, int, int, int]]  # merged header cells: (row, col, rows, cols)
    rows: list[list[str]]  # label (where labelled) and values, one list per data row
    marks: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (data row, column) -> ERROR/WARNING/REPAIR
    labelled: bool = True  # column 0 holds the row labels


@dataclass
class Correction:
    place: str
    before: str
    after: str


@dataclass
class Opinion:
    title: str  # 关于《…年度报告》的校验意见
    report_title: str  # …政府信息公开工作年度报告
    agency: str | None
    year: int | None
    file_name: str
    checked_on: str  # 2026年12月1日
    format_name: str
    errors: list[Item] = field(default_factory=list)
    warnings: list[Item] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  # in the words of `gdchecker check`'s [建议修改]
    corrections: list[Correction] = field(default_factory=list)
    exhibits: list[Figure | DrawnTable] = field(default_factory=list)
    accepted: int = 0  # errors and warnings the checker marked as checked and accepted: not listed
    notes: int = 0  # reading notes (info): not listed
    version: str = __version__

    @property
    def summary(self) -> str:
        if not self.errors and not self.warnings:
            text = "经校验，未发现错误和警告。"
        else:
            text = f"经校验，报告中有 {len(self.errors)} 处错误、{len(self.warnings)} 处警告。"
            text += "错误须更正，警告请对照原始台账核实。" if self.errors else "警告请对照原始台账核实。"
        if self.corrections:
            text += f"校验时按原件更正了 {len(self.corrections)} 处数字，以上结果是更正后的数字的校验结果（见“校验时更正的数字”）。"
        if self.accepted:
            text += f"另有 {self.accepted} 处经核对已确认无误，未列入。"
        return text

    # -- as JSON, for the PDF writer's own process -----------------------------------------------------------
    def to_dict(self) -> dict:
        exhibits = []
        for x in self.exhibits:
            if isinstance(x, Figure):
                exhibits.append({"kind": "figure", "caption": x.caption, "width": x.width, "height": x.height,
                                 "png": base64.b64encode(x.png).decode("ascii")})
            else:
                exhibits.append({"kind": "table", "caption": x.caption, "header": x.header,
                                 "spans": [list(s) for s in x.spans], "rows": x.rows,
                                 "marks": [[r, c, kinds] for (r, c), kinds in x.marks.items()],
                                 "labelled": x.labelled})
        return {
            "title": self.title, "report_title": self.report_title, "agency": self.agency, "year": self.year,
            "file_name": self.file_name, "checked_on": self.checked_on, "format_name": self.format_name,
            "errors": [vars(i) for i in self.errors], "warnings": [vars(i) for i in self.warnings],
            "repairs": list(self.repairs), "corrections": [vars(c) for c in self.corrections],
            "exhibits": exhibits, "accepted": self.accepted, "notes": self.notes, "version": self.version,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Opinion:
        exhibits: list[Figure | DrawnTable] = []
        for x in d["exhibits"]:
            if x["kind"] == "figure":
                exhibits.append(Figure(x["caption"], base64.b64decode(x["png"]), x["width"], x["height"]))
            else:
                exhibits.append(DrawnTable(x["caption"], x["header"], [tuple(s) for s in x["spans"]], x["rows"],
                                           {(r, c): kinds for r, c, kinds in x["marks"]}, x["labelled"]))
        return cls(d["title"], d["report_title"], d["agency"], d["year"], d["file_name"], d["checked_on"],
                   d["format_name"], [Item(**i) for i in d["errors"]], [Item(**i) for i in d["warnings"]],
                   list(d["repairs"]), [Correction(**c) for c in d["corrections"]], exhibits, d["accepted"],
                   d["notes"], d["version"])


def report_title(agency: str | None, year: int | None, path: str) -> str:
    if agency or year:
        return f"{agency or ''}{f'{year}年' if year else ''}政府信息公开工作年度报告"
    return os.path.splitext(os.path.basename(path))[0]


def build(session: Session, today: date | None = None) -> Opinion:
    """The opinion on the session's report as checked now, with its saved corrections."""
    r = session.report
    day = today or date.today()
    name = report_title(r.agency, r.year, session.path)
    op = Opinion(f"关于《{name}》的校验意见", name, r.agency, r.year, os.path.basename(session.path),
                 f"{day.year}年{day.month}月{day.day}日",
                 formats.load(r.format_version).name if r.format_version else "未能判断")
    shown = []
    for f in by_severity(session.findings):
        if f.severity == Severity.INFO:
            op.notes += 1
        elif session.corrections.is_accepted(f) is not None:
            op.accepted += 1
        else:
            shown.append(f)
            item = Item(f.severity.value, f.message, None if f.expected is None else fmt(f.expected),
                        place(r, f.cells[0]) if f.cells else (table_name(f.table) if f.table else ""))
            (op.errors if f.severity == Severity.ERROR else op.warnings).append(item)
    op.repairs = fix_texts(r, session.fixes)
    op.corrections = [Correction(place(r, e.ref), e.original or "空白", e.text or "空白")
                      for e in session.corrections.edits.values()]
    op.exhibits = exhibits(session, shown)
    return op


def _marks(session: Session, shown: list[Finding]) -> dict[CellRef, list[str]]:
    """The cell each shown finding is about (its first), and the cells the leading repairs change."""
    out: dict[CellRef, list[str]] = {}
    for f in shown:
        if f.cells:
            kinds = out.setdefault(f.cells[0], [])
            kind = ERROR if f.severity == Severity.ERROR else WARNING
            if kind not in kinds:
                kinds.append(kind)
    for fix in repair.leading(session.fixes):
        for ch in fix.changes:
            kinds = out.setdefault(ch.ref, [])
            if REPAIR not in kinds:
                kinds.append(REPAIR)
    return out


def exhibits(session: Session, shown: list[Finding]) -> list[Figure | DrawnTable]:
    """Each table with a marked cell, in the report's order: for a PDF whose cells have page positions the page
    region of the table rendered with the marked cells boxed, one picture a page; else the table drawn."""
    marks = _marks(session, shown)
    suggested = {ch.ref: ch.after for fix in repair.leading(session.fixes) for ch in fix.changes}
    out: list[Figure | DrawnTable] = []
    order = [k for k in grids.headings() if k in session.report.tables]
    for key in order + [k for k in session.report.tables if k not in order]:
        mine = {ref: kinds for ref, kinds in marks.items() if ref.table == key}
        if not mine:
            continue
        figures = _figures(session, key, mine)
        if figures:
            out += figures
        else:
            drawn = _drawn(session, key, mine, suggested)
            if drawn is not None:
                out.append(drawn)
    return out


def _figures(session: Session, key: str, mine: dict[CellRef, list[str]]) -> list[Figure]:
    """[] where the source is not a PDF, or a marked cell has no position (it is drawn instead)."""
    if not inputs.is_pdf(session.path):
        return []
    table = session.report.tables[key]
    boxes: dict[CellRef, Box] = {}
    for ref in mine:
        c = table.cell(ref.row, ref.col)
        if c is None or c.box is None:
            return []
        boxes[ref] = c.box
    every = [c.box for row in table.cells.values() for c in row.values() if c.box is not None]
    out = []
    for page in sorted({b.page for b in boxes.values()}):
        region = [b for b in every if b.page == page]
        marked = [(boxes[ref], kinds) for ref, kinds in mine.items() if boxes[ref].page == page]
        got = picture.render(session.path, page, region, marked, session.original.turns.get(page, 0))
        if got is None:
            return []
        png, w, h = got
        out.append(Figure(f"{table_name(key)}（原文第 {page} 页）", png, w, h))
    return out


def _drawn(session: Session, key: str, mine: dict[CellRef, list[str]],
           suggested: dict[CellRef, int | float]) -> DrawnTable | None:
    g = grids.grid(session.report, key)
    if g is None:
        return None
    table = session.report.tables[key]
    rows: list[list[str]] = []
    marks: dict[tuple[int, int], list[str]] = {}
    for i, (rk, label) in enumerate(g.rows):
        line = [label] if g.labelled else []
        for j, ck in enumerate(g.cols):
            ref = CellRef(key, rk, ck)
            c = table.cell(rk, ck)
            text = "" if c is None or c.blank else (fmt(c.value) if c.value is not None else c.text)
            if ref in suggested:
                text = f"{text or '空白'}→{fmt(suggested[ref])}"
            line.append(text)
            if ref in mine:
                marks[(i, g.first_value_col + j)] = list(mine[ref])
        rows.append(line)
    head = grids.heading(key)
    return DrawnTable(head if head.startswith(table_name(key)) else f"{table_name(key)}　{head}".strip(), g.header,
                      [(s.row, s.col, s.rows, s.cols) for s in g.spans], rows, marks, g.labelled)


# -- the opinion as blocks ------------------------------------------------------------------------------------
@dataclass
class Block:
    """One piece of the written opinion. kind: title, facts (text: lines), heading, para, findings (items),
    exhibit (a Figure or DrawnTable), caption, closing (lines, right-aligned)."""

    kind: str
    text: str = ""
    lines: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    exhibit: Figure | DrawnTable | None = None


FINDING_COLUMNS = ("序号", "问题", "应为")


def layout(op: Opinion) -> list[Block]:
    out = [Block("title", op.title)]
    out.append(Block("facts", lines=[f"报送单位：{op.agency or '未能识别'}",
                                     f"报告年度：{f'{op.year}年' if op.year else '未能识别'}",
                                     f"文件名称：{op.file_name}",
                                     f"表格格式：{op.format_name}",
                                     f"校验日期：{op.checked_on}"]))
    parts: list[tuple[str, list[Block]]] = [("校验结论", [Block("para", op.summary)])]
    if op.errors:
        parts.append((f"错误（{len(op.errors)} 处）", [Block("findings", items=op.errors)]))
    if op.warnings:
        parts.append((f"警告（{len(op.warnings)} 处）", [Block("findings", items=op.warnings)]))
    if op.repairs:
        parts.append(("修改建议", [Block("para", "按各项合计之间的关系推算，改动最少、能使全部合计相符的改法如下（请以原始台账为准）：")]
                      + [Block("para", f"{i}. {t}") for i, t in enumerate(op.repairs, 1)]))
    if op.exhibits:
        blocks: list[Block] = []
        figures = any(isinstance(x, Figure) for x in op.exhibits)
        drawn = any(isinstance(x, DrawnTable) for x in op.exhibits)
        legend = " ".join(t for t, yes in ((LEGEND, figures), (SHADE_LEGEND, drawn)) if yes)
        blocks.append(Block("para", legend))
        for n, x in enumerate(op.exhibits, 1):
            blocks.append(Block("exhibit", exhibit=x))
            blocks.append(Block("caption", f"图{n}　{x.caption}"))
        parts.append(("问题所在的表格", blocks))
    if op.corrections:
        parts.append(("校验时更正的数字", [Block("para", "以下数字按原件更正后再作校验（报告中的数字 → 校验时采用的数字）：")]
                      + [Block("para", f"{i}. {c.place}：{c.before} → {c.after}")
                         for i, c in enumerate(op.corrections, 1)]))
    for i, (head, blocks) in enumerate(parts):
        out.append(Block("heading", f"{NUMERALS[i]}、{head}"))
        out += blocks
    ask = "请对照原始台账核实以上问题，修改后重新报送。" if op.errors or op.warnings else "报告可按程序报送。"
    notes = f"（另有 {op.notes} 条读取过程的提示，不是报告的问题，未列入。）" if op.notes else ""
    out.append(Block("para", ask + notes))
    out.append(Block("closing", lines=[f"gdchecker {op.version} 自动校验", op.checked_on]))
    return out
