"""Scans as offices make them, beyond noise and a slight turn: a red seal stamped over a table, a page lit
unevenly, a page put on the scanner upside down or sideways, a black-and-white scan of thin LibreOffice rules. The
tool may fail to read what the damage hides, but it says so as a reading finding: a scan of a clean report never
gets an error, and a crash never happens. Skipped where the extra gdchecker[ocr] is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

import gdchecker.ocr
from gdchecker.check import check_file
from gdchecker.model import Severity
from tests.makers import iter_cells, make_values, write_pdf
from tests.makers.scan import lamp, red_seal, turned, write_scan

if not gdchecker.ocr.available():
    pytest.skip("OCR extra not installed (pip install -e '.[ocr]')", allow_module_level=True)

AGENCY = "某县自然资源局"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    d = tmp_path_factory.mktemp("damage")
    values = make_values("2021", seed=21)
    write_pdf(d / "report.pdf", "2021", 2023, AGENCY, values)
    return d / "report.pdf", values


def _table_page(pdf: Path, key_word: str = "申请人情况") -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return next(i for i in range(len(doc)) if key_word in doc[i].get_textpage().get_text_range())
    finally:
        doc.close()


def _check(scan: Path):  # noqa: ANN202 - a Result
    res = check_file(str(scan))
    assert res.error is None, res.error
    return res


def _errors(res) -> list[str]:  # noqa: ANN001
    return [f"{f.code} {f.message}" for f in res.findings if f.severity == Severity.ERROR]


def _wrong(res, values: dict) -> list[str]:  # noqa: ANN001
    out = []
    for t, r, c, want in iter_cells(values):
        table = res.report.tables.get(t)
        got = None if table is None else table.value(r, c)
        if got != want:
            out.append(f"{t}.{r}.{c}: {want!r} read {got!r}")
    return out


def test_a_red_seal_over_table_three_of_a_colour_scan_is_seen_through(report, tmp_path):
    pdf, values = report
    page = _table_page(pdf)

    def stamp(i: int, img: Image.Image) -> Image.Image:
        return red_seal(img, 0.66, 0.45, 0.12, seed=i) if i == page else img

    res = _check(write_scan(pdf, tmp_path / "seal.pdf", colour=True, damage=stamp, quality=85, seed=2))
    assert _errors(res) == []
    assert _wrong(res, values) == []


def test_a_red_seal_over_a_grey_scan_is_never_an_error_of_the_report(report, tmp_path):
    pdf, _ = report
    page = _table_page(pdf)

    def stamp(i: int, img: Image.Image) -> Image.Image:
        return red_seal(img, 0.66, 0.45, 0.12, seed=i) if i == page else img

    res = _check(write_scan(pdf, tmp_path / "seal-grey.pdf", damage=stamp, quality=85, seed=2))
    assert _errors(res) == []


@pytest.mark.parametrize("dark", [0.55, 0.4])
def test_a_page_lit_unevenly_is_read(report, tmp_path, dark):
    pdf, values = report
    res = _check(write_scan(pdf, tmp_path / "lamp.pdf", damage=lambda i, img: lamp(img, dark), noise=6.0, seed=3))
    assert _errors(res) == []
    assert _wrong(res, values) == []


@pytest.mark.parametrize("quarter_turns", [2, 1, 3], ids=["upside-down", "left", "right"])
def test_a_table_page_put_in_turned_is_read_upright(report, tmp_path, quarter_turns):
    pdf, values = report
    page = _table_page(pdf)
    res = _check(write_scan(pdf, tmp_path / "turned.pdf", seed=4,
                            damage=lambda i, img: turned(img, quarter_turns) if i == page else img))
    assert _errors(res) == []
    assert _wrong(res, values) == []
    cell = res.report.tables["applications"].cell("granted", "total")
    assert cell.box is not None and cell.box.page == page + 1  # the box is on the page as the scan holds it


def test_a_black_and_white_scan_of_thin_rules_never_crashes(tmp_path):
    """1-bit scans lose parts of thin rules: two cells may be read as one ("12.11"); that is a reading finding."""
    from tests.makers import write_docx
    from tests.makers.producers import libreoffice, soffice_path

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    values = make_values("2021", seed=12)
    docx = tmp_path / "report.docx"
    write_docx(str(docx), "2021", 2023, AGENCY, values)
    pdf = libreoffice(docx, tmp_path)
    assert isinstance(pdf, Path)

    def one_bit(i: int, img: Image.Image) -> Image.Image:  # turned a little, noisy, then cut to black and white
        import numpy as np

        grey = np.asarray(img.convert("L").rotate(0.4, resample=Image.BICUBIC, fillcolor=255), dtype=np.float32)
        grey += np.random.default_rng(i).normal(0, 10, grey.shape)
        return Image.fromarray(np.where(grey > 160, 255, 0).astype(np.uint8)).convert("RGB")

    res = _check(write_scan(pdf, tmp_path / "bw.pdf", damage=one_bit, quality=95, seed=5))
    assert [f.code for f in res.findings if f.code == "internal"] == []
    assert _errors(res) == []
