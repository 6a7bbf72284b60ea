"""Reading and checking a report off the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal

from gdchecker.check import Result, check_file


class CheckThread(QThread):
    """Runs check_file in its own thread; `done` carries the Result (never an exception), `pages` (done, total)
    after each page while a scan is recognised."""

    done = Signal(object)
    pages = Signal(int, int)

    def __init__(self, path: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.path = path
        self.worker_thread_id: int | None = None

    def run(self) -> None:
        self.worker_thread_id = threading.get_ident()
        result: Result = check_file(self.path, progress=self.pages.emit)
        self.done.emit(result)
