"""What a check of one file loads: not the worker processes (they are for a folder), not the workbook, Word or
desktop libraries, not pdfplumber and pdfminer (a PDF's table pages are read by pdfium), and nothing of the other
commands. Each check runs in a fresh process (the modules loaded by
this test session do not count); the sample report is checked as the command line does. And the desktop app's
window is drawn before the reading, the session or the report and folder views are imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "gdchecker" / "resources" / "sample" / "sample-2023.pdf"

# loaded by a check of one file, the modules' names found in sys.modules once the command has run
RUN = """
import json, sys
from gdchecker.cli import main
try:
    main(sys.argv[1:])
except SystemExit:  # --help
    pass
sys.stdout.flush()
print("\\n@@MODULES@@" + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

NEVER = ("concurrent.futures.process", "multiprocessing", "openpyxl", "lxml", "docx", "PySide6", "shiboken6",
         "pdfplumber", "pdfminer", "cryptography", "charset_normalizer", "zipfile", "statistics",
         "gdchecker.pool", "gdchecker.rollup", "gdchecker.rollup_cli", "gdchecker.opinion.command",
         "gdchecker.opinion.files", "gdchecker.export.xlsx", "gdchecker.session", "gdchecker.gui", "gdchecker.changes",
         "gdchecker.corrections_file", "gdchecker.edits")


def _loaded(*args: str) -> tuple[set[str], str]:
    """The modules a fresh process had loaded after `gdchecker ARGS`, and its standard output."""
    out = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, encoding="utf-8",
                         timeout=300)
    _, _, modules = out.stderr.rpartition("@@MODULES@@")
    assert modules, out.stderr
    return set(json.loads(modules)), out.stdout


def _within(loaded: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in loaded if any(m == n or m.startswith(n + ".") for n in names))


def test_a_check_of_one_file_loads_nothing_it_does_not_use() -> None:
    loaded, out = _loaded("check", "--json", "--no-cache", str(SAMPLE))
    assert json.loads(out)[0]["file"] == str(SAMPLE)  # the check ran to its end
    assert "gdchecker.read.pdf" in loaded  # and the modules are what it used (the test sees them)
    assert _within(loaded, NEVER) == []


def test_the_help_loads_no_command() -> None:
    """Reading the arguments (here: the help) loads none of the commands' modules, nor the checker."""
    loaded, out = _loaded("--help")
    assert "命令" in out
    assert _within(loaded, (*NEVER, "gdchecker.check", "gdchecker.batch", "gdchecker.archive", "sqlite3")) == []


# the desktop app's window, built and drawn (offscreen), before any report is opened
WINDOW = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gdchecker.gui.mainwindow import MainWindow
w = MainWindow(QSettings(sys.argv[1], QSettings.IniFormat))
w.show()
app.processEvents()
print(json.dumps(sorted(sys.modules)))
"""


def test_the_window_is_drawn_before_the_reading_is_imported(tmp_path: Path) -> None:
    """The window's modules import the reading, the session and the report and folder views lazily, when the first
    report or folder is opened, so that the window is drawn first."""
    out = subprocess.run([sys.executable, "-c", WINDOW, str(tmp_path / "settings.ini")], capture_output=True,
                         text=True, encoding="utf-8", timeout=300)
    assert out.returncode == 0, out.stderr
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "gdchecker.gui.mainwindow" in loaded
    assert _within(loaded, ("gdchecker.read", "gdchecker.locate", "gdchecker.check", "gdchecker.session",
                            "gdchecker.export", "gdchecker.opinion", "gdchecker.batch", "gdchecker.gui.reportview",
                            "gdchecker.gui.batchview", "gdchecker.gui.worker")) == []
