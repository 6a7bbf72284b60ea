"""Table pages read by pdfium (gdchecker.read.pdfium_page) read as pdfplumber over pdfminer reads them: the same
document lines (text, table rows, boxes within half a point), cell values and findings, for the maker's PDFs of
both formats, ruled and not, split over pages; and the characters, words and rules of a page compared one by
one.  The words and tables of a pdfium page are grouped and found without pdfplumber (gdchecker.read.pdfwords,
gdchecker.read.pdftables), exactly as pdfplumber's own code groups and finds them over the same characters and
edges, and reading a PDF imports neither pdfplumber nor pdfminer.  A page drawing far more than a report does is
not read for its geometry (its text is kept)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gdchecker.check import check_file
from gdchecker.read import pdf as pdf_reader
from gdchecker.read import pdfium_page, pdfium_paths, pdftables, pdfwords, read
from scripts.pdfium_equivalence import DROP, differences
from tests.makers import make_values, producers, write_docx, write_html, write_pdf

WORDS = {"x_tolerance": 1.5, "y_tolerance": 2, "keep_blank_chars": False, "use_text_flow": False}


@pytest.mark.parametrize("version,year,kw", [
    ("2021", 2022, {}),
    ("2019", 2020, {"ruled": False}),
    ("2021", 2023, {"split_pages": True}),
    ("2019", 2021, {"split_pages": True, "repeat_header": True, "merged_cells": False}),
    ("2021", 2024, {"wrap_labels": False, "ruled": False}),
])
def test_pdfium_reads_as_pdfminer(tmp_path, version, year, kw):
    path = tmp_path / "report.pdf"
    write_pdf(str(path), version, year, "某市某局", make_values(version, seed=3), **kw)
    assert differences(path) == []


def test_page_chars_words_and_edges_match_pdfplumber(tmp_path):
    import pdfplumber
    import pypdfium2 as pdfium

    path = tmp_path / "report.pdf"
    write_pdf(str(path), "2021", 2022, "某市某局", make_values("2021", seed=1))
    doc = pdfium.PdfDocument(str(path))
    with pdfplumber.open(str(path)) as pl:
        for i, want in enumerate(pl.pages):
            got = pdfium_page.PdfiumPage(doc[i], i + 1)
            assert got.bbox == pytest.approx(want.bbox, abs=1e-3)
            ws, wp = got.extract_words(**WORDS), want.extract_words(**WORDS)
            assert [w["text"] for w in ws] == [w["text"] for w in wp]
            for a, b in zip(ws, wp):
                assert [a[k] for k in ("x0", "top", "x1", "bottom")] == pytest.approx(
                    [b[k] for k in ("x0", "top", "x1", "bottom")], abs=0.5)
            key = lambda e: (e["orientation"], round(e["top"]), round(e["x0"]))  # noqa: E731
            ge, pe = sorted(got.edges, key=key), sorted(want.edges, key=key)
            assert len(ge) == len(pe) > 0
            for a, b in zip(ge, pe):
                assert a["orientation"] == b["orientation"] and a["object_type"] == b["object_type"]
                assert [a[k] for k in ("x0", "top", "x1", "bottom")] == pytest.approx(
                    [b[k] for k in ("x0", "top", "x1", "bottom")], abs=0.01)
            settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
            tg, tp = got.find_tables(settings), want.find_tables(settings)
            assert len(tg) == len(tp)
            for a, b in zip(tg, tp):
                assert list(a.bbox) == pytest.approx(list(b.bbox), abs=0.01)
                assert len(a.cells) == len(b.cells)
    doc.close()


@pytest.mark.parametrize("module,cap", [(pdfium_paths, "MAX_PAGE_OBJECTS"), (pdfium_page, "MAX_PAGE_CHARS"),
                                        (pdfium_paths, "MAX_PAGE_POINTS")])
def test_a_page_drawing_too_much_keeps_its_text(tmp_path, monkeypatch, module, cap):
    path = tmp_path / "report.pdf"
    write_pdf(str(path), "2021", 2022, "某市某局", make_values("2021", seed=2))
    whole = read(str(path))
    assert any(ln.grid is not None for ln in whole.lines)
    monkeypatch.setattr(module, cap, 5)
    capped = read(str(path))  # no page is read for its geometry, none by pdfminer either: the text stays
    assert not any(ln.geometric for ln in capped.lines)
    flat = lambda d: sorted("".join(ln.text for ln in d.lines).replace(" ", ""))  # noqa: E731 - in any order
    assert flat(capped) == flat(whole)


def test_pdfminer_is_not_asked_for_pages_pdfium_reads(tmp_path, monkeypatch):
    path = tmp_path / "report.pdf"
    write_pdf(str(path), "2019", 2020, "某市某局", make_values("2019", seed=4), split_pages=True)

    def refuse(*a, **k):
        raise AssertionError("pdfplumber opened")

    monkeypatch.setattr("pdfplumber.open", refuse)
    assert pdf_reader.USE_PDFIUM
    doc = read(str(path))
    assert sum(ln.grid is not None for ln in doc.lines) > 20


@pytest.mark.skipif(producers.soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdfs_read_the_same(tmp_path):
    """LibreOffice's fonts say Ascent and Descent 0: pdfminer boxes their text from the baseline, pdfium from the
    font's own descent, a little lower; nothing else may move, and the cells and findings are the same."""
    src = []
    for version, year in (("2019", 2020), ("2021", 2022)):
        p = tmp_path / f"report-{version}.docx"
        write_docx(str(p), version, year, "某区卫生健康委员会", make_values(version, seed=7))
        src.append(p)
    for pdf in producers.libreoffice(src, tmp_path / "pdf"):
        assert differences(pdf, drop=DROP) == []
        assert any("box" in d for d in differences(pdf))  # the boxes do sit lower: the allowance is needed


@pytest.mark.skipif(producers.chromium_path() is None, reason="Chromium is not installed")
def test_chromium_pdf_reads_the_same(tmp_path):
    """Chromium draws bold text with Type 3 fonts (boxed by their advance) and borders as thin filled boxes."""
    html = tmp_path / "report.html"
    write_html(str(html), "2021", 2022, "某区卫生健康委员会", make_values("2021", seed=8))
    pdf = producers.chromium_pdf(html, tmp_path / "report.pdf")
    assert differences(pdf) == []


_TABLE_SETTINGS = [
    {"vertical_strategy": "lines", "horizontal_strategy": "lines"},
    {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 1, "join_tolerance": 0,
     "intersection_tolerance": 1},
    {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 0, "join_tolerance": 6,
     "intersection_tolerance": 5, "edge_min_length": 10},
]


def _same_as_pdfplumber(path: Path) -> int:
    """Every page's words and tables by pdfwords/pdftables equal pdfplumber's over the same PdfiumPage; the
    number of pages compared."""
    import pypdfium2 as pdfium
    from pdfplumber import utils
    from pdfplumber.table import TableFinder, TableSettings

    doc = pdfium.PdfDocument(str(path))
    n = 0
    try:
        for i in range(len(doc)):
            page = pdfium_page.PdfiumPage(doc[i], i + 1)
            n += 1
            for kw in ({"x_tolerance": 1.5, "y_tolerance": 2}, {"x_tolerance": 3, "y_tolerance": 3}):
                assert pdfwords.extract_words(page.chars, **kw) == utils.extract_words(page.chars, **kw)
            # a rule drawn by the caller (pdfgrid closes tables a page break cut with one)
            extra = {"x0": page.width / 4, "x1": page.width * 3 / 4, "top": page.height / 2,
                     "bottom": page.height / 2, "width": page.width / 2, "height": 0.0, "orientation": "h",
                     "object_type": "explicit_edge"}
            for settings in _TABLE_SETTINGS + [{**_TABLE_SETTINGS[0], "explicit_horizontal_lines": [extra]}]:
                want = TableFinder(page, TableSettings.resolve(settings)).tables  # type: ignore[arg-type]
                got = pdftables.find_tables(page.edges, settings)
                shape = lambda ts: [(t.bbox, t.cells, [(r.bbox, r.cells) for r in t.rows]) for t in ts]  # noqa: E731
                assert shape(got) == shape(want), (path.name, i, settings)
    finally:
        doc.close()
    return n


def test_words_and_tables_as_pdfplumber_finds_them(tmp_path):
    pages = 0
    for k, (version, kw) in enumerate([("2021", {}), ("2019", {"ruled": False}),
                                       ("2021", {"split_pages": True, "repeat_header": True}),
                                       ("2019", {"merged_cells": False, "wrap_labels": False})]):
        path = tmp_path / f"report-{k}.pdf"
        write_pdf(str(path), version, 2020 + k, "某市某局", make_values(version, seed=k), **kw)
        pages += _same_as_pdfplumber(path)
    assert pages >= 12


@pytest.mark.skipif(producers.chromium_path() is None or producers.soffice_path() is None,
                    reason="Chromium or LibreOffice is not installed")
def test_words_and_tables_of_other_producers_as_pdfplumber_finds_them(tmp_path):
    """Chromium (borders as thin filled boxes, cell by cell) and LibreOffice (rules as lines, real merges)."""
    html = tmp_path / "report.html"
    write_html(str(html), "2021", 2022, "某区卫生健康委员会", make_values("2021", seed=8))
    docx = tmp_path / "report.docx"
    write_docx(str(docx), "2019", 2020, "某区卫生健康委员会", make_values("2019", seed=9))
    pdfs = [producers.chromium_pdf(html, tmp_path / "chrome.pdf"), producers.libreoffice(docx, tmp_path / "lo")]
    assert sum(_same_as_pdfplumber(Path(p)) for p in pdfs) >= 6


def test_reading_a_pdf_imports_neither_pdfplumber_nor_pdfminer(tmp_path):
    path = tmp_path / "report.pdf"
    write_pdf(str(path), "2021", 2022, "某市某局", make_values("2021", seed=5), split_pages=True)
    code = ("import sys; from gdchecker.check import check_file; r = check_file(sys.argv[1]); "
            "assert r.report is not None and r.report.tables; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pdfplumber', 'pdfminer')))")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=root,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("crop,tree", [(None, True), (b"/CropBox [ 0 0 551 842 ]", True), (None, False)])
def test_a_page_whose_mediabox_is_inherited_is_read_by_pdfplumber(tmp_path, crop, tree):
    """A MediaBox set once on the page tree (not on each page), with or without a CropBox on the page: pdfium
    gives neither the MediaBox (a letter-sized guess) nor an inherited CropBox, so the page's size is not known
    to it (boxes would move by the difference, a table's right rule might stand at the page's edge and its last
    columns be taken as cut off): pdfplumber reads the page, every cell as from the file made the usual way.  A
    file with no MediaBox at all (tree False), which pdfplumber cannot open, is read by pdfium at the page's size
    as pdfium lays it out."""
    import re

    import pypdfium2 as pdfium

    src = tmp_path / "report.pdf"
    values = make_values("2021", seed=6)
    write_pdf(str(src), "2021", 2022, "某市某局", values)
    data = src.read_bytes()
    box = re.search(rb"/MediaBox \[[^\]]*\]", data).group(0)
    moved = data.replace(box, (crop or b"").ljust(len(box)))
    if tree:
        moved = re.sub(rb"(/Type /Pages)", rb"\1 " + box, moved, count=1)
    path = tmp_path / "inherited.pdf"
    path.write_bytes(moved)
    doc = pdfium.PdfDocument(str(path))
    assert doc[0].get_mediabox(fallback_ok=False) is None  # the page itself names no MediaBox
    with pytest.raises(pdfium_page.Unserved):
        pdfium_page.PdfiumPage(doc[0], 1)
    doc.close()
    if tree:
        assert differences(path) == []
    want = check_file(str(src)).report
    got = check_file(str(path)).report
    assert got is not None and want is not None
    cells = lambda r: {(t, row, col): c.value for t, tb in r.tables.items()  # noqa: E731
                       for row, cols in tb.cells.items() for col, c in cols.items()}
    assert cells(got) == cells(want)
