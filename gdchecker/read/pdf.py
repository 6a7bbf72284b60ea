"""PDF with a text layer: words placed on lines, table pages read with their geometry."""

from __future__ import annotations

import io
import re
from statistics import median

from gdchecker.model import Box
from gdchecker.read.document import Document, Line, Piece, ReadError

# words that mark a page holding (part of) a statistical table
_TABLE_HINTS = ("第二十条", "信息内容", "勾稽", "申请人情况", "本年新收", "予以公开", "不予公开", "无法提供",
                "不予处理", "其他处理", "总计", "结转下年度", "行政复议", "行政诉讼", "结果维持", "尚未审结")
_NUMERIC = re.compile(r"^[+\-]?[\d.,]+$")
MAX_WORD_PAGES = 40  # pages read word by word; the rest by plain text (a 300-page file stays fast)


def _pdfium_texts(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise ReadError("encrypted", "PDF 文件已加密，需要密码才能读取") from e
        raise ReadError("corrupt", "PDF 文件已损坏或不完整，无法打开") from e
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            texts.append(tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            tp.close()
            page.close()
        return texts
    finally:
        pdf.close()


def _word_lines(page, pageno: int) -> list[Line]:  # noqa: ANN001 - pdfplumber page
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False)
    words = [w for w in words if w.get("upright", True) and w["text"].strip()]
    if not words:
        return []
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
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        groups: list[list[dict]] = [[row[0]]]
        for w in row[1:]:
            prev = groups[-1][-1]
            h = max(1.0, prev["bottom"] - prev["top"])
            gap = w["x0"] - prev["x1"]
            both_text = not _NUMERIC.match(prev["text"]) and not _NUMERIC.match(w["text"])
            if gap < (0.9 * h if both_text else 0.15 * h):
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


def read_pdf(path: str, data: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    texts = _pdfium_texts(data)
    if not any(t.strip() for t in texts):
        raise ReadError("no_text", "PDF 没有文字层（可能是扫描件），需要先做文字识别（OCR）再检查")
    hinted = [i for i, t in enumerate(texts) if sum(h in re.sub(r"\s", "", t) for h in _TABLE_HINTS) >= 2]
    word_pages: set[int] = set()
    for i in hinted:
        word_pages.update({i, i + 1})
    word_pages = set(sorted(p for p in word_pages if p < len(texts))[:MAX_WORD_PAGES])
    doc = Document(path, "pdf", pages=len(texts))
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i, text in enumerate(texts):
                if i in word_pages:
                    doc.lines.extend(_word_lines(pdf.pages[i], i + 1))
                else:
                    for raw in text.split("\n"):
                        if raw.strip():
                            doc.lines.append(Line([Piece(raw.strip())], page=i + 1))
    except PDFPasswordIncorrect as e:
        raise ReadError("encrypted", "PDF 文件已加密，需要密码才能读取") from e
    except PDFSyntaxError as e:
        raise ReadError("corrupt", "PDF 文件已损坏或不完整，无法打开") from e
    return doc
