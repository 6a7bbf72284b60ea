"""A PDF page's characters and drawn rules read by pdfium, handed on as pdfplumber hands them on.

pdfplumber gets a page's characters and drawings from pdfminer, which interprets the content stream in Python
(some hundred milliseconds a table page); pdfium does it in C.  PdfiumPage has what the PDF reader uses of a
pdfplumber page: `chars` (text, box, size and uprightness of each: pdfminer's boxes, from the origin along the
advance, from the font's descent up by the font size, top-left origin as pdfplumber puts it), `lines`, `rects`, `curves` and `edges` (every painted path
split into its subpaths and sorted into lines, rectangles and curves as pdfminer does), `bbox`, `width`,
`height`, and `extract_words` and `find_tables`, which group words and find ruled tables as pdfplumber does
(gdchecker.read.pdfwords, gdchecker.read.pdftables) without importing it or pdfminer.

The descent is pdfium's: the font descriptor's, as pdfminer takes it, but where a descriptor says 0 for both
ascent and descent (LibreOffice writes that) pdfium takes the font program's, so such text is boxed from a
little below its baseline where pdfminer boxes it from the baseline (at most a quarter of the size lower; the
words, lines and cells are the same).

A page it cannot serve raises Unserved: a rotated page (/Rotate, where pdfplumber turns its coordinates), one
with vertical writing (pdfminer boxes such characters its own way) or one whose MediaBox is inherited from the
page tree (pdfium does not give it), which pdfplumber then reads; a
page with more characters, drawings or path points than a report's page has (MAX_PAGE_*: a hostile file; the
reader then keeps the page's plain text instead of its geometry).
"""

from __future__ import annotations

import ctypes
import re
from typing import Any

from gdchecker.read.pdfium_paths import Drawings, Unserved, edges

__all__ = ["PdfiumPage", "Unserved", "font_key"]

# what one page may draw (a dense table page has some thousands of characters, a few thousand rules); past it the
# page is not read for its geometry (each character costs some microseconds and a kilobyte while it is held)
MAX_PAGE_CHARS = 50_000



_SUBSET = re.compile(r"^[A-Z]{6}\+")
# the Descent (per 1000 of the size) of the standard fonts a PDF may name without embedding them, from their
# published metrics (pdfminer's table: it takes these over the file's own descriptor)
STANDARD_DESCENTS = {
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique", "CourierNew",
                     "CourierNew,Italic", "CourierNew,Bold", "CourierNew,BoldItalic"), -194.0),
    **dict.fromkeys(("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique", "Arial",
                     "Arial,Italic", "Arial,Bold", "Arial,BoldItalic"), -207.0),
    **dict.fromkeys(("Times-Bold", "Times-BoldItalic", "Times-Italic", "Times-Roman", "TimesNewRoman",
                     "TimesNewRoman,Italic", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic"), -217.0),
    "Symbol": 0.0, "ZapfDingbats": 0.0,
}


def font_key(name: str) -> str:
    """A font's name without its subset tag (pdfium leaves it off some fonts' names, pdfminer never)."""
    return _SUBSET.sub("", name)


def _object_address(raw: Any) -> Any:  # noqa: ANN401 - pypdfium2's raw bindings
    """FPDFText_GetTextObject giving the object's address as an int (a key; no pointer object made and cast for
    each character), where pypdfium2 lets its library be reached; else one that casts."""
    try:
        from pypdfium2_raw import bindings

        f = bindings._libs["pdfium"]["FPDFText_GetTextObject"]
        f.argtypes, f.restype = (raw.FPDF_TEXTPAGE, ctypes.c_int), ctypes.c_void_p
        return f
    except Exception:  # another build of pypdfium2
        get = raw.FPDFText_GetTextObject
        return lambda t, i: ctypes.cast(get(t, i), ctypes.c_void_p).value


def _box(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, x1 = sorted((rect[0], rect[2]))
    y0, y1 = sorted((rect[1], rect[3]))
    return x0, y0, x1, y1


class PdfiumPage:
    """One page of a pypdfium2 document, looking to pdfgrid and pdfplumber.table like a pdfplumber page."""

    def __init__(self, page: Any, page_number: int,  # noqa: ANN401 - pypdfium2.PdfPage
                 box: tuple[float, float, float, float] | None = None) -> None:
        """box: the page's MediaBox where the caller knows it better than pdfium (see below)."""
        import pypdfium2.raw as raw

        self._raw = raw
        self.page_number = page_number
        if page.get_rotation() % 360:
            raise Unserved("rotated")
        # the page's own MediaBox; one it inherits from the page tree pdfium does not give (crbug.com/pdfium/1786,
        # a letter-sized guess instead), nor a CropBox inherited with it: pdfplumber reads such a page
        media = box or page.get_mediabox(fallback_ok=False)
        if media is None:
            raise Unserved("mediabox")
        mx0, my0, mx1, my1 = _box(media)
        self._mx0, self._my0 = mx0, my0
        self._h = my1 - my0  # pdfplumber: top = height - y, the MediaBox turned upside down
        # pdfplumber's bbox is the MediaBox inverted over its own height (its top is -y0 where y0 is not 0)
        self.mediabox = self.bbox = (mx0, self._h - my1, mx1, self._h - my0)
        self.chars = self._read_chars(page)
        drawn = Drawings(raw, page, self._h, my0, page_number)
        self.lines, self.rects, self.curves = drawn.lines, drawn.rects, drawn.curves
        self._edges: list[dict] | None = None

    # ------------------------------------------------------------------ pdfplumber's Page interface

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

    @property
    def edges(self) -> list[dict]:
        """As pdfplumber.Page.edges: the lines' edges, then the rectangles', then the curves'."""
        if self._edges is None:
            self._edges = edges(self.lines, self.rects, self.curves)
        return self._edges

    def drop_chars(self) -> None:
        self.chars = []

    def extract_words(self, x_tolerance: float = 3, y_tolerance: float = 3, keep_blank_chars: bool = False,
                      use_text_flow: bool = False) -> list[dict]:
        """As pdfplumber's Page.extract_words with these settings (gdchecker.read.pdfwords)."""
        from gdchecker.read.pdfwords import extract_words

        if keep_blank_chars or use_text_flow:
            raise ValueError("keep_blank_chars and use_text_flow are not read here")
        return extract_words(self.chars, x_tolerance, y_tolerance)

    def find_tables(self, table_settings: dict | None = None) -> list:
        """As pdfplumber's Page.find_tables with the lines strategy (gdchecker.read.pdftables)."""
        from gdchecker.read.pdftables import find_tables

        return find_tables(self.edges, table_settings)

    # ------------------------------------------------------------------ characters

    def _read_chars(self, page: Any) -> list[dict]:  # noqa: ANN401
        raw = self._raw
        tp = page.get_textpage()
        try:
            t = tp.raw
            n = raw.FPDFText_CountChars(t)
            if n > MAX_PAGE_CHARS:
                raise Unserved("chars")
            rect = raw.FS_RECTF()
            ox, oy, value = ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
            rect_p, ox_p, oy_p, value_p = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(value)
            generated, unicode, text_object = raw.FPDFText_IsGenerated, raw.FPDFText_GetUnicode, _object_address(raw)
            loose_box, origin, glyph_width = (raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin,
                                              raw.FPDFFont_GetGlyphWidth)
            high = 0  # the first half of a character past U+FFFF (pdfium gives UTF-16 units)
            # text object -> (a, b, c, d, font size, descent per point of size, font, the size for pdfium)
            objects: dict[int, tuple] = {}
            self._fonts: dict[int, float] = {}  # font -> descent per point of size
            out: list[dict] = []
            h = self._h
            for i in range(n):
                if generated(t, i):  # spaces and line ends pdfium adds between words and lines
                    continue
                u = unicode(t, i)
                if 0xD800 <= u < 0xDC00:
                    high = u
                    continue
                if 0xDC00 <= u < 0xE000:
                    u, high = (0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00)) if high else 0xFFFD, 0
                key = text_object(t, i) or 0
                info = objects.get(key)
                if info is None:
                    info = objects[key] = self._text_object(t, i)
                a, b, c, d, size, descent, font, size_c = info
                loose_box(t, i, rect_p)
                upright = 0 < a * d and b * c <= 0
                if upright and size > 0:
                    origin(t, i, ox_p, oy_p)
                    x0, x1 = ox.value, rect.right
                    # pdfminer's box spans the glyph's advance in the font's widths, which pdfium gives for the
                    # character (its box may add the character spacing, or be a Type 3 glyph's drawing)
                    if font and glyph_width(font, u, size_c, value_p):
                        x1 = x0 + value.value * a
                    scale = size * d  # the size as drawn
                    if rect.right - rect.left > 2 * scale:  # not one character's advance: vertical writing
                        raise Unserved("vertical")  # (pdfium's box of it is wrong, pdfminer's is its own)
                    y0 = oy.value + descent * scale
                    y1 = y0 + scale
                    if x1 < x0:
                        x0, x1 = x1, x0
                    char_size = scale
                else:  # turned or mirrored text: pdfium's box (the reader does not use such words)
                    x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
                    char_size = abs(x1 - x0) if not upright else abs(y1 - y0)
                top, bottom = h - y1, h - y0
                out.append({"text": chr(u) if u else "", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                            "doctop": top, "size": char_size, "upright": upright})
            return out
        finally:
            tp.close()

    def _text_object(self, t: Any, i: int) -> tuple:  # noqa: ANN401
        """The matrix of character i's text object, its font size and font, and the font's descent."""
        raw = self._raw
        m = raw.FS_MATRIX()
        if not raw.FPDFText_GetMatrix(t, i, m):
            return 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, None, ctypes.c_float(0.0)
        size = raw.FPDFText_GetFontSize(t, i)
        obj = raw.FPDFText_GetTextObject(t, i)
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        descent = 0.0
        if font:
            key = ctypes.cast(font, ctypes.c_void_p).value or 0
            if key not in self._fonts:
                self._fonts[key] = self._descent(font)
            descent = self._fonts[key]
        return m.a, m.b, m.c, m.d, size, descent, font, ctypes.c_float(size)

    def _descent(self, font: Any) -> float:  # noqa: ANN401
        """The font's descent per point of size: pdfium's (the FontDescriptor's Descent; where that says 0 with
        its Ascent, the font program's); a standard font the file does not embed, its published metrics'; a
        Type 3 font (glyphs drawn by the file, no font program) none."""
        raw = self._raw
        embedded = bool(raw.FPDFFont_GetIsEmbedded(font))
        if not embedded:
            standard = STANDARD_DESCENTS.get(self._font_name(font))
            if standard is not None:
                return standard / 1000
        else:
            data = ctypes.c_size_t(0)
            raw.FPDFFont_GetFontData(font, None, 0, ctypes.byref(data))
            if data.value == 0:
                return 0.0  # Type 3
        value = ctypes.c_float()
        if raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(value)):
            return value.value
        return 0.0

    def _font_name(self, font: Any) -> str:  # noqa: ANN401
        buf = ctypes.create_string_buffer(256)
        self._raw.FPDFFont_GetBaseFontName(font, buf, 256)
        return font_key(buf.value.decode("latin-1"))
