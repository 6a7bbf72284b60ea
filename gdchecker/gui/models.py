"""Thin Qt models over a Session: the report tree, one table's grid, the findings list."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from gdchecker import repair
from gdchecker.grids import Grid, grid, heading, section_tables, sections
from gdchecker.gui import palette
from gdchecker.model import CellRef, Finding, Severity, by_severity
from gdchecker.names import place, section_name
from gdchecker.session import Session

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
COUNTS_ROLE = Qt.UserRole + 10  # the tree node's “（错误 1）”, kept whole when its label is shortened


@dataclass(eq=False)
class Node:
    kind: str  # report | section | table | row
    key: str
    text: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    table: str | None = None

    def row_in_parent(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


def _counts_text(counts: dict[Severity, int]) -> str:
    parts = []
    if counts[Severity.ERROR]:
        parts.append(f"错误 {counts[Severity.ERROR]}")
    if counts[Severity.WARNING]:
        parts.append(f"警告 {counts[Severity.WARNING]}")
    return f"（{'，'.join(parts)}）" if parts else ""


class ReportTreeModel(QAbstractItemModel):
    """report → six sections → statistical tables → rows; each node shows its error and warning counts."""

    def __init__(self, session: Session, name: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        self.root = Node("root", "", "")
        top = Node("report", "", name, self.root)
        self.root.children.append(top)
        report = session.report
        for part in sections():
            sec = Node("section", part.number, part.heading, top)
            top.children.append(sec)
            tables = section_tables(report, part.number)
            for key in tables:
                # a section's only table is named by its number (“表三”): the section above says what it is
                title = heading(key)
                text = title.split(" ")[0] if len(tables) == 1 and " " in title else title
                tn = Node("table", key, text, sec, table=key)
                sec.children.append(tn)
                lay = grid(report, key)
                if key in report.tables and lay is not None and lay.labelled:
                    for rk, label in lay.rows:
                        tn.children.append(Node("row", rk, label, tn, table=key))
        self.report_node = top

    # -- structure -----------------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = self.node(parent)
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: Node = index.internalPointer()
        p = node.parent
        if p is None or p is self.root:
            return QModelIndex()
        return self.createIndex(p.row_in_parent(), 0, p)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def node(self, index: Index) -> Node:
        return index.internalPointer() if index.isValid() else self.root

    def index_of_section(self, number: str) -> QModelIndex:
        for sec in self.report_node.children:
            if sec.key == number:
                return self.createIndex(sec.row_in_parent(), 0, sec)
        return QModelIndex()

    def index_of(self, table: str | None, row: str | None = None) -> QModelIndex:
        for sec in self.report_node.children:
            for t in sec.children:
                if t.key == table:
                    if row:
                        for r in t.children:
                            if r.key == row:
                                return self.createIndex(r.row_in_parent(), 0, r)
                    return self.createIndex(t.row_in_parent(), 0, t)
        return QModelIndex()

    # -- content -------------------------------------------------------------------------------------------
    def _counts(self, node: Node) -> dict[Severity, int]:
        s = self.session
        if node.kind == "report":
            return s.counts()
        if node.kind == "section":
            total = s.counts(section=node.key)
            for t in node.children:
                for sev, n in s.counts(t.key).items():
                    total[sev] += n
            return total
        if node.kind == "table":
            return s.counts(node.key)
        return s.counts(node.table, node.key)

    def data(self, index: Index, role: int = Qt.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        node = self.node(index)
        missing = node.kind == "table" and node.key not in self.session.report.tables
        if role == Qt.DisplayRole:
            suffix = "（未找到）" if missing else ""
            if node.kind == "section" and not node.children and node.key not in self.session.report.sections:
                suffix = "（正文中未找到此标题）"
            return f"{node.text}{suffix}{_counts_text(self._counts(node))}"
        if role == COUNTS_ROLE:
            return _counts_text(self._counts(node))
        if role == Qt.DecorationRole:
            c = self._counts(node)
            for sev in (Severity.ERROR, Severity.WARNING):
                if c[sev]:
                    return palette.icon(sev)
            return None
        if role == Qt.ToolTipRole:
            if missing:
                why = [f.message for f in self.session.findings if f.table == node.key and f.code.startswith("structure.")]
                return "\n".join(why) or "报告中没有找到这张表"
            if node.kind == "section":
                said = [f.message for f in self.session.open_findings() if f.section == node.key]
                return "\n".join([node.text, *said])
            return (heading(node.key) or node.text) if node.kind == "table" else node.text
        if role == Qt.FontRole and node.kind in ("report", "section"):
            f = QFont()
            f.setBold(True)
            return f
        return None

    def refresh(self) -> None:
        """Counts changed after a correction: every node repaints."""
        def walk(parent: QModelIndex) -> None:
            n = self.rowCount(parent)
            if n:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(n - 1, 0, parent))
                for i in range(n):
                    walk(self.index(i, 0, parent))
        walk(QModelIndex())


class TableGridModel(QAbstractTableModel):
    """One statistical table as a grid like the official one; value cells are editable."""

    edited = Signal(object, str)  # CellRef, new text

    def __init__(self, session: Session, table: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        self.table = table
        lay = grid(session.report, table)
        assert lay is not None
        self.lay: Grid = lay
        self.highlight: set[CellRef] = set()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.lay.header) + len(self.lay.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self.lay.first_value_col + len(self.lay.cols)

    def ref(self, index: Index) -> CellRef | None:
        r = index.row() - len(self.lay.header)
        c = index.column() - self.lay.first_value_col
        if r < 0 or c < 0 or r >= len(self.lay.rows) or c >= len(self.lay.cols):
            return None
        return CellRef(self.table, self.lay.rows[r][0], self.lay.cols[c])

    def index_of(self, ref: CellRef) -> QModelIndex:
        try:
            r = [k for k, _ in self.lay.rows].index(ref.row)
            c = self.lay.cols.index(ref.col)
        except ValueError:
            return QModelIndex()
        return self.index(len(self.lay.header) + r, self.lay.first_value_col + c)

    def data(self, index: Index, role: int = Qt.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        nh = len(self.lay.header)
        if r < nh:
            if role == Qt.DisplayRole:
                return self.lay.header[r][c]
            if role == Qt.BackgroundRole:
                return QBrush(palette.HEADER)
            if role == Qt.TextAlignmentRole:
                return int(Qt.AlignCenter)
            return None
        ref = self.ref(index)
        if ref is None:  # the label column
            label = self.lay.rows[r - nh][1]
            if role == Qt.DisplayRole:
                return label
            if role == Qt.BackgroundRole:
                return QBrush(palette.HEADER)
            if role == Qt.ToolTipRole:
                printed = self.session.report.tables.get(self.table)
                seen = printed.row_labels.get(self.lay.rows[r - nh][0]) if printed else None
                return f"{label}\n报告中印作：{seen}" if seen and seen != label else label
            return None
        table = self.session.report.tables.get(self.table)
        cell = table.cell(ref.row, ref.col) if table else None
        edit = self.session.edit_of(ref)
        if role in (Qt.DisplayRole, Qt.EditRole):
            return cell.text if cell else ""
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        found = self.session.findings_at(ref)
        if role == Qt.BackgroundRole:
            if ref in self.highlight:
                return QBrush(palette.SELECTED_FINDING)
            # colour the cell a finding is about (a wrong total, a blank); its parts show when it is selected
            for sev in (Severity.ERROR, Severity.WARNING):
                if any(f.severity == sev and f.cells and f.cells[0] == ref for f in found):
                    return QBrush(palette.FILL[sev])
            if edit is not None:
                return QBrush(palette.EDITED)
            return None
        if role == Qt.FontRole and edit is not None:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ToolTipRole:
            lines = [f"[{f.severity.zh}] {f.message}" for f in found]
            if edit is not None:
                lines.append(f"原值：{edit.original or '（空）'}")
            if cell is None:
                lines.append("报告中没有读到这个单元格")
            return "\n".join(lines) or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.ref(index) is not None and self.table in self.session.report.tables:
            return base | Qt.ItemIsEditable
        return base

    def setData(self, index: Index, value, role: int = Qt.EditRole) -> bool:  # noqa: ANN001
        ref = self.ref(index)
        if ref is None or role != Qt.EditRole:
            return False
        self.edited.emit(ref, str(value))
        return True

    def refresh(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))


class ListModel(QAbstractTableModel):
    """A flat list shown as rows under fixed column titles (HEADERS); subclasses say what `items` hold."""

    HEADERS: list[str] = []

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.items: list = []

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: ANN201
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.HEADERS[section]
        return None


class FindingsModel(ListModel):
    HEADERS = ["级别", "位置", "说明", "已确认"]

    def __init__(self, session: Session, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        self.items: list[Finding] = by_severity(session.findings)

    def finding(self, row: int) -> Finding:
        return self.items[row]

    def data(self, index: Index, role: int = Qt.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        f = self.items[index.row()]
        col = index.column()
        acc = self.session.corrections.is_accepted(f)
        if role == Qt.DisplayRole:
            if col == 0:
                return f.severity.zh
            if col == 1:
                if f.cells:
                    return place(self.session.report, f.cells[0])
                if f.section:
                    return section_name(self.session.report, f.section)
                return heading(f.table or "") or "全文"
            if col == 2:
                return f.message + self._joint(f)
            return f"已确认：{acc.note}" if acc else ""
        if role == Qt.DecorationRole and col == 0:
            return palette.icon(f.severity)
        if role == Qt.ToolTipRole:
            fix = self.session.fix_of(f)
            told = f"\n建议：{repair.describe(self.session.report, fix)}" if fix is not None else ""
            return f.message + told + f"\n（代码 {f.code}）"
        if role == Qt.UserRole:
            return f.severity.value
        if role == Qt.UserRole + 1:
            return f.table or ""
        if role == Qt.ForegroundRole and acc:
            return QBrush(Qt.gray)
        return None

    def _joint(self, f: Finding) -> str:
        """“（可由一处修改同时消除）” where one repair clears this finding together with others."""
        fix = self.session.fix_of(f)
        if fix is None or len(fix.resolves) < 2:
            return ""
        n = "一" if len(fix.changes) == 1 else str(len(fix.changes))
        return f"（可由{n}处修改同时消除，见“采用建议值”）"

    def refresh(self) -> None:
        self.beginResetModel()
        self.items = by_severity(self.session.findings)
        self.endResetModel()

