"""What a scan's reading may have caused is said as a reading finding (gdchecker.rules.confidence): built reports
marked as read by OCR, against the same reports from a text layer, where the findings stay errors."""

from __future__ import annotations

from gdchecker.model import Severity
from gdchecker.repair import fixes
from gdchecker.rules import check
from tests.makers import make_values
from tests.reports import drop, put, report_from_values

A = "applications"


def _scan(report, conf: float = 0.99):  # noqa: ANN001, ANN202 - a Report
    report.scanned = True
    for t in report.tables.values():
        for row in t.cells.values():
            for cell in row.values():
                cell.conf = conf
    return report


def _codes(findings, severity: Severity) -> set[str]:  # noqa: ANN001
    return {f.code for f in findings if f.severity == severity}


def test_a_table_not_found_on_a_scan_is_a_reading_warning() -> None:
    text = report_from_values("2021", 2023, make_values("2021", seed=1))
    drop(text, "review_litigation")
    assert "structure.missing_table" in _codes(check(text), Severity.ERROR)
    scan = _scan(report_from_values("2021", 2023, make_values("2021", seed=1)))
    drop(scan, "review_litigation")
    found = check(scan)
    assert _codes(found, Severity.ERROR) == set()
    note = next(f for f in found if f.code == "reading.table_unread")
    assert note.severity == Severity.WARNING and "扫描件中没有识别出表四" in note.message and "请核对原件" in note.message


def test_no_table_at_all_on_a_scan_stays_an_error_said_as_the_readings_failure() -> None:
    """Nothing could be checked: the reviewer must look at it; the message says the scan may be why."""
    scan = _scan(report_from_values("2021", 2023, make_values("2021", seed=2)))
    scan.tables.clear()
    found = [f for f in check(scan) if f.code == "structure.no_tables"]
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert "扫描件中没有识别出任何统计表" in found[0].message and "请核对原件" in found[0].message


def test_a_row_not_found_on_a_scan_is_a_reading_warning() -> None:
    scan = _scan(report_from_values("2021", 2023, make_values("2021", seed=3)))
    drop(scan, A, "partial")
    found = check(scan)
    assert "structure.missing_row" not in _codes(found, Severity.ERROR)
    assert any(f.code == "reading.row_unread" and "扫描件中" in f.message for f in found)


def test_a_count_read_as_a_decimal_is_a_reading_warning_and_no_crash() -> None:
    """Two cells read as one ("12" "11" -> 12.11): no count is 12.11; the repair search must not fail on it."""
    values = make_values("2021", seed=4)
    scan = _scan(report_from_values("2021", 2023, values))
    put(scan, "review_litigation", "count", "suit_after_review.other", 12.11).conf = 0.99
    found = check(scan)
    assert "values.not_whole" not in _codes(found, Severity.ERROR)
    assert any(f.code == "reading.ocr_unsure" and "识别错误" in f.message for f in found)
    fixes(scan, found)  # used to raise AttributeError: 'float' object has no attribute 'denominator'
    text = report_from_values("2021", 2023, values)
    put(text, "review_litigation", "count", "suit_after_review.other", 12.11)
    assert "values.not_whole" in _codes(check(text), Severity.ERROR)
    fixes(text, check(text))


def test_a_table_broken_in_many_places_on_a_scan_is_doubted_as_read() -> None:
    values = make_values("2021", seed=5)
    scan = _scan(report_from_values("2021", 2023, values))
    for row in ("granted", "partial", "denied.state_secret"):
        c = scan.tables[A].cell(row, "natural_person")
        c.value += 7  # type: ignore[operator]
        c.text = str(c.value)
    found = check(scan)
    assert _codes(found, Severity.ERROR) == set()
    note = [f for f in found if f.code == "reading.ocr_unsure" and "处合计关系不成立" in f.message]
    assert len(note) == 1 and note[0].table == A


def test_a_sum_broken_once_on_a_scan_stays_an_error() -> None:
    values = make_values("2021", seed=6)
    scan = _scan(report_from_values("2021", 2023, values))
    c = scan.tables[A].cell("granted", "natural_person")
    c.value += 7  # type: ignore[operator]
    c.text = str(c.value)
    assert {"applications.row_total", "applications.column_total"} <= _codes(check(scan), Severity.ERROR)


def test_a_blank_cell_of_a_scan_may_be_a_figure_not_seen() -> None:
    scan = _scan(report_from_values("2021", 2023, make_values("2021", seed=7)))
    put(scan, A, "granted", "research", None, "", blank=True).conf = 0.99
    blank = next(f for f in check(scan) if f.code == "values.blank")
    assert blank.severity == Severity.WARNING and "也可能是未能识别出的数字" in blank.message


def test_sums_through_a_figure_read_as_no_count_are_the_readings_doing() -> None:
    values = make_values("2021", seed=8)
    scan = _scan(report_from_values("2021", 2023, values))
    put(scan, "review_litigation", "count", "suit_after_review.other", 12.11).conf = 0.99
    found = check(scan)
    assert _codes(found, Severity.ERROR) == set()
    assert any(f.code == "reading.ocr_unsure" for f in found)
