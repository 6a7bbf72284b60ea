"""The main window's recent files: kept in the settings, listed in 文件 → 最近打开, where the open dialogs start."""

from __future__ import annotations

import os

from PySide6.QtGui import QAction

MAX_RECENT = 10


class RecentFilesMixin:
    """For the main window (a QMainWindow with settings, a recent_menu and open_path)."""

    def recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [p for p in (value or []) if isinstance(p, str)]

    def _remember(self, path: str) -> None:
        items = [path] + [p for p in self.recent() if p != path]
        self.settings.setValue("recent", items[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent()
        for i, p in enumerate(items):
            act = QAction(f"&{i + 1} {os.path.basename(p)}", self)
            act.setToolTip(p)
            act.triggered.connect(lambda _c=False, p=p: self.open_path(p))
            self.recent_menu.addAction(act)
        self.recent_menu.setEnabled(bool(items))

    def _start_folder(self) -> str:
        """Where the open dialogs start: the folder of the report opened last (else the dialog's own choice)."""
        return os.path.dirname(self.recent()[0]) if self.recent() else ""
