"""The mark every workbook this program writes carries, and a cheap, safe test for it.

The mark is in the document properties (docProps/core.xml: creator, subject, keywords, description), which Excel
and WPS keep when a workbook is saved again, and in words on the 说明 sheet. The test reads only that one small
part of the zip, with caps on the zip's member count and on the part's size (declared and inflated); anything
unexpected means "not ours".
"""

from __future__ import annotations

import os

from gdchecker import __version__

CREATOR = "gdchecker"
MARKER = "gdchecker-export"
REPORT = "report"  # one report's tables, findings and corrections
SUMMARY = "summary"  # several reports in one workbook
ABOUT = "本工作簿由 gdchecker（政府信息公开工作年度报告校验工具）导出"
CORE = "docProps/core.xml"
MAX_CORE_BYTES = 64 * 1024  # our core.xml is under 1 KB; a resaved one some KB
_EOCD = b"PK\x05\x06"
_EOCD_TAIL = 22 + 0xFFFF  # the end record and the longest zip comment
_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
       "dc": "http://purl.org/dc/elements/1.1/"}
_FIELDS = ("dc:subject", "cp:keywords", "dc:description")


def mark(wb, kind: str, title: str) -> None:  # noqa: ANN001 - an openpyxl Workbook, write-only or not
    """Put the mark in the workbook's document properties. kind: REPORT or SUMMARY."""
    p = wb.properties
    p.creator = CREATOR
    p.title = title
    p.subject = MARKER
    p.keywords = f"{MARKER}; {kind}"
    p.description = f"{ABOUT}（gdchecker {__version__}，{MARKER}）"


def export_kind(path: str | os.PathLike[str]) -> str | None:
    """REPORT or SUMMARY for a workbook this program wrote (or one saved again from it), else None; never raises."""
    try:
        core = _core_xml(os.fspath(path))
        return None if core is None else _kind(core)
    except Exception:  # a file we cannot read is not our export: the reader will say what it is
        return None


def is_own_export(path: str | os.PathLike[str]) -> bool:
    return export_kind(path) is not None


def _core_xml(path: str) -> bytes | None:
    with open(path, "rb") as f:
        if f.read(4) != b"PK\x03\x04":
            return None  # not a zip: nothing of zipfile is loaded (a folder of PDFs never needs it)
        import zipfile

        from gdchecker.read.limits import MAX_ZIP_MEMBERS

        if _members(f, MAX_ZIP_MEMBERS) > MAX_ZIP_MEMBERS:
            return None
        f.seek(0)
        with zipfile.ZipFile(f) as z:
            info = z.getinfo(CORE)
            if info.file_size > MAX_CORE_BYTES:
                return None
            with z.open(info) as part:
                data = part.read(MAX_CORE_BYTES + 1)  # the cap holds on what inflates, not on the header
    return data if len(data) <= MAX_CORE_BYTES else None


def _members(f, cap: int) -> int:  # noqa: ANN001 - a binary file
    """Members the zip's end record declares (before zipfile makes an object for each); a zip64 or a file
    without an end record counts as too many."""
    f.seek(0, os.SEEK_END)
    size = f.tell()
    f.seek(max(0, size - _EOCD_TAIL))
    tail = f.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) < at + 12:
        return cap + 1
    count = int.from_bytes(tail[at + 10:at + 12], "little")
    return cap + 1 if count == 0xFFFF else count


def _kind(core: bytes) -> str | None:
    from lxml import etree  # only when a workbook is looked at: a folder of PDFs never needs it

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(core, parser)
    texts = [root.findtext(name, default="", namespaces=_NS) or "" for name in _FIELDS]
    if not any(MARKER in t for t in texts):
        return None
    keywords = texts[1]
    return SUMMARY if SUMMARY in keywords else REPORT
