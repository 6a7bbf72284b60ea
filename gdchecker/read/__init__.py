"""Readers: one per kind of input, each returning a Document. read() tells the kind from the bytes.

Anything that is not a readable report raises ReadError with a stable code and a one-line Chinese message:
not_found, is_directory, unreadable, empty, too_large, corrupt, encrypted, no_text (a scan: needs OCR),
blank (every page empty), old_format (.doc/.wps where LibreOffice is absent), unsupported (ODF, RTF where
LibreOffice is absent; an OpenDocument spreadsheet), convert_failed (LibreOffice could not convert it), wrong_type
(the name says .pdf/.docx, the content is something else), not_report (an image where the OCR extra is missing, a
GIF, an archive, unknown binary data). A PNG, JPEG or TIFF is read by OCR as the pages of a scan where the extra is
installed.
Old Word/WPS, OpenDocument text and RTF files are converted to .docx by LibreOffice where it is on the machine
(read.convert), and the Document says so.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from gdchecker import inputs
from gdchecker.read.document import Document, Line, Piece, ReadError

__all__ = ["Document", "Line", "Piece", "ReadError", "read", "sniff"]

MAX_BYTES = 200 * 1024 * 1024
MAX_CHARS = 1_000_000  # a report has some thousands of characters and lines; far more is a book, a log, a dump
MAX_LINES = 50_000  # (checking time grows with the lines: 50 000 lines take some seconds)
MAX_MARKUP_BYTES = 16 * 1024 * 1024  # a web page's bytes, before parsing
_IMAGES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF",
           b"II*\x00": "TIFF", b"MM\x00*": "TIFF"}
_KIND_ZH = {"text": "纯文本", "html": "网页（HTML）", "image": "图片", "zip": "普通压缩包", "xlsx": "Excel 工作簿",
            "odf": "OpenDocument 文档", "rtf": "RTF 文档", "pdf": "PDF", "docx": "Word 文档"}
_EXPECTED = {".pdf": "pdf", ".docx": "docx"}
_ZIP_ZH = {".docx": "Word 文件", ".xlsx": "Excel 工作簿"}
Progress = Callable[[int, int], None]  # (pages done, pages in all), called while a scan is recognised


def too_long(chars: int, where: str = "") -> str:
    return f"文件文字太多（{where}约 {chars // 10000} 万字），不像是一份年度报告；请只保留年度报告部分后再检查"


def sniff(data: bytes, name: str) -> str:
    """The kind of file by its content; the name only separates text from HTML (and names a zip in messages).
    A zip with too many members to list, or in a zip format zipfile lacks, raises ReadError."""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        from gdchecker.read.limits import zip_names  # zipfile: only for what starts like a zip

        listed = zip_names(data, _ZIP_ZH.get(os.path.splitext(name)[1].lower(), "压缩文件"))
        if listed is None:
            return "corrupt_zip"
        names = set(listed)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names:
            return "odf"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # old binary .doc/.xls/.wps
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if any(head.startswith(magic) for magic in _IMAGES):
        return "image"
    low = head.lower()
    if b"<html" in low or b"<!doctype html" in low or b"<table" in low or b"<body" in low:
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    ext = os.path.splitext(name)[1].lower()
    if ext in (".htm", ".html", ".xhtml", ".mht"):
        return "html"
    return "text"


def _load(path: str) -> bytes:
    if not os.path.lexists(path):
        raise ReadError("not_found", "找不到这个文件，请检查路径和文件名")
    if not os.path.exists(path):
        raise ReadError("not_found", "找不到文件（这是一个指向不存在文件的链接），请检查路径")
    if os.path.isdir(path):
        files = "、".join(s for k in inputs.KINDS if not k.ocr for s in k.suffixes)
        raise ReadError("is_directory", f"这是文件夹，其中没有找到报告文件（{files}或扫描图片）")
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise ReadError("too_large", "文件太大（超过 200 MB），不像是一份年度报告")
        if not os.path.isfile(path):
            raise ReadError("unreadable", "这不是普通文件（可能是设备或管道），请指定报告文件")
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise ReadError("unreadable", f"无法打开文件（{e.strerror or '系统错误'}），请检查文件权限") from e
    if not data:
        raise ReadError("empty", "文件是空的（0 字节），请重新下载或重新导出")
    return data


def _mismatch(kind: str, ext: str) -> ReadError:
    """A file named .pdf or .docx whose content is something else."""
    want = "PDF" if ext == ".pdf" else "Word 文档"
    if kind == "corrupt_zip" and ext == ".docx":
        return ReadError("corrupt", "Word 文件已损坏或不完整，无法打开；请重新下载，或用 Word/WPS 打开后重新保存")
    if kind in ("binary", "corrupt_zip"):
        return ReadError("corrupt", f"文件扩展名是 {ext}，但内容无法识别，不是有效的 {want}；文件可能已损坏，请重新下载")
    return ReadError("wrong_type", f"文件扩展名是 {ext}，但内容是{_KIND_ZH.get(kind, kind)}，不是 {want}；"
                                   "请确认是否选错了文件或下载不完整")


def _read_kind(path: str, data: bytes, kind: str, ext: str, progress: Progress | None = None) -> Document:
    if kind == "pdf":
        from gdchecker.read.pdf import read_pdf
        try:
            return read_pdf(path, data)
        except ReadError as e:
            if e.code != "no_text":
                raise
            return _scanned(path, data, e, progress)
    if kind == "docx":
        from gdchecker.read.docx import read_docx
        return read_docx(path, data)
    if kind == "xlsx":
        from gdchecker.read.xlsx import read_xlsx
        return read_xlsx(path, data)
    if kind == "ole" and "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]:
        # a Word or Excel file with an opening password: an OLE container holding the encrypted package
        raise ReadError("encrypted", "文件设置了打开密码（已加密），无法读取；请在 Word/WPS 中去掉密码后另存，再检查")
    if kind == "ole":
        return _converted(path, data, kind)
    if _EXPECTED.get(ext, kind) != kind:
        raise _mismatch(kind, ext)
    if kind in ("odf", "rtf"):
        return _converted(path, data, kind)
    if kind == "html":
        if len(data) > MAX_MARKUP_BYTES:
            raise ReadError("too_large", "网页文件太大（超过 16 MB），不像是一份年度报告")
        from gdchecker.read.html import read_html
        return read_html(path, data)
    if kind == "text":
        if len(data) > 4 * MAX_CHARS:  # no encoding needs more than 4 bytes a character
            raise ReadError("too_large", f"文本文件太大（约 {len(data) // 1048576} MB），不像是一份年度报告；"
                                         "请只保留年度报告部分后再检查")
        from gdchecker.read.text import read_text
        return read_text(path, data)
    if kind == "image":
        return _picture(path, data, progress)
    if kind == "zip":
        raise ReadError("not_report", "这是一个压缩包，不是报告文件；请解压后检查其中的报告")
    if kind == "corrupt_zip":
        raise ReadError("corrupt", "压缩文件已损坏或不完整，无法打开；请重新下载")
    raise ReadError("not_report", "无法识别的文件内容（不是 PDF、Word、网页或文本），不像是一份年度报告")


def _scanned(path: str, data: bytes, no_text: ReadError, progress: Progress | None = None) -> Document:
    """A PDF without a text layer (a scan): read by OCR where the extra gdchecker[ocr] is installed."""
    from gdchecker import ocr

    if not ocr.available():
        raise ReadError("no_text", f"{no_text.message}；{ocr.INSTALL_HINT}") from no_text
    return ocr.read_scan(path, data, progress)


def _picture(path: str, data: bytes, progress: Progress | None) -> Document:
    """A picture (PNG, JPEG, TIFF): the scanned pages of a report, read by OCR where the extra gdchecker[ocr] is
    installed; otherwise, and a GIF always, not a report."""
    from gdchecker import ocr

    name = next(v for k, v in _IMAGES.items() if data.startswith(k))
    if name == "GIF" or not ocr.available():
        how = "；扫描件请先做文字识别（OCR）或使用原始电子版" if name == "GIF" else f"，需要文字识别（OCR）；{ocr.INSTALL_HINT}"
        raise ReadError("not_report", f"这是一张图片（{name}），不是文字报告{how}")
    return ocr.read_images(path, data, progress)


def _converted(path: str, data: bytes, kind: str) -> Document:
    """An old Word/WPS, OpenDocument or RTF file: converted by LibreOffice where it is there and can be."""
    from gdchecker.read import convert

    exe = convert.find_soffice()
    if exe is not None and convert.convertible(kind, data):
        return convert.read_converted(path, data, kind, exe)
    install = "，或安装 LibreOffice 后本工具可自动转换" if exe is None else ""
    if kind == "ole":
        what = ("旧版 Word/WPS 二进制格式（.doc/.wps）" if exe is None
                else "旧版 Office 二进制文件，但其中没有 Word/WPS 文档内容（可能是 .xls/.ppt 或已损坏）")
        raise ReadError("old_format", f"这是{what}，请另存为 .docx 或 PDF 后再检查{install}")
    what = _KIND_ZH[kind] if kind == "rtf" or exe is None else "OpenDocument 表格或演示文稿"
    raise ReadError("unsupported", f"暂不支持 {what}，请另存为 .docx 或 PDF 后再检查{install}")


def read(path: str, progress: Progress | None = None) -> Document:
    """The file read into a Document; `progress(done, total)` after each page where a scan is recognised."""
    data = _load(path)
    doc = _read_kind(path, data, sniff(data, path), os.path.splitext(path)[1].lower(), progress)
    chars = sum(len(line.text) for line in doc.lines)
    if chars > MAX_CHARS:
        raise ReadError("too_large", too_long(chars))
    if len(doc.lines) > MAX_LINES:
        raise ReadError("too_large", f"文件有 {len(doc.lines)} 行文字，不像是一份年度报告；请只保留年度报告部分后再检查")
    if chars == 0 and doc.kind != "pdf":  # an empty PDF already said whether it is blank or a scan
        raise ReadError("empty", "文件里没有任何文字内容，请检查是否选对了文件")
    return doc
