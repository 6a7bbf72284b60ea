"""Hostile files: small on disk, built to cost a reader minutes or gigabytes (huge spans and merges, zip bombs,
zip features Python lacks, absurd nesting). Bombs are written by streaming, never held in memory."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from .html import write_html
from .values import Values

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CHUNK = 1 << 20
_DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
               'wordprocessingml.document.main+xml"/></Types>')
_DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'officeDocument" Target="word/document.xml"/></Relationships>')
DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
DOC_TAIL = "</w:body></w:document>"


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def cell(text: str, span: int | str | None = None, vmerge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span is not None else "") + (
        "" if vmerge is None else '<w:vMerge/>' if vmerge == "continue" else f'<w:vMerge w:val="{vmerge}"/>')
    return f"<w:tc>{'<w:tcPr>' + props + '</w:tcPr>' if props else ''}{para(text)}</w:tc>"


def table(rows: list[list[str]], grid_cols: int) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(grid_cols))
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join('<w:tr>' + ''.join(r) + '</w:tr>' for r in rows)}</w:tbl>"


def write_docx_xml(path: str | Path, body: str) -> None:
    """A minimal Word package (content types, relationships, the main part) around body XML."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        z.writestr("word/document.xml", DOC_HEAD + body + DOC_TAIL)


def span_docx(path: str | Path, span: int = 2**31) -> None:
    """A 1 KB .docx whose table has one cell spanning `span` grid columns and a vertical merge."""
    rows = [[cell("项目"), cell("数量")],
            [cell("合并单元格", span=span)],
            [cell("行政复议", vmerge="restart"), cell("3")],
            [cell("", vmerge="continue"), cell("4")]]
    write_docx_xml(path, para("某市交通运输局2021年政府信息公开工作年度报告") + table(rows, 2))


def deflated_run(head: bytes, size: int, tail: bytes, fill: bytes = b" ") -> tuple[bytes, int, int]:
    """A raw deflate stream of head, `size` bytes of fill, tail: (stream, CRC-32, inflated size). One 1 MB block of fill
    is packed once after a full flush (which resets the packer) and repeated, so a GB takes a second, not ten."""
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = fill * CHUNK
    parts = [z.compress(head) + z.flush(zlib.Z_FULL_FLUSH)]
    packed = z.compress(block) + z.flush(zlib.Z_FULL_FLUSH)
    assert packed == z.compress(block) + z.flush(zlib.Z_FULL_FLUSH)  # the packer's state was reset
    crc = zlib.crc32(head)
    for _ in range(size // CHUNK):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    parts += [packed * (size // CHUNK), z.compress(tail) + z.flush()]
    return b"".join(parts), crc, len(head) + size // CHUNK * CHUNK + len(tail)


def patch_member(path: str | Path, member: str, **fields: int) -> None:
    """Rewrite header fields of `member` in its local header and its central directory entry alike: method,
    crc, size (inflated), version (needed to extract)."""
    local = {"version": (4, "<H"), "method": (8, "<H"), "crc": (14, "<I"), "size": (22, "<I")}
    central = {"version": (6, "<H"), "method": (10, "<H"), "crc": (16, "<I"), "size": (24, "<I")}
    data = bytearray(Path(path).read_bytes())
    with zipfile.ZipFile(path) as z:
        offset = z.getinfo(member).header_offset
    name, cd = member.encode(), 0
    while (cd := data.find(b"PK\x01\x02", cd + 1)) >= 0:
        n = struct.unpack_from("<H", data, cd + 28)[0]
        if bytes(data[cd + 46:cd + 46 + n]) == name:
            break
    assert cd >= 0, member
    for key, value in fields.items():
        struct.pack_into(local[key][1], data, offset + local[key][0], value)
        struct.pack_into(central[key][1], data, cd + central[key][0], value)
    Path(path).write_bytes(bytes(data))


def write_bomb(z: zipfile.ZipFile, name: str, head: bytes, size: int, tail: bytes) -> tuple[int, int]:
    """Store the packed run as `name`; (crc, inflated size) to patch in once z is closed (see patch_member)."""
    packed, crc, total = deflated_run(head, size, tail)
    z.writestr(zipfile.ZipInfo(name, (2022, 1, 1, 0, 0, 0)), packed)  # ZIP_STORED: the bytes go in as they are
    return crc, total


def _stream(z: zipfile.ZipFile, name: str, parts: Iterator[bytes]) -> None:
    """Write `name` by streaming its parts through the deflater (never whole in memory)."""
    info = zipfile.ZipInfo(name, (2022, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w", force_zip64=True) as f:
        for part in parts:
            f.write(part)


def bomb_docx(path: str | Path, inflated: int = 1 << 30, declared: int | None = None) -> None:
    """A 1 MB .docx whose main part is a paragraph, then `inflated` bytes of blanks. declared: the size its headers
    give (default: the true one)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        crc, total = write_bomb(z, "word/document.xml", (DOC_HEAD + para("年度报告")).encode(), inflated,
                                DOC_TAIL.encode())
    patch_member(path, "word/document.xml", method=zipfile.ZIP_DEFLATED, crc=crc,
                 size=total if declared is None else declared)


def _copy_except(src: Path, z: zipfile.ZipFile, skip: str) -> bytes:
    """Copy every member of src into z but `skip`, whose bytes are returned."""
    kept = b""
    with zipfile.ZipFile(src) as s:
        for info in s.infolist():
            if info.filename == skip:
                kept = s.read(info)
            else:
                z.writestr(info, s.read(info))
    return kept


def _small_xlsx(path: Path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "表三"
    for row in rows:
        ws.append(row)
    wb.save(path)


SHEET = "xl/worksheets/sheet1.xml"
XLSX_ROWS: list[list[object]] = [["申请情况", "自然人", "法人或其他组织"], ["本年新收", 12, 3], ["予以公开", 8, 2]]


def bomb_xlsx(path: str | Path, inflated: int = 1 << 30) -> None:
    """A workbook whose sheet holds `inflated` bytes of blanks before its rows."""
    path = Path(path)
    seed = path.with_suffix(".seed.xlsx")
    _small_xlsx(seed, XLSX_ROWS)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        head, tail = _copy_except(seed, z, SHEET).split(b"<sheetData>", 1)
        crc, total = write_bomb(z, SHEET, head + b"<sheetData>", inflated, tail)
    patch_member(path, SHEET, method=zipfile.ZIP_DEFLATED, crc=crc, size=total)
    seed.unlink()


def edit_part(path: str | Path, member: str, old: bytes, new: bytes, rows: list[list[object]] | None = None) -> None:
    """A small workbook (rows: XLSX_ROWS) whose part `member` has its first `old` replaced by `new`."""
    path = Path(path)
    seed = path.with_suffix(".seed.xlsx")
    _small_xlsx(seed, XLSX_ROWS if rows is None else rows)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        part = _copy_except(seed, z, member)
        assert old in part, old
        z.writestr(member, part.replace(old, new, 1))
    seed.unlink()


def edit_sheet(path: str | Path, old: bytes, new: bytes, rows: list[list[object]] | None = None) -> None:
    edit_part(path, SHEET, old, new, rows)


def merged_xlsx(path: str | Path, ref: str = "A1:XFD1048576") -> None:
    """A 5 KB workbook with one merged range over the whole sheet (openpyxl makes a cell object per cell)."""
    edit_sheet(path, b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode())


def many_merges_xlsx(path: str | Path, merges: int) -> None:
    refs = b"".join(b'<mergeCell ref="A%d:B%d"/>' % (r, r) for r in range(1, merges + 1))
    edit_sheet(path, b"</sheetData>", b"</sheetData><mergeCells>" + refs + b"</mergeCells>")


def many_sheets_xlsx(path: str | Path, sheets: int) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    for i in range(sheets - 1):
        wb.create_sheet(f"表{i}")
    wb.save(path)


def tall_xlsx(path: str | Path, rows: int = 1_048_576) -> None:
    """A workbook whose one sheet has a number in every row of column A, down to Excel's last row."""
    path = Path(path)
    seed = path.with_suffix(".seed.xlsx")
    _small_xlsx(seed, [["x"]])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        head, rest = _copy_except(seed, z, SHEET).split(b"<sheetData>", 1)
        tail = rest.split(b"</sheetData>", 1)[1]

        def body() -> Iterator[bytes]:
            yield head + b"<sheetData>"
            for start in range(1, rows + 1, 10_000):
                yield "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                              for r in range(start, min(rows, start + 9_999) + 1)).encode()
            yield b"</sheetData>" + tail

        _stream(z, SHEET, body())
    seed.unlink()


def many_members_docx(path: str | Path, members: int) -> None:
    """A Word package with `members` tiny extra parts."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        z.writestr("word/document.xml", DOC_HEAD + para("年度报告") + DOC_TAIL)
        for i in range(members):
            z.writestr(f"customXml/i{i}.xml", b"")


def span_html(path: str | Path, rows: int = 20, per_row: int = 100, span: int = 100) -> None:
    """2,000 cells of rowspan=100 colspan=100 in one page of some 70 KB."""
    td = f'<td rowspan="{span}" colspan="{span}">1</td>'
    body = "".join(f"<tr>{td * per_row}</tr>" for _ in range(rows))
    Path(path).write_text(f"<html><head><meta charset='utf-8'></head><body><p>年度报告</p><table>{body}</table>"
                          "</body></html>", encoding="utf-8")


def deep_html(path: str | Path, depth: int = 100_000, tag: str = "div") -> None:
    """Text nested `depth` elements deep (libxml2 stops building the tree at 256 levels, 2048 with huge_tree)."""
    Path(path).write_text("<html><head><meta charset='utf-8'></head><body>" + f"<{tag}>" * depth
                          + "<p>本机关2021年政府信息公开工作年度报告</p>" + f"</{tag}>" * depth + "</body></html>",
                          encoding="utf-8")


def font_wrapped_report(path: str | Path, version: str, year: int, agency: str, values: Values,
                        fonts: int = 300) -> None:
    """A real-looking report page whose CMS left `fonts` <font> tags unclosed around the whole body."""
    write_html(path, version, year, agency, values)
    page = Path(path).read_text(encoding="utf-8")
    head, body = page.split("<body>", 1)
    Path(path).write_text(head + "<body>" + '<font face="仿宋_GB2312">' * fonts + body, encoding="utf-8")


def comb_pdf(path: str | Path, teeth: int = 1600, words: str = "本年新收 予以公开 行政复议 行政诉讼 总计 结转下年度") -> None:
    """One page drawing a comb made to stall a cell finder: a rule across the top, `teeth` column rules 10 pt
    apart down the whole page, and a short row rule every 10 pt crossing the first tooth only, so no corner closes
    a cell; with a line of a table's words, so the page is read for its geometry."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    side = 10.0 * teeth + 40
    c = canvas.Canvas(str(path), pagesize=(side, side))
    c.setFont("STSong-Light", 8)
    c.drawString(50, side - 5, words)

    def line(x0: float, y0: float, x1: float, y1: float) -> None:
        c.line(x0 + 20, side - 20 - y0, x1 + 20, side - 20 - y1)

    line(0, 10, 10 * teeth, 10)
    for i in range(teeth):
        line(10 * i, 10, 10 * i, 10 * teeth)
    for j in range(2, teeth):
        line(-2, 10 * j, 2, 10 * j)
    c.save()
