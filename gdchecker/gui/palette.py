"""Colours and icons for severities: readable on light backgrounds, also for colour-blind users (icons differ)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

from gdchecker.model import Severity

FILL = {
    Severity.ERROR: QColor("#f8c9c4"),
    Severity.WARNING: QColor("#fde7b0"),
    Severity.INFO: QColor("#d9e8fb"),
}
EDITED = QColor("#cfe9d4")
HEADER = QColor("#eef1f5")
SELECTED_FINDING = QColor("#8fb8f0")

_icons: dict[Severity, QIcon] = {}


def icon(sev: Severity) -> QIcon:
    """A red disc for errors, an amber triangle for warnings, a blue square for notes."""
    if sev in _icons:
        return _icons[sev]
    pm = QPixmap(32, 32)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(Qt.NoPen)
    if sev == Severity.ERROR:
        p.setBrush(QColor("#d93025"))
        p.drawEllipse(3, 3, 26, 26)
    elif sev == Severity.WARNING:
        p.setBrush(QColor("#e8a200"))
        p.drawPolygon(QPolygonF([QPointF(16, 2), QPointF(30, 29), QPointF(2, 29)]))
    else:
        p.setBrush(QColor("#1a73e8"))
        p.drawRoundedRect(4, 4, 24, 24, 4, 4)
    p.setPen(QColor("white"))
    f = p.font()
    f.setBold(True)
    f.setPixelSize(18)
    p.setFont(f)
    p.drawText(pm.rect().adjusted(0, 3 if sev == Severity.WARNING else 0, 0, 0), Qt.AlignCenter,
               "!" if sev != Severity.INFO else "i")
    p.end()
    _icons[sev] = QIcon(pm)
    return _icons[sev]
