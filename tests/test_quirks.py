"""Quirks of real producers that once misled the reader: each is read right, or left empty with a reason."""

from __future__ import annotations

import re
import time
import zipfile

import pytest

from gdchecker.check import check_file
from gdchecker.locate import digits
from gdchecker.model import Severity
from tests.makers import iter_cells, make_values, write_docx, write_html, write_pdf, write_text


def _wrong(path, values):
    res = check_file(str(path))
    assert res.error is None, res.error
    rep = res.report
    bad = [(t, r, c, v, rep.tables[t].value(r, c) if t in rep.tables else "no table")
           for t, r, c, v in iter_cells(values) if (rep.tables[t].value(r, c) if t in rep.tables else "x") != v]
    return bad, res.findings


@pytest.mark.parametrize("maker,ext,kw", [(write_pdf, "pdf", {}), (write_pdf, "pdf", {"ruled": False}),
                                          (write_docx, "docx", {}), (write_text, "txt", {"style": "spaces"})])
def test_whole_blank_columns_are_blanks_not_split_digits(tmp_path, maker, ext, kw):
    """Only 自然人 and 总计 filled in 表三 (as the 沭阳发改局 page has it), and a blank cell in 表二."""
    values = make_values("2021", 4)
    blanks = [("active_20_1", "regulation", "repealed")]
    values["active_20_1"]["regulation"]["repealed"] = None
    values["active_20_1"]["regulation"]["in_force"] = values["active_20_1"]["regulation"]["issued"] + 7
    for r, cols in values["applications"].items():
        for c in ("commercial", "research", "social_welfare", "legal_service", "other_org"):
            cols[c] = None
            blanks.append(("applications", r, c))
        cols["total"] = cols["natural_person"]
    path = tmp_path / f"r.{ext}"
    maker(str(path), "2021", 2022, "某市交通运输局", values, blanks=blanks, **kw)
    bad, findings = _wrong(path, values)
    assert bad == []
    assert not [f for f in findings if f.severity == Severity.ERROR]
    assert not any(f.code.startswith("reading.digits") for f in findings)


def test_prose_naming_table_words_does_not_move_the_tables(tmp_path):
    values = make_values("2021", 3)
    path = tmp_path / "r.txt"
    write_text(str(path), "2021", 2022, "某局", values, style="tabs")
    text = path.read_text(encoding="utf-8")
    i = text.index("一、总体情况") + len("一、总体情况\n")
    text = text[:i] + "本年新收政府信息公开申请2360件，上年结转26件，申请人情况以自然人为主。\n" + text[i:]
    path.write_text(text, encoding="utf-8")
    bad, findings = _wrong(path, values)
    assert bad == []
    assert not any(f.code.startswith("structure.") for f in findings)


def test_single_spaced_row_with_dashes(tmp_path):
    values = make_values("2021", 3)
    row = values["applications"]["granted"]
    for c in ("commercial", "social_welfare", "legal_service", "other_org"):
        row[c] = None
    row["total"] = row["natural_person"] + row["research"]
    path = tmp_path / "r.txt"
    write_text(str(path), "2021", 2022, "某局", values, style="tabs")
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "（一）予以公开" in line:
            line = f"（一）予以公开 {row['natural_person']} - {row['research']} - - - {row['total']}"
        lines.append(line)
    path.write_text("\n".join(lines), encoding="utf-8")
    bad, _ = _wrong(path, values)
    assert bad == []


def test_page_without_closing_head(tmp_path):
    values = make_values("2021", 2)
    path = tmp_path / "r.html"
    write_html(str(path), "2021", 2022, "某局", values)
    path.write_bytes(path.read_bytes().replace(b"</head>", b""))
    bad, _ = _wrong(path, values)
    assert bad == []


def test_word_tables_inside_content_controls(tmp_path):
    values = make_values("2021", 2)
    src = tmp_path / "plain.docx"
    write_docx(str(src), "2021", 2022, "某局", values)
    path = tmp_path / "sdt.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r"(<w:tbl>.*?</w:tbl>)", r"<w:sdt><w:sdtContent>\1</w:sdtContent></w:sdt>", xml, flags=re.S)
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    bad, _ = _wrong(path, values)
    assert bad == []


def test_page_number_between_review_header_and_figures(tmp_path):
    values = make_values("2021", 3)
    path = tmp_path / "r.txt"
    write_text(str(path), "2021", 2022, "某局", values, style="tabs")
    lines = path.read_text(encoding="utf-8").splitlines()
    k = max(i for i, ln in enumerate(lines) if "尚 未 审 结" in ln)
    lines.insert(k + 1, "5")
    path.write_text("\n".join(lines), encoding="utf-8")
    bad, findings = _wrong(path, values)
    assert bad == []


def test_run_together_digits_give_up_quickly_when_too_many_readings():
    t = time.perf_counter()
    assert digits.candidates(["1" * 30], 15, lambda s: True) == []
    assert time.perf_counter() - t < 2.0  # a hang guard, not a benchmark
    assert digits.candidates(["10203120001200000"], 15,
                             lambda s: all(sum(s[g:g + 4]) == s[g + 4] for g in (0, 5, 10))) == \
        [(1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_page_framed_by_a_layout_table(tmp_path, encoding):
    """Gov sites often put the whole article inside a <table>: the statistical tables inside stay tables."""
    values = make_values("2019", 4)
    path = tmp_path / "r.html"
    write_html(str(path), "2019", 2020, "某市交通运输局", values, encoding=encoding)
    raw = path.read_bytes().decode(encoding)
    i = raw.index("<body>") + len("<body>") if "<body>" in raw else raw.index("<body")
    j = raw.rindex("</body>")
    framed = (raw[:i] + '<table width="100%"><tr><td class="nav">首页 &gt; 政务公开</td></tr><tr><td>'
              + raw[i:j] + "</td></tr></table>" + raw[j:])
    path.write_bytes(framed.encode(encoding))
    bad, findings = _wrong(path, values)
    assert bad == []
    assert not [f for f in findings if f.severity == Severity.ERROR]


def test_letter_spaced_digits_in_a_pdf_stay_one_number(tmp_path):
    """Numbers drawn with character spacing (WPS, justified cells) must not fall apart into digits."""
    import subprocess

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = subprocess.run(["fc-match", "-f", "%{file}", "WenQuanYi Micro Hei"], capture_output=True, text=True).stdout
    pdfmetrics.registerFont(TTFont("CJKSpaced", font, subfontIndex=0))
    path = tmp_path / "spaced.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("CJKSpaced", 10.5)
    c.drawString(50, 800, "某局2022年政府信息公开工作年度报告")
    c.drawString(50, 770, "第二十条第（一）项")
    for x, text in ((50, "信息内容"), (250, "本年制发件数"), (340, "本年废止件数"), (430, "现行有效件数")):
        c.drawString(x, 750, text)
    rows = {"regulation": ("规章", [12, 3, 1045]), "normative": ("行政规范性文件", [130, 27, 2215])}
    y = 730
    for label, nums in rows.values():
        t = c.beginText(50, y)
        t.setFont("CJKSpaced", 10.5)
        t.setCharSpace(2.5)
        t.textOut(label)
        c.drawText(t)
        for i, n in enumerate(nums):
            t = c.beginText(250 + i * 90, y)
            t.setFont("CJKSpaced", 10.5)
            t.setCharSpace(2.5)
            t.textOut(str(n))
            c.drawText(t)
        y -= 20
    c.save()
    res = check_file(str(path))
    table = res.report.tables["active_20_1"]
    for key, (_, nums) in rows.items():
        assert [table.value(key, col) for col in ("issued", "repealed", "in_force")] == nums


def test_hidden_junk_in_a_web_page_is_not_read(tmp_path):
    values = make_values("2021", 5)
    path = tmp_path / "r.html"
    write_html(str(path), "2021", 2022, "某局", values)
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"(>\d+)(<)", r'\1<span style="display:none">9</span>\2', raw)
    path.write_text(raw, encoding="utf-8")
    bad, findings = _wrong(path, values)
    assert bad == []
    assert not [f for f in findings if f.severity != Severity.INFO]


def test_2019_other_row_with_its_label_wrapped(tmp_path):
    """“（六）其他 / 处理” in a narrow cell is the 2019 row （六）其他处理, not the 2021 item “3.其他”."""
    values = make_values("2019", 6)
    path = tmp_path / "r.txt"
    write_text(str(path), "2019", 2020, "某局", values, style="tabs")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    k = next(i for i, ln in enumerate(lines) if "其他处理" in ln and "\t" in ln)
    lines[k] = lines[k].replace("其他处理", "其他")  # noqa: E501
    lines.insert(k + 1, "\t处理")
    path.write_text("\n".join(lines), encoding="utf-8")
    bad, findings = _wrong(path, values)
    assert bad == []
    assert not any(f.code.startswith(("format.", "structure.")) for f in findings)


def _ruled_pdf(path, wrapped: bool):
    """表二第二十条第（一）项 drawn by hand with borders; 现行有效件数 of 规章 wraps inside its cell (104 / 5)."""
    import subprocess

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = subprocess.run(["fc-match", "-f", "%{file}", "WenQuanYi Micro Hei"], capture_output=True, text=True).stdout
    pdfmetrics.registerFont(TTFont("CJKRuled", font, subfontIndex=0))
    c = canvas.Canvas(str(path))
    c.setFont("CJKRuled", 10.5)
    c.drawString(50, 800, "某局2022年政府信息公开工作年度报告")
    xs = [50, 200, 260, 320, 380]
    top = 760
    heights = [16, 16, 30 if wrapped else 16, 16]  # caption, header, 规章 (two lines where wrapped), 行政规范性文件
    ys = [top]
    for hgt in heights:
        ys.append(ys[-1] - hgt)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.drawString(52, ys[0] - 12, "第二十条第（一）项")
    for x, t in zip(xs, ("信息内容", "制发", "废止", "现行有效")):
        c.drawString(x + 2, ys[1] - 12, t)
    c.drawString(52, ys[2] - 12, "规章")
    c.drawString(xs[1] + 2, ys[2] - 12, "12")
    c.drawString(xs[2] + 2, ys[2] - 12, "3")
    if wrapped:
        c.drawString(xs[3] + 2, ys[2] - 12, "104")
        c.drawString(xs[3] + 2, ys[2] - 25, "5")
    else:
        c.drawString(xs[3] + 2, ys[2] - 12, "1045")
    c.drawString(52, ys[3] - 12, "行政规范性文件")
    for x, t in zip(xs[1:], ("130", "27", "2215")):
        c.drawString(x + 2, ys[3] - 12, t)
    c.save()


@pytest.mark.parametrize("wrapped", [True, False])
def test_number_wrapped_inside_a_bordered_cell_is_one_number(tmp_path, wrapped):
    path = tmp_path / "ruled.pdf"
    _ruled_pdf(path, wrapped)
    res = check_file(str(path))
    t = res.report.tables["active_20_1"]
    assert [t.value("regulation", c) for c in ("issued", "repealed", "in_force")] == [12, 3, 1045]
    assert [t.value("normative", c) for c in ("issued", "repealed", "in_force")] == [130, 27, 2215]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_text_copied_from_a_web_page_one_cell_a_line(tmp_path, version):
    values = make_values(version, 12)
    path = tmp_path / "r.txt"
    write_text(str(path), version, 2020 if version == "2019" else 2022, "某局", values, style="tabs")
    cells = [f.strip() for line in path.read_text(encoding="utf-8").splitlines() for f in line.split("\t")]
    path.write_text("\n".join(c for c in cells if c), encoding="utf-8")
    bad, findings = _wrong(path, values)
    assert bad == []
    assert not [f for f in findings if f.severity == Severity.ERROR]
