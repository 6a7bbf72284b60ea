"""A folder of reports: progress and cancel while checking, then one sortable, filterable row per report."""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gdchecker import batch, recheck
from gdchecker.archive import Archive
from gdchecker.changes import ADDED, CHANGED, DELETED, FolderChanges
from gdchecker.check import Result
from gdchecker.gui import palette
from gdchecker.gui.models import ListModel
from gdchecker.gui.rollupview import RollupPanel
from gdchecker.model import Severity

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class BatchThread(QThread):
    """Runs batch.run (parallel processes) through the archive (recheck.run) and pairs the years, off the GUI
    thread; `changes`: what changed in the folder since its last run."""

    progressed = Signal(object)  # batch.Progress
    done = Signal(list)  # list[Result]

    def __init__(self, paths: list[str], parent=None, folder: str | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.paths = paths
        self.folder = folder
        self.cancel = threading.Event()
        self.changes: FolderChanges | None = None

    def run(self) -> None:
        store = Archive.open()  # opened, used and closed in this thread (never in the worker processes)
        try:
            run = recheck.run(self.paths, store, progress=self.progressed.emit, cancel=self.cancel)
            batch.pair_years(run.results, earlier=recheck.earlier(run))
            changes = recheck.remember(run, [self.folder] if self.folder else [])
            self.changes = changes[0] if changes else None
        finally:
            if store is not None:
                store.close()
        self.done.emit(run.results)


class SummaryModel(ListModel):
    HEADERS = ["文件", "单位", "年度", "格式", "错误", "警告", "状态", "主要问题", "与上次相比"]
    changes: FolderChanges | None = None

    @property
    def results(self) -> list[Result]:
        return self.items

    def set_results(self, results: list[Result]) -> None:
        self.beginResetModel()
        self.items = list(results)
        self.endResetModel()

    @staticmethod
    def counts(r: Result) -> tuple[int, int]:
        fs = r.findings or []
        return (sum(f.severity == Severity.ERROR for f in fs), sum(f.severity == Severity.WARNING for f in fs))

    @staticmethod
    def status(r: Result) -> str:
        if r.error is not None:
            return "无法读取"
        e, w = SummaryModel.counts(r)
        return "有错误" if e else ("有警告" if w else "通过")

    def change(self, r: Result) -> str:
        c = self.changes.of(r.path) if self.changes is not None else None
        return c.text if c is not None else ""

    def data(self, index: Index, role: int = Qt.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        r = self.results[index.row()]
        col = index.column()
        rep = r.report
        e, w = self.counts(r)
        values = [os.path.basename(r.path), rep.agency if rep else "", rep.year if rep else None,
                  rep.format_version if rep else "", e if rep else None, w if rep else None, self.status(r),
                  (r.error.message if r.error else "；".join(batch.summary_findings(r))), self.change(r)]
        if role == Qt.DisplayRole:
            v = values[col]
            return "" if v is None else str(v)
        if role == Qt.UserRole:  # sorting: numbers as numbers
            v = values[col]
            return v if isinstance(v, int) else str(v or "")
        if role == Qt.ToolTipRole:
            return r.path if col == 0 else (values[7] if col == 7 else None)
        if role == Qt.BackgroundRole and col == 6:
            s = self.status(r)
            if s in ("有错误", "无法读取"):
                return QBrush(palette.FILL[Severity.ERROR])
            if s == "有警告":
                return QBrush(palette.FILL[Severity.WARNING])
        if role == Qt.DecorationRole and col == 6:
            s = self.status(r)
            if s in ("有错误", "无法读取"):
                return palette.icon(Severity.ERROR)
            if s == "有警告":
                return palette.icon(Severity.WARNING)
        return None


def _since(changes: FolderChanges | None) -> str:
    """The state line's note of what changed since the folder's last run, the files no longer there named."""
    if changes is None or changes.since is None:
        return ""
    n = {s: sum(c.state == s for c in changes.changes) for s in (CHANGED, ADDED, DELETED)}
    if not any(n.values()):
        return "；与上次相比没有文件变化"
    gone = [c.rel for c in changes.changes if c.state == DELETED]
    names = f"（{'、'.join(gone[:3])}{' 等' if len(gone) > 3 else ''}）" if gone else ""
    return "；与上次相比：" + "、".join(f"{s} {k} 份" for s, k in n.items() if k) + names


class SummaryFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.text = ""
        self.status = ""
        self.setSortRole(Qt.UserRole)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        m = self.sourceModel()
        if self.status and m.data(m.index(row, 6, parent), Qt.DisplayRole) != self.status:
            return False
        if self.text:
            hay = " ".join(str(m.data(m.index(row, c, parent), Qt.DisplayRole) or "") for c in range(m.columnCount()))
            return self.text in hay
        return True


class BatchView(QWidget):
    open_report = Signal(object)  # a Result to show in the normal view
    finished = Signal()

    def __init__(self, paths: list[str], folder: str, parent=None,  # noqa: ANN001
                 skipped: list[tuple[str, str]] | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.skipped = list(skipped or [])
        self.model = SummaryModel(self)
        self.proxy = SummaryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.Interactive)
        for c, w in enumerate((260, 200, 60, 60, 50, 50, 90, 420, 150)):
            self.table.setColumnWidth(c, w)
        hh.setSectionResizeMode(7, QHeaderView.Stretch)  # 主要问题 takes the room left: 与上次相比 stays in sight
        self.table.doubleClicked.connect(self._open)
        self.table.setAccessibleName("批量检查结果")
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.state = QLabel(f"正在查找 {folder} 中的报告…")
        self.cancel_btn = QPushButton("取消")
        self.cancel_btn.clicked.connect(self.stop)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("筛选：单位、文件名、问题…")
        self.filter.textChanged.connect(self._filter)
        self.status = QComboBox()
        for s in ("", "有错误", "有警告", "通过", "无法读取"):
            self.status.addItem(s or "全部状态", s)
        self.status.currentIndexChanged.connect(self._filter)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_btn)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.status)
        self.export_btn = QPushButton("导出 Excel…")
        self.export_btn.setToolTip("把全部报告的汇总和问题清单导出为一个 Excel 工作簿")
        self.export_btn.setEnabled(False)
        bar.addWidget(self.export_btn)
        self.rollup_btn = QPushButton("选择汇总报告…")
        self.rollup_btn.setToolTip("选择全市或全区的汇总报告，逐格核对其统计表是否等于本文件夹中各单位报告之和")
        self.rollup_btn.setEnabled(False)
        self.rollup_btn.clicked.connect(lambda: self.rollup.choose(self.folder, self.results))
        bar.addWidget(self.rollup_btn)
        self.rollup = RollupPanel(self)
        hint = QLabel("双击一行打开该报告；列标题可排序")
        # the workbooks this program exported lie in the folder too: named, not counted
        self.skipped_label = QLabel()
        self.skipped_label.setWordWrap(True)
        if self.skipped:
            names = "、".join(os.path.basename(p) for p, _ in self.skipped[:5])
            more = f" 等 {len(self.skipped)} 个" if len(self.skipped) > 5 else ""
            self.skipped_label.setText(f"已跳过 {names}{more}（{self.skipped[0][1]}）")
            self.skipped_label.setToolTip("\n".join(f"{p}：{why}" for p, why in self.skipped))
        self.skipped_label.setVisible(bool(self.skipped))
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.rollup, 1)
        lay.addWidget(self.skipped_label)
        lay.addWidget(hint)
        self.results: list[Result] = []
        self.thread = BatchThread(paths, self, folder)
        self.progress.setRange(0, max(1, len(paths)))
        self.thread.progressed.connect(self._progressed)
        self.thread.done.connect(self._done)
        self.thread.start()

    def _progressed(self, p: batch.Progress) -> None:
        self.progress.setValue(p.done)
        left = p.remaining
        eta = f"，约剩 {int(left // 60)} 分 {int(left % 60)} 秒" if left is not None and p.done < p.total else ""
        self.state.setText(f"已检查 {p.done} / {p.total}：{os.path.basename(p.current)}{eta}")

    def _done(self, results: list[Result]) -> None:
        self.results = results
        self.model.changes = self.thread.changes
        self.model.set_results(results)
        total = len(self.thread.paths)
        bad = sum(r.error is not None for r in results)
        errs = sum(SummaryModel.counts(r)[0] > 0 for r in results)
        cancelled = "（已取消）" if len(results) < total else ""
        skipped = f"；另有 {len(self.skipped)} 个本程序导出的文件已跳过" if self.skipped else ""
        self.state.setText(f"共 {len(results)} 份报告{cancelled}：{errs} 份有错误，{bad} 份无法读取{skipped}"
                           + _since(self.thread.changes))
        self.cancel_btn.setEnabled(False)
        self.export_btn.setEnabled(bool(results))
        self.rollup_btn.setEnabled(bool(results))
        self.finished.emit()

    def stop(self) -> None:
        self.rollup.stop()
        self.thread.cancel.set()
        self.state.setText("正在取消…")

    def _filter(self) -> None:
        self.proxy.text = self.filter.text().strip()
        self.proxy.status = self.status.currentData()
        self.proxy.invalidateFilter()

    def _open(self, index: QModelIndex) -> None:
        r = self.model.results[self.proxy.mapToSource(index).row()]
        self.open_report.emit(r)
