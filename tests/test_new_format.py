"""A new national format is one new file: a format file made here (the 2021 format copied, with a new version,
its own years and one row label changed), put in the folder GDCHECKER_FORMATS names. A report in it is read,
checked, drawn, exported and compared with last year's report with no change to the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gdchecker import batch, formats, grids, names
from gdchecker.check import check_file
from gdchecker.model import Severity
from tests.makers import iter_cells, make_values, write_text
from tests.makers.folder import follow

OLD, NEW = "（一）予以公开", "（一）予以全部公开"
AGENCY = "某市统计局"


@pytest.fixture
def format_2026(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - a Path
    src = json.loads((Path(formats.__file__).parent / "resources" / "formats" / "2021.json").read_text(encoding="utf-8"))
    src["version"] = "2026"
    src["name"] = "政府信息公开工作年度报告格式（2026 年修订）"
    src["document"] = "国办公开办函〔2026〕1号"
    src["years"] = [2026, None]
    appl = next(t for t in src["tables"] if t["key"] == "applications")
    row = next(r for r in appl["rows"] if r["key"] == "granted")
    assert row["label"] == OLD
    row["label"] = NEW
    folder = tmp_path / "formats"
    folder.mkdir()
    (folder / "2026.json").write_text(json.dumps(src, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv(formats.EXTRA_FOLDER, str(folder))
    formats.reload()
    yield folder
    monkeypatch.delenv(formats.EXTRA_FOLDER)
    formats.reload()


def _report(path: Path, year: int, values: dict) -> Path:
    """A text report whose 表三 prints the new format's label (the text prints ordinals as "(一) ")."""
    write_text(path, "2021", year, AGENCY, values)
    text, n = re.subn(r"[（(]一[)）]\s*予以公开", "(一) 予以全部公开", path.read_text(encoding="utf-8"))
    assert n == 1
    path.write_text(text, encoding="utf-8")
    return path


def test_the_new_file_is_a_format(format_2026) -> None:
    assert formats.versions()[-1] == "2026"
    assert formats.for_year(2026).version == "2026" and formats.for_year(2025).version == "2021"


def test_a_report_in_it_is_read_checked_drawn_and_exported(format_2026, tmp_path: Path) -> None:
    values = make_values("2021", seed=31)
    res = check_file(str(_report(tmp_path / "2026年报告.txt", 2026, values)))
    assert res.error is None and res.report is not None
    r = res.report
    assert (r.year, r.format_version) == (2026, "2026")
    wrong = [(t, row, c) for t, row, c, v in iter_cells(values) if r.tables[t].value(row, c) != v]
    assert wrong == []
    assert [f.code for f in res.findings if f.severity == Severity.ERROR] == []
    # drawn with the new label, named by it in messages
    grid = grids.grid(r, "applications")
    assert grid is not None and (("granted", NEW) in grid.rows)
    assert names.row_name(r, "applications", "granted") == NEW
    # exported: the 表三 sheet prints the new label, the 说明 sheet the new format's name
    from gdchecker.export.xlsx import Entry, write
    from gdchecker.session import Session

    out = write(tmp_path / "导出.xlsx", [Entry(res, Session.open(res.path, r))])
    wb = load_workbook(out)
    cells = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert NEW in cells and OLD not in cells
    assert any(isinstance(v, str) and "2026 年修订" in v for v in cells)


def test_a_broken_sum_in_the_new_format_is_found(format_2026, tmp_path: Path) -> None:
    values = make_values("2021", seed=32)
    values["applications"]["granted"]["total"] += 5
    res = check_file(str(_report(tmp_path / "r.txt", 2026, values)))
    errors = [f for f in res.findings if f.severity == Severity.ERROR]
    assert {(f.code, f.cells[0].row, f.cells[0].col) for f in errors} >= {("applications.row_total", "granted", "total")}
    assert any(NEW in f.message for f in errors)


def test_compared_with_last_year_in_the_old_format(format_2026, tmp_path: Path) -> None:
    last = make_values("2021", seed=34)
    this = follow(last, make_values("2021", seed=35))
    this["applications"]["carried_over"]["natural_person"] += 2  # not last year's carry-forward
    this["applications"]["carried_over"]["total"] += 2
    this["applications"]["carry_forward"]["natural_person"] += 2
    this["applications"]["carry_forward"]["total"] += 2
    this["active_20_1"]["normative"]["in_force"] += 1  # not last year's + issued − repealed
    write_text(tmp_path / "2025.txt", "2021", 2025, AGENCY, last)
    results = batch.run([str(_report(tmp_path / "2026.txt", 2026, this)), str(tmp_path / "2025.txt")], workers=1)
    batch.pair_years(results)
    new = results[0]
    assert new.report.format_version == "2026" and results[1].report.format_version == "2021"
    found = {(f.code, f.cells[0].row, f.cells[0].col) for f in new.findings if f.code.startswith("years.")}
    assert found == {("years.carried_over", "carried_over", "natural_person"), ("years.carried_over", "carried_over", "total"),
                     ("years.in_force", "normative", "in_force")}


def test_drawn_in_the_app(format_2026, tmp_path: Path, qtbot) -> None:  # noqa: ANN001 - pytest-qt's qtbot
    """The app's window opens the report: the tree and the grid show the new format's label."""
    from PySide6.QtCore import QSettings, Qt

    from gdchecker.gui.mainwindow import MainWindow

    path = _report(tmp_path / "r.txt", 2026, make_values("2021", seed=36))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.loaded, timeout=30000):
        w.open_path(str(path))
    view = w.current_view()
    assert view is not None
    tree = view.tree_model
    assert NEW in tree.data(tree.index_of("applications", "granted"), Qt.DisplayRole)
    view.show_table("applications")
    grid = view.grid.model()
    labels = [grid.data(grid.index(r, 0), Qt.DisplayRole) for r in range(grid.rowCount())]
    assert NEW in labels


def test_the_readers_table_words_cover_every_format() -> None:
    """The PDF reader picks the pages it reads word by word by a few table words, and the locator splits a table
    run together in one paragraph by a few others (read never imports the formats: the layers). Every table of
    every format file must carry enough of them, or a new format's tables would be passed over."""
    from gdchecker.locate.rows import _GLUE_HINTS
    from gdchecker.read.pdf import _hint_score

    for v in formats.versions():
        for spec in formats.load(v).tables.values():
            words = " ".join([spec.heading, *(w for row in spec.header for w in row), *(r.printed for r in spec.rows)])
            assert _hint_score(words) >= 2, (v, spec.key)
            assert any(h in words.replace(" ", "") for h in _GLUE_HINTS), (v, spec.key)


def test_a_broken_format_file_is_left_out_and_said(format_2026, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Files in the folder that are not formats (broken JSON, a version that is not the file's name, no tables, a
    deeply nested file) are left out with a Chinese line on stderr; the program's formats and the good file work on."""
    (format_2026 / "2027.json").write_text('{"version": "2027", "name": ', encoding="utf-8")
    good = json.loads((format_2026 / "2026.json").read_text(encoding="utf-8"))
    (format_2026 / "2028.json").write_text(json.dumps({**good, "version": "2030"}, ensure_ascii=False), encoding="utf-8")
    (format_2026 / "2029.json").write_text(json.dumps({**good, "version": "2029", "tables": []}), encoding="utf-8")
    (format_2026 / "2031.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    formats.reload()
    assert formats.versions() == ("2019", "2021", "2026")
    err = capsys.readouterr().err
    assert err.count("[格式文件无效，已忽略]") == 4 and "与文件名“2028”不一致" in err and "没有任何统计表" in err
    res = check_file(str(_report(tmp_path / "r.txt", 2026, make_values("2021", seed=37))))
    assert res.error is None and res.report.format_version == "2026"
