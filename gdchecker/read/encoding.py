"""Decoding bytes of Chinese text: BOMs, declared charsets, UTF-8, then GB18030."""

from __future__ import annotations

import codecs
import re

_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030"}


def decode(data: bytes, declared: str | None = None) -> str:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    tries = []
    if declared:
        d = declared.strip().lower()
        tries.append(_ALIASES.get(d, d))
    tries += ["utf-8", "gb18030"]
    for enc in tries:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


def declared_charset(head: bytes) -> str | None:
    m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", head[:4096], re.I)
    return m.group(1).decode("ascii") if m else None
