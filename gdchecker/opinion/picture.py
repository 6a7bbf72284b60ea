"""A table's region of a PDF page as a picture, with the cells concerned boxed: red an error's cell, amber a
warning's, blue a cell a repair changes. pypdfium2 renders the page (as the app's source view does: a scanned page
put in turned is shown upright, as its boxes are) and Pillow pastes the boxes' sides (not ImageDraw: it imports
ImageFont, which the packaged folder leaves out); no Qt."""

from __future__ import annotations

import io

from gdchecker.model import Box

SCALE = 2.0  # pixels per PDF point (144 dpi): figures sharp when printed 16 cm wide
TOP = 110.0  # points above the first value cell kept: the table's header rows (表三: three, some 90 pt)
BOTTOM = 12.0
COLOURS = {"error": (217, 48, 37), "warning": (230, 145, 0), "repair": (26, 115, 232)}
WIDTHS = {"error": 3, "warning": 3, "repair": 2}
OUTSET = {"error": 3, "warning": 3, "repair": 7}  # pixels outside the cell: a repair's box around the others


def render(path: str, page: int, region: list[Box], marked: list[tuple[Box, list[str]]],
           turn: int = 0) -> tuple[bytes, int, int] | None:
    """The page's strip from above the table's first cell to below its last, the whole page wide (the row labels
    have no boxes), as PNG with its size in pixels; None where the file cannot be rendered now."""
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        try:
            img = pdf[page - 1].render(scale=SCALE, rotation=(360 - 90 * (turn % 4)) % 360).to_pil().convert("RGB")
        finally:
            pdf.close()
    except Exception:  # moved, changed or unreadable since it was checked: the table is drawn instead
        return None
    boxes = region + [b for b, _ in marked]
    top = max(0, int((min(b.top for b in boxes) - TOP) * SCALE))
    bottom = min(img.height, int((max(b.bottom for b in boxes) + BOTTOM) * SCALE))
    for kind in ("repair", "warning", "error"):  # errors drawn last: on top
        for b, kinds in marked:
            if kind in kinds:
                o = OUTSET[kind]
                _outline(img, (round(b.x0 * SCALE) - o, round(b.top * SCALE) - o, round(b.x1 * SCALE) + o,
                               round(b.bottom * SCALE) + o), COLOURS[kind], WIDTHS[kind])
    img = img.crop((0, top, img.width, max(bottom, top + 1)))
    buf = io.BytesIO()
    img.save(buf, "PNG")  # optimize=True: 3 % smaller, 3.5 times as slow
    return buf.getvalue(), img.width, img.height


def _outline(img, box: tuple[int, int, int, int], colour: tuple[int, int, int], width: int) -> None:  # noqa: ANN001
    """A rectangle's four sides, `width` pixels thick inside `box`, clipped to the picture."""
    x0, y0, x1, y1 = box
    for side in ((x0, y0, x1, y0 + width), (x0, y1 - width, x1, y1), (x0, y0, x0 + width, y1), (x1 - width, y0, x1, y1)):
        a, b, c, d = max(0, side[0]), max(0, side[1]), min(img.width, side[2]), min(img.height, side[3])
        if a < c and b < d:
            img.paste(colour, (a, b, c, d))
