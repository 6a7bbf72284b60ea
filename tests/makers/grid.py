"""The logical layout shared by every maker: the three table grids (with their merges) and the
order of title, paragraphs, headings and tables in a report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from . import labels as L
from .values import Values

CellKey = tuple[str, str, str]


@dataclass(frozen=True)
class Cell:
    r: int
    c: int
    text: str
    kind: str  # caption | header | label | group | outer | note | value | empty
    rs: int = 1
    cs: int = 1
    key: CellKey | None = None  # (table, row, col) of a value cell


@dataclass
class Grid:
    name: str  # "active" | "applications" | "review_litigation"
    n_cols: int
    cells: list[Cell] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # per grid row: "header", "caption:<table>", "data:<row>"...
    header_rows: int = 0  # rows at the top that form the (repeatable) table header

    @property
    def n_rows(self) -> int:
        return len(self.tags)

    def rows(self) -> list[list[Cell]]:
        """Cells by starting row, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.r].append(cell)
        for row in out:
            row.sort(key=lambda x: x.c)
        return out

    def row_of(self, tag: str) -> int:
        return self.tags.index(tag)

    def unmerged(self, *, vertical_only: bool = False) -> Grid:
        """The same table without merges: a merged cell's text stays in its top-left cell.
        vertical_only: undo only the vertical merges (group labels), keep the horizontal spans."""
        cells: list[Cell] = []
        for cell in self.cells:
            cs = cell.cs if vertical_only else 1
            cells.append(replace(cell, rs=1, cs=cs))
            for r in range(cell.r, cell.r + cell.rs):
                for c in range(cell.c, cell.c + cell.cs, cs):
                    if (r, c) != (cell.r, cell.c):
                        cells.append(Cell(r, c, "", "empty", 1, cs))
        return Grid(self.name, self.n_cols, cells, list(self.tags), self.header_rows)

    def slice(self, start: int, stop: int) -> Grid:
        """Rows [start, stop) as a grid of their own; spans are clipped, a clipped span keeps its
        text only in the part where it starts (as Word and WPS print a merged cell cut by a page)."""
        cells: list[Cell] = []
        for cell in self.cells:
            top, bottom = max(cell.r, start), min(cell.r + cell.rs, stop)
            if top >= bottom:
                continue
            text = cell.text if cell.r >= start else ""
            cells.append(replace(cell, r=top - start, rs=bottom - top, text=text))
        return Grid(self.name, self.n_cols, cells, self.tags[start:stop], 0)

    def check(self) -> None:
        seen: set[tuple[int, int]] = set()
        for cell in self.cells:
            for r in range(cell.r, cell.r + cell.rs):
                for c in range(cell.c, cell.c + cell.cs):
                    assert (r, c) not in seen, (self.name, r, c)
                    seen.add((r, c))
        assert len(seen) == self.n_rows * self.n_cols, (self.name, len(seen))


class _Builder:
    def __init__(self, values: Values, blanks: Iterable[CellKey], plus: bool) -> None:
        self.values = values
        self.blanks = {tuple(b) for b in blanks}
        self.plus = plus

    def value(self, r: int, c: int, table: str, row: str, col: str, cs: int = 1) -> Cell:
        v = self.values[table][row][col]
        text = "" if (table, row, col) in self.blanks else L.fmt_value(table, col, v, plus=self.plus)
        return Cell(r, c, text, "value", 1, cs, (table, row, col))


def active_grid(version: str, values: Values, blanks: Iterable[CellKey] = (), plus: bool = False) -> Grid:
    """Section 二: one 4-column grid of blocks (caption row, 信息内容 header row, data rows)."""
    b = _Builder(values, blanks, plus)
    g = Grid("active", L.ACTIVE_GRID_COLS)
    for block in L.ACTIVE_BLOCKS[version]:
        r = g.n_rows
        g.cells.append(Cell(r, 0, block.caption, "caption", 1, 4))
        g.tags.append(f"caption:{block.key}")
        r += 1
        g.cells.append(Cell(r, 0, L.ACTIVE_FIRST_HEADER, "header"))
        n = len(block.columns)
        if n == 1:
            g.cells.append(Cell(r, 1, block.columns[0][0], "header", 1, 3))
        else:
            g.cells += [Cell(r, 1 + i, lab, "header") for i, (lab, _) in enumerate(block.columns)]
            g.cells += [Cell(r, c, "", "empty") for c in range(1 + n, 4)]
        g.tags.append(f"header:{block.key}")
        for label, row in block.rows:
            r = g.n_rows
            g.cells.append(Cell(r, 0, label, "label"))
            if n == 1:
                g.cells.append(b.value(r, 1, block.key, row, block.columns[0][1], cs=3))
            else:
                g.cells += [b.value(r, 1 + i, block.key, row, col) for i, (_, col) in enumerate(block.columns)]
                g.cells += [Cell(r, c, "", "empty") for c in range(1 + n, 4)]
            g.tags.append(f"data:{block.key}.{row}")
    g.check()
    return g


def applications_grid(version: str, values: Values, blanks: Iterable[CellKey] = (), plus: bool = False) -> Grid:
    """Section 三: 3 label columns (outer 三、 / group （三） / item) + 7 value columns, 3 header rows."""
    b = _Builder(values, blanks, plus)
    g = Grid("applications", 10, header_rows=3)
    g.cells += [
        Cell(0, 0, L.APP_NOTE, "note", 3, 3),
        Cell(0, 3, L.APP_TOP, "header", 1, 7),
        Cell(1, 3, L.APP_NATURAL, "header", 2, 1),
        Cell(1, 4, L.APP_LEGAL, "header", 1, 5),
        Cell(1, 9, L.APP_TOTAL, "header", 2, 1),
    ]
    g.cells += [Cell(2, 4 + i, lab, "header") for i, (lab, _) in enumerate(L.APP_COLUMNS[1:6])]
    g.tags += ["header"] * 3
    rows = L.APP_ROWS[version]
    for i, row in enumerate(rows):
        r = 3 + i
        prev = rows[i - 1] if i else None
        if row.outer is None:
            g.cells.append(Cell(r, 0, row.label, "label", 1, 3))
        else:
            if prev is None or prev.outer != row.outer:
                span = sum(1 for x in rows if x.outer == row.outer)
                g.cells.append(Cell(r, 0, row.outer, "outer", span, 1))
            if row.group is None:
                g.cells.append(Cell(r, 1, row.label, "label", 1, 2))
            else:
                if prev is None or prev.group != row.group:
                    span = sum(1 for x in rows if x.group == row.group)
                    g.cells.append(Cell(r, 1, row.group, "group", span, 1))
                g.cells.append(Cell(r, 2, row.label, "label"))
        g.cells += [b.value(r, 3 + j, "applications", row.key, col) for j, col in enumerate(L.APP_COL_KEYS)]
        g.tags.append(f"data:{row.key}")
    g.check()
    return g


def review_grid(values: Values, blanks: Iterable[CellKey] = (), plus: bool = False) -> Grid:
    """Section 四: 行政复议 ×5 | 行政诉讼 (未经复议直接起诉 ×5, 复议后起诉 ×5), 3 header rows, 1 data row."""
    b = _Builder(values, blanks, plus)
    g = Grid("review_litigation", 15, header_rows=3)
    g.cells += [Cell(0, 0, L.REVIEW, "header", 1, 5), Cell(0, 5, L.LITIGATION, "header", 1, 10)]
    g.cells += [Cell(1, i, lab, "header", 2, 1) for i, (lab, _) in enumerate(L.REVIEW_RESULTS)]
    g.cells += [Cell(1, 5, L.REVIEW_GROUPS[1][0], "header", 1, 5), Cell(1, 10, L.REVIEW_GROUPS[2][0], "header", 1, 5)]
    g.cells += [Cell(2, 5 + i, L.REVIEW_RESULTS[i % 5][0], "header") for i in range(10)]
    g.cells += [b.value(3, i, "review_litigation", L.REVIEW_ROW, k) for i, k in enumerate(L.REVIEW_COL_KEYS)]
    g.tags += ["header"] * 3 + [f"data:{L.REVIEW_ROW}"]
    g.check()
    return g


# --------------------------------------------------------------------------- the document

Part = tuple[str, "str | Grid"]  # ("title"|"para"|"heading", text) or ("table", Grid)
Shape = Callable[[list[Part]], list[Part]]


def _n(values: Values, table: str, row: str, col: str) -> int:
    return int(values[table][row][col] or 0)


def numeric_sentences(version: str, values: Values) -> dict[str, str]:
    """The prose sentences that repeat table figures (the 'text vs table' rule reads these)."""
    a = "applications"
    total = _n(values, a, "total", "total")
    granted = _n(values, a, "granted", "total")
    pct = f"{granted * 100 / total:.1f}" if total else "0"

    def group(prefix: str) -> int:
        return sum(_n(values, a, k, "total") for k in L.outcome_row_keys(version) if k.startswith(prefix))

    rl = values["review_litigation"][L.REVIEW_ROW]
    suits = int(rl["suit_direct.total"] or 0) + int(rl["suit_after_review.total"] or 0)
    return {
        "applications": (
            f"本年度共收到政府信息公开申请{_n(values, a, 'new_received', 'total')}件，"
            f"上年结转{_n(values, a, 'carried_over', 'total')}件，办结{total}件，"
            f"结转下年度继续办理{_n(values, a, 'carry_forward', 'total')}件。"
        ),
        "outcomes": (
            f"其中予以公开{granted}件，占{pct}%；部分公开{_n(values, a, 'partial', 'total')}件；"
            f"不予公开{group('denied.')}件；无法提供{group('unable.')}件；不予处理{group('not_processed.')}件；"
            f"其他处理{group('other')}件。"
        ),
        "review": f"本年度共发生政府信息公开行政复议{int(rl['review.total'] or 0)}件，行政诉讼{suits}件。",
    }


# what the prose says apart from figures: one wording for even years, another for odd ones, so that a body's two
# consecutive reports are not the same text (the rule years.text_copied would rightly say so)
OVERVIEW = (
    ("（三）政府信息管理。严格落实信息发布“三审三校”制度，动态调整主动公开基本目录。",
     "（四）平台建设。加强政府网站和政务新媒体管理，及时更新各栏目信息。",
     "（五）监督保障。将政务公开工作纳入年度绩效考核，组织业务培训3次。"),
    ("（三）政府信息管理。开展已公开政策文件清理，对失效文件逐件标注，保证信息准确。",
     "（四）平台建设。完成门户网站集约化迁移，新开设优化营商环境专栏。",
     "（五）监督保障。聘请社会监督员收集意见建议，对反映的问题限期整改到位。"),
)
PROBLEMS = (
    "我单位政府信息公开工作取得一定成效，但仍存在一些不足：一是公开内容的深度和广度有待拓展；二是政策解读形式"
    "较为单一。下一步，将加强业务培训，提升公开质量。",
    "对照新形势新要求，工作中还有差距：部分科室对主动公开的认识不够到位，信息报送不够及时；依申请公开答复"
    "文书的说理还需加强。今后将健全考核通报机制，组织答复文书评查。",
)


def document(version: str, year: int, agency: str, values: Values, *, blanks: Iterable[CellKey] = (),
             plus: bool = False, prose: bool = True, shape: Shape | None = None) -> list[Part]:
    """Title, intro, the six sections with their prose and tables, in report order; `shape` may change that
    list (leave a section out, reorder, rewrite its text) before it is written."""
    blanks = list(blanks)
    h = L.SECTION_HEADINGS
    nums = numeric_sentences(version, values)
    intro = (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开"
             f"工作年度报告格式》要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
             f"政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。{L.period_sentence(year)}"
             f"如对本报告有疑问，请与{agency}办公室联系（地址：人民路88号，邮编：225300，电话：0523-86812345）。")
    parts: list[Part] = [("title", L.title(agency, year)), ("para", intro), ("heading", h[0])]
    if prose:
        parts += [
            ("para", f"{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，"
                     f"围绕中心工作，扎实推进政府信息公开工作。"),
            ("para", "（一）主动公开。全年通过门户网站主动公开政府信息2186条，其中政策文件37件，"
                     "政策解读21篇，回应关切12次。"),
            ("para", f"（二）依申请公开。{nums['applications']}{nums['outcomes']}"),
            ("para", OVERVIEW[year % 2][0]),
            ("para", OVERVIEW[year % 2][1]),
            ("para", OVERVIEW[year % 2][2]),
        ]
    parts += [("heading", h[1]), ("table", active_grid(version, values, blanks, plus)), ("heading", h[2])]
    if prose:
        parts.append(("para", nums["applications"]))
    parts += [("table", applications_grid(version, values, blanks, plus)), ("heading", h[3])]
    if prose:
        parts.append(("para", nums["review"]))
    parts += [("table", review_grid(values, blanks, plus)), ("heading", h[4])]
    if prose:
        parts.append(("para", f"{year}年，{PROBLEMS[year % 2]}"))
    parts.append(("heading", h[5]))
    if prose:
        parts.append(("para", f"本年度未收取信息处理费。{agency}网站网址为 http://www.example.gov.cn/，如需了解更多"
                              f"政府信息，请登录查询。"))
    return shape(parts) if shape is not None else parts
