"""PDF with a text layer: words placed on lines, table pages read with their geometry."""

from __future__ import annotations

import io
import re

from gdchecker.median import median
from gdchecker.model import Box
from gdchecker.read import MAX_CHARS, too_long
from gdchecker.read.document import Document, Line, Piece, ReadError
from gdchecker.read.pdfgrid import GridRow, aligned, grid_line, join_split, reaches_edge, ruled_rows

# words that mark a page holding (part of) a statistical table
_TABLE_HINTS = ("第二十条", "信息内容", "勾稽", "申请人情况", "本年新收", "予以公开", "不予公开", "无法提供",
                "不予处理", "其他处理", "总计", "结转下年度", "行政复议", "行政诉讼", "结果维持", "尚未审结")
_NUMERIC = re.compile(r"^[+\-]?[\d.,]+$")
MAX_WORD_PAGES = 40  # pages read word by word; the rest by plain text (a 300-page file stays fast)
MAX_PAGES = 2000
ENCRYPTED = "PDF 文件已加密，需要密码才能打开；请用密码打开后另存为不加密的 PDF 再检查"
CORRUPT = "PDF 文件已损坏或不完整，无法打开；请重新下载或重新导出 PDF"
NO_TEXT = "PDF 没有文字层（可能是扫描件或图片），无法读取表格；请先做文字识别（OCR）或使用原始电子版"
BLANK = "PDF 的每一页都是空白的，没有任何内容；请检查导出的文件"


def _pdfium_texts(data: bytes) -> tuple[list[str], bool]:
    """The text of every page, and whether any page draws anything at all (a scan draws images, no text)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise ReadError("encrypted", ENCRYPTED) from e
        raise ReadError("corrupt", CORRUPT) from e
    try:
        n = len(pdf)
        if n == 0:
            raise ReadError("corrupt", CORRUPT)
        if n > MAX_PAGES:
            raise ReadError("too_large", f"PDF 共 {n} 页，不像是一份年度报告；请只保留年度报告部分后再检查")
        texts: list[str] = []
        drawn = False
        chars = 0
        for i in range(n):
            page = pdf[i]
            try:
                tp = page.get_textpage()
                text = tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                tp.close()
                drawn = drawn or bool(text.strip()) or pdfium.raw.FPDFPage_CountObjects(page.raw) > 0
            finally:
                page.close()
            chars += len(text)
            if chars > MAX_CHARS:
                raise ReadError("too_large", too_long(chars, f"前 {i + 1} 页"))
            texts.append(text)
        return texts, drawn
    except pdfium.PdfiumError as e:  # a page that cannot be loaded: the file is damaged
        raise ReadError("corrupt", CORRUPT) from e
    finally:
        pdf.close()


_UNIT = re.compile(r"(?:^|(?<=\d))(?:件|万元|元|项|个|条)$")


def _aligned(a: dict, b: dict) -> bool:
    """Two words one above the other in the same cell: left, right or centre edges agree."""
    return (abs(a["x0"] - b["x0"]) < 1.5 or abs(a["x1"] - b["x1"]) < 1.5
            or abs((a["x0"] + a["x1"]) - (b["x0"] + b["x1"])) < 3.0)


def _rules(page) -> list[tuple[float, float, float]]:  # noqa: ANN001
    """Horizontal rules of the page (y, x0, x1): the borders between table rows."""
    try:
        return [(e["top"], e["x0"], e["x1"]) for e in page.edges if e.get("orientation") == "h"]
    except Exception:  # a strange drawing must not stop the reading
        return []


def _covered(rules: list[tuple[float, float, float]], lo: float, hi: float, x0: float, x1: float) -> bool:
    """A rule between heights lo and hi spans x0..x1."""
    return any(lo <= y <= hi and rx0 <= x0 + 1 and rx1 >= x1 - 1 for y, rx0, rx1 in rules)


def _join_wrapped_numbers(words: list[dict], rules: list[tuple[float, float, float]]) -> list[dict]:
    """A number too wide for its cell wraps: “118” over “3”, or “1550” over “件”. In a ruled table, two pieces one
    above the other with no rule between them are one cell: join them. (Without rules a wrap cannot be told from
    the next row, so nothing is joined.)"""
    if not rules:
        return words
    numeric = sorted((w for w in words if _NUMERIC.match(w["text"]) or _UNIT.match(w["text"])), key=lambda w: w["top"])
    gone: set[int] = set()
    for i, upper in enumerate(numeric):
        if id(upper) in gone or not _NUMERIC.match(upper["text"]):
            continue
        h = max(1.0, upper["bottom"] - upper["top"])
        for lower in numeric[i + 1:]:
            gap = lower["top"] - upper["bottom"]
            if gap > 0.6 * h:
                break
            if gap < -0.2 * h or id(lower) in gone or not _aligned(upper, lower):
                continue
            x0, x1 = min(upper["x0"], lower["x0"]), max(upper["x1"], lower["x1"])
            # glyph boxes reach a little over the borders: look from the upper's baseline to the lower's middle
            if any(upper["bottom"] - 0.3 * h <= y <= (lower["top"] + lower["bottom"]) / 2 and rx0 <= x0 + 1
                   and rx1 >= x1 - 1 for y, rx0, rx1 in rules):
                continue  # a border between them: two rows
            if not (_covered(rules, upper["top"] - 1.5 * h, upper["top"] + 0.3 * h, x0, x1)
                    and _covered(rules, lower["bottom"] - 0.3 * h, lower["bottom"] + 1.5 * h, x0, x1)):
                continue  # not inside one bordered cell (running text, an unruled table)
            upper["text"] += lower["text"]
            upper["x0"], upper["x1"] = x0, x1
            upper["wrapped_mid"] = (upper["top"] + lower["bottom"]) / 2
            gone.add(id(lower))
            break
    return [w for w in words if id(w) not in gone]


def _settle_wrapped(rows: list[list[dict]]) -> list[list[dict]]:
    """A wrapped number in a vertically centred cell belongs with the line at its middle, not with its first line."""
    centre = [median((w["top"] + w["bottom"]) / 2 for w in r) for r in rows]
    for i, row in enumerate(rows):
        for w in [w for w in row if "wrapped_mid" in w]:
            others = [x for x in row if x is not w and _NUMERIC.match(x["text"])]
            if others:
                continue
            h = max(1.0, w["bottom"] - w["top"])
            near = [j for j in range(max(0, i - 2), min(len(rows), i + 3))
                    if j != i and abs(centre[j] - w["wrapped_mid"]) <= 0.45 * h]
            if near:
                row.remove(w)
                rows[near[0]].append(w)
    return [r for r in rows if r]


def _page_words(page) -> list[dict]:  # noqa: ANN001 - pdfplumber page
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False)
    return [w for w in words if w.get("upright", True) and w["text"].strip()]


def _word_lines(page, pageno: int, words: list[dict], margin: float | None = None,  # noqa: ANN001
                clipped: bool = False) -> tuple[list[Line], list[tuple[GridRow, Line]]]:
    """The page's lines, top to bottom, and its ruled table rows each with the line made of it."""
    if not words:
        return [], []
    tables, words = ruled_rows(page, words, margin, clipped)
    rows = [(row, grid_line(row, pageno, pageno * 100 + k)) for k, rs in enumerate(tables, 1) for row in rs]
    return _merge_by_height([(row.top, ln) for row, ln in rows], _free_word_lines(page, pageno, words)), rows


def _join_page_breaks(out: dict[int, list[Line]], rows: dict[int, list[tuple[GridRow, Line]]]) -> None:
    """A table row the page break split in two is one row (pdfgrid.join_split says when): the second part's cells
    are added to the first's, and the second part's line goes."""
    for i in sorted(rows):
        if not rows[i] or not rows.get(i + 1):
            continue
        (a, la), (b, lb) = rows[i][-1], rows[i + 1][0]
        if not join_split(a, b):
            lb.after_break = aligned(a, b)  # perhaps the rest of the row above: the locator decides
            continue
        fresh = grid_line(a, i + 1, la.grid or 0)
        la.pieces, la.cut = fresh.pieces, fresh.cut
        out[i + 1] = [ln for ln in out[i + 1] if ln is not lb]
        rows[i + 1] = rows[i + 1][1:]


def _merge_by_height(grid: list[tuple[float, Line]], free: list[Line]) -> list[Line]:
    """Table rows and the other lines of a page, top to bottom."""
    keyed = grid + [(min(p.box.top for p in ln.pieces if p.box), ln) for ln in free]
    keyed.sort(key=lambda t: t[0])
    return [ln for _, ln in keyed]


def _free_word_lines(page, pageno: int, words: list[dict]) -> list[Line]:  # noqa: ANN001 - pdfplumber page
    """Words outside ruled tables placed on lines (running text, unruled tables, rows cut off by a page)."""
    if not words:
        return []
    words = _join_wrapped_numbers(words, _rules(page))
    words.sort(key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"]))
    rows: list[list[dict]] = []
    for w in words:
        cy = (w["top"] + w["bottom"]) / 2
        h = max(1.0, w["bottom"] - w["top"])
        if rows:
            last = rows[-1]
            ly = median((x["top"] + x["bottom"]) / 2 for x in last)
            if abs(cy - ly) <= 0.45 * h:
                last.append(w)
                continue
        rows.append([w])
    rows = _settle_wrapped(rows)
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        groups: list[list[dict]] = [[row[0]]]
        for w in row[1:]:
            prev = groups[-1][-1]
            h = max(1.0, prev["bottom"] - prev["top"])
            gap = w["x0"] - prev["x1"]
            both_text = not _NUMERIC.match(prev["text"]) and not _NUMERIC.match(w["text"])
            # digits of one number drawn with letter spacing (WPS, justified cells) stay one number;
            # neighbouring cells are always further apart than half a character
            after_unit = bool(_UNIT.search(prev["text"][-2:])) and bool(_NUMERIC.match(w["text"]))
            limit = 0.9 * h if both_text else (0.15 * h if after_unit else 0.5 * h)  # “105件 177件”: a unit ends a cell
            if gap < limit:
                groups[-1].append(w)
            else:
                groups.append([w])
        pieces = []
        for g in groups:
            text = "".join(w["text"] for w in g)
            box = Box(pageno, g[0]["x0"], min(w["top"] for w in g), g[-1]["x1"], max(w["bottom"] for w in g))
            pieces.append(Piece(text, (box.x0 + box.x1) / 2, box))
        lines.append(Line(pieces, page=pageno, geometric=True))
    return lines


def _hint_score(text: str) -> int:
    flat = re.sub(r"\s", "", text)
    return sum(h in flat for h in _TABLE_HINTS)


def word_pages(texts: list[str]) -> set[int]:
    """Pages to read word by word: those that look most like table pages (with the page after each, where a
    table may go on), at most MAX_WORD_PAGES; a long report mentioning 行政复议 on every page keeps its tables."""
    scores = [_hint_score(t) for t in texts]
    hinted = sorted((i for i, s in enumerate(scores) if s >= 2), key=lambda i: (-scores[i], i))
    chosen: set[int] = set()
    for i in hinted:
        for p in (i, i + 1):
            if p < len(texts) and len(chosen) < MAX_WORD_PAGES:
                chosen.add(p)
    # a table long enough to run over several pages has pages in the middle with few of the words
    near = sorted(chosen)
    for a, b in zip(near, near[1:]):
        for p in range(a + 1, b) if b - a <= 3 else ():
            if len(chosen) < MAX_WORD_PAGES:
                chosen.add(p)
    return chosen


def _text_lines(text: str, pageno: int) -> list[Line]:
    return [Line([Piece(raw.strip())], page=pageno) for raw in text.split("\n") if raw.strip()]


def read_pdf(path: str, data: bytes) -> Document:
    texts, drawn = _pdfium_texts(data)
    if not any(t.strip() for t in texts):
        raise ReadError("no_text", NO_TEXT) if drawn else ReadError("blank", BLANK)
    doc = Document(path, "pdf", pages=len(texts))
    geometric = _geometric_lines(data, word_pages(texts))
    for i, text in enumerate(texts):
        doc.lines.extend(geometric[i] if i in geometric else _text_lines(text, i + 1))
    return doc


USE_PDFIUM = True  # table pages read by pdfium (gdchecker.read.pdfium_page); False: every page by pdfminer


def _geometric_lines(data: bytes, pages: set[int]) -> dict[int, list[Line]]:
    """Word-positioned lines of the given pages (0-based).  pdfium reads each page's characters and drawings
    (PdfiumPage); a page it cannot stand in for (a rotated page, vertical writing) is read by pdfplumber (pdfminer).  A page
    neither can read (a damaged or unusual file, a page drawing more than any report does) keeps the text
    pdfium has already read rather than failing the whole file."""
    out: dict[int, list[Line]] = {}
    rows: dict[int, list[tuple[GridRow, Line]]] = {}
    if not pages:
        return out
    with _Pages(data) as source:
        words: dict[int, list[dict]] = {}
        for i in sorted(pages):
            try:
                words[i] = _page_words(source.page(i))
            except ReadError:
                raise
            except Exception:  # pdfminer raises many kinds on odd pages
                continue
            source.drop_chars(i)  # the words are made: only the rules are read again
        # the left margin of the printed area, from every page (a page of table alone starts further in)
        margin = min((w["x0"] for ws in words.values() for w in ws), default=None)
        clipped = any(reaches_edge(source.page(i)) for i in words)  # printed wider than the paper
        for i, ws in words.items():
            try:
                out[i], rows[i] = _word_lines(source.page(i), i + 1, ws, margin, clipped)
            except Exception:
                continue
        _join_page_breaks(out, rows)
    return out


class _Pages:
    """The table pages, each read once: by pdfium where it can (PdfiumPage), else by pdfplumber (opened on
    first need).  A page neither reads raises (the caller keeps its text)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pages: dict[int, object] = {}
        self.failed: set[int] = set()
        self.pdfium = None
        self.plumber = None
        self.plumber_failed = False

    def __enter__(self) -> _Pages:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.plumber is not None:
            try:
                self.plumber.close()
            except Exception:  # pdfplumber makes every page to close it: one it cannot make must not stop us
                pass
        if self.pdfium is not None:
            self.pdfium.close()

    def drop_chars(self, i: int) -> None:
        """Let a pdfium page's characters go (some thousand dicts a page) once its words are made."""
        page = self.pages.get(i)
        if hasattr(page, "drop_chars"):
            page.drop_chars()

    def page(self, i: int):  # noqa: ANN201 - a PdfiumPage or a pdfplumber page
        if i in self.pages:
            return self.pages[i]
        if i in self.failed:
            raise LookupError(i)
        try:
            self.pages[i] = self._read(i)
        except Exception:
            self.failed.add(i)
            raise
        return self.pages[i]

    def _read(self, i: int):  # noqa: ANN202
        if USE_PDFIUM:
            import pypdfium2 as pdfium

            from gdchecker.read.pdfium_page import PdfiumPage, Unserved

            if self.pdfium is None:
                self.pdfium = pdfium.PdfDocument(self.data)
            page = self.pdfium[i]
            try:
                return PdfiumPage(page, i + 1)
            except Unserved as e:
                if str(e) == "mediabox":
                    return self._inherited_box(i, page)
                if str(e) not in ("rotated", "vertical"):
                    raise  # more than a report draws: not for pdfminer either
            finally:
                page.close()
        return self._plumber_page(i)

    def _inherited_box(self, i: int, page):  # noqa: ANN001, ANN202 - a pypdfium2 page
        """A page without a MediaBox of its own: pdfplumber, which takes the one of the page tree; where it cannot
        (no MediaBox anywhere), pdfium with the page's box as it lays it out."""
        from gdchecker.read.pdfium_page import PdfiumPage

        try:
            return self._plumber_page(i)
        except ReadError:
            raise
        except Exception:
            return PdfiumPage(page, i + 1, box=page.get_bbox())

    def _plumber_page(self, i: int):  # noqa: ANN202
        import logging

        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect

        # pdfminer reports every odd font (Chromium's PDFs: "Could not get FontBBox…") as a warning on stderr; the
        # user sees only the tool's own messages
        logging.getLogger("pdfminer").setLevel(logging.ERROR)

        if self.plumber_failed:
            raise LookupError(i)
        if self.plumber is None:
            try:
                self.plumber = pdfplumber.open(io.BytesIO(self.data))
            except PDFPasswordIncorrect as e:
                raise ReadError("encrypted", ENCRYPTED) from e
            except Exception:  # pdfminer could not open what pdfium read: use pdfium's text
                self.plumber_failed = True
                raise
        return self.plumber.pages[i]
