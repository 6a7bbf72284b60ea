"""One scanned page read: its ruled tables cell by cell and the lines of text outside them, placed in PDF points."""

from __future__ import annotations

from dataclasses import dataclass, field

from gdchecker.ocr import crops, grid, recognize, rules
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


def _text(found: list[tuple[recognize.Reading, recognize.Reading | None]], cs: list[crops.Crop]) -> tuple[str, float]:
    """A cell's lines read as one text (joined without a space, as the PDF reader joins a wrapped cell)."""
    parts = []
    conf = 1.0
    for (free, figure), crop in zip(found, cs):
        if figure is not None and len(cs) == 1:
            parts.append(figure.text)
            conf = min(conf, _figure_conf(figure, crop.parts))
        else:
            parts.append(free.text)
            conf = min(conf, free.conf)
    return "".join(parts).strip(), conf


def read(img: PageImage, dpi: float, head: int = 0, near: int = 0) -> PageRead:
    """The page's tables, and of the text outside them its first `head` lines (a title) and the `near` lines
    nearest to its tables (headings, captions, the sentence that sums a table up): reading running text costs
    time, and the checks need little of it."""
    tables, ruled = grid.tables(rules.find(img.ink, dpi), dpi)
    mask = crops.clean_ink(img.ink, rules.mask(ruled, img.ink.shape), dpi)
    jobs: list[list[crops.Crop]] = []
    for t in tables:
        for r in t.rows:
            jobs += [crops.in_box(img.grey, mask, c.box, dpi) for c in r.cells]
    free = crops.outside(img.grey, mask, [t.bbox for t in tables], dpi) if head or (near and tables) else []
    free = _chosen(free, tables, head, near)
    flat = [c for cs in jobs for c in cs] + [c for line in free for c in line]
    found = recognize.read([c.image for c in flat])
    k = 0
    out = PageRead(grids=tables)
    j = 0
    for t in tables:
        rows = []
        for r in t.rows:
            cells, confs = [], []
            for c in r.cells:
                cs = jobs[j]
                j += 1
                text, conf = _text(found[k:k + len(cs)], cs)
                k += len(cs)
                cells.append(GridCell(_points(img, c.box), text))
                confs.append(conf)
            top = min(cell.box[1] for cell in cells)
            rows.append((GridRow(cells, top), confs))
        out.tables.append(rows)
    for line in free:
        texts = []
        for crop in line:
            free_r, figure = found[k]
            k += 1
            reading = figure if figure is not None else free_r
            if reading.text.strip():
                texts.append(Text(reading.text.strip(), reading.conf, _points(img, crop.box)))
        if texts:
            out.lines.append(texts)
    return out


def _chosen(lines: list[list[crops.Crop]], tables: list[grid.ScanTable], head: int,
            near: int) -> list[list[crops.Crop]]:
    """The first `head` lines and the `near` lines nearest to the tables, in page order."""
    if not tables:
        return lines[:head]

    def gap(line: list[crops.Crop]) -> float:
        top, bottom = line[0].box[1], line[0].box[3]
        return min(max(t.bbox[1] - bottom, top - t.bbox[3], 0.0) for t in tables)

    keep = set(range(min(head, len(lines)))) | set(sorted(range(len(lines)), key=lambda i: gap(lines[i]))[:near])
    return [lines[i] for i in sorted(keep)]
