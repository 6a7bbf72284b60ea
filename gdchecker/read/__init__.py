"""Readers: one per kind of input, each returning a Document. read() tells the kind from the bytes."""

from __future__ import annotations

import os
import zipfile

from gdchecker.read.document import Document, Line, Piece, ReadError

__all__ = ["Document", "Line", "Piece", "ReadError", "read", "sniff"]

MAX_BYTES = 200 * 1024 * 1024


def sniff(data: bytes, name: str) -> str:
    """The kind of file by its content; the name only separates text from HTML."""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return "corrupt_zip"
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
    low = head.lower()
    if b"<html" in low or b"<!doctype html" in low or b"<table" in low or b"<body" in low:
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    ext = os.path.splitext(name)[1].lower()
    if ext in (".htm", ".html", ".xhtml", ".mht"):
        return "html"
    return "text"


def read(path: str) -> Document:
    if not os.path.exists(path):
        raise ReadError("not_found", "找不到文件")
    if os.path.isdir(path):
        raise ReadError("is_directory", "这是一个文件夹，不是报告文件")
    size = os.path.getsize(path)
    if size == 0:
        raise ReadError("empty", "文件是空的（0 字节）")
    if size > MAX_BYTES:
        raise ReadError("too_large", "文件太大（超过 200 MB），不像是一份年度报告")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ReadError("unreadable", f"无法读取文件：{e.strerror or e}") from e
    kind = sniff(data, path)
    ext = os.path.splitext(path)[1].lower()
    if kind == "pdf":
        from gdchecker.read.pdf import read_pdf
        return read_pdf(path, data)
    if kind == "docx":
        from gdchecker.read.docx import read_docx
        return read_docx(path, data)
    if kind == "html":
        from gdchecker.read.html import read_html
        return read_html(path, data)
    if kind == "xlsx":
        raise ReadError("unsupported", "暂不支持读取 Excel 工作簿，请另存为 PDF 或 Word (.docx) 后再检查")
    if kind == "ole":
        raise ReadError("old_format", "这是旧版 Word/WPS 二进制格式（.doc/.wps），请另存为 .docx 或 PDF 后再检查")
    if kind == "odf":
        raise ReadError("unsupported", "暂不支持 OpenDocument 格式，请另存为 .docx 或 PDF 后再检查")
    if kind in ("corrupt_zip", "zip"):
        if ext == ".docx":
            raise ReadError("corrupt", "Word 文件已损坏或不完整，无法打开")
        raise ReadError("not_report", "这不是可以读取的报告文件（压缩包或未知格式）")
    if kind == "rtf":
        raise ReadError("unsupported", "暂不支持 RTF 格式，请另存为 .docx 或 PDF 后再检查")
    if kind == "binary":
        if ext == ".pdf":
            raise ReadError("corrupt", "文件扩展名是 .pdf，但内容不是 PDF（文件已损坏或类型不符）")
        raise ReadError("not_report", "这不是文字报告文件（无法识别的二进制内容）")
    if ext == ".pdf":
        raise ReadError("corrupt", "文件扩展名是 .pdf，但内容不是 PDF（文件已损坏或类型不符）")
    if ext == ".docx":
        raise ReadError("corrupt", "文件扩展名是 .docx，但内容不是 Word 文档（文件已损坏或类型不符）")
    from gdchecker.read.text import read_text
    return read_text(path, data)
