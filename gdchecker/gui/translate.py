"""Qt's own words in Chinese: the standard dialogs (打开/保存, 取消, 是/否) from Qt's zh_CN translation."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

NAMES = ("qtbase_zh_CN", "qt_zh_CN")


def _folders() -> list[str]:
    """Where Qt's .qm files are: Qt's own translations folder, then beside a packaged program's Qt."""
    out = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    base = getattr(sys, "_MEIPASS", None)
    if base:
        out += [os.path.join(base, "PySide6", "Qt", "translations"), os.path.join(base, "PySide6", "translations")]
    return [f for f in out if f and os.path.isdir(f)]


def install(app: QApplication) -> QTranslator | None:
    """Load Qt's Chinese translation into the app (kept on the app so it lives as long); None where none is found."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    for folder in _folders():
        for name in NAMES:
            t = QTranslator(app)
            if t.load(name, folder):
                app.installTranslator(t)
                app.setProperty("gdchecker_translator", t)
                return t
    return None
