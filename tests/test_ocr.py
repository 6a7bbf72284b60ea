"""Scans: generated and real reports printed to image-only PDFs (rendered grey, turned, speckled, JPEG) and read
by OCR; every cell compared with the values printed, the findings with those of the text-layer original. Skipped
where the extra gdchecker[ocr] is not installed (scripts/test installs it)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import gdchecker.ocr
from gdchecker.model import Report, Severity
from gdchecker.read import ReadError, read
from tests.corpus import REAL, TRUTH, mismatches
from tests.makers import iter_cells, make_values, write_pdf
from tests.makers.scan import CLEAN, ROUGH, write_scan

if not gdchecker.ocr.available():
    pytest.skip("OCR extra not installed (pip install -e '.[ocr]')", allow_module_level=True)

from gdchecker.locate import locate  # noqa: E402
from gdchecker.ocr.reader import read_scan  # noqa: E402
from gdchecker.rules import check  # noqa: E402
from gdchecker.rules.confidence import CODE, HIGH, LOW  # noqa: E402

AGENCY = "某市交通运输局"


def _keys(findings, severity=Severity.ERROR) -> set[tuple]:
    return {f.key() for f in findings if f.severity == severity}


def _wrong_cells(report: Report, values: dict) -> list[str]:
    bad = []
    for t, r, c, want in iter_cells(values):
        table = report.tables.get(t)
        got = None if table is None else table.value(r, c)
        if not (got == want or (isinstance(want, float) and isinstance(got, (int, float)) and abs(got - want) < 1e-9)):
            bad.append(f"{t}.{r}.{c}: want {want!r} got {got!r}")
    return bad


@pytest.fixture(scope="module")
def rough_2021(tmp_path_factory) -> tuple[Path, dict, Report, list]:
    d = tmp_path_factory.mktemp("scan2021")
    values = make_values("2021", seed=11)
    write_pdf(d / "report.pdf", "2021", 2023, AGENCY, values)
    scan = write_scan(d / "report.pdf", d / "scan.pdf", seed=3, **ROUGH)
    doc = read(str(scan))  # through the reader: a PDF without a text layer goes to OCR
    report = locate(doc)
    return scan, values, report, check(report)


def test_rough_scan_reads_every_cell(rough_2021):
    _, values, report, _ = rough_2021
    assert _wrong_cells(report, values) == []
    assert (report.year, report.agency, report.format_version) == (2023, AGENCY, "2021")


def test_scan_of_a_clean_report_has_no_error(rough_2021):
    _, _, _, findings = rough_2021
    assert _keys(findings) == set()


def test_cells_carry_confidence_and_boxes(rough_2021):
    _, _, report, _ = rough_2021
    cell = report.tables["applications"].cell("new_received", "total")
    assert cell is not None and cell.conf is not None and 0.0 <= cell.conf <= 1.0
    assert cell.box is not None and cell.box.page == report.tables["applications"].page
    assert 0 < cell.box.x0 < cell.box.x1 < 600 and 0 < cell.box.top < cell.box.bottom < 850  # PDF points of A4


def test_wrong_printed_total_is_an_error_as_in_the_original(tmp_path):
    values = make_values("2019", seed=5)
    printed = copy.deepcopy(values)
    printed["applications"]["granted"]["total"] = int(printed["applications"]["granted"]["total"] or 0) + 3
    write_pdf(tmp_path / "report.pdf", "2019", 2020, AGENCY, printed)
    scan = write_scan(tmp_path / "report.pdf", tmp_path / "scan.pdf", **CLEAN)
    original = check(locate(read(str(tmp_path / "report.pdf"))))
    report = locate(read(str(scan)))
    assert _wrong_cells(report, printed) == []
    found = check(report)
    assert ("applications.row_total", "applications", "granted", "total") in _keys(found)
    assert _keys(found) == _keys(original)
    assert not [f for f in found if f.code == CODE]


def _misread(report: Report, row: str, col: str, value: int, conf: float) -> Report:
    """The report as if OCR had read one cell as `value` with confidence `conf`."""
    out = copy.deepcopy(report)
    cell = out.tables["applications"].cell(row, col)
    assert cell is not None
    cell.text, cell.value, cell.conf = str(value), value, conf
    return out


def test_unsure_digit_is_a_reading_warning_not_an_error(rough_2021):
    _, values, report, _ = rough_2021
    true = values["applications"]["granted"]["natural_person"]
    bad = _misread(report, "granted", "natural_person", int(true) + 5, (LOW + HIGH) / 2)
    found = check(bad)
    assert _keys(found) == set()
    notes = [f for f in found if f.code == CODE]
    assert [(f.cells[0].row, f.cells[0].col, f.expected) for f in notes] == [("granted", "natural_person", true)]
    page = report.tables["applications"].page
    assert notes[0].severity == Severity.WARNING
    assert notes[0].message.startswith(f"第 {page} 页表三“（一）予以公开”行“自然人”列识别为 {int(true) + 5}")
    assert "请核对原件" in notes[0].message


def test_sum_error_among_sure_cells_stays_an_error(rough_2021):
    _, values, report, _ = rough_2021
    true = values["applications"]["granted"]["natural_person"]
    bad = _misread(report, "granted", "natural_person", int(true) + 5, 0.999)
    found = check(bad)
    assert ("applications.row_total", "applications", "granted", "total") in _keys(found)
    assert not [f for f in found if f.code == CODE]


def test_low_confidence_alone_is_named(rough_2021):
    _, values, report, _ = rough_2021
    true = values["applications"]["partial"]["total"]
    found = check(_misread(report, "partial", "total", int(true), LOW / 2))
    assert _keys(found) == set()
    assert [(f.cells[0].row, f.expected) for f in found if f.code == CODE] == [("partial", None)]


def test_without_the_extra_a_scan_says_how_to_enable_ocr(rough_2021, monkeypatch):
    import gdchecker.ocr

    monkeypatch.setattr(gdchecker.ocr, "available", lambda: False)
    with pytest.raises(ReadError) as e:
        read(str(rough_2021[0]))
    assert e.value.code == "no_text" and "OCR" in e.value.message and "gdchecker[ocr]" in e.value.message


REAL_SCANS = [("KIROGOVCOMPARE/hzq2023_working.pdf", ROUGH), ("putian-policy-opening-html/putian-szfb2019.chrome.pdf", CLEAN)]


@pytest.mark.skipif(not TRUTH.is_dir(), reason="shared corpus not found beside the checkout")
@pytest.mark.parametrize(("name", "how"), REAL_SCANS, ids=["hzq-rough", "putian-clean"])
def test_real_report_scanned(tmp_path, name, how):
    src = REAL / name
    if not src.exists():
        pytest.skip(f"{name} not in the shared corpus")
    truth = json.loads((TRUTH / f"{src.name}.truth.json").read_text(encoding="utf-8"))
    scan = write_scan(src, tmp_path / "scan.pdf", seed=2, **how)
    report = locate(read_scan(str(scan), scan.read_bytes()))
    assert mismatches(report, truth) == []
    assert report.year == truth["year"] and report.format_version == truth["format_version"]
    original = check(locate(read(str(src))))
    assert _keys(check(report)) == _keys(original)  # the published errors, no more


def test_ocr_needs_no_opencv_and_no_rapidocr_code(rough_2021):
    """The packaged program carries onnxruntime and the model only: reading a scan imports neither OpenCV nor the
    package the model comes in."""
    import subprocess
    import sys

    code = ("import sys\nfrom gdchecker.read import read\nfrom gdchecker.locate import locate\n"
            f"r = locate(read({str(rough_2021[0])!r}))\n"
            "print(len(r.tables), 'cv2' in sys.modules, any(m.startswith('rapidocr') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.split() == [str(len(rough_2021[2].tables)), "False", "False"]
