"""Seed corpora for the fuzz targets, made at run time (no binary corpus is committed).

Each kind gets a few small valid reports written by the project's own makers (tests/makers; the workbook by
gdchecker's own export of a checked report) and a few hand-made edge cases: files that are almost right, broken in
one place a real file could be broken. ``KNOWN`` names the edge cases that reproduce a bug already reported and not
yet fixed: they stay out of the seeds (so the short run in CI finds new bugs, not the same one every time) unless
asked for, and tests/fuzz/test_fuzz_short.py checks that each of them still reproduces.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KINDS: dict[str, str] = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt", "xlsx": ".xlsx"}
AGENCY = "某市交通运输局"



@dataclass(frozen=True)
class Known:
    """A bug found and reported, not fixed yet: the edge case that reproduces it and where it is raised."""

    case: str  # KIND/NAME of an edge case in EDGES
    where: str  # innermost gdchecker frame of the original exception: "gdchecker/values.py:parse_value"
    error: str  # its type name, or "timeout" (then `where` is only for the reader: no exception to match)
    about: str


# fixed, and kept as seeds: text/edge-long-number (5,000 digits: values.MAX_DIGITS) and text/edge-digit-row-3000
# (3,000 figures after one label: applications._extra tries joins only where one piece is too many)
KNOWN: tuple[Known, ...] = ()
KNOWN_CASES = {k.case for k in KNOWN}

# tokens for libFuzzer's -dict and the fallback mutator: the words a reader's parser turns on
TOKENS: dict[str, list[bytes]] = {
    "pdf": [b"%PDF-1.7", b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"startxref", b"%%EOF",
            b"/Length", b"/Filter", b"/FlateDecode", b"/Type", b"/Page", b"/Pages", b"/Kids", b"/Count", b"/Parent",
            b"/MediaBox", b"/Contents", b"/Resources", b"/Font", b"/Encrypt", b"/ObjStm", b"/XRef", b"/Root",
            b"/ToUnicode", b"BT", b"ET", b"Tf", b"Td", b"TJ", b"Tj", b"re", b" m ", b" l ", b" S ", b"cm", b"q", b"Q",
            b"0 R", b"-1", b"99999999", b"1e308", b"<<", b">>", b"[", b"]", b"(", b")", b"\\"],
    "docx": [b"<w:tbl>", b"</w:tbl>", b"<w:tr>", b"</w:tr>", b"<w:tc>", b"</w:tc>", b"<w:p>", b"</w:p>", b"<w:r>",
             b"<w:t>", b"</w:t>", b"<w:tab/>", b"<w:br/>", b"<w:tcPr>", b'<w:gridSpan w:val="', b"<w:vMerge/>",
             b'<w:vMerge w:val="restart"/>', b'w:val="0"', b'w:val="-1"', b'w:val="99999"', b"&amp;", b"&#",
             b"<!ENTITY", b"xmlns:w=", b"<![CDATA["],
    "html": [b"<table>", b"</table>", b"<tr>", b"</tr>", b"<td>", b"</td>", b"<th>", b'colspan="', b'rowspan="',
             b"<p>", b"<br>", b"<div>", b"<span>", b"</span>", b"&nbsp;", b"&#", b"&#x", b"<meta charset=",
             b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', b'style="display:none"',
             b"<script>", b"<style>", b"<!--", b"-->", b"<title>", b"\xef\xbb\xbf", b"0", b"-1", b"100000"],
    "text": [b"\t", b"  ", b"|", b"| --- |", b"\r\n", b"\r", b"\x0c", b"\xe3\x80\x80", b"\xef\xbb\xbf",
             "（一）".encode(), "一、".encode(), b"1.", "总计".encode(), "自然人".encode(),
             "本年新收".encode(), "行政复议".encode(), "年度报告".encode(), "万元".encode(), "－".encode(),
             "１２３".encode(), b"0", b"-1", b"1,234", b"1.5", b"99999999999999999999", b"1e400", b"nan"],
    "xlsx": [b"<c ", b"</c>", b"<v>", b"</v>", b'<mergeCell ref="', b"<mergeCells", b'<row r="', b"<sheetData>",
             b't="s"', b't="b"', b't="e"', b't="str"', b't="inlineStr"', b"<is><t>", b"<f>", b'r="A1"',
             b"XFD1048576", b'state="hidden"', b"<sheet ", b"<si><t>", b"#DIV/0!", b"0", b"-1", b"1e308"],
}


def _sha(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:12]


# --------------------------------------------------------------------------- hand-made PDFs


def _pdf(objects: list[bytes], *, xref_ok: bool = True, root: int = 1) -> bytes:
    """A PDF from numbered object bodies (1-based), with an xref table whose offsets are right (or all zero)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % (off if xref_ok else 0)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def _grid_content() -> bytes:
    """A ruled 3x4 table of numbers under a title line, drawn with plain operators (no compression)."""
    ops = [b"BT /F1 14 Tf 72 770 Td (2023 Annual Report) Tj ET", b"0.5 w"]
    x0, y0, w, h = 72, 700, 110, 24
    for r in range(5):
        ops.append(b"%d %d m %d %d l S" % (x0, y0 - r * h, x0 + 4 * w, y0 - r * h))
    for c in range(5):
        ops.append(b"%d %d m %d %d l S" % (x0 + c * w, y0, x0 + c * w, y0 - 4 * h))
    labels = [b"Item", b"Natural", b"Legal", b"Total"]
    for c, label in enumerate(labels):
        ops.append(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x0 + c * w + 6, y0 - h + 8, label))
    for r in range(1, 4):
        ops.append(b"BT /F1 10 Tf %d %d Td (Row %d) Tj ET" % (x0 + 6, y0 - (r + 1) * h + 8, r))
        for c in range(1, 4):
            ops.append(b"BT /F1 10 Tf %d %d Td (%d) Tj ET" % (x0 + c * w + 6, y0 - (r + 1) * h + 8, r * 10 + c))
    return b"\n".join(ops)


def _pdf_objects(content: bytes, *, count: bytes = b"1", kids: bytes = b"[3 0 R]") -> list[bytes]:
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids %s /Count %s >>" % (kids, count),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]


def _pdf_edges() -> dict[str, bytes]:
    grid = _grid_content()
    return {
        "edge-hand-grid": _pdf(_pdf_objects(grid)),
        "edge-xref-zero": _pdf(_pdf_objects(grid), xref_ok=False),
        "edge-pages-loop": _pdf(_pdf_objects(grid, kids=b"[2 0 R 3 0 R]")),
        "edge-count-huge": _pdf(_pdf_objects(grid, count=b"999999999")),
        "edge-coords-huge": _pdf(_pdf_objects(b"BT /F1 1e30 Tf -1e30 1e38 Td (9) Tj ET\n0 0 1e38 -1e38 re S\n"
                                              + grid.replace(b"72 ", b"-99999999 ", 3))),
        "edge-length-wrong": _pdf(_pdf_objects(grid)).replace(b"/Length %d" % len(grid), b"/Length 99999", 1),
        "edge-bogus-encrypt": _pdf(_pdf_objects(grid)).replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /Filter "
                                                               b"/Standard /V 9 /R 9 /O (x) /U (y) /P -1 >>", 1),
        "edge-header-only": b"%PDF-1.7\n%%EOF\n",
        "edge-no-trailer": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\n",
    }


# --------------------------------------------------------------------------- hand-made zips (docx, xlsx)


def _zip(members: dict[str, bytes], stored: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


_CT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       b'<Default Extension="xml" ContentType="application/xml"/>'
       b'<Override PartName="/word/document.xml" '
       b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'officeDocument" Target="word/document.xml"/></Relationships>')
_W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_xml(body: str) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + _W_NS + b"><w:body>"
            + body.encode() + b"</w:body></w:document>")


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _tc(text: str, pr: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{pr}</w:tcPr>' if pr else ''}{_p(text)}</w:tc>"


def _docx_table(span: str = "2") -> str:
    rows = [
        "<w:tr>" + _tc("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", '<w:vMerge w:val="restart"/>')
        + _tc("申请人情况", f'<w:gridSpan w:val="{span}"/>') + "</w:tr>",
        "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("自然人") + _tc("总计") + "</w:tr>",
        "<w:tr>" + _tc("一、本年新收政府信息公开申请数量") + _tc("12") + _tc("12") + "</w:tr>",
        "<w:tr>" + _tc("二、上年结转政府信息公开申请数量") + _tc("3", "<w:vMerge/>") + _tc("3") + "</w:tr>",
    ]
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def _docx(body: str, *, stored: bool = True, extra: dict[str, bytes] | None = None) -> bytes:
    members = {"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": _docx_xml(body)}
    members.update(extra or {})
    return _zip(members, stored=stored)


def _docx_edges() -> dict[str, bytes]:
    title = _p(f"{AGENCY}2023年政府信息公开工作年度报告")
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
              + "]>\n").encode()
    nested = "<w:tbl><w:tr>" * 60 + _tc("1") + "</w:tr></w:tbl>" * 60
    return {
        "edge-hand-table": _docx(title + _docx_table()),
        "edge-gridspan-zero": _docx(title + _docx_table(span="0")),
        "edge-gridspan-text": _docx(title + _docx_table(span="x")),
        "edge-gridspan-huge": _docx(title + _docx_table(span="1000000000")),
        "edge-vmerge-orphans": _docx(title + "<w:tbl>" + "<w:tr>" + _tc("1", "<w:vMerge/>") * 3 + "</w:tr>" * 1
                                     + "</w:tbl>"),
        "edge-nested-tables": _docx(title + nested),
        "edge-not-xml": _zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": b"<w:document"}),
        "edge-no-content-types": _zip({"word/document.xml": _docx_xml(title + _docx_table())}),
        "edge-entities": _zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS,
                               "word/document.xml": laughs + b"<w:document " + _W_NS + b"><w:body>"
                               + _p("&i;").encode() + b"</w:body></w:document>"}),
    }


def _rezip(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The zip `data` with one member's bytes changed."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    members[member] = change(members[member])
    return _zip(members)


def _xlsx_edges() -> dict[str, bytes]:
    from datetime import date, datetime

    from openpyxl import Workbook

    def save(wb: Workbook) -> bytes:
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    out: dict[str, bytes] = {}
    wb = Workbook()
    ws = wb.active
    ws.append([f"{AGENCY}2023年政府信息公开工作年度报告"])
    ws.append(["", "自然人", "法人或其他组织", "总计"])
    ws.append(["一、本年新收政府信息公开申请数量", 3, 4.0, "=B3+C3"])
    ws.append(["二、上年结转政府信息公开申请数量", True, date(2023, 1, 1), datetime(2023, 1, 1, 8, 30)])
    ws.append(["三、本年度办理结果", -1, 1e308, "#DIV/0!"])
    ws.append(["x" * 5000, 0.5, None, ""])
    ws.merge_cells("B1:D1")
    out["edge-cell-types"] = save(wb)
    hidden = wb.create_sheet("隐藏")
    hidden.append(["2024年度", 1, 2])
    hidden.sheet_state = "hidden"
    out["edge-hidden-sheet"] = save(wb)
    multi = Workbook()
    multi.active.title = "汇总"
    multi.create_sheet("2-某区民政局").append(["一、本年新收政府信息公开申请数量", 1])
    out["edge-summary-book"] = save(multi)
    whole = Workbook()
    whole.active.append(["2023年政府信息公开工作年度报告"])
    whole.active.append(["自然人", 3])
    whole.active.merge_cells("A3:B3")  # widened in the XML: openpyxl itself would make every cell of the range
    out["edge-merged-whole-sheet"] = _rezip(save(whole), "xl/worksheets/sheet1.xml",
                                            lambda x: x.replace(b'ref="A3:B3"', b'ref="A3:XFD1048576"'))
    empty = Workbook()
    out["edge-empty-book"] = save(empty)
    return out


# --------------------------------------------------------------------------- hand-made HTML and text


def _html_edges() -> dict[str, bytes]:
    head = "<html><head><meta charset=\"utf-8\"><title>2023年政府信息公开工作年度报告</title></head><body>"
    rows = "".join(f"<tr><td>（{n}）第{i}项</td><td>{i}</td><td>{i * 2}</td></tr>"
                   for i, n in enumerate("一二三四五", 1))
    table = f"<table><tr><th rowspan=2>信息内容</th><th colspan=2>本年处理决定数量</th></tr>{rows}</table>"
    return {
        "edge-hand-table": (head + "<p>一、总体情况</p>" + table + "</body></html>").encode(),
        "edge-spans-huge": (head + table.replace("rowspan=2", 'rowspan="99999999"')
                            .replace("colspan=2", 'colspan="2147483648"') + "</body></html>").encode(),
        "edge-spans-bad": (head + table.replace("rowspan=2", 'rowspan="-3"').replace("colspan=2", 'colspan="x1"')
                           + "</body></html>").encode(),
        "edge-nested-deep": (head + "<table><tr><td>" * 400 + "1" + "</td></tr></table>" * 400).encode(),
        "edge-unclosed": (head + "<table><tr><td>自然人<td>3<tr><td>法人<td>4").encode(),
        "edge-gbk-declared-utf8": (head + table).encode("gbk"),
        "edge-charset-bogus": (head.replace("utf-8", "x-no-such-charset") + table).encode(),
        "edge-utf16": ("\ufeff" + head + table).encode("utf-16-le"),
        "edge-xml-decl": ('<?xml version="1.0" encoding="gb2312"?>' + head + table).encode(),
        "edge-empty-table": b"<html><body><table></table><table><tr></tr></table></body></html>",
        "edge-hidden-cells": (head + table.replace("<td>1</td>", '<td style="display:none">1</td>')).encode(),
    }


def _text_edges() -> dict[str, bytes]:
    title = "2023年政府信息公开工作年度报告\n"
    row = "一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t7\t28\n"
    return {
        "edge-tab-row": (title + "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n" + row).encode(),
        "edge-utf16-bom": ("\ufeff" + title + row).encode("utf-16-le"),
        "edge-gb18030": (title + row).encode("gb18030"),
        "edge-bad-utf8": (title + row).encode()[:-7] + b"\xff\xfe\xc3(" + b"\n",
        "edge-cr-only": (title + row * 3).replace("\n", "\r").encode(),
        "edge-digit-run": (title + "一、本年新收政府信息公开申请数量 " + " ".join("1" * 300) + "\n").encode(),
        "edge-long-number": (title + row.replace("28", "9" * 5000)).encode(),
        "edge-digit-row-3000": (title + "一、本年新收政府信息公开申请数量 " + " ".join("1" * 3000) + "\n").encode(),
        "edge-many-fields": (title + "自然人" + "\t1" * 5000 + "\n").encode(),
        "edge-markdown-ragged": (title + "| a | b |\n| --- |\n" + "| 1 | 2 | 3 | 4 |\n" * 50 + "|" * 3000).encode(),
        "edge-fullwidth": (title + row.replace("\t", "\u3000").translate(str.maketrans("0123456789", "０１２３４５６７８９"))
                           ).encode(),
        "edge-signs": (title + row.replace("1", "-1").replace("2", "+2").replace("3", "1,234").replace("4", "1.5e10")
                       ).encode(),
    }


EDGES: dict[str, Callable[[], dict[str, bytes]]] = {"pdf": _pdf_edges, "docx": _docx_edges, "html": _html_edges,
                                                     "text": _text_edges, "xlsx": _xlsx_edges}


# --------------------------------------------------------------------------- valid reports from the makers


def _maker_seeds(kind: str, tmp: Path) -> dict[str, bytes]:
    """Small valid reports of both format versions, written by tests/makers (xlsx: our own export)."""
    from tests.makers import make_values, write_docx, write_html, write_pdf, write_text

    out: dict[str, bytes] = {}
    v21 = make_values("2021", seed=11)
    v19 = make_values("2019", seed=12)
    blanks = [("applications", "partial", "research")]

    def made(name: str, write: Callable[[Path], None]) -> None:
        path = tmp / f"{kind}-{name}{KINDS[kind]}"
        try:
            write(path)
            out[name] = path.read_bytes()
        except Exception:  # a missing font or tool: go on with the other seeds
            print(f"fuzz seeds: could not make {kind}/{name}:\n{traceback.format_exc(limit=3)}", file=sys.stderr)

    if kind == "pdf":
        made("maker-2021", lambda p: write_pdf(p, "2021", 2023, AGENCY, v21, blanks=blanks))
        made("maker-2019-plain", lambda p: _uncompressed_pdf(p, v19))
    elif kind == "docx":
        made("maker-2021", lambda p: write_docx(p, "2021", 2023, AGENCY, v21, blanks=blanks))
        made("maker-2019-unmerged", lambda p: write_docx(p, "2019", 2020, AGENCY, v19, merged_cells=False,
                                                         multi_paragraph_cells=False))
    elif kind == "html":
        made("maker-2021", lambda p: write_html(p, "2021", 2023, AGENCY, v21, blanks=blanks))
        made("maker-2019-gbk", lambda p: write_html(p, "2019", 2020, AGENCY, v19, encoding="gbk", split_spans=False))
    elif kind == "text":
        made("maker-2021-tabs", lambda p: write_text(p, "2021", 2023, AGENCY, v21, blanks=blanks))
        made("maker-2019-spaces", lambda p: write_text(p, "2019", 2020, AGENCY, v19, style="spaces", encoding="gbk"))
        made("maker-2021-markdown", lambda p: write_text(p, "2021", 2023, AGENCY, v21, style="markdown", bom=True))
    elif kind == "xlsx":
        made("export-2021", lambda p: _exported_xlsx(p, tmp, v21))
    return out


def _uncompressed_pdf(path: Path, values: dict) -> None:
    """A maker PDF with uncompressed page streams, so byte mutations land on text and drawing operators."""
    from reportlab import rl_config

    from tests.makers import write_pdf

    before = rl_config.pageCompression
    rl_config.pageCompression = 0
    try:
        write_pdf(path, "2019", 2020, AGENCY, values, ruled=False, prose=False)
    finally:
        rl_config.pageCompression = before


def _exported_xlsx(path: Path, tmp: Path, values: dict) -> None:
    """gdchecker's own workbook of a checked report (the report written as text by the maker, then exported)."""
    from gdchecker.check import check_file
    from gdchecker.export.xlsx import Entry, write
    from gdchecker.session import Session
    from tests.makers import write_text

    src = tmp / "xlsx-source.txt"
    write_text(src, "2021", 2023, AGENCY, values)
    res = check_file(str(src))
    if res.report is None:
        raise RuntimeError(f"the source report could not be read: {res.error}")
    write(path, [Entry(str(src), Session.open(str(src), res.report))], force=True)


# --------------------------------------------------------------------------- the corpus on disk


def seeds(kind: str, tmp: Path, *, include_known: bool = False) -> dict[str, bytes]:
    """name -> bytes: the makers' reports, truncated copies of them, and the hand-made edge cases."""
    tmp.mkdir(parents=True, exist_ok=True)
    out = _maker_seeds(kind, tmp)
    for name, data in list(out.items()):
        out[f"{name}-truncated"] = data[: len(data) * 3 // 5]
    for name, data in EDGES[kind]().items():
        if include_known or f"{kind}/{name}" not in KNOWN_CASES:
            out[name] = data
    return out


def known(kind: str) -> dict[str, bytes]:
    """The edge cases of KNOWN for this kind."""
    return {name: data for name, data in EDGES[kind]().items() if f"{kind}/{name}" in KNOWN_CASES}


def write_seeds(kind: str, dest: Path, *, include_known: bool = False) -> list[Path]:
    """Write the seed corpus of `kind` into `dest` (one file per seed, named after it) and return the files."""
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in seeds(kind, dest.parent / f".{kind}-makers", include_known=include_known).items():
        path = dest / f"{name}-{_sha(data)}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def write_dict(kind: str, dest: Path) -> Path:
    """TOKENS[kind] as a libFuzzer -dict file."""
    lines = ['"' + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02x}" for b in tok) + '"'
             for tok in TOKENS[kind]]
    dest.write_text("\n".join(lines) + "\n", encoding="ascii")
    return dest


if __name__ == "__main__":  # python tests/fuzz/fuzz_seeds.py KIND DIR: write one corpus, to look at it
    kind_arg, dir_arg = sys.argv[1], Path(sys.argv[2])
    for p in write_seeds(kind_arg, dir_arg, include_known="--known" in sys.argv):
        print(p, os.path.getsize(p))
