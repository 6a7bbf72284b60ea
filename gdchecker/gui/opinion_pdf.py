"""The opinion as a PDF, made with Qt's own printing (QTextDocument laid out on a QPdfWriter: A4, a Chinese font
embedded, text that can be searched and copied).

In the app it runs in the app's process. The command line never imports Qt (the core does not, and the packaged
gdchecker-cli carries no Qt at all, nor needs libGL): it runs this module as a process of its own,
`python -m gdchecker.gui.opinion_pdf JOB.json` (the packaged program: `gdchecker --opinion-pdf JOB.json`), JOB
holding the opinions as JSON and where each goes, and reads back what became of each (gdchecker.opinion.pdfjob)."""

from __future__ import annotations

import html
import json
import os
import sys
from pathlib import Path

from gdchecker.durable import atomic_write
from gdchecker.opinion.content import FINDING_COLUMNS, Block, DrawnTable, Figure, Opinion, layout
from gdchecker.opinion.files import OpinionError, write_bytes

SERIF = ("SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN")
SHADES = {"error": "#F8C9C4", "warning": "#FDE7B0", "repair": "#C9DDF8"}
# QTextDocument.print_ lays the text out 2 cm inside the writer's page margins: 5 mm of these make 2.5 cm on A4,
# and a text 16 cm wide: 604 of the document's pixels (96 an inch)
MARGIN_MM = 5
TEXT_WIDTH = 590


RADICALS = "".join(chr(c) for c in range(0x2E80, 0x2FE0))  # CJK radicals: code points below the ideographs


def chinese_family(text: str = "") -> str | None:
    """A font that draws Chinese: 宋体 or another serif where there is one (an official letter), else the app's
    choice (the bundled WenQuanYi on a machine with none).

    A font that draws a radical and the ideograph of the same shape with one glyph (Noto CJK: ⼯ and 工) makes Qt's
    PDF name that glyph by the lower code point, so the PDF's text reads ⼯作 and a search for 工作 fails: a font
    that draws every character of `text` with a glyph of its own is taken first."""
    from PySide6.QtGui import QFont, QFontDatabase, QRawFont

    from gdchecker.gui import fonts

    for path in fonts.bundled_fonts():
        QFontDatabase.addApplicationFont(path)
    families = set(QFontDatabase.families())
    order = [f for f in SERIF + fonts.PREFERRED if f in families]
    order += [f for f in sorted(families) if f not in order
              and QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(f)]
    chars = sorted({c for c in text if ord(c) >= 0x3000})
    for f in order:
        raw = QRawFont.fromFont(QFont(f))
        shared = set(raw.glyphIndexesForString(RADICALS)) - {0}
        if not shared or not shared & set(raw.glyphIndexesForString("".join(chars))):
            return f
    return order[0] if order else None


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _findings_html(b: Block, bold: str) -> str:
    head = "".join(f'<td align="center" bgcolor="#EEF1F5"{bold}>{h}</td>' for h in FINDING_COLUMNS)
    rows = "".join(f'<tr><td align="center">{i}</td><td>{_e(it.message)}</td>'
                   f'<td align="center">{_e(it.expected or "—")}</td></tr>' for i, it in enumerate(b.items, 1))
    return (f'<table border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse:collapse">'
            f'<tr>{head}</tr>{rows}</table>')


def _drawn_html(d: DrawnTable, bold: str) -> str:
    cols = max([len(r) for r in d.header] + [len(r) for r in d.rows] + [1])
    size = 7.5 if cols <= 9 else 6
    covered: set[tuple[int, int]] = set()
    starts: dict[tuple[int, int], tuple[int, int]] = {}
    for r, c, rows, span_cols in d.spans:
        starts[(r, c)] = (rows, span_cols)
        covered |= {(r + i, c + j) for i in range(rows) for j in range(span_cols)} - {(r, c)}
    out = [f'<table border="1" cellspacing="0" cellpadding="2" width="100%" '
           f'style="border-collapse:collapse; font-size:{size}pt">']
    for r, texts in enumerate(d.header):
        cells = []
        for c in range(cols):
            if (r, c) in covered:
                continue
            rows, span_cols = starts.get((r, c), (1, 1))
            text = texts[c] if c < len(texts) else ""
            cells.append(f'<td align="center" rowspan="{rows}" colspan="{span_cols}" bgcolor="#EEF1F5"{bold}>'
                         f'{_e(text)}</td>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    for i, texts in enumerate(d.rows):
        cells = []
        for j, text in enumerate(texts):
            kinds = d.marks.get((i, j), [])
            fill = next((SHADES[k] for k in ("error", "warning", "repair") if k in kinds), None)
            align = "left" if d.labelled and j == 0 else "center"
            width = ' width="30%"' if d.labelled and j == 0 and i == 0 else ""
            cells.append(f'<td align="{align}"{width}{f" bgcolor={fill!r}" if fill else ""}>{_e(text)}</td>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table>")
    return "".join(out)


def html_of(op: Opinion, family: str | None, bold: bool = True) -> tuple[str, dict[str, Figure]]:
    """The opinion as the HTML QTextDocument lays out, and the pictures it names. bold=False for a font without a
    bold face: Qt would draw the text twice to make it bold, and the PDF's text would read 关关于于."""
    figures: dict[str, Figure] = {}
    weight = "font-weight:bold;" if bold else ""
    strong = ' style="font-weight:bold"' if bold else ""
    parts = []
    for b in layout(op):
        if b.kind == "title":
            parts.append(f'<p align="center" style="font-size:16pt; {weight} margin-bottom:12px">'
                         f'{_e(b.text)}</p>')
        elif b.kind == "facts":
            parts.append("<p>" + "<br/>".join(_e(line) for line in b.lines) + "</p>")
        elif b.kind == "heading":
            parts.append(f'<p style="font-size:12pt; {weight} color:#1F3864; margin-top:10px">{_e(b.text)}</p>')
        elif b.kind == "para":
            parts.append(f'<p style="text-indent:21px">{_e(b.text)}</p>')
        elif b.kind == "findings":
            parts.append(_findings_html(b, strong))
        elif b.kind == "exhibit" and isinstance(b.exhibit, Figure):
            name = f"figure{len(figures)}"
            figures[name] = b.exhibit
            w = TEXT_WIDTH
            if b.exhibit.width and b.exhibit.height / b.exhibit.width * w > 820:  # a tall strip: within a page
                w = int(820 * b.exhibit.width / b.exhibit.height)
            parts.append(f'<p align="center"><img src="{name}" width="{w}"/></p>')
        elif b.kind == "exhibit" and isinstance(b.exhibit, DrawnTable):
            parts.append(_drawn_html(b.exhibit, strong))
        elif b.kind == "caption":
            parts.append(f'<p align="center" style="font-size:9pt; color:#444444">{_e(b.text)}</p>')
        elif b.kind == "closing":
            parts.append('<p align="right" style="margin-top:18px">' + "<br/>".join(_e(x) for x in b.lines) + "</p>")
    face = f"font-family:'{family}';" if family else ""
    return f'<html><body style="{face} font-size:10.5pt">{"".join(parts)}</body></html>', figures


def pdf_bytes(op: Opinion) -> bytes:
    """Needs a QGuiApplication (the app's, or the one main() makes)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QUrl
    from PySide6.QtGui import QFont, QFontDatabase, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    words = "".join(b.text + "".join(b.lines) + "".join(i.message for i in b.items) for b in layout(op))
    family = chinese_family(words)
    text, figures = html_of(op, family, bold=bool(family) and "Bold" in QFontDatabase.styles(family))
    doc = QTextDocument()
    if family:
        doc.setDefaultFont(QFont(family, 10))
    for name, fig in figures.items():
        img = QImage()
        img.loadFromData(QByteArray(fig.png), "PNG")
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), img)
    doc.setHtml(text)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setTitle(op.title)
    writer.setCreator(f"gdchecker {op.version}")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter))
    doc.print_(writer)
    del writer  # the PDF is finished when its writer goes
    buf.close()
    return bytes(data.data())


def write_pdf(op: Opinion, path: str | Path, force: bool = False) -> Path:
    """Raises files.OpinionError with a Chinese message."""
    from gdchecker.opinion.files import check_target

    check_target(path, force)  # before the layout: a refusal costs nothing
    return write_bytes(path, pdf_bytes(op), force)


DIALOG_FILTER = "Word 文档 (*.docx);;PDF 文件 (*.pdf)"


def save(session, path: str | Path) -> Path:  # noqa: ANN001 - a Session
    """The app's 导出校验意见: the session's opinion to `path` (.docx or .pdf), replacing a file there (the save
    dialog asked); raises files.OpinionError with a Chinese message."""
    from gdchecker.opinion.content import build
    from gdchecker.opinion.docx import write_docx
    from gdchecker.opinion.files import check_target, kind_of

    check_target(path, True)
    op = build(session)
    return write_pdf(op, path, True) if kind_of(path) == "pdf" else write_docx(op, path, True)


def main(argv: list[str] | None = None) -> int:
    """Write the PDFs a job file asks for; what became of each goes to the job's result file (the packaged desktop
    program has no standard output on Windows)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("用法：python -m gdchecker.gui.opinion_pdf 任务.json", file=sys.stderr)
        return 2
    try:
        job = json.loads(Path(args[0]).read_text(encoding="utf-8"))
        result = Path(job["result"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"无法读取任务文件 {args[0]}（{e}）", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gdchecker.gui import fonts, syslibs

    fonts.prepare_environment()
    try:
        from PySide6.QtGui import QGuiApplication
    except ImportError as exc:
        missing = syslibs.problem_from(exc)
        if missing is None:
            raise
        print(syslibs.message(missing), file=sys.stderr)
        return syslibs.EXIT_MISSING_LIBRARY
    app = QGuiApplication.instance() or QGuiApplication(["gdchecker"])  # noqa: F841 - Qt's fonts need it
    done = []
    for j in job["jobs"]:
        try:
            write_pdf(Opinion.from_dict(j["opinion"]), j["out"], bool(j.get("force")))
            done.append({"out": j["out"], "ok": True})
        except OpinionError as e:
            done.append({"out": j["out"], "ok": False, "code": e.code, "message": e.message})
        except Exception as e:  # one opinion that cannot be laid out: the others are still written
            done.append({"out": j["out"], "ok": False, "code": "internal",
                         "message": f"排版 PDF 时程序出错（{type(e).__name__}），请改为导出 .docx，并把报告反馈给开发者"})
    atomic_write(result, json.dumps(done, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
