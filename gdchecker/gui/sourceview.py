"""The source beside the table: the PDF page with the table and the selected cell marked, or the text around it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPen, QPixmap, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gdchecker import inputs
from gdchecker.grids import heading
from gdchecker.model import Box, CellRef
from gdchecker.session import Session
from gdchecker.sourcerow import row_line

RENDER = 2.0  # pixels per PDF point when rendering; the page is then scaled to the panel's width
ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)  # times the panel's width


class SourceView(QWidget):
    def __init__(self, session: Session, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        self.caption = QLabel("原文")
        self.caption.setWordWrap(True)
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(False)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.NoWrap)  # a table row stays on one line
        self.stack = QStackedWidget()
        self.stack.addWidget(self.scroll)
        self.stack.addWidget(self.text)
        self.zoom = 1.0  # the page's width as a multiple of the panel's (1: fit to width)
        self.zoom_out = QToolButton(text="－", toolTip="缩小（Ctrl+滚轮向下，Ctrl+-）", autoRaise=True)
        self.zoom_in = QToolButton(text="＋", toolTip="放大（Ctrl+滚轮向上，Ctrl++）", autoRaise=True)
        self.zoom_fit = QToolButton(text="适合宽度", toolTip="页面宽度与窗格同宽（Ctrl+0）", autoRaise=True)
        self.zoom_text = QLabel()
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(1))
        self.zoom_fit.clicked.connect(lambda: self.set_zoom(1.0))
        for keys, step in (((QKeySequence.ZoomIn, "Ctrl+="), 1), ((QKeySequence.ZoomOut,), -1), (("Ctrl+0",), 0)):
            for k in keys:
                sc = QShortcut(QKeySequence(k), self, context=Qt.WidgetWithChildrenShortcut)
                sc.activated.connect(lambda step=step: self.step_zoom(step) if step else self.set_zoom(1.0))
        head = QHBoxLayout()
        for w in (self.zoom_out, self.zoom_text, self.zoom_in, self.zoom_fit):
            head.addWidget(w)
        head.addStretch(1)
        self.scroll.viewport().installEventFilter(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.caption)
        lay.addLayout(head)
        lay.addWidget(self.stack, 1)
        self.is_pdf = session.path.lower().endswith(".pdf") or inputs.is_pdf(session.path)
        self._pdf = None
        self._page_cache: dict[tuple[int, float], QImage] = {}
        self._shown: tuple[str, CellRef | None] | None = None
        self.shown_line: int | None = None  # the line of the text shown for the selected row (not for a PDF)
        self._zoom_shown()
        if not self.is_pdf:
            for w in (self.zoom_out, self.zoom_in, self.zoom_fit, self.zoom_text):
                w.hide()
            lines = session.original.text or session.original.prose
            self.text.setPlainText("\n".join(line.replace("\n", " ") for line in lines))
            self.stack.setCurrentWidget(self.text)

    # -- PDF -----------------------------------------------------------------------------------------------
    def _page_image(self, page: int, width: int) -> tuple[QImage, float] | None:
        """The page rendered sharp enough for `width` pixels, and its pixels per PDF point."""
        try:
            import pypdfium2 as pdfium

            if self._pdf is None:
                self._pdf = pdfium.PdfDocument(self.session.path)
            pdf_page = self._pdf[page - 1]
            # a scanned page put in upside down or sideways was read upright: it is shown upright, as its boxes are
            turn = self.session.original.turns.get(page, 0) % 4
            points = (pdf_page.get_height() if turn % 2 else pdf_page.get_width()) or 595.0
        except Exception:  # the file moved or is unreadable now: the table still works
            return None
        scale = max(RENDER, min(6.0, round(width / points * 2 + 0.5) / 2))  # in half steps, at most 6 px/pt
        key = (page, scale)
        if key not in self._page_cache:
            try:
                pil = pdf_page.render(scale=scale, rotation=(360 - 90 * turn) % 360).to_pil().convert("RGB")
            except Exception:
                return None
            if len(self._page_cache) > 8:  # a few pages at a few sizes; older ones are rendered again when asked
                self._page_cache.pop(next(iter(self._page_cache)))
            data = pil.tobytes("raw", "RGB")
            self._page_cache[key] = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format_RGB888).copy()
        return self._page_cache[key], scale

    def show_table(self, table: str, cell: CellRef | None = None) -> None:
        t = self.session.report.tables.get(table)
        if t is None:
            self.caption.setText("报告中没有找到这张表")
            return
        if not self.is_pdf:
            self._show_text(table, cell)
            return
        boxes = [c.box for row in t.cells.values() for c in row.values() if c.box is not None]
        target = None
        if cell is not None:
            c = t.cell(cell.row, cell.col)
            target = c.box if c else None
        page = target.page if target else (t.page or (boxes[0].page if boxes else 1))
        width = int(max(200, self.scroll.viewport().width() - 4) * self.zoom)
        got = self._page_image(page, width)
        if got is None:
            self.caption.setText("无法显示原文页面")
            return
        img, rendered = got
        pm = QPixmap.fromImage(img)
        scale = rendered * width / pm.width()
        pm = pm.scaledToWidth(width, Qt.SmoothTransformation)
        p = QPainter(pm)
        p.setRenderHint(QPainter.Antialiasing)
        region = [b for b in boxes if b.page == page]
        if region:
            p.setPen(QPen(QColor(26, 115, 232), 2))
            p.drawRect(_rect(_union(region), scale).adjusted(-4, -4, 4, 4))
        if target is not None:
            p.setPen(QPen(QColor(217, 48, 37), 3))
            p.drawRect(_rect(target, scale).adjusted(-3, -2, 3, 2))
        p.end()
        self.page_label.setPixmap(pm)
        self.page_label.resize(pm.size())
        self.caption.setText(f"原文第 {page} 页" + ("（红框：所选单元格）" if target else "（蓝框：表格范围）"))
        self.caption.setToolTip("蓝框为表格范围，红框为所选单元格")
        self._shown = (table, cell)
        if target is not None:
            r = _rect(target, scale)
            self.scroll.ensureVisible(int(r.center().x()), int(r.center().y()), 80, 120)

    # -- Word, web page, text ------------------------------------------------------------------------------
    def show_part(self, number: str) -> None:
        """Where one of the six parts begins: its heading's line (in a text source; a PDF's lines keep no page)."""
        part = next((p for p in self.session.original.parts if p.number == number), None)
        if part is None or self.is_pdf:
            return
        block = self.text.document().findBlockByNumber(part.line)
        if not block.isValid():
            return
        self._select_line(block, part.line)
        self.caption.setText(f"原文第 {part.line + 1} 行（{part.heading or '此部分的标题未找到，从第一项开始'}）")

    def _show_text(self, table: str, cell: CellRef | None) -> None:
        t = self.session.original.tables[table]
        labels = dict(t.row_labels) or {"": heading(table)}
        line = row_line(self.session.original.text or self.session.original.prose, labels,
                        cell.row if cell else None)
        block = self.text.document().findBlockByNumber(line) if line is not None else None
        if block is None or not block.isValid():
            self.caption.setText("原文")
            return
        self._select_line(block, line)
        shown = next((f.strip() for f in block.text().split("\t")
                      if f.strip() and not f.strip().replace(".", "").isdigit()), "")[:16]
        self.caption.setText(f"原文第 {line + 1} 行" + (f"（已定位到“{shown}”）" if shown else ""))

    def _select_line(self, block, line: int) -> None:  # noqa: ANN001 - the QTextBlock of LINE
        """The text's line LINE selected and brought to the middle of the panel."""
        cur = QTextCursor(block)
        cur.movePosition(QTextCursor.EndOfBlock, QTextCursor.KeepAnchor)
        self.text.setTextCursor(cur)
        self.text.centerCursor()
        self.shown_line = line

    # -- zoom ----------------------------------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(ZOOMS[-1], max(ZOOMS[0], zoom))
        self._zoom_shown()
        if self.is_pdf and self._shown is not None:
            self.show_table(*self._shown)

    def step_zoom(self, step: int) -> None:
        if step > 0:
            self.set_zoom(next((z for z in ZOOMS if z > self.zoom + 1e-6), ZOOMS[-1]))
        else:
            self.set_zoom(next((z for z in reversed(ZOOMS) if z < self.zoom - 1e-6), ZOOMS[0]))

    def _zoom_shown(self) -> None:
        self.zoom_text.setText(f"{round(self.zoom * 100)}%")
        self.zoom_out.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in.setEnabled(self.zoom < ZOOMS[-1])

    def eventFilter(self, obj, e) -> bool:  # noqa: ANN001, N802 - Ctrl+wheel on the page zooms
        if e.type() == QEvent.Wheel and e.modifiers() & Qt.ControlModifier and self.is_pdf:
            dy = e.angleDelta().y()
            if dy:
                self.step_zoom(1 if dy > 0 else -1)
            return True
        return super().eventFilter(obj, e)

    def resizeEvent(self, e) -> None:  # noqa: ANN001, N802
        super().resizeEvent(e)
        if self.is_pdf and self._shown is not None:
            self.show_table(*self._shown)




def _union(boxes: list[Box]) -> Box:
    return Box(boxes[0].page, min(b.x0 for b in boxes), min(b.top for b in boxes),
               max(b.x1 for b in boxes), max(b.bottom for b in boxes))


def _rect(b: Box, scale: float):  # noqa: ANN202 - a QRect
    return QRectF(b.x0 * scale, b.top * scale, (b.x1 - b.x0) * scale, (b.bottom - b.top) * scale).toRect()

