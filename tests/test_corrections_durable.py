"""No correction is ever lost: the copy saved last wins wherever it lies, a file that cannot be read is moved
aside and said, files follow the user's umask, what a killed save left is cleaned up, and where nothing can be
written the edit stays, marked unsaved."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gdchecker import edits
from gdchecker.check import check_file
from gdchecker.model import CellRef
from gdchecker.session import Session
from tests.makers import make_values, write_text

REF = CellRef("applications", "granted", "research")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def report(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "r.txt"
    write_text(str(path), "2021", 2022, "某局", make_values("2021", seed=4), style="tabs")
    return path


def _session(path: Path) -> Session:
    return Session.open(str(path), check_file(str(path)).report)


def _refuse_beside(monkeypatch, path: Path) -> None:
    real = edits.Corrections.save

    def save(self, target):  # noqa: ANN001
        if target.parent == path.parent:
            raise PermissionError(13, "Permission denied")
        real(self, target)

    monkeypatch.setattr(edits.Corrections, "save", save)


def test_later_edits_in_the_data_folder_win_over_the_older_copy_beside(report, monkeypatch):
    s = _session(report)
    s.set_cell(REF, "3")
    beside = report.with_name(report.name + edits.SIDECAR_SUFFIX)
    assert s.saved_to == str(beside)
    _refuse_beside(monkeypatch, report)  # the folder turns read-only
    s.set_cell(REF, "4")
    s.set_cell(CellRef("applications", "granted", "commercial"), "987")
    assert s.saved_to != str(beside) and s.unsaved is None
    again = _session(report)
    assert again.corrections.edits[("applications", "granted", "research")].text == "4"
    assert ("applications", "granted", "commercial") in again.corrections.edits
    monkeypatch.undo()  # writable again: the next save goes past both copies, beside the report
    monkeypatch.setenv("XDG_DATA_HOME", str(report.parent / "data"))
    again.set_cell(REF, "5")
    assert again.saved_to == str(beside)
    assert _session(report).corrections.edits[("applications", "granted", "research")].text == "5"


@pytest.mark.parametrize("content", ["{", "", "null", "[]", "42", '{"foo": 1}', '{"format": 1, "edits": [{"table": 1}]}',
                                     '{"format": 1, "edits": null, "accepted": "x"}', '{"format": 99, "edits": []}',
                                     '{"format": 1, "edits": [], "previous": [1, 2]}'])
def test_a_file_that_cannot_be_read_is_moved_aside_and_said(report, content):
    beside = report.with_name(report.name + edits.SIDECAR_SUFFIX)
    beside.write_text(content, encoding="utf-8")
    s = _session(report)
    assert len(s.problems) == 1 and "无法读取" in s.problems[0]
    aside = list(report.parent.glob(report.name + ".gdchecker.broken-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == content
    assert aside[0].name in s.problems[0]
    s.set_cell(REF, "3")  # the next edit writes a fresh file; the broken one is kept
    assert json.loads(beside.read_text(encoding="utf-8"))["edits"][0]["text"] == "3"
    assert aside[0].read_text(encoding="utf-8") == content


def test_export_of_a_report_with_a_broken_corrections_file_says_so(report):
    beside = report.with_name(report.name + edits.SIDECAR_SUFFIX)
    beside.write_text('{"format": 1, "edits": [{"table": null}]}', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "gdchecker", "export", str(report), "-o", str(report.with_suffix(".xlsx"))],
                         capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=False)
    assert "Traceback" not in out.stderr and "[注意]" in out.stderr and "无法读取" in out.stderr
    assert out.returncode in (0, 1) and report.with_suffix(".xlsx").is_file()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_files_follow_the_users_umask(report):
    old = os.umask(0o002)
    try:
        s = _session(report)
        s.set_cell(REF, "3")
    finally:
        os.umask(old)
    mode = Path(s.saved_to).stat().st_mode & 0o777
    assert mode == 0o664


def test_what_a_killed_save_left_is_cleaned_up(report):
    beside = report.with_name(report.name + edits.SIDECAR_SUFFIX)
    leftover = beside.with_name(beside.name + ".k2j3h4.tmp")
    leftover.write_text("half", encoding="utf-8")
    other = report.with_name("another.txt.gdchecker.json.abc.tmp")  # another report's: not ours to remove
    other.write_text("x", encoding="utf-8")
    _session(report)
    assert not leftover.exists() and other.exists()


def test_where_nothing_can_be_written_the_edit_stays_marked_unsaved(report, monkeypatch):
    s = _session(report)

    def refuse(self, target):  # noqa: ANN001
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(edits.Corrections, "save", refuse)
    s.set_cell(REF, "3")
    assert s.unsaved and "无法保存" in s.unsaved and "No space left on device" in s.unsaved
    assert s.report.tables["applications"].cell("granted", "research").text == "3"  # kept in memory
    monkeypatch.undo()
    monkeypatch.setenv("XDG_DATA_HOME", str(report.parent / "data"))
    s.set_cell(CellRef("applications", "granted", "commercial"), "1")  # room again: everything is saved
    assert s.unsaved is None
    assert len(_session(report).corrections.edits) == 2


CHILD = """
import sys
sys.path.insert(0, {root!r})
from gdchecker import edits
path = {path!r}
loaded = edits.load(path)
corr = loaded.corrections
n = len(corr.edits)
while True:
    key = ("applications", f"row{{n}}", "total")
    corr.edits[key] = edits.Edit(*key, "", str(n), "t")
    edits.save(corr, path)
    print(n, flush=True)  # acknowledged: the save returned
    n += 1
"""


def test_kill_9_loop_loses_no_acknowledged_edit(report):
    code = CHILD.format(root=str(ROOT), path=str(report))
    rng = random.Random(7)
    acked = -1
    kills = 0
    deadline = time.monotonic() + 60
    while kills < 150 and time.monotonic() < deadline:
        p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.15, 0.35))
        p.send_signal(signal.SIGKILL)
        out, err = p.communicate()
        assert "Traceback" not in err, err
        for line in out.split():
            acked = max(acked, int(line))
        kills += 1
    assert kills >= 100 and acked > 30  # the kills land during saves, not only before the first
    loaded = edits.load(report)
    texts = {e.text for e in loaded.corrections.edits.values()}
    assert {str(i) for i in range(acked + 1)} <= texts
    assert not list(report.parent.glob("*.tmp")) and not list((report.parent / "data").glob("**/*.tmp"))
