"""Turning a printed cell into a number: blanks, signs, units, notes, full-width digits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gdchecker.textnorm import nfkc, short_cache

BLANK_MARKS = {"", "/", "-", "—", "——", "–", "－", "无", "―", "─", "\\", "×", "x", "X", "空", "／"}

# units written in a cell after the figure ("16万", "251000元", "1,234.5万元", "12件"); longest first
UNITS = r"[万亿千百]?元|[万亿]?(?:件|个|项|条|次|人|家|份|篇)|万|亿"
MAGNITUDES = ("万", "亿")  # a unit beginning so scales the figure ("1.2万" is 12000): the figure is kept as printed

_NUM = re.compile(
    r"^(?P<sign>[+-])?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*"
    r"(?P<unit>" + UNITS + r")?\s*(?P<rest>.*)$"
)


@dataclass(frozen=True)
class Parsed:
    """A printed cell read as a number: the value, or why there is none (blank, not a figure)."""

    value: int | float | None
    blank: bool = False
    invalid: bool = False
    unit: str | None = None
    note: str | None = None


MAX_DIGITS = 60  # a cell's digits at most: seven counts run together are some twenty; thousands are not a figure


# these run on every piece of every line, many times over while the locator tries layouts: pure functions of a
# string, kept for the strings seen (a report has some thousands)
@short_cache
def clean(text: str) -> str:
    t = nfkc(text).replace("\u200b", "")
    t = re.sub(r"\s+", " ", t).strip()
    return t


@short_cache
def is_blank(text: str) -> bool:
    return clean(text).replace(" ", "") in BLANK_MARKS


@short_cache
def parse_value(text: str) -> Parsed:
    t = clean(text)
    if t.replace(" ", "") in BLANK_MARKS:
        return Parsed(None, blank=True)
    m = _NUM.match(t)
    if not m:
        return Parsed(None, invalid=True)
    rest = m.group("rest").strip()
    note = None
    if rest:
        inner = rest.strip("()（）[] ")
        if rest[0] in "(（[" or re.match(r"^(?:其中|含|包括|另)", rest):
            note = inner
        else:
            return Parsed(None, invalid=True)
    raw = m.group("num").replace(",", "")
    if len(raw) > MAX_DIGITS:
        return Parsed(None, invalid=True)  # no count is this long (digits run together are split elsewhere)
    value: int | float = float(raw) if "." in raw else int(raw)
    if m.group("sign") == "-":
        value = -value
    return Parsed(value, unit=m.group("unit"), note=note)


def looks_like_value(text: str) -> bool:
    """True for a piece that can stand in a value column (numbers, blanks, numbers with notes)."""
    t = clean(text)
    if t.replace(" ", "") in BLANK_MARKS:
        return True
    p = parse_value(t)
    return p.value is not None
