"""The six parts in the app: a part's findings on its tree node, and a copied part shown beside last year's."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from gdchecker.check import check_file  # noqa: E402
from gdchecker.gui.copied import MARK  # noqa: E402
from gdchecker.gui.reportview import ReportView  # noqa: E402
from gdchecker.rules.context import Previous  # noqa: E402
from gdchecker.session import Session  # noqa: E402
from tests.makers import make_values, write_text  # noqa: E402
from tests.test_sections import AGENCY, PROBLEMS, drop, text_of  # noqa: E402


def _view(qtbot, path, previous=None) -> ReportView:  # noqa: ANN001
    res = check_file(str(path))
    assert res.error is None
    view = ReportView(Session.open(str(path), res.report, previous), path.name)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    return view


def _section_text(view: ReportView, number: str, role=Qt.DisplayRole) -> str:  # noqa: ANN001
    return view.tree_model.data(view.tree_model.index_of_section(number), role)


def _select(view: ReportView, code: str) -> None:
    for row in range(view.proxy.rowCount()):
        f = view.findings_model.finding(view.proxy.mapToSource(view.proxy.index(row, 0)).row())
        if f.code == code:
            view.findings.selectRow(row)
            return
    raise AssertionError(f"no finding {code}")


def test_copied_part_beside_last_year(qtbot, tmp_path) -> None:  # noqa: ANN001
    last = tmp_path / "2022.txt"
    this = tmp_path / "2023.txt"
    write_text(last, "2021", 2022, AGENCY, make_values("2021", seed=4), shape=text_of("五", *PROBLEMS))
    write_text(this, "2021", 2023, AGENCY, make_values("2021", seed=5),
               shape=text_of("五", *PROBLEMS[:3], "下一步，我局将建立公开工作台账，逐月通报各科室信息报送情况。"))
    prev = check_file(str(last))
    view = _view(qtbot, this, Previous.of(prev.report, last.name))
    assert "警告 1" in _section_text(view, "五")
    assert "与上年报告（2022.txt）75% 相同" in _section_text(view, "五", Qt.ToolTipRole)
    assert not view.compare_btn.isVisible()  # nothing selected yet, or another finding
    _select(view, "years.text_copied")
    assert view.compare_btn.isVisible()
    assert view.tree.currentIndex() == view.tree_model.index_of_section("五")
    five = next(p for p in view.session.report.parts if p.number == "五")
    assert view.source.shown_line == five.line and "五、存在的主要问题及改进情况" in view.source.caption.text()
    dlg = view.compare_with_last_year()
    qtbot.addWidget(dlg)
    assert dlg.pick.currentData() == "五" and "75% 相同" in dlg.pick.currentText()
    assert "4 句中有 3 句" in dlg.summary.text()
    now, then = dlg.now.toHtml(), dlg.then.toHtml()
    # the three repeated sentences are marked on both sides (Qt joins the neighbouring marks into one span);
    # this year's new sentence and last year's dropped one are not
    c = dlg.comparisons["五"]
    assert [x.repeated for x in c.now] == [True, True, True, False] == [x.repeated for x in c.then]
    assert MARK in now and MARK in then
    assert now.split(MARK, 1)[1].split("</span>", 1)[1].startswith("下一步,我局将建立公开工作台账")
    assert "理解不够深入。" in then.split(MARK, 1)[1].split("</span>", 1)[0]
    assert "逐月通报各科室信息报送情况" in dlg.now.toPlainText()
    assert "每年组织培训不少于2次" in dlg.then.toPlainText()
    dlg.pick.setCurrentIndex(dlg.pick.findData("一"))
    assert dlg.now.toPlainText() and "句与上年相同" in dlg.summary.text()


def test_missing_part_on_its_tree_node(qtbot, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "r.txt"
    write_text(path, "2021", 2023, AGENCY, make_values("2021", seed=3), shape=drop("六"))
    view = _view(qtbot, path)
    text = _section_text(view, "六")
    assert "正文中未找到此标题" in text and "警告 1" in text
    assert "没有找到第六部分“其他需要报告的事项”" in _section_text(view, "六", Qt.ToolTipRole)
    _select(view, "sections.missing")
    assert view.tree.currentIndex() == view.tree_model.index_of_section("六")
    place = view.findings_model.data(view.findings.currentIndex().siblingAtColumn(1), Qt.DisplayRole)
    assert place == "第六部分“其他需要报告的事项”"
