"""Reading and checking a report off the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal

from gdchecker.check import Cancelled, Result, check_file


class CheckThread(QThread):
    """Runs check_file in its own thread; `done` carries the Result (never an exception), `pages` (done, total)
    after each page while a scan is recognised."""

    done = Signal(object)
    pages = Signal(int, int)

    def __init__(self, path: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.path = path
        self.worker_thread_id: int | None = None
        self.cancel = threading.Event()  # set from the GUI: the reading stops after the page being recognised

    def _page(self, done: int, total: int) -> None:
        self.pages.emit(done, total)
        if self.cancel.is_set():
            raise Cancelled

    def run(self) -> None:
        self.worker_thread_id = threading.get_ident()
        result: Result = check_file(self.path, progress=self._page)
        self.done.emit(result)
