"""Which kind of view a tab holds (a report's or a folder's), told without importing the views.

The report and folder views, and the reading behind them, are imported when the first report or folder is opened,
so that the window is drawn first; before that no such view exists, and a widget is neither."""

from __future__ import annotations

import sys


def is_report(w: object) -> bool:
    """A report's view (gdchecker.gui.reportview.ReportView)."""
    mod = sys.modules.get("gdchecker.gui.reportview")
    return mod is not None and isinstance(w, mod.ReportView)


def is_batch(w: object) -> bool:
    """A folder's view (gdchecker.gui.batchview.BatchView)."""
    mod = sys.modules.get("gdchecker.gui.batchview")
    return mod is not None and isinstance(w, mod.BatchView)
