"""The kinds of file the tool takes, in one table: the folder walk, the Open dialog's filter and the help texts
are all derived from it (no Qt here: the dialog filter is a plain string)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class InputKind:
    suffixes: tuple[str, ...]  # lower case, with the dot
    reader: str  # the reader that reads it: pdf | docx | html | text | xlsx | image
    name: str  # Chinese, as a civil servant calls it
    convert: bool = False  # read only after LibreOffice has converted it to .docx
    ocr: bool = False  # read only by OCR, where the extra gdchecker[ocr] is installed

    @property
    def patterns(self) -> str:
        return " ".join(f"*{s}" for s in self.suffixes)

    @property
    def label(self) -> str:
        """The name with its suffixes: Word 文档（.docx）; a name that says its kind plainly stands alone."""
        if self.reader == "pdf" and not self.convert:
            return "PDF"
        return f"{self.name}（{'/'.join(self.suffixes)}）"


KINDS: tuple[InputKind, ...] = (
    InputKind((".pdf",), "pdf", "PDF 文件"),
    InputKind((".docx",), "docx", "Word 文档"),
    InputKind((".html", ".htm"), "html", "网页"),
    InputKind((".txt", ".md"), "text", "文本"),
    InputKind((".xlsx",), "xlsx", "Excel 工作簿"),
    InputKind((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "image", "扫描图片", ocr=True),
    InputKind((".doc", ".wps"), "docx", "旧版 Word/WPS 文档", convert=True),
    InputKind((".odt",), "docx", "OpenDocument 文档", convert=True),
    InputKind((".rtf",), "docx", "RTF 文档", convert=True),
)


def is_pdf(path: str) -> bool:
    """The file begins as a PDF does, whatever its name."""
    try:
        with open(path, "rb") as f:
            return f.read(5) == b"%PDF-"
    except OSError:
        return False


def suffixes(convert: bool = True) -> tuple[str, ...]:
    """Every suffix the tool takes (the folder walk's); without convert, only those read directly."""
    return tuple(s for k in KINDS if convert or not k.convert for s in k.suffixes)


def kind_of(path: str) -> InputKind | None:
    """The kind a file's name says, or None."""
    ext = os.path.splitext(path)[1].lower()
    return next((k for k in KINDS if ext in k.suffixes), None)


def dialog_filter() -> str:
    """The Open dialog's filter: every report kind together, each kind alone, then every file
    ("年度报告 (*.pdf *.docx …);;PDF 文件 (*.pdf);;…;;所有文件 (*)")."""
    parts = [f"年度报告 ({' '.join(f'*{s}' for s in suffixes())})"]
    parts += [f"{k.name} ({k.patterns})" for k in KINDS]
    return ";;".join(parts + ["所有文件 (*)"])


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    last = items[-1]
    return "、".join(items[:-1]) + ("和 " if last[:1].isascii() else "和") + last


def direct_list() -> str:
    """The kinds read directly, for a short help line: PDF、Word 文档（.docx）、…和 Excel 工作簿（.xlsx）."""
    return _join([k.label for k in KINDS if not k.convert and not k.ocr])


def converted_list() -> str:
    return _join([k.label for k in KINDS if k.convert])


def ocr_list() -> str:
    return _join([k.label for k in KINDS if k.ocr])


def kinds_sentence() -> str:
    """One Chinese sentence for the help texts: what is read directly, what after conversion, what by OCR."""
    return (f"支持 {direct_list()}；{converted_list()}在本机装有 LibreOffice 时自动转换为 .docx 后检查，"
            f"否则请先另存为 .docx 或 PDF；PDF 扫描件和{ocr_list()}在安装 gdchecker[ocr] 后经文字识别（OCR）检查。")
