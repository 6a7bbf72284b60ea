"""The main window's size and place: the first window fits the screen, a restored one is brought back onto it."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication


class WindowSizeMixin:
    """For the main window (a QMainWindow)."""

    def _screen_area(self):  # noqa: ANN202 - a QRect: the screen's room for windows (no task bar)
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def _first_size(self) -> None:
        """The first window: as large as the work wants (1500×900), never more than the screen has room for."""
        area = self._screen_area()
        if area is None:
            self.resize(1500, 900)
            return
        w, h = min(1500, int(area.width() * 0.95)), min(900, int(area.height() * 0.92))
        self.resize(w, h)
        self.move(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2)

    def _keep_on_screen(self) -> None:
        """A window restored from another (larger) screen is brought back within this one."""
        area = self._screen_area()
        if area is None:
            return
        w, h = min(self.width(), area.width()), min(self.height(), area.height())
        if (w, h) != (self.width(), self.height()):
            self.resize(w, h)
        x = min(max(self.x(), area.x()), area.x() + area.width() - w)
        y = min(max(self.y(), area.y()), area.y() + area.height() - h)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)
