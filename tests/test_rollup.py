"""A region's aggregate report against its units: generated units (text and PDF, both formats), an aggregate made
of their sums, one cell made wrong, units of another year, unreadable, blank or copied; the command line."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gdchecker.check import Result, check_file
from gdchecker.model import CellRef, Finding, Severity
from gdchecker.read import ReadError
from gdchecker.rollup import NOT_COMPARED, SUM_INCOMPLETE, SUM_MISMATCH, rollup
from gdchecker.rollup_output import direction, rollup_json, rollup_text
from tests.makers import iter_cells, make_values, write_pdf, write_text
from tests.reports import put, report_from_values

ROOT = Path(__file__).resolve().parents[1]
YEAR = {"2019": 2020, "2021": 2023}


def sums(units: list[dict]) -> dict:
    """The aggregate's values: every cell the sum of the units' (amounts rounded as printed)."""
    out = copy.deepcopy(units[0])
    for t, r, c, _ in iter_cells(out):
        s = sum(u[t][r][c] for u in units)
        out[t][r][c] = round(s, 2) if isinstance(s, float) else s
    return out


def make_region(root: Path, version: str, n: int = 5, seed: int = 0) -> list[dict]:
    """n unit reports of one year, text and PDF by turns; their values."""
    root.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        v = make_values(version, seed=seed + i)
        name = f"某区第{i + 1}局"
        if i % 2:
            write_text(root / f"{name}.txt", version, YEAR[version], name, v, style=("tabs", "spaces")[i // 2 % 2])
        else:
            write_pdf(root / f"{name}.pdf", version, YEAR[version], name, v)
        made.append(v)
    return made


@pytest.fixture(scope="module", params=("2021", "2019"))
def region(request, tmp_path_factory):  # noqa: ANN001, ANN201
    version = request.param
    root = tmp_path_factory.mktemp(f"region{version}")
    values = make_region(root / "units", version)
    units = [check_file(str(p)) for p in sorted((root / "units").iterdir())]
    assert all(u.error is None and u.report.year == YEAR[version] for u in units)
    return version, root, values, units


def _aggregate(root: Path, version: str, values: dict, name: str = "全区报告.txt") -> Result:
    path = root / name
    write_text(path, version, YEAR[version], "某区", values)
    return check_file(str(path))


def test_an_aggregate_of_the_units_sums_has_no_findings(region) -> None:  # noqa: ANN001
    version, root, values, units = region
    agg = _aggregate(root, version, sums(values))
    assert [f for f in agg.findings if f.severity == Severity.ERROR] == []  # its own sums hold too
    r = rollup(agg, units)
    assert r.error is None and r.left_out == [] and len(r.summed) == 5
    assert [f.key() for f in r.findings] == []
    assert "各表与各单位报告的合计一致" in rollup_text(r)


def test_one_wrong_cell_is_one_mismatch_with_the_units_sum(region) -> None:  # noqa: ANN001
    version, root, values, units = region
    agg_values = sums(values)
    agg_values["applications"]["granted"]["commercial"] += 3
    agg = _aggregate(root, version, agg_values, "全区报告（错一格）.txt")
    r = rollup(agg, units)
    assert [f.key() for f in r.findings] == [(SUM_MISMATCH, "applications", "granted", "commercial")]
    f = r.findings[0]
    want = sum(v["applications"]["granted"]["commercial"] for v in values)
    assert f.severity == Severity.WARNING and f.expected == want and f.actual == want + 3
    assert f"各单位报告合计为 {want}（共 5 个单位），汇总报告中为 {want + 3}" in f.message
    assert f.message.startswith("表三“（一）予以公开”行“商业企业”列")
    nonzero = sorted((v["applications"]["granted"]["commercial"], f"某区第{i + 1}局") for i, v in enumerate(values)
                     if v["applications"]["granted"]["commercial"])
    assert [p.value for p in r.parts[f.cells[0]]] == sorted((x for x, _ in nonzero), reverse=True)
    assert nonzero[-1][1] in f.message  # the unit with the largest figure is named


def test_a_wrong_signed_change_and_amount(region) -> None:  # noqa: ANN001
    version, root, values, units = region
    agg_values = sums(values)
    block = "active_20_5" if version == "2019" else "active_20_6"
    row = "license" if version == "2019" else "penalty"
    col = "change" if version == "2019" else "decisions"
    agg_values[block][row][col] -= 2
    fee = "active_20_9" if version == "2019" else "active_20_8"
    frow = "procurement" if version == "2019" else "fee"
    agg_values[fee][frow]["amount"] = round(agg_values[fee][frow]["amount"] + 0.5, 2)
    agg = _aggregate(root, version, agg_values, "全区报告（错两格）.txt")
    r = rollup(agg, units)
    assert sorted(f.key() for f in r.findings) == sorted([(SUM_MISMATCH, block, row, col),
                                                           (SUM_MISMATCH, fee, frow, "amount")])


def test_units_of_another_year_unreadable_copied_and_the_aggregate_itself_are_left_out(region, tmp_path) -> None:  # noqa: ANN001
    version, root, values, units = region
    agg_path = tmp_path / "全区报告.txt"
    write_text(agg_path, version, YEAR[version], "某区", sums(values))
    other = tmp_path / "某区第9局上年.txt"
    write_text(other, version, YEAR[version] - 1, "某区第9局", make_values(version, seed=99))
    bad = tmp_path / "损坏.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer")
    copied = tmp_path / "副本.txt"
    first_txt = next(u.path for u in units if u.path.endswith(".txt"))
    shutil.copy(first_txt, copied)
    extra = [check_file(str(p)) for p in (other, bad, copied, agg_path)]
    agg = check_file(str(agg_path))
    r = rollup(agg, units + extra)
    assert [f.key() for f in r.findings] == []  # nothing counted twice, nothing of another year summed
    assert len(r.summed) == 5
    why = {Path(x.path).name: x.reason for x in r.left_out}
    assert set(why) == {"某区第9局上年.txt", "损坏.pdf", "副本.txt", "全区报告.txt"}
    assert f"年度为 {YEAR[version] - 1} 年" in why["某区第9局上年.txt"]
    assert why["损坏.pdf"].startswith("无法读取")
    assert "只计一次" in why["副本.txt"] and Path(first_txt).name in why["副本.txt"]
    assert "汇总报告本身" in why["全区报告.txt"]
    text = rollup_text(r)
    assert "[未计入] 损坏.pdf：无法读取" in text and "计入合计的单位报告 5 份，未计入 4 份" in text


def test_a_unit_of_the_other_format_is_left_out(region, tmp_path) -> None:  # noqa: ANN001
    version, root, values, units = region
    other_version = "2021" if version == "2019" else "2019"
    p = tmp_path / "旧格式.txt"
    write_text(p, other_version, YEAR[version], "某区第8局", make_values(other_version, seed=5))
    r = rollup(_aggregate(tmp_path, version, sums(values)), [*units, check_file(str(p))])
    assert [f.key() for f in r.findings] == []
    assert [(Path(x.path).name, "格式" in x.reason) for x in r.left_out] == [("旧格式.txt", True)]


# built reports (no file): blanks, a missing table, an aggregate's blank


def _built(version: str, values: list[dict], agg_values: dict) -> tuple[Result, list[Result]]:
    year = YEAR[version]
    units = [Result(f"/nowhere/u{i}.txt", report_from_values(version, year, v, agency=f"某县第{i}局"), [])
             for i, v in enumerate(values)]
    agg = Result("/nowhere/全县.txt", report_from_values(version, year, agg_values, agency="某县人民政府"), [])
    return agg, units


def test_a_units_blank_cell_is_not_compared_unless_the_rest_already_exceed() -> None:
    values = [make_values("2021", seed=40 + i) for i in range(4)]
    agg_values = sums(values)
    agg, units = _built("2021", values, agg_values)
    t = units[1].report.tables["applications"]
    known = agg_values["applications"]["granted"]["natural_person"] - values[1]["applications"]["granted"]["natural_person"]
    put(units[1].report, "applications", "granted", "natural_person", None, "", blank=True)
    assert t.value("granted", "natural_person") is None
    put(agg.report, "applications", "granted", "natural_person", known + 7)  # more than the known sum: not flagged
    r = rollup(agg, units)
    assert [f.key() for f in r.findings] == [(SUM_INCOMPLETE, "applications", "granted", "natural_person")]
    assert "某县第1局" in r.findings[0].message and r.findings[0].severity == Severity.INFO
    assert "已核对的各格与各单位报告的合计一致（另有 1 个单元格未能核对，见提示）" in rollup_text(r)
    put(agg.report, "applications", "granted", "natural_person", known - 1)  # less than the units read: flagged
    r = rollup(agg, units)
    assert [f.key() for f in r.findings] == [(SUM_MISMATCH, "applications", "granted", "natural_person")]
    assert f"已读出的 3 个单位合计已达 {known}" in r.findings[0].message and r.findings[0].expected == known


def test_a_unit_without_a_table_and_an_aggregate_without_one() -> None:
    values = [make_values("2021", seed=50 + i) for i in range(3)]
    agg_values = sums(values)
    agg_values["review_litigation"]["count"]["review.upheld"] += 1  # not flagged: one unit's 表四 is unknown
    agg, units = _built("2021", values, agg_values)
    del units[2].report.tables["review_litigation"]
    r = rollup(agg, units)
    assert [x.tables for x in r.left_out] == [("review_litigation",)] and "表四" in r.left_out[0].reason
    assert [f.key() for f in r.findings] == [(SUM_INCOMPLETE, "review_litigation", "count", "review.upheld")]
    del agg.report.tables["review_litigation"]
    r = rollup(agg, units)
    assert [f.key() for f in r.findings] == [(NOT_COMPARED, "review_litigation", None, None)]


def test_an_aggregates_blank_cell_against_units_figures() -> None:
    values = [make_values("2021", seed=60 + i) for i in range(3)]
    agg_values = sums(values)
    agg, units = _built("2021", values, agg_values)
    want = agg_values["applications"]["total"]["total"]
    assert want
    put(agg.report, "applications", "total", "total", None, "", blank=True)
    r = rollup(agg, units)
    assert [f.key() for f in r.findings] == [(SUM_MISMATCH, "applications", "total", "total")]
    assert r.findings[0].actual is None and "汇总报告中为 空白" in r.findings[0].message


def test_amounts_within_their_rounding_agree() -> None:
    values = [make_values("2021", seed=70 + i) for i in range(3)]
    for i, v in enumerate(values):
        v["active_20_8"]["fee"]["amount"] = [1.004, 2.004, 3.004][i]  # printed 1.004…: the sum 6.012
    agg_values = sums(values)
    agg_values["active_20_8"]["fee"]["amount"] = 6.01  # the aggregate rounded to two places
    agg, units = _built("2021", values, agg_values)
    assert [f.key() for f in rollup(agg, units).findings] == []
    put(agg.report, "active_20_8", "fee", "amount", 6.05)
    assert [f.key() for f in rollup(agg, units).findings] == [(SUM_MISMATCH, "active_20_8", "fee", "amount")]


def test_json_object() -> None:
    values = [make_values("2019", seed=80 + i) for i in range(3)]
    agg_values = sums(values)
    agg_values["applications"]["new_received"]["total"] += 1
    agg, units = _built("2019", values, agg_values)
    d = json.loads(json.dumps(rollup_json(rollup(agg, units)), ensure_ascii=False))
    assert set(d) == {"aggregate", "units", "left_out", "findings"}
    assert d["aggregate"] == {"file": "/nowhere/全县.txt", "agency": "某县人民政府", "year": 2020, "format_version": "2019"}
    assert len(d["units"]) == 3 and d["left_out"] == []
    [f] = d["findings"]
    assert f["code"] == SUM_MISMATCH and f["cells"] == [{"row": "new_received", "col": "total"}]
    assert f["actual"] == f["expected"] + 1 and sum(u["value"] for u in f["units"]) == f["expected"]
    assert CellRef("applications", "new_received", "total") in rollup(agg, units).parts
    broken = Result("/nowhere/全县.pdf", error=ReadError("encrypted", "文件已加密，无法读取"))
    assert rollup_json(rollup(broken, units)) == {"aggregate": {"file": "/nowhere/全县.pdf"},
                                                  "error": {"code": "encrypted", "message": "文件已加密，无法读取"}}


# the command line


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "gdchecker", "rollup", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)


def test_the_command_line(tmp_path) -> None:
    values = make_region(tmp_path / "各单位", "2021", n=4, seed=20)
    (tmp_path / "各单位" / "损坏.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj")
    good = tmp_path / "全区报告.txt"
    write_text(good, "2021", 2023, "某区", sums(values))
    shutil.copy(good, tmp_path / "各单位" / "全区报告.txt")  # the aggregate among the units: not summed
    p = _cli(str(good), str(tmp_path / "各单位"), "--workers", "2")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "计入合计的单位报告 4 份，未计入 2 份；各表与各单位报告的合计一致" in p.stdout
    assert "Traceback" not in p.stderr
    wrong = sums(values)
    wrong["review_litigation"]["count"]["suit_direct.total"] += 2
    bad_agg = tmp_path / "全区报告（有误）.txt"
    write_text(bad_agg, "2021", 2023, "某区", wrong)
    p = _cli(str(bad_agg), str(tmp_path / "各单位"), "--json", "--quiet")
    assert p.returncode == 1, p.stderr
    d = json.loads(p.stdout)
    assert [(f["code"], f["cells"]) for f in d["findings"] if f["severity"] == "warning"] == [
        (SUM_MISMATCH, [{"row": "count", "col": "suit_direct.total"}])]
    assert d["findings"][0]["message"].startswith("表四“行政诉讼·未经复议直接起诉·总计”列：各单位报告合计为")
    assert sorted(Path(x["file"]).name for x in d["left_out"]) == ["全区报告.txt", "损坏.pdf"]
    book = tmp_path / "各单位" / "核对.xlsx"  # written among the units: passed over when they are read again
    p = _cli(str(bad_agg), str(tmp_path / "各单位"), "--quiet", "--xlsx", str(book))
    assert p.returncode == 1 and f"已写入 {book}" in p.stdout, p.stderr
    wb = load_workbook(book)
    assert wb.sheetnames == ["核对结果", "单位报告", "说明"]
    rows = list(wb["核对结果"].iter_rows(min_row=2, values_only=True))
    want = sum(v["review_litigation"]["count"]["suit_direct.total"] for v in values)
    assert [(r[1], r[4], r[5], r[7]) for r in rows] == [("警告", want, want + 2, SUM_MISMATCH)]
    units = {r[1]: r[3] for r in wb["单位报告"].iter_rows(min_row=2, values_only=True)}
    assert list(units.values()).count("已计入") == 4 and units["损坏.pdf"] == "未计入"
    p = _cli(str(bad_agg), str(tmp_path / "各单位"), "--quiet", "--xlsx", str(book))
    assert p.returncode == 2 and "已存在" in p.stderr  # not replaced without --force
    assert "核对.xlsx：本程序导出的文件，已跳过" in p.stdout
    p = _cli(str(tmp_path / "各单位" / "损坏.pdf"), str(tmp_path / "各单位"), "--quiet")
    assert p.returncode == 2 and "[无法核对]" in p.stdout and "Traceback" not in p.stderr
    only = tmp_path / "只有上年"
    only.mkdir()
    write_text(only / "上年.txt", "2021", 2022, "某区第1局", make_values("2021", seed=1))
    p = _cli(str(good), str(only), "--quiet")  # nothing to sum: not "every cell agrees"
    assert p.returncode == 2 and "没有可计入合计的单位报告，未计入 1 份，未作核对" in p.stdout, p.stdout
    p = _cli(str(tmp_path / "没有这个文件.pdf"), str(tmp_path / "各单位"))
    assert p.returncode == 2 and "文件不存在" in p.stderr


# the app: a folder's tab, 选择汇总报告…


def test_the_folder_tab_compares_with_an_aggregate_picked(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QFileDialog

    from gdchecker import batch
    from gdchecker.gui.batchview import BatchView

    folder = tmp_path / "各单位"
    values = make_region(folder, "2021", n=3, seed=30)
    write_text(folder / "上年.txt", "2021", 2022, "某区第7局", make_values("2021", seed=3))
    wrong = sums(values)
    wrong["applications"]["carry_forward"]["natural_person"] += 4
    outside = tmp_path / "全区报告.txt"
    write_text(outside, "2021", 2023, "某区", wrong)
    found = batch.scan([str(folder)])
    view = BatchView(found.reports, str(folder), skipped=found.skipped)
    qtbot.addWidget(view)
    view.show()
    assert not view.rollup_btn.isEnabled() and not view.rollup.isVisible()
    with qtbot.waitSignal(view.finished, timeout=120000):
        pass
    assert view.rollup_btn.isEnabled()
    asked = []

    def pick(parent, title, start, filt):  # noqa: ANN001, ANN202
        asked.append((title, start))
        return str(outside), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    with qtbot.waitSignal(view.rollup.done, timeout=60000) as got:
        qtbot.mouseClick(view.rollup_btn, Qt.LeftButton)
    assert asked == [("选择汇总报告", str(folder))]
    r = got.args[0]
    assert [f.key() for f in r.mismatches] == [(SUM_MISMATCH, "applications", "carry_forward", "natural_person")]
    assert view.rollup.isVisible()
    items = [view.rollup.list.item(i).text() for i in range(view.rollup.list.count())]
    assert items[0].startswith("表三“四、结转下年度继续办理”行“自然人”列：各单位报告合计为")
    assert any(t.startswith("未计入：某区第7局（上年.txt）：年度为 2022 年") for t in items)
    assert "计入合计的单位报告 3 份，未计入 1 份；与各单位合计不一致 1 处" in view.rollup.state.text()
    # an aggregate lying in the folder: its result is taken from the folder's, nothing read again
    inside = folder / "上年.txt"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(inside), "")))
    with qtbot.waitSignal(view.rollup.done, timeout=5000) as got:
        qtbot.mouseClick(view.rollup_btn, Qt.LeftButton)
    assert got.args[0].aggregate.report.year == 2022 and len(got.args[0].summed) == 0
    assert all("年度为 2023 年" in x.reason or "汇总报告本身" in x.reason for x in got.args[0].left_out)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: ("", "")))
    qtbot.mouseClick(view.rollup_btn, Qt.LeftButton)  # the dialog cancelled: the last result stays
    assert view.rollup.result is got.args[0]
    # one picked while another is still being read: the one picked last is shown
    view.rollup.start(str(outside), view.results)
    view.rollup.start(str(inside), view.results)
    last = view.rollup.result
    assert last.aggregate.path == str(inside)
    qtbot.waitUntil(lambda: not view.rollup.running, timeout=60000)
    QCoreApplication.processEvents()  # the stale result, posted before the thread ended, is delivered now
    assert view.rollup.result is last


def test_a_unit_missing_from_the_files_is_said_as_such() -> None:
    values = [make_values("2021", seed=90 + i) for i in range(4)]
    agg, units = _built("2021", values, sums(values))
    r = rollup(agg, units[:-1])  # one body's report not among the files: the aggregate larger wherever it has figures
    nonzero = [(t, row, c) for t, row, c, v in iter_cells(values[-1]) if v]
    assert sorted(f.key()[1:] for f in r.mismatches) == sorted(nonzero)
    assert all(f.actual > f.expected for f in r.mismatches)
    assert direction(r).startswith(f"{len(nonzero)} 处汇总报告的数字大于各单位合计：可能有单位的报告不在所选文件中")
    assert direction(rollup(agg, units)) is None
    text = rollup_text(r)
    assert "[说明]" in text and text.count("[警告]") == len(nonzero)


def test_a_scans_unsure_figure_is_not_summed() -> None:
    values = [make_values("2021", seed=95 + i) for i in range(3)]
    agg_values = sums(values)
    ref = CellRef("applications", "partial", "natural_person")
    agg_values["applications"]["partial"]["natural_person"] += 5  # as if unit 0's figure were read 5 short
    agg, units = _built("2021", values, agg_values)
    assert [f.key() for f in rollup(agg, units).findings] == [(SUM_MISMATCH, ref.table, ref.row, ref.col)]
    units[0].findings = [Finding("reading.ocr_unsure", Severity.WARNING, "识别不确定", ref.table, (ref,))]
    assert [f.key() for f in rollup(agg, units).findings] == [(SUM_INCOMPLETE, ref.table, ref.row, ref.col)]
    agg.findings = units[0].findings
    units[0].findings = []
    assert [f.key() for f in rollup(agg, units).findings] == [(NOT_COMPARED, ref.table, ref.row, ref.col)]
