"""The source beside the table: the PDF page with the table and the selected cell marked, or the text around it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from gdchecker.model import Box, CellRef
from gdchecker.session import Session

RENDER = 2.0  # pixels per PDF point when rendering; the page is then scaled to the panel's width


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
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.caption)
        lay.addWidget(self.stack, 1)
        self.is_pdf = session.path.lower().endswith(".pdf") or _is_pdf(session.path)
        self._pdf = None
        self._page_cache: dict[int, QImage] = {}
        self._shown: tuple[str, CellRef | None] | None = None
        if not self.is_pdf:
            self.text.setPlainText("\n".join(session.original.text or session.original.prose))
            self.stack.setCurrentWidget(self.text)

    # -- PDF -----------------------------------------------------------------------------------------------
    def _page_image(self, page: int) -> QImage | None:
        if page in self._page_cache:
            return self._page_cache[page]
        try:
            import pypdfium2 as pdfium

            if self._pdf is None:
                self._pdf = pdfium.PdfDocument(self.session.path)
            pil = self._pdf[page - 1].render(scale=RENDER).to_pil().convert("RGB")
        except Exception:  # the file moved or is unreadable now: the table still works
            return None
        data = pil.tobytes("raw", "RGB")
        img = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format_RGB888).copy()
        self._page_cache[page] = img
        return img

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
        img = self._page_image(page)
        if img is None:
            self.caption.setText("无法显示原文页面")
            return
        pm = QPixmap.fromImage(img)
        width = max(200, self.scroll.viewport().width() - 4)
        scale = RENDER * width / pm.width()
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
        self.caption.setText(f"原文第 {page} 页" + ("（红框为所选单元格，蓝框为表格范围）" if target else "（蓝框为表格范围）"))
        self._shown = (table, cell)
        if target is not None:
            r = _rect(target, scale)
            self.scroll.ensureVisible(int(r.center().x()), int(r.center().y()), 80, 120)

    # -- Word, web page, text ------------------------------------------------------------------------------
    def _show_text(self, table: str, cell: CellRef | None) -> None:
        t = self.session.original.tables[table]
        label = t.row_labels.get(cell.row) if cell else None
        needle = (label or next(iter(t.row_labels.values()), "")).strip()[:12]
        doc = self.text.document()
        found = doc.find(needle) if needle else QTextCursor()
        if not found.isNull():
            self.text.setTextCursor(found)
            self.text.centerCursor()
            self.caption.setText(f"原文（已定位到“{needle}”）")
        else:
            self.caption.setText("原文")


    def resizeEvent(self, e) -> None:  # noqa: ANN001, N802
        super().resizeEvent(e)
        if self.is_pdf and self._shown is not None:
            self.show_table(*self._shown)


def _is_pdf(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(5) == b"%PDF-"
    except OSError:
        return False


def _union(boxes: list[Box]) -> Box:
    return Box(boxes[0].page, min(b.x0 for b in boxes), min(b.top for b in boxes),
               max(b.x1 for b in boxes), max(b.bottom for b in boxes))


def _rect(b: Box, scale: float):  # noqa: ANN202 - a QRect
    return QRectF(b.x0 * scale, b.top * scale, (b.x1 - b.x0) * scale, (b.bottom - b.top) * scale).toRect()

