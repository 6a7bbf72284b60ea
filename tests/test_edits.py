"""Corrections: applied as an overlay, re-checked, undone, saved at once and restored."""

from __future__ import annotations

import json

from gdchecker import edits
from gdchecker.check import check_file
from gdchecker.model import CellRef
from gdchecker.rules import check
from tests.makers import make_values, write_text


def _report(tmp_path, bump=1):
    values = make_values("2021", seed=4)
    values["applications"]["granted"]["natural_person"] += bump  # breaks the row and column totals
    path = tmp_path / "r.txt"
    write_text(str(path), "2021", 2022, "某局", values, style="tabs")
    res = check_file(str(path))
    return path, res.report, res.findings


def test_correction_removes_the_finding_and_undo_brings_it_back(tmp_path):
    path, report, findings = _report(tmp_path)
    row_total = next(f for f in findings if f.code == "applications.row_total")
    ref = CellRef("applications", "granted", "natural_person")
    right = report.tables["applications"].value("granted", "natural_person") - 1
    corr = edits.Corrections(str(path), edits.fingerprint(path))
    corr.set_cell(report, ref, str(right))
    fixed = check(corr.effective(report))
    assert not any(f.code.endswith(("row_total", "column_total")) for f in fixed)
    assert report.tables["applications"].value("granted", "natural_person") == right + 1  # original untouched
    corr.undo()
    assert any(f.key() == row_total.key() for f in check(corr.effective(report)))
    corr.redo()
    assert corr.edits[("applications", "granted", "natural_person")].original == str(right + 1)


def test_typing_the_original_back_is_no_correction(tmp_path):
    path, report, _ = _report(tmp_path)
    ref = CellRef("applications", "granted", "natural_person")
    corr = edits.Corrections(str(path), edits.fingerprint(path))
    original = report.tables["applications"].cell("granted", "natural_person").text
    corr.set_cell(report, ref, "5")
    corr.set_cell(report, ref, original)
    assert corr.edits == {}


def test_saved_beside_the_report_and_restored(tmp_path):
    path, report, findings = _report(tmp_path)
    corr = edits.Corrections(str(path), edits.fingerprint(path))
    corr.set_cell(report, CellRef("applications", "granted", "research"), "3")
    corr.accept(findings[0], "已与业务科室核实")
    where = edits.save(corr, path)
    assert where == path.with_name(path.name + ".gdchecker.json")
    assert not list(tmp_path.glob("*.tmp"))
    loaded = edits.load(path)
    assert loaded.path == where and not loaded.changed
    assert loaded.corrections.edits[("applications", "granted", "research")].text == "3"
    assert loaded.corrections.is_accepted(findings[0]).note == "已与业务科室核实"
    json.loads(where.read_text(encoding="utf-8"))


def test_read_only_folder_falls_back_to_the_data_folder(tmp_path, monkeypatch):
    path, report, _ = _report(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    corr = edits.Corrections(str(path), edits.fingerprint(path))
    corr.set_cell(report, CellRef("applications", "granted", "research"), "3")
    real_save = edits.Corrections.save

    def refuse_beside(self, target):
        if target.parent == path.parent:
            raise PermissionError("read-only")
        real_save(self, target)

    monkeypatch.setattr(edits.Corrections, "save", refuse_beside)
    where = edits.save(corr, path)
    assert str(where).startswith(str(tmp_path / "data"))
    assert edits.load(path).corrections.edits


def test_changed_report_is_noticed(tmp_path):
    path, report, _ = _report(tmp_path)
    corr = edits.Corrections(str(path), edits.fingerprint(path))
    corr.set_cell(report, CellRef("applications", "granted", "research"), "3")
    edits.save(corr, path)
    path.write_text(path.read_text(encoding="utf-8") + "\n附：修订说明\n", encoding="utf-8")
    loaded = edits.load(path)
    assert loaded.changed and loaded.corrections.edits


def test_undo_and_redo_survive_reopening(tmp_path):
    """The edit history is in the corrections file: after the report is opened again Ctrl+Z still goes back,
    step by step — a repair of several cells as one step, an acceptance, a typed cell."""
    path, report, findings = _report(tmp_path)
    corr = edits.Corrections(str(path), edits.fingerprint(path))
    a, b = CellRef("applications", "granted", "research"), CellRef("applications", "granted", "legal")
    corr.set_cell(report, a, "3")
    corr.set_cells(report, [(a, "4"), (b, "9")])
    corr.accept(findings[0], "已核实")
    corr.set_cell(report, b, "8")
    corr.undo()  # one step sits on the redo stack
    edits.save(corr, path)

    again = edits.load(path).corrections
    assert again.can_undo() and again.can_redo()
    again.redo()
    assert again.edits[("applications", "granted", "legal")].text == "8"
    again.undo()
    again.undo()  # the acceptance
    assert again.is_accepted(findings[0]) is None
    again.undo()  # the repair: both cells at once
    assert again.edits[("applications", "granted", "research")].text == "3"
    assert ("applications", "granted", "legal") not in again.edits
    again.undo()
    assert again.edits == {} and not again.can_undo()


def test_a_damaged_history_keeps_the_corrections(tmp_path):
    path, report, _ = _report(tmp_path)
    corr = edits.Corrections(str(path), edits.fingerprint(path))
    corr.set_cell(report, CellRef("applications", "granted", "research"), "3")
    where = edits.save(corr, path)
    data = json.loads(where.read_text(encoding="utf-8"))
    for bad in ({"undo": [{"kind": "cell", "key": ["a", None, "c"]}]}, {"undo": "x"},
                {"undo": [{"kind": "rm -rf"}]}, [1, 2], {"undo": [{"kind": "cells", "steps": [[["a"], 1, 2]]}]}):
        data["history"] = bad
        where.write_text(json.dumps(data), encoding="utf-8")
        loaded = edits.load(path)
        assert not loaded.problems
        assert loaded.corrections.edits[("applications", "granted", "research")].text == "3"
        assert not loaded.corrections.can_undo()


def test_the_history_in_the_file_is_bounded(tmp_path):
    path, report, _ = _report(tmp_path)
    corr = edits.Corrections(str(path), edits.fingerprint(path))
    for i in range(edits.HISTORY + 50):
        corr.set_cell(report, CellRef("applications", "granted", "research"), str(i + 1000))
    where = edits.save(corr, path)
    assert len(json.loads(where.read_text(encoding="utf-8"))["history"]["undo"]) == edits.HISTORY
