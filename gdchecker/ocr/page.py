"""One scanned page read: its ruled tables cell by cell and the lines of text outside them, placed in PDF points."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gdchecker.ocr import crops, glyphs, grid, recognize, rules
from gdchecker.ocr.image import PageImage
from gdchecker.read.pdfgrid import GridCell, GridRow

UNSURE_PARTS = 0.3  # a figure with more separate marks than digits read: a digit was missed


@dataclass
class Text:
    text: str
    conf: float
    box: tuple[float, float, float, float]  # in PDF points of the page as printed


@dataclass
class PageRead:
    tables: list[list[tuple[GridRow, list[float]]]] = field(default_factory=list)  # rows, each cell's confidence
    lines: list[list[Text]] = field(default_factory=list)  # running text outside the tables
    grids: list[grid.ScanTable] = field(default_factory=list)  # as found, in pixels (for pictures of the reading)


def _points(img: PageImage, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    corners = [img.to_points(x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _figure_conf(reading: recognize.Reading, parts: int) -> float:
    """A figure's confidence, lowered where the crop holds more marks than the digits read (CTC drops one of two
    equal digits side by side, a faint digit may go unread) or fewer."""
    digits = sum(c.isdigit() or c in "+/" for c in reading.text)
    if parts > digits:
        return min(reading.conf, UNSURE_PARTS)
    if parts < digits - 1:
        return min(reading.conf, 0.6)
    return reading.conf


def _text(found: list[recognize.Reading], cs: list[crops.Crop]) -> tuple[str, float]:
    """A cell's lines read as one text (joined without a space, as the PDF reader joins a wrapped cell)."""
    return "".join(r.text for r in found).strip(), min((r.conf for r in found), default=1.0)


TOP = 12  # lines of the first page among which its title is looked for
SAMPLE = 30  # figures the model reads first on a page of many: patterns of this page's digits


def _sample(pending: list[int], cands: dict[int, glyphs.Glyphs], n: int) -> list[int]:
    """Up to n figure crops that show as many different digit shapes as can be had: longer figures first,
    then by how far their digits are from those already taken."""
    chosen: list[int] = []
    seen: list[np.ndarray] = []
    by_len = sorted(pending, key=lambda i: -len(cands[i].marks))
    for i in by_len:
        if len(chosen) >= n:
            break
        marks = cands[i].marks
        if not seen or any(min(float(np.abs(m - s).mean()) for s in seen) > 0.08 for m in marks):
            chosen.append(i)
            seen += marks
    return chosen


def _recognise(flat: list[crops.Crop], single: set[int], patterns: glyphs.Patterns) -> list[recognize.Reading]:
    """Every crop read: figures by their digits' shapes where the patterns know them clearly, the model reading
    the rest (figures at full height, text smaller) and teaching the patterns from what it read surely."""
    out: list[recognize.Reading | None] = [None] * len(flat)
    cands = {i: g for i in single if flat[i].mask is not None and (g := glyphs.split(flat[i].mask)) is not None}
    text = [i for i in range(len(flat)) if i not in cands]
    for i, (free, figure) in zip(text, recognize.read([flat[i].image for i in text], recognize.TEXT_HEIGHT)):
        out[i] = free
        if figure is not None and i in single:  # a figure whose digits touch: read again at full height below
            out[i] = None
    pending = list(cands)

    def match() -> None:
        nonlocal pending
        left = []
        for i in pending:
            got = patterns.read(cands[i])
            if got is None:
                left.append(i)
            else:
                out[i] = recognize.Reading(got[0], got[1])
        pending = left

    def model(ids: list[int]) -> None:
        for i, (free, figure) in zip(ids, recognize.read([flat[i].image for i in ids])):
            if figure is None:
                out[i] = free
                continue
            conf = _figure_conf(figure, flat[i].parts)
            out[i] = recognize.Reading(figure.text, conf, figure.chars)
            if i in cands:
                patterns.learn(cands[i], figure.text, conf)

    if len(pending) > SAMPLE // 2:  # every page refreshes the patterns: its scan may differ from the last page's
        model(first := _sample(pending, cands, SAMPLE))
        taken = set(first)
        pending = [i for i in pending if i not in taken]
    match()
    model(pending + [i for i in range(len(flat)) if out[i] is None and i not in pending])
    return [r if r is not None else recognize.Reading("", 0.0) for r in out]


def read(img: PageImage, dpi: float, head: int = 0, near: int = 0,
         patterns: glyphs.Patterns | None = None, segs: list[rules.Segment] | None = None) -> PageRead:
    """The page's tables, and of the text outside them its first `head` lines (a title) and the `near` lines
    nearest to its tables (headings, captions, the sentence that sums a table up): reading running text costs
    time, and the checks need little of it. `patterns`: the digits the document's pages read so far; `segs`: the
    page's rules where they were found already."""
    tables, ruled = grid.tables(segs if segs is not None else rules.find(img.ink, dpi), dpi)
    mask = crops.clean_ink(img.ink, rules.mask(ruled, img.ink.shape), dpi)
    jobs: list[list[crops.Crop]] = []
    for t in tables:
        for r in t.rows:
            jobs += [crops.in_box(img.grey, mask, c.box, dpi) for c in r.cells]
    free = crops.outside(img.grey, mask, [t.bbox for t in tables], dpi) if head or (near and tables) else []
    free = _chosen(free, tables, head, near)
    flat = [c for cs in jobs for c in cs]
    single: set[int] = set()  # crops that are a cell's only line: a figure may be read by its digits
    k = 0
    for cs in jobs:
        if len(cs) == 1:
            single.add(k)
        k += len(cs)
    flat += [c for line in free for c in line]
    found = _recognise(flat, single, patterns if patterns is not None else glyphs.Patterns())
    out = PageRead(grids=tables)
    k = j = 0
    for t in tables:
        rows = []
        for n, r in enumerate(t.rows):
            cells, confs = [], []
            for c in r.cells:
                cs = jobs[j]
                j += 1
                text, conf = _text(found[k:k + len(cs)], cs)
                k += len(cs)
                cells.append(GridCell(_points(img, c.box), text))
                confs.append(conf)
            top = min(cell.box[1] for cell in cells)
            rows.append((GridRow(cells, top, open_top=t.open_top and n == 0,
                                 open_bottom=t.open_bottom and n == len(t.rows) - 1), confs))
        out.tables.append(rows)
    for line in free:
        texts = []
        for crop in line:
            reading = found[k]
            k += 1
            if reading.text.strip():
                texts.append(Text(reading.text.strip(), reading.conf, _points(img, crop.box)))
        if texts:
            out.lines.append(texts)
    return out


def _chosen(lines: list[list[crops.Crop]], tables: list[grid.ScanTable], head: int,
            near: int) -> list[list[crops.Crop]]:
    """The title (`head` lines: the first line, and the tallest of the lines above the page's first table or
    among its first TOP lines, where a title printed large stands below a letterhead) and the `near` lines nearest
    to the tables, in page order."""
    keep: set[int] = set()
    if head and lines:
        limit = min(t.bbox[1] for t in tables) if tables else float("inf")
        top = [i for i in range(min(TOP, len(lines))) if lines[i][0].box[3] <= limit]
        tall = sorted(top, key=lambda i: -(lines[i][0].box[3] - lines[i][0].box[1]))
        keep = {0, *tall[:head - 1]}
    if tables and near:

        def gap(line: list[crops.Crop]) -> float:
            top_, bottom = line[0].box[1], line[0].box[3]
            return min(max(t.bbox[1] - bottom, top_ - t.bbox[3], 0.0) for t in tables)

        keep |= set(sorted(range(len(lines)), key=lambda i: gap(lines[i]))[:near])
    return [lines[i] for i in sorted(keep)]


SAMPLES = 8  # lines of text read to tell which way up a page is
TURN_MARGIN = 0.12  # how much more legible (mean character probability) a turn must make the sample to be taken


def _legible(grey: np.ndarray, mask: np.ndarray, dpi: float, flipped: bool = True,
             upright: bool = True) -> tuple[float, float] | None:
    """How legible the page's text is as it stands (`upright`) and turned upside down (`flipped`; 0.0 for the way
    not asked): the model's mean character probability over a few lines of text spread over the page (None where
    it shows no line of text)."""
    lines = crops.outside(grey, mask, [], dpi)
    pieces = [c for line in lines for c in line
              if dpi * 0.06 <= c.box[3] - c.box[1] <= dpi * 0.35 and 2.5 <= (c.box[2] - c.box[0]) / max(1, c.box[3] - c.box[1]) <= 30]
    if not pieces:
        return None
    step = max(1, len(pieces) // SAMPLES)
    chosen = [p.image for p in pieces[::step][:SAMPLES]]

    def score(images: list[np.ndarray]) -> float:
        found = recognize.read(images, recognize.TEXT_HEIGHT)
        probs = [sum(r.chars) / len(r.chars) if r.chars else 0.0 for r, _ in found]
        return sum(probs) / len(probs) if probs else 0.0

    return (score(chosen) if upright else 0.0,
            score([np.ascontiguousarray(np.rot90(c, 2)) for c in chosen]) if flipped else 0.0)


SURELY_UPRIGHT = 0.85  # a page whose lines read this well as they stand is not tried any other way


def upright(img: PageImage, dpi: float) -> tuple[int, list[rules.Segment]]:
    """The quarter turns (anticlockwise) that put the page upright: 0 for a page the right way up; 2 for one put
    on the scanner upside down; 1 or 3 for one put in sideways (its lines of text run up and down). Decided by
    which way the model reads a few of its lines best. Also the page's rules as found (for reading it, where it
    stays as it is)."""
    from gdchecker.ocr import image

    segs = rules.find(img.ink, dpi)
    mask = crops.clean_ink(img.ink, rules.mask(segs, img.ink.shape), dpi)
    scores: dict[int, float] = {}
    h, w = mask.shape
    here = _legible(img.grey, mask, dpi, flipped=False)
    if here is not None and here[0] >= SURELY_UPRIGHT and w <= h:
        return 0, segs
    if here is not None:
        scores[0] = here[0]
        scores[2] = _legible(img.grey, mask, dpi, upright=False)[1]  # type: ignore[index]
    if w > h or image.sideways(mask):  # a landscape picture, or lines running up and down: perhaps put in sideways
        side = _legible(np.ascontiguousarray(np.rot90(img.grey)), np.ascontiguousarray(np.rot90(mask)), dpi)
        if side is not None:
            scores[1], scores[3] = side
    if not scores:
        return 0, segs
    turn = max(scores, key=lambda k: scores[k])
    # a turn is taken only where it reads clearly better than the page as it stands
    return (turn, segs) if turn and scores[turn] > scores.get(0, 0.0) + TURN_MARGIN else (0, segs)
