"""A folder at once: every report found and checked in parallel, a bad file listed, last year paired."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

from openpyxl import load_workbook

from gdchecker import batch
from gdchecker.check import check_file
from gdchecker.rules.years import Previous, compare
from tests.makers.folder import make_folder


def test_folder_checked_in_parallel_with_years_paired(tmp_path):
    made = make_folder(tmp_path / "reports")
    paths = batch.find_reports([str(tmp_path / "reports")])
    assert sorted(paths) == sorted(made)
    seen = []
    results = batch.run(paths, workers=2, progress=seen.append)
    assert [r.path for r in results] == paths
    assert seen[-1].done == seen[-1].total == len(paths) and seen[-1].remaining == 0
    batch.pair_years(results)
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in results}
    bad = by_name["损坏的报告.pdf"]
    assert bad.error is not None and bad.error.code == "corrupt"
    keys = {name: {(f.code, *f.key()[1:]) for f in r.findings} for name, r in by_name.items() if r.findings is not None}
    assert not any(k[0].startswith("years.") for k in keys["某县第1局2023年报告." + _ext(made, "某县第1局2023")])
    broken = keys["某县第2局2023年报告." + _ext(made, "某县第2局2023")]
    assert ("years.carried_over", "applications", "carried_over", "natural_person") in broken
    assert ("years.carried_over", "applications", "carried_over", "total") in broken
    copied = keys["某县第3局2023年报告." + _ext(made, "某县第3局2023")]
    assert {k[0] for k in copied} >= {"years.copied"}
    for name in keys:
        if "2022" in name or "2020" in name:
            assert not any(k[0].startswith("years.") for k in keys[name]), name


def _ext(made, stem):
    return next(p for p in made if stem in p).rsplit(".", 1)[-1]


def test_in_force_carried_forward_and_typed_figures(tmp_path):
    made = make_folder(tmp_path / "r", bodies=1)
    p22 = next(p for p in made if "2022" in p)
    p23 = next(p for p in made if "2023" in p)
    r22, r23 = check_file(p22), check_file(p23)
    assert compare(r23.report, Previous.of(r22.report, "上年")) == []
    t = r23.report.tables["active_20_1"]
    t.cells["normative"]["in_force"].value += 1
    found = compare(r23.report, Previous.of(r22.report, "上年"))
    assert [(f.code, f.cells[0].row) for f in found] == [("years.in_force", "normative")]
    typed = Previous(2022, "手工录入的上年数据", None,
                     {"total": r22.report.tables["applications"].value("carry_forward", "total") + 5}, {})
    assert [f.code for f in compare(r23.report, typed) if f.code == "years.carried_over"] == ["years.carried_over"]
    assert compare(r23.report, Previous(2020, "前年", None, typed.carry_forward, {})) == []  # not last year


def test_cancel_stops_the_batch(tmp_path):
    made = make_folder(tmp_path / "r", bodies=2)
    stop = threading.Event()
    results = batch.run(list(made), workers=2, progress=lambda p: stop.set(), cancel=stop)
    assert 1 <= len(results) < len(made)


def test_cli_folder_with_summary_workbook(tmp_path):
    made = make_folder(tmp_path / "reports", bodies=2)
    out = tmp_path / "汇总.xlsx"
    r = subprocess.run([sys.executable, "-m", "gdchecker", "check", str(tmp_path / "reports"), "--xlsx", str(out),
                        "--json", "--workers", "2"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2  # the corrupt file could not be read
    data = json.loads(r.stdout)
    assert len(data) == len(made) and sum("error" in d for d in data) == 1
    assert f"[{len(made)}/{len(made)}]" in r.stderr
    wb = load_workbook(out)
    summary = wb["汇总"]
    assert summary.max_row == len(made) + 1
    statuses = [summary.cell(i, 8).value for i in range(2, summary.max_row + 1)]
    assert "无法读取" in statuses
    found = wb["问题清单"]
    assert found.cell(1, 10).value == "代码"
    codes = {found.cell(i, 10).value for i in range(2, found.max_row + 1)}
    assert "years.carried_over" in codes


def test_cli_previous_file(tmp_path):
    made = make_folder(tmp_path / "r", bodies=2)
    p22 = next(p for p in made if "第2局2022" in p)
    p23 = next(p for p in made if "第2局2023" in p)
    r = subprocess.run([sys.executable, "-m", "gdchecker", "check", p23, "--previous", p22, "--json"],
                       capture_output=True, text=True, timeout=120)
    codes = {f["code"] for f in json.loads(r.stdout)[0]["findings"]}
    assert "years.carried_over" in codes


def test_the_folder_a_browser_saved_with_a_page_is_not_walked(tmp_path):
    """报告_files beside 报告.html holds the page's pictures and styles, not reports; a folder that only looks
    like one (no page of its name beside it) is walked as usual."""
    import os

    from gdchecker import batch

    (tmp_path / "报告.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    (tmp_path / "报告_files").mkdir()
    (tmp_path / "报告_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "报告_files" / "style.txt").write_text("x", encoding="utf-8")
    (tmp_path / "其他_files").mkdir()
    (tmp_path / "其他_files" / "第二份.txt").write_text("x", encoding="utf-8")
    found = [os.path.relpath(p, tmp_path) for p in batch.find_reports([str(tmp_path)])]
    assert sorted(found) == sorted(["报告.html", os.path.join("其他_files", "第二份.txt")])
