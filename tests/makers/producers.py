"""Other producers of the same report: headless Chromium printing a web page, LibreOffice converting Word
and web pages, and a web page as Microsoft Word's "Save as Web Page" writes it.

chromium_pdf(html, out)              Chromium's print-to-pdf of a page (US Letter, default margins, its
                                     shrink-to-fit).  dom=True also returns the DOM after scripts ran.
ChromiumSession().print(html, out)   the same PDF from one long-running Chromium (DevTools pipe), for
                                     many pages at ~0.3 s each instead of ~2 s.
libreoffice(src, outdir, to=...)     soffice --convert-to pdf/docx/html, one fresh profile per call;
                                     src may be a list (one soffice run converts them all).
word_html(path, version, ...)        a Word-exported page: MsoNormal <p> in every <td>, nested
                                     <span style='mso-...'>, &nbsp;/U+3000 padding around numbers,
                                     <o:p>&nbsp;</o:p> in empty cells, words split across spans,
                                     Word's <![if !supportMisalignedColumns]> width row; gb2312 bytes.
wide_html(src, dst, width)           write_html's page with every statistical table `width` wide
                                     (wider than a printed page), optionally with a layout-measuring script.
chromium_visibility(...)             which cells of a wide page Chromium's PDF shows, clips or cuts.

Chromium on a page wider than the paper (Chromium 156, measured): it lays the page out up to 1.5 times the
printable width (the shrink-to-fit limit), scales it by 1/1.5 (16 px text prints at 8 pt), and cuts what is
still wider at the right margin: glyphs wholly past the edge are not in the PDF at all (the text layer
ends there), glyphs crossing it are kept, and the table's border rectangles are all kept, also those
lying off the page."""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from . import labels as L
from .grid import Cell, CellKey, Grid, document
from .values import Values

TIMEOUT = 180


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# --------------------------------------------------------------------------- Chromium


def chromium_pdf(html_path: str | Path, out: str | Path, *, dom: bool = False,
                 header_footer: bool = False) -> Path | tuple[Path, str]:
    """Print `html_path` to `out` with headless Chromium (a fresh profile each call).  dom=True: also
    return the DOM as serialized after the page's scripts ran (--dump-dom, same run); header_footer=True: the
    browser prints the page's title, the time, its address and the page counter on every page."""
    exe = chromium_path()
    if exe is None:
        raise FileNotFoundError("chromium is not installed")
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update", "--no-first-run",
               f"--user-data-dir={profile}", f"--print-to-pdf={out}"]
        if not header_footer:
            cmd.append("--no-pdf-header-footer")
        if dom:
            cmd.append("--dump-dom")
        cmd.append(Path(html_path).resolve().as_uri())
        res = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False)
    if res.returncode != 0 or not out.exists():
        raise RuntimeError(f"chromium failed ({res.returncode}): {res.stderr.decode(errors='replace')[-2000:]}")
    return (out, res.stdout.decode("utf-8", errors="replace")) if dom else out


class ChromiumSession:
    """One headless Chromium for many prints (each chromium start costs ~2 s of CPU), driven over the
    DevTools pipe (--remote-debugging-pipe: JSON messages ending in NUL on fds 3 and 4).

    print() sends Page.printToPDF with the parameters headless Chromium's own --print-to-pdf sends
    (printBackground, preferCSSPageSize; displayHeaderFooter off as with --no-pdf-header-footer; the
    default paper and margins), after the page's load event, so the PDF is what chromium_pdf makes."""

    def __init__(self) -> None:
        exe = chromium_path()
        if exe is None:
            raise FileNotFoundError("chromium is not installed")
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds() -> None:  # in the child: its fd 3 reads our commands, its fd 4 writes the replies
            r, w = os.dup(to_child_r), os.dup(from_child_w)  # above 4, so neither dup2 below is a no-op
            os.dup2(r, 3)
            os.dup2(w, 4)

        self._proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={self._profile.name}",
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=fds)  # noqa: PLW1509 - dup2 only; the pipes' own fds are close-on-exec
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self._events: list[dict] = []

    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._id += 1
        msg: dict = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def _read(self, timeout: float = TIMEOUT) -> dict:
        while b"\0" not in self._buf:
            ready, _, _ = select.select([self._from_child], [], [], timeout)
            if not ready:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def _wait_event(self, method: str, session: str) -> None:
        while True:
            for i, ev in enumerate(self._events):
                if ev.get("method") == method and ev.get("sessionId") == session:
                    del self._events[i]
                    return
            self._events.append(self._read())

    def print(self, html_path: str | Path, out: str | Path, *, measure: bool = False) -> Path | tuple[Path, dict]:
        """Print a page to `out`; measure=True also returns MEASURE_JS's geometry of the loaded page."""
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self._send("Page.enable", session=session)
            self._send("Page.navigate", {"url": Path(html_path).resolve().as_uri()}, session)
            self._wait_event("Page.loadEventFired", session)
            geom = None
            if measure:
                res = self._send("Runtime.evaluate", {"expression": MEASURE_JS, "returnByValue": True}, session)
                geom = json.loads(res["result"]["value"])
            pdf = self._send("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True,
                                                 "displayHeaderFooter": False}, session)
            out = Path(out)
            out.write_bytes(base64.b64decode(pdf["data"]))
        finally:
            self._send("Target.closeTarget", {"targetId": target})
            self._events = [e for e in self._events if e.get("sessionId") != session]
        return (out, geom) if measure else out  # type: ignore[return-value]

    def close(self) -> None:
        try:
            self._send("Browser.close")
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self._proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)
        self._profile.cleanup()

    def __enter__(self) -> ChromiumSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- LibreOffice

_LO_FILTER = {"pdf": "pdf", "docx": "docx:MS Word 2007 XML", "html": "html:HTML (StarWriter)"}


def libreoffice(src: str | Path | Sequence[str | Path], outdir: str | Path, to: str = "pdf") -> Path | list[Path]:
    """Convert with `soffice --headless --convert-to` (a fresh -env:UserInstallation profile per call).
    Web pages (.html/.htm) are opened with the Writer HTML filter.  `src` a list: one soffice run converts
    every file (they must be all web pages or all not).  Returns the output path(s)."""
    if to not in _LO_FILTER:
        raise ValueError(f"to must be one of {sorted(_LO_FILTER)}")
    exe = soffice_path()
    if exe is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    many = not isinstance(src, (str, Path))
    srcs = [Path(s) for s in (src if many else [src])]  # type: ignore[union-attr]
    html = {s.suffix.lower() in (".html", ".htm") for s in srcs}
    if len(html) > 1:
        raise ValueError("convert web pages and other files in separate calls")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [exe, "--headless", "--norestore", f"-env:UserInstallation={Path(profile).as_uri()}"]
        if html == {True}:
            cmd.append("--infilter=HTML (StarWriter)")
        cmd += ["--convert-to", _LO_FILTER[to], "--outdir", str(outdir), *map(str, srcs)]
        res = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT * max(1, len(srcs) // 4), check=False)
    outs = [outdir / f"{s.stem}.{to}" for s in srcs]
    missing = [o for o in outs if not o.exists()]
    if res.returncode != 0 or missing:
        raise RuntimeError(f"soffice failed ({res.returncode}), missing {missing}: "
                           f"{res.stderr.decode(errors='replace')[-2000:]}")
    return outs if many else outs[0]


def _ideographs(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def lost_rows(pdf: str | Path, version: str) -> list[str]:
    """The 表三 rows whose label is nowhere in a PDF's 表三 section: rows the producer dropped.

    LibreOffice (7.x, measured) drops rows of a .docx table whose vertically merged cells (the 勾稽 note
    over the three header rows, 三、本年度办理结果 over the outcome rows) are cut by a page break: the header's
    first row ends one page and the next page goes on some twenty rows later, those rows not in the PDF at
    all.  Only CJK ideographs are compared (numbers, punctuation, page numbers and line breaks interleave
    with a wrapped label in the text stream); the labels that are also words of the header or the prose
    (（七）总计, 3.其他) always count as present."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        text = _ideographs("".join(ch["text"] for page in doc.pages for ch in page.chars))
    start = text.find(_ideographs(L.SECTION_HEADINGS[2]))
    end = text.find(_ideographs(L.SECTION_HEADINGS[3]), max(start, 0))
    section = text[max(start, 0):end if end > 0 else len(text)]
    return [row.key for row in L.APP_ROWS[version] if _ideographs(row.label) not in section]


# --------------------------------------------------------------------------- Word "Save as Web Page"

_WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset={charset}">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="{stem}.files/filelist.xml">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>{agency}</o:Author>
  <o:LastAuthor>Administrator</o:LastAuthor>
  <o:Revision>3</o:Revision>
  <o:Pages>6</o:Pages>
  <o:Company>Microsoft</o:Company>
  <o:Version>16.00</o:Version>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
\t{{font-family:宋体;
\tpanose-1:2 1 6 0 3 1 1 1 1 1;
\tmso-font-alt:SimSun;
\tmso-font-charset:134;
\tmso-generic-font-family:auto;
\tmso-font-pitch:variable;}}
@font-face
\t{{font-family:仿宋_GB2312;
\tmso-font-charset:134;
\tmso-generic-font-family:modern;}}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
\t{{mso-style-unhide:no;
\tmso-style-qformat:yes;
\tmso-style-parent:"";
\tmargin:0cm;
\ttext-align:justify;
\ttext-justify:inter-ideograph;
\tmso-pagination:none;
\tfont-size:10.5pt;
\tmso-bidi-font-size:12.0pt;
\tfont-family:"Times New Roman",serif;
\tmso-fareast-font-family:宋体;
\tmso-font-kerning:1.0pt;}}
span.SpellE
\t{{mso-style-name:"";
\tmso-spl-e:yes;}}
@page WordSection1
\t{{size:595.3pt 841.9pt;
\tmargin:72.0pt 90.0pt 72.0pt 90.0pt;
\tmso-header-margin:42.55pt;
\tmso-footer-margin:49.6pt;
\tmso-paper-source:0;
\tlayout-grid:15.6pt;}}
div.WordSection1
\t{{page:WordSection1;}}
-->
</style>
<!--[if gte mso 10]>
<style>
 /* Style Definitions */
 table.MsoNormalTable
\t{{mso-style-name:普通表格;
\tmso-tstyle-rowband-size:0;
\tmso-padding-alt:0cm 5.4pt 0cm 5.4pt;
\tfont-size:10.5pt;
\tfont-family:"Times New Roman",serif;}}
</style>
<![endif]--><!--[if gte mso 9]><xml>
 <o:shapedefaults v:ext="edit" spidmax="1026"/>
</xml><![endif]-->
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>

"""

_WORD_FOOT = """
</div>

</body>

</html>
"""

_CJK = "font-size:10.5pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\";mso-hansi-font-family:\"Times New Roman\""
_CJK2 = "font-size:10.5pt;font-family:宋体;mso-bidi-font-family:宋体;mso-font-kerning:0pt"
_NUM = "font-size:10.5pt;font-family:\"Times New Roman\",serif;mso-fareast-font-family:宋体"
_OP = "<span lang=EN-US style='font-size:10.5pt'><o:p></o:p></span>"
_EMPTY_P = ("<p class=MsoNormal align=center style='text-align:center;line-height:15.0pt;"
            "mso-line-height-rule:exactly'><span lang=EN-US style='font-size:10.5pt'><o:p>&nbsp;</o:p></span></p>")

# column widths in pt of each grid (Word writes width= in px and width: in pt)
_WORD_WIDTHS = {
    "active": [175.0, 80.0, 80.0, 80.0],
    "applications": [30.0, 62.0, 130.0] + [27.6] * 7,
    "review_litigation": [27.7] * 15,
}


def _split_spans(text: str, style_a: str = _CJK, style_b: str = _CJK2) -> str:
    """Word leaves a word over several runs (自然<span>人</span>) where it was typed or edited in pieces."""
    if len(text) < 2:
        return f"<span style='{style_a}'>{escape(text)}</span>"
    cuts = sorted({len(text) // 2, len(text) - 1} - {0})
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return "".join(f"<span style='{style_a if i % 2 == 0 else style_b}'>{escape(p)}</span>"
                   for i, p in enumerate(pieces) if p)


def _word_number(text: str, i: int) -> str:
    """A number with the padding Word users type and the runs Word leaves (four ways, by cell index)."""
    t = escape(text)
    way = i % 4
    if way == 0:  # a leading &nbsp; inside the run
        return f"<span lang=EN-US style='{_NUM}'>&nbsp;{t}<o:p></o:p></span>"
    if way == 1:  # an ideographic space before, digits split over two runs, nbsp+space after
        head, tail = (t[:-1], t[-1:]) if len(t) >= 2 else (t, "")
        tail_run = f"<span lang=EN-US style='{_NUM}'>{tail}</span>" if tail else ""
        return (f"<span style='{_CJK}'>\u3000</span><span lang=EN-US style='{_NUM}'>{head}</span>{tail_run}"
                f"<span lang=EN-US style='{_NUM}'><span style='mso-spacerun:yes'>&nbsp; </span></span>")
    if way == 2:  # nested spacerun spans around the number
        return (f"<span lang=EN-US style='{_NUM}'><span style='mso-spacerun:yes'>&nbsp;&nbsp;</span>{t}"
                f"<span style='mso-spacerun:yes'>\u3000</span><o:p></o:p></span>")
    return f"<b style='mso-bidi-font-weight:normal'><span lang=EN-US style='{_NUM}'>{t}<o:p></o:p></span></b>"


def _word_p(inner: str, kind: str) -> str:
    align = "left" if kind in ("label", "note", "outer", "group") else "center"
    return (f"<p class=MsoNormal align={align} style='text-align:{align};line-height:15.0pt;"
            f"mso-line-height-rule:exactly'>{inner}{'' if '<o:p>' in inner else _OP}</p>")


def _word_cell(c: Cell, widths: list[float], first_row: bool, first_col: bool, i: int) -> str:
    w = sum(widths[c.c:c.c + c.cs])
    attrs = f" width={round(w * 4 / 3)}"
    if c.rs > 1:
        attrs += f" rowspan={c.rs}"
    if c.cs > 1:
        attrs += f" colspan={c.cs}"
    border = "border:solid windowtext 1.0pt"
    if not first_row:
        border += ";border-top:none;mso-border-top-alt:solid windowtext .5pt"
    if not first_col:
        border += ";border-left:none;mso-border-left-alt:solid windowtext .5pt"
    style = f"width:{w:.1f}pt;{border};mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"
    if not c.text:
        body = _EMPTY_P
    elif c.kind == "value":
        body = _word_p(_word_number(c.text, i), c.kind)
    else:
        lines = L.wrapped(c.text)
        body = "\n  ".join(_word_p(_split_spans(line), c.kind) for line in lines)
    return f"  <td{attrs} valign={'top' if c.kind == 'note' else 'middle'} style='{style}'>\n  {body}\n  </td>"


def _word_table(g: Grid) -> str:
    widths = _WORD_WIDTHS[g.name]
    rows = []
    for r, cells in enumerate(g.rows()):
        attrs = f"mso-yfti-irow:{r}" + (";mso-yfti-firstrow:yes" if r == 0 else "") + \
                (";mso-yfti-lastrow:yes" if r == g.n_rows - 1 else "")
        tds = "\n".join(_word_cell(c, widths, r == 0, c.c == 0, r * 7 + c.c) for c in cells)
        rows.append(f" <tr style='{attrs};height:22.7pt'>\n{tds}\n </tr>")
    # Word adds a row of zero-height cells giving the column widths when merged cells misalign the grid
    spacer = "\n".join(f"  <td width={round(w * 4 / 3)} style='border:none'></td>" for w in widths)
    rows.append(f" <![if !supportMisalignedColumns]>\n <tr height=0>\n{spacer}\n </tr>\n <![endif]>")
    body = "\n".join(rows)
    return ("<div align=center>\n\n<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0\n"
            " style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;\n"
            " mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n"
            f"{body}\n</table>\n\n</div>\n\n"
            "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n\n")


def word_html(path: str | Path, version: str, year: int, agency: str, values: Values, *,
              blanks: Iterable[CellKey] = (), encoding: str = "gb2312") -> None:
    """Write the report as Word's "Save as Web Page" (filtered off) leaves it (see the module doc).
    encoding "gb2312" (bytes in GBK, as Chinese Word saves) or "utf-8"."""
    enc = encoding.lower()
    codec = "gbk" if enc in ("gb2312", "gbk") else enc
    t = L.title(agency, year)
    out = [_WORD_HEAD.format(charset=encoding, stem=Path(path).stem, title=escape(t), agency=escape(agency))]
    for kind, item in document(version, year, agency, values, blanks=blanks):
        if kind == "title":
            out.append("<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;"
                       "mso-line-height-rule:exactly'><span style='font-size:22.0pt;font-family:方正小标宋简体;"
                       f"mso-hansi-font-family:\"Times New Roman\"'>{_split_spans(str(item), 'font-size:22.0pt;font-family:方正小标宋简体', 'font-size:22.0pt;font-family:方正小标宋简体;mso-bidi-font-family:宋体')}"
                       "</span><span lang=EN-US style='font-size:22.0pt'><o:p></o:p></span></p>\n\n")
        elif kind == "heading":
            out.append("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"
                       "mso-line-height-rule:exactly'><b style='mso-bidi-font-weight:normal'><span style='font-size:"
                       f"16.0pt;font-family:黑体;mso-hansi-font-family:\"Times New Roman\"'>{escape(str(item))}</span></b>"
                       "<span lang=EN-US style='font-size:16.0pt;font-family:黑体'><o:p></o:p></span></p>\n\n")
        elif kind == "para":
            out.append("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"
                       "mso-line-height-rule:exactly'><span style='font-size:16.0pt;font-family:仿宋_GB2312;"
                       f"mso-hansi-font-family:\"Times New Roman\"'>{escape(str(item))}</span>"
                       "<span lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312'><o:p></o:p></span></p>\n\n")
        else:
            assert isinstance(item, Grid)
            out.append(_word_table(item))
    out.append(_WORD_FOOT)
    Path(path).write_bytes("".join(out).encode(codec, errors="xmlcharrefreplace"))


# --------------------------------------------------------------------------- pages wider than the paper

# The measuring script: for every <table> but the page furniture, each <td> in document order as
# [left, right, text_left, text_right] in CSS px (text_* null for an empty cell), and the body's font size;
# stored as JSON in <html data-geom> (read back from Chromium's --dump-dom) and returned (for
# ChromiumSession.print(measure=True)).  It changes nothing that is printed.
MEASURE_JS = """(function () {
  var out = {tables: []};
  var tables = document.getElementsByTagName('table');
  for (var i = 0; i < tables.length; i++) {
    var t = tables[i];
    if (t.className === 'xxgk-info') continue;
    var tr = t.getBoundingClientRect();
    var cells = [];
    var tds = t.getElementsByTagName('td');
    for (var j = 0; j < tds.length; j++) {
      var r = tds[j].getBoundingClientRect();
      var txt = (tds[j].textContent || '').replace(/[\\s\\u00a0\\u3000]/g, '');
      var tl = null, trr = null;
      if (txt) {
        var walker = document.createTreeWalker(tds[j], NodeFilter.SHOW_TEXT, null);
        var n;
        while ((n = walker.nextNode())) {
          var s = n.nodeValue, a = s.search(/[^\\s\\u00a0\\u3000]/);
          if (a < 0) continue;
          var b = s.length - s.split('').reverse().join('').search(/[^\\s\\u00a0\\u3000]/);
          var range = document.createRange();
          range.setStart(n, a); range.setEnd(n, b);
          var rr = range.getBoundingClientRect();
          tl = tl === null ? rr.left : Math.min(tl, rr.left);
          trr = trr === null ? rr.right : Math.max(trr, rr.right);
        }
      }
      cells.push([r.left + scrollX, r.right + scrollX, tl === null ? null : tl + scrollX,
                  trr === null ? null : trr + scrollX]);
    }
    out.tables.push({left: tr.left + scrollX, right: tr.right + scrollX, cells: cells});
  }
  out.fontPx = parseFloat(getComputedStyle(document.body).fontSize);
  document.documentElement.setAttribute('data-geom', JSON.stringify(out));
  return JSON.stringify(out);
})()"""
MEASURE_SCRIPT = f'<script type="text/javascript">\n{MEASURE_JS};\n</script>\n'

_TABLE_OPEN = re.compile(r'<table style="BORDER-COLLAPSE:collapse"([^>]*?) width="100%">')


def wide_html(src: str | Path, dst: str | Path, width: str = "1400px", *, measure: bool = False) -> Path:
    """write_html's page with each statistical table `width` wide (a <table style="width:…">, as pages pasted
    from landscape Word documents have).  measure: add MEASURE_SCRIPT (for chromium_visibility)."""
    raw = Path(src).read_bytes()
    text = raw.decode("utf-8")
    text, n = _TABLE_OPEN.subn(lambda m: f'<table style="BORDER-COLLAPSE:collapse;width:{width}"{m.group(1)}>', text)
    if n != 3:
        raise ValueError(f"expected the three statistical tables of write_html, found {n}")
    if measure:
        text = text.replace("</body>", MEASURE_SCRIPT + "</body>", 1)
    Path(dst).write_text(text, encoding="utf-8")
    return Path(dst)


def dom_geometry(dom: str) -> dict:
    """The MEASURE_SCRIPT result out of a --dump-dom text."""
    m = re.search(r'data-geom="([^"]*)"', dom)
    if not m:
        raise ValueError("no data-geom in the DOM: was the page made with wide_html(measure=True)?")
    import html as _html

    return json.loads(_html.unescape(m.group(1)))


def chromium_visibility(version: str, year: int, agency: str, values: Values, blanks: Iterable[CellKey],
                        geom: dict, pdf: str | Path) -> dict[CellKey, str]:
    """For each value cell of the page: "visible" (its text, or an empty cell, wholly inside the printed
    area), "clipped" (wholly past the right edge: not in the PDF) or "partial" (crossing the edge).

    Geometry: the CSS-px boxes from MEASURE_SCRIPT and, from the PDF, the page width, the scale (the most
    common glyph size against the page's CSS font size: 16 px prints at 12 pt unscaled, 8 pt at the 1.5
    shrink limit) and the left margin (where the tables' left borders are printed); the right margin equals
    the left one.  (Border rectangles cannot give the scale: those starting past the page are dropped.)"""
    import pdfplumber

    grids = [item for kind, item in document(version, year, agency, values, blanks=blanks, plus=True)
             if kind == "table"]
    tables = geom["tables"]
    if len(tables) != len(grids):
        raise ValueError(f"{len(tables)} measured tables, {len(grids)} grids")
    css_left = min(t["left"] for t in tables)
    sizes: Counter[float] = Counter()
    with pdfplumber.open(str(pdf)) as doc:
        page = next(p for p in doc.pages if p.rects)  # the first page with a table: body text and a left border
        page_w = float(page.width)
        x0 = min(r["x0"] for r in page.rects)
        sizes.update(round(float(ch["size"]), 2) for ch in page.chars)
    k = sizes.most_common(1)[0][0] / float(geom["fontPx"])  # PDF points per CSS px (0.75 unscaled)
    margin = x0 - css_left * k
    edge = (page_w - margin - margin) / k  # CSS x of the right edge of the printed area
    out: dict[CellKey, str] = {}
    for g, t in zip(grids, tables, strict=True):
        cells = [c for row in g.rows() for c in row]
        if len(cells) != len(t["cells"]):
            raise ValueError(f"{g.name}: {len(t['cells'])} measured cells, {len(cells)} in the grid")
        for c, (left, right, tl, _tr) in zip(cells, t["cells"], strict=True):
            if c.key is None:
                continue
            # a cell the edge cuts through is "partial" even where its text ends before the edge: a digit past the
            # edge is not in the PDF, so what is left of the number cannot be trusted
            a = left if tl is None else tl
            out[c.key] = "visible" if right <= edge else "clipped" if a >= edge else "partial"
    return out
