"""From document lines to candidate table rows: a label and the value pieces that follow it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gdchecker.cellvalue import is_blank, looks_like_value
from gdchecker.model import Box
from gdchecker.read.document import Line, Piece
from gdchecker.textnorm import has_cjk, nfkc

_VALUE_TOKEN = r"(?:[+\-]?\d[\d,.]*|[/—–－\-]+)"
_TRAILING_NUMS = re.compile(
    r"^(?P<label>.*?[^\d\s.,+\-/—–－])\s*(?P<nums>\d[\d,.]*(?:\s+" + _VALUE_TOKEN + r")*"
    r"|(?:" + _VALUE_TOKEN + r"\s+)+\d[\d,.]*(?:\s+" + _VALUE_TOKEN + r")*)$"
)
_ALL_NUMS = re.compile(r"^(?=.*\d)" + _VALUE_TOKEN + r"(?:\s+" + _VALUE_TOKEN + r")+$")
_FURNITURE = re.compile(
    r"^\s*(?:[—\-–－─]+\s*\d{1,3}\s*[—\-–－─]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3}"
    r"|-\s*\d{1,3}\s*-|·\s*\d{1,3}\s*·)\s*$"
)
_GLUE_HINTS = ("第二十条", "勾稽", "结果维持", "本年新收")
_PROSE = re.compile(r"\d\s*[件条个次人篇]|[。；]")


@dataclass
class Row:
    """One line of a table as found: the label printed before the values, and the value pieces."""

    index: int
    label: str
    tokens: list[Piece]
    page: int | None
    geometric: bool
    grid: int | None
    glued: bool = False  # values came from run-together text: digits may need splitting
    stacked: bool = False  # one cell a line in the source: each value is whole (see repeats.py)
    cut: bool = False  # the row runs on past the page's right edge: its last columns are not printed
    after_break: bool = False  # first on a page under the columns of the row above: maybe that row's rest
    collapsed: bool = False  # the source may have merged equal neighbouring cells into one (repeats.mark)
    pre: list[str] = field(default_factory=list)
    post: list[str] = field(default_factory=list)

    @property
    def numeric(self) -> list[Piece]:
        """The pieces that hold a value (not blank)."""
        return list(self._filled())

    def _filled(self) -> tuple[Piece, ...]:
        # asked again and again while layouts are tried: worked out once for the tokens the row holds (a row whose
        # tokens are replaced, or whose pieces' texts change, works it out afresh)
        tokens = self.tokens
        seen = self.__dict__.get("_filled_of")
        texts = tuple(t.text for t in tokens)
        if seen is None or seen[0] is not tokens or seen[1] != texts:
            seen = (tokens, texts, tuple(t for t in tokens if not is_blank(t.text)))
            self.__dict__["_filled_of"] = seen
        return seen[2]

    @property
    def all_blank(self) -> bool:
        """A row printed with every cell empty (its cells are known, their values are not printed)."""
        return not self._filled() and not self.cut


def is_furniture(text: str) -> bool:
    return bool(_FURNITURE.match(nfkc(text)))


def _split_piece(p: Piece) -> list[Piece]:
    """'行政许可 97' -> label + value; '0 0 0' -> three values, positioned across the piece."""
    t = p.text.strip()
    if _ALL_NUMS.match(t):
        parts = t.split()
        return _spread(p, parts)
    m = _TRAILING_NUMS.match(t)
    if m and has_cjk(m.group("label")) and not re.search(r"[年月日号]$", m.group("label")):
        nums = m.group("nums").split()
        label = Piece(m.group("label").strip(), p.x, p.box)
        return [label, *_spread(p, nums, shift=True)]
    return [p]


def _spread(p: Piece, parts: list[str], shift: bool = False) -> list[Piece]:
    if len(parts) == 1 and not shift:
        return [p]
    out = []
    for i, s in enumerate(parts):
        if p.box is not None:
            w = (p.box.x1 - p.box.x0) / len(parts)
            box = Box(p.box.page, p.box.x0 + i * w, p.box.top, p.box.x0 + (i + 1) * w, p.box.bottom)
            x = (box.x0 + box.x1) / 2
        else:
            box, x = None, p.x + i * 0.01 + (0.5 if shift else 0)
        out.append(Piece(s, x, box))
    return out


def explode(line: Line) -> list[Line]:
    """A whole table run together in one paragraph (web-page text) becomes one pseudo-line per label."""
    text = line.text
    if len(text) < 150 or not any(h in text for h in _GLUE_HINTS):
        return [line]
    segs: list[Line] = []
    pos = 0
    for m in re.finditer(r"\d[\d .,]*", text):
        run = m.group(0).rstrip(" ,.")
        start, end = m.start(), m.start() + len(run)
        after = text[end:end + 2]
        if re.match(r"[.、．]\s?[\u4e00-\u9fff]", after):
            # the last digit numbers the next label (…0000000 2.其他法律…)
            if len(run.replace(" ", "")) <= 1:
                continue
            run = run[:-1].rstrip()
            end = start + len(run)
        before = text[max(0, start - 1):start]
        if re.match(r"[年月日号]", text[end:end + 1]) or before in ("第",):
            continue
        label = text[pos:start].strip()
        if not run.strip():
            continue
        if segs and not label:
            segs[-1].pieces.append(Piece(run.strip()))
        else:
            segs.append(Line([Piece(label), Piece(run.strip())], page=line.page))
        pos = end
    rest = text[pos:].strip()
    if rest:
        segs.append(Line([Piece(rest)], page=line.page))
    for s in segs:
        s.grid = -1  # glued
    return segs or [line]


def _single_value(line: Line) -> bool:
    return (line.grid is None and not line.geometric and len(line.pieces) == 1
            and looks_like_value(line.pieces[0].text) and not is_blank(line.pieces[0].text))


_PUNCT = r"，,、。；;：:）)”%％"
_RUNS_ON = re.compile(r"^[" + _PUNCT + r"件条个次篇期号月日万亿元幅场位份余户批套台倍页]")


def _runs_on(lines: list[Line], j: int) -> bool:
    """The line at j continues a sentence ("…共发布信息约 / 3.9 / 万件"): the figure before it is not a cell."""
    return j < len(lines) and bool(_RUNS_ON.match(lines[j].text.strip()))


def stack_cells(lines: list[Line]) -> list[tuple[int, Line]]:
    """Text copied from a web page puts every cell on a line of its own: a label line followed by two or more
    lines that each hold one figure is one table row."""
    out: list[tuple[int, Line]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        j = i + 1
        while j < len(lines) and _single_value(lines[j]):
            j += 1
        label = line.text.strip()
        # a label may stand over a single figure where no sentence runs on after it (行政许可 / 97, not 约 / 3.9 / 万件)
        enough = 2 if _runs_on(lines, j) or (len(label) > 10 and label[:1] in _PUNCT) else 1
        if (j - i - 1 >= enough and line.grid is None and not line.geometric and len(line.pieces) == 1
                and has_cjk(label) and not _PROSE.search(label[-20:]) and len(label) <= 80):
            pieces = [Piece(label, 0.0)] + [Piece(lines[k].pieces[0].text, float(k - i)) for k in range(i + 1, j)]
            out.append((i, Line(pieces, line.page, None, False, stacked=True)))
            i = j
            continue
        out.append((i, line))
        i += 1
    return out


def refine(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for src, line in stack_cells(lines):
        for ln in explode(line):
            if is_furniture(ln.text):
                continue
            pieces: list[Piece] = []
            for p in ln.pieces:
                pieces.extend(_split_piece(p) if p.text.strip() else [p])
            out.append(Line(pieces, ln.page, ln.grid, ln.geometric, src, stacked=ln.stacked, cut=ln.cut,
                            after_break=ln.after_break))
    return out


def to_row(index: int, line: Line) -> Row | None:
    """The line as a table row, or None when no value follows its label."""
    pieces = line.pieces
    k = len(pieces)
    while k > 0 and looks_like_value(pieces[k - 1].text):
        k -= 1
    tokens = pieces[k:]
    if not tokens:
        return None
    if all(is_blank(t.text) for t in tokens):
        # a table row whose cells are all empty is still a row where the source keeps its cells (a web or Word
        # table, a ruled PDF table, tab fields): the label says which; elsewhere it is a line of words
        if line.grid in (None, -1) or not (len(tokens) >= 2 or "".join(p.text for p in pieces[:k]).strip()):
            return None
    label = "".join(p.text for p in pieces[:k])
    if _PROSE.search(label[-20:]):
        return None  # a sentence that happens to end in a number ("…收到申请1574件，上年结转 29")
    if not label.strip() and len(tokens) == 1 and line.grid is None and not line.geometric:
        return None  # a page number or a stray figure alone on a line of text
    return Row(index, label, list(tokens), line.page, line.geometric, line.grid, glued=line.grid == -1,
               stacked=line.stacked, cut=line.cut, after_break=line.after_break)
