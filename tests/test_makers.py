"""The fixture makers produce what they claim: consistent values, and files whose every cell is where it should be."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

try:
    from tests.makers import consistency_errors, iter_cells, make_values, write_docx, write_html, write_pdf, write_text
    from tests.makers import labels as L
    from tests.makers.grid import applications_grid
except ModuleNotFoundError:  # tests/ itself is on sys.path
    from makers import consistency_errors, iter_cells, make_values, write_docx, write_html, write_pdf, write_text  # type: ignore[no-redef]
    from makers import labels as L  # type: ignore[no-redef]
    from makers.grid import applications_grid  # type: ignore[no-redef]

AGENCY = "某某县发展和改革局"
YEAR = {"2019": 2020, "2021": 2022}
VERSIONS = ("2019", "2021")


def _row(values: dict, row: str) -> list[str]:
    return [L.fmt_value("applications", c, values["applications"][row][c]) for c in L.APP_COL_KEYS]


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("seed", range(8))
def test_values_consistent_and_complete(version: str, seed: int) -> None:
    v = make_values(version, seed)
    assert consistency_errors(version, v) == []
    assert set(v) == {b.key for b in L.ACTIVE_BLOCKS[version]} | {"applications", "review_litigation"}
    assert len(v["applications"]) == (23 if version == "2019" else 25)
    assert all(len(cols) == 7 for cols in v["applications"].values())
    assert list(v["review_litigation"]["count"]) == list(L.REVIEW_COL_KEYS)
    for block in L.ACTIVE_BLOCKS[version]:
        assert set(v[block.key]) == {k for _, k in block.rows}
        assert all(set(c) == {k for _, k in block.columns} for c in v[block.key].values())
    assert make_values(version, seed) == v  # deterministic
    assert max(x for *_, x in iter_cells(v) if x is not None) >= 100  # multi-digit figures occur


def test_values_variety_and_zero() -> None:
    many = [make_values(ver, s) for ver in VERSIONS for s in range(20)]
    assert any(int(c) < 0 for m in many for t, _, col, c in iter_cells(m) if col == "change" and c is not None)
    amounts = [c for m in many for _, _, col, c in iter_cells(m) if col == "amount" and c]
    assert amounts and all(isinstance(a, float) for a in amounts) and any(a != int(a) for a in amounts)
    for ver in VERSIONS:
        z = make_values(ver, 3, zero=True)
        assert all(c == 0 for *_, c in iter_cells(z)) and consistency_errors(ver, z) == []
    with pytest.raises(ValueError):
        make_values("2020")


# --------------------------------------------------------------------------- PDF


def _pdf_tables(path: Path) -> list[tuple[int, list[list[str | None]]]]:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(path) as pdf:
        return [(p.page_number, t) for p in pdf.pages for t in p.extract_tables()]


def _pdf_text(path: Path) -> list[str]:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


@pytest.mark.parametrize("version", VERSIONS)
def test_pdf_ruled_cells_read_back(tmp_path: Path, version: str) -> None:
    v = make_values(version, 7)
    blank = ("applications", "granted", "commercial")
    f = tmp_path / "r.pdf"
    write_pdf(f, version, YEAR[version], AGENCY, v, blanks=[blank])
    pages = _pdf_text(f)
    text = "".join(pages)
    assert L.title(AGENCY, YEAR[version]) in text and "第二十条第（一）项" in text
    assert ("第二十条第（九）项" in text) == (version == "2019")
    assert ("本年制发" in text) == (version == "2021")
    assert all(h in text for h in L.SECTION_HEADINGS)
    assert f"— {len(pages)} —" in pages[-1]
    n = v["applications"]["new_received"]["total"]
    assert f"本年度共收到政府信息公开申请{n}件" in text
    rows = {[x for x in r[:3] if x][-1]: r for _, t in _pdf_tables(f) for r in t if any(r[:3])}
    assert rows["一、本年新收政府信息公开申请数量"][3:] == _row(v, "new_received")
    assert rows["四、结转下年度继续办理"][3:] == _row(v, "carry_forward")
    granted = rows["（一）予以公开"][3:]
    assert granted[1] == "" and granted[0] == str(v["applications"]["granted"]["natural_person"])


def test_pdf_split_pages_and_header_repeat(tmp_path: Path) -> None:
    v = make_values("2021", 2)
    plain, split, rep = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    write_pdf(plain, "2021", 2022, AGENCY, v)
    write_pdf(split, "2021", 2022, AGENCY, v, split_pages=True)
    write_pdf(rep, "2021", 2022, AGENCY, v, split_pages=True, repeat_header=True, page_furniture=False)
    one = _pdf_text(plain)
    assert [i for i, p in enumerate(one) if "（四）无法提供" in p] == [i for i, p in enumerate(one) if "3.其他" in p]
    for f, headers in ((split, 1), (rep, 2)):
        pages = _pdf_text(f)
        where = {lab: [i for i, p in enumerate(pages) if lab in p] for lab in
                 ("2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "申请人情况", "第二十条第（六）项", "行政处罚")}
        assert where["3.补正后申请内容仍不明确"][0] == where["2.没有现成信息需要另行制作"][0] + 1
        assert len(where["申请人情况"]) == headers
        assert where["行政处罚"][0] == where["第二十条第（六）项"][0] + 1
    assert not any("— 1 —" in p for p in _pdf_text(rep))


def test_pdf_unruled_has_no_lines(tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    v = make_values("2019", 4)
    f = tmp_path / "u.pdf"
    write_pdf(f, "2019", 2019, AGENCY, v, ruled=False, merged_cells=False, wrap_labels=False, prose=False)
    with pdfplumber.open(f) as pdf:
        assert all(not p.lines and not p.rects for p in pdf.pages)
        text = "".join(p.extract_text() for p in pdf.pages)
    assert "本年度共收到" not in text and "第二十条第（九）项" in text
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in text  # one line when not wrapped


# --------------------------------------------------------------------------- DOCX


@pytest.mark.parametrize("merged", [True, False])
def test_docx_tables_and_merges(tmp_path: Path, merged: bool) -> None:
    docx = pytest.importorskip("docx")
    v = make_values("2021", 1)
    f = tmp_path / "r.docx"
    write_docx(f, "2021", 2022, AGENCY, v, merged_cells=merged, multi_paragraph_cells=merged,
               blanks=[("review_litigation", "count", "review.total")])
    d = docx.Document(str(f))
    assert len(d.tables) == 3
    xml = d.tables[1]._tbl.xml
    assert ("w:gridSpan" in xml) == merged and ("w:vMerge" in xml) == merged
    app = d.tables[1]
    texts = [[c.text for c in row.cells] for row in app.rows]
    new = next(r for r in texts if r[0] == "一、本年新收政府信息公开申请数量")
    assert new[3:] == _row(v, "new_received")
    natural = app.cell(1, 3)
    assert len([p for p in natural.paragraphs if p.text]) == (2 if merged else 1)
    review = [c.text for c in d.tables[2].rows[3].cells]
    assert review[4] == "" and review[9] == str(v["review_litigation"]["count"]["suit_direct.total"])
    body = "\n".join(p.text for p in d.paragraphs)
    assert L.period_sentence(2022) in body and "六、其他需要报告的事项" in body


# --------------------------------------------------------------------------- HTML


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_html_encoding_and_cells(tmp_path: Path, encoding: str) -> None:
    lxml_html = pytest.importorskip("lxml.html")
    v = make_values("2019", 6)
    f = tmp_path / "r.html"
    write_html(f, "2019", 2020, AGENCY, v, encoding=encoding, blanks=[("applications", "total", "total")])
    raw = f.read_bytes()
    if encoding == "gbk":
        assert b'charset=gb2312"' in raw
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    text = raw.decode("gbk" if encoding == "gbk" else "utf-8")
    assert "<o:p></o:p>" in text and 'rowspan="' in text and 'colspan="7"' in text and "&nbsp;" in text
    assert "自然人" not in text  # split over spans / paragraphs, as Word leaves it
    tree = lxml_html.fromstring(text)
    tables = tree.xpath("//div[@id='zoom']//table")
    assert len(tables) == 3
    rows = [[re.sub(r"\s+", "", td.text_content()) for td in tr.xpath("./td")] for tr in tables[1].xpath(".//tr")]
    new = next(r for r in rows if r and r[0] == "一、本年新收政府信息公开申请数量")
    assert new[1:] == _row(v, "new_received")
    total = next(r for r in rows if "（七）总计" in r)
    assert total[-1] == ""


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("version", VERSIONS)
def test_text_tabs_like_seed(tmp_path: Path, version: str) -> None:
    v = make_values(version, 3)
    f = tmp_path / "r.txt"
    write_text(f, version, YEAR[version], AGENCY, v, style="tabs", blanks=[("applications", "partial", "total")])
    lines = f.read_text(encoding="utf-8").splitlines()
    new = next(ln.split("\t") for ln in lines if ln.startswith("一、本年新收"))
    assert new[3:] == _row(v, "new_received")
    i = next(i for i, ln in enumerate(lines) if "(二) 部分公开" in ln)
    assert lines[i].split("\t")[-1] == "" and lines[i + 1].split("\t")[1] == "不计其他情形）"
    assert "\t".join(["第二十条第（一）项", "", "", ""]) in lines
    assert any("尚 未 审 结" in ln for ln in lines)
    rl = v["review_litigation"]["count"]
    assert "\t".join(str(rl[k]) for k in L.REVIEW_COL_KEYS) in lines


def test_text_encodings_and_styles(tmp_path: Path) -> None:
    v = make_values("2021", 0)
    f = tmp_path / "r.txt"
    write_text(f, "2021", 2022, AGENCY, v, encoding="gb18030", bom=True)
    raw = f.read_bytes()
    assert raw.startswith(b"\x84\x31\x95\x33") and b"\r\n" in raw
    write_text(f, "2021", 2022, AGENCY, v, encoding="utf-8", bom=True)
    assert f.read_bytes().startswith(b"\xef\xbb\xbf")
    write_text(f, "2021", 2022, AGENCY, v, encoding="gbk")
    assert L.title(AGENCY, 2022) in f.read_bytes().decode("gbk")
    with pytest.raises(ValueError):
        write_text(f, "2021", 2022, AGENCY, v, encoding="gbk", bom=True)
    write_text(f, "2021", 2022, AGENCY, v, style="markdown")
    md = f.read_text(encoding="utf-8")
    assert "| 一、本年新收政府信息公开申请数量 |  |  | " + " | ".join(_row(v, "new_received")) + " |" in md
    write_text(f, "2021", 2022, AGENCY, v, style="spaces")
    line = next(ln for ln in f.read_text(encoding="utf-8").splitlines() if ln.startswith("一、本年新收"))
    assert "\t" not in line and re.split(r"\s{2,}", line)[1:] == _row(v, "new_received")


def test_grid_layout_matches_format() -> None:
    for version, rows in (("2019", 23), ("2021", 25)):
        g = applications_grid(version, make_values(version))
        assert g.n_rows == 3 + rows and g.n_cols == 10
        outer = next(c for c in g.cells if c.kind == "outer")
        assert outer.text == "三、本年度办理结果" and outer.rs == rows - 3
        groups = {c.text: c.rs for c in g.cells if c.kind == "group"}
        assert groups["（三）不予公开"] == 8 and groups["（四）无法提供"] == 3 and groups["（五）不予处理"] == 5
        assert groups.get("（六）其他处理") == (None if version == "2019" else 3)
