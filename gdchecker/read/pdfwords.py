"""A page's characters grouped into words, as pdfplumber's word extraction groups them (its defaults but for the
tolerances, text read left to right and top to bottom, rotated text top to bottom), without importing pdfplumber
and pdfminer behind it: the characters come from pdfium (gdchecker.read.pdfium_page).

Characters are taken in runs of the same uprightness, in the order the page draws them; each run is cut into lines
(characters whose tops lie within y_tolerance of the previous one's in a chain; for rotated text their left
edges, within x_tolerance), each line ordered along the text, and a new word begins at a blank, after an empty
character (one with no text, a word of its own), where a character starts before the previous one or more than
x_tolerance past its end, or where its top is more than y_tolerance away.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def clusters(items: list[dict], key: Callable[[dict], float], tolerance: float) -> list[list[dict]]:
    """Items grouped by a value: the distinct values sorted and chained where each is within `tolerance` of the
    one before; groups in the order of their values, items of a group in their given order."""
    values = sorted(set(map(key, items)))
    if not values:
        return []
    index: dict[float, int] = {}
    n, last = 0, values[0]
    for v in values:
        if tolerance and v > last + tolerance:
            n += 1
        elif not tolerance and v != last:
            n += 1
        index[v] = n
        last = v
    groups: list[list[dict]] = [[] for _ in range(n + 1)]
    for it in items:
        groups[index[key(it)]].append(it)
    return [g for g in groups if g]


def _top(c: dict) -> float:
    return c["top"]


def _x0(c: dict) -> float:
    return c["x0"]


def _along(c: dict) -> tuple[float, float]:
    return c["x0"], c["x0"]


def _down(c: dict) -> tuple[float, float]:
    return c["top"], c["bottom"]


def _words_of_line(line: list[dict], upright: bool, xt: float, yt: float) -> list[list[dict]]:
    out: list[list[dict]] = []
    word: list[dict] = []
    for c in line:
        text = c["text"]
        if text.isspace():
            if word:
                out.append(word)
            word = []
        elif not text:  # pdfplumber: an empty text is in every string of punctuation, even the empty one
            if word:
                out.append(word)
            out.append([c])
            word = []
        elif word and _breaks(word[-1], c, upright, xt, yt):
            out.append(word)
            word = [c]
        else:
            word.append(c)
    if word:
        out.append(word)
    return out


def _breaks(prev: dict, cur: dict, upright: bool, xt: float, yt: float) -> bool:
    if upright:
        return cur["x0"] < prev["x0"] or cur["x0"] > prev["x1"] + xt or abs(cur["top"] - prev["top"]) > yt
    return cur["top"] < prev["top"] or cur["top"] > prev["bottom"] + yt or abs(cur["x0"] - prev["x0"]) > xt


def _word(chars: list[dict], upright: bool) -> dict:
    x0 = min(c["x0"] for c in chars)
    top = min(c["top"] for c in chars)
    x1 = max(c["x1"] for c in chars)
    bottom = max(c["bottom"] for c in chars)
    first = chars[0]
    return {
        "text": "".join(LIGATURES.get(c["text"], c["text"] or "") for c in chars),
        "x0": x0, "x1": x1, "top": top, "doctop": top + (first["doctop"] - first["top"]), "bottom": bottom,
        "upright": first["upright"], "height": bottom - top, "width": x1 - x0,
        "direction": "ltr" if upright else "ttb",
    }


def extract_words(chars: list[dict], x_tolerance: float = 3, y_tolerance: float = 3) -> list[dict]:
    """The words of a page's characters (dicts with text, x0, x1, top, bottom, upright …), in pdfplumber's
    order: by run, by line, along the line."""
    out: list[dict] = []
    for upright, run in groupby(chars, key=lambda c: c["upright"]):
        run_chars = list(run)
        if upright:
            lines = clusters(run_chars, _top, y_tolerance)
            order = _along
        else:
            lines = clusters(run_chars, _x0, x_tolerance)
            order = _down
        for line in lines:
            for w in _words_of_line(sorted(line, key=order), bool(upright), x_tolerance, y_tolerance):
                out.append(_word(w, bool(upright)))
    return out
