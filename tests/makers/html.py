"""A report as a saved government web page: Word-exported tables inside a site template."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from . import labels as L
from .grid import Cell, CellKey, Grid, document
from .values import Values

FONT = "font-family: 仿宋_GB2312;"
P_STYLE = "text-align: justify; line-height: 2; font-family: 微软雅黑;"
SPAN = '<span style="font-family: 微软雅黑;">'
OP = '<span style="font-family: 微软雅黑;"><o:p></o:p></span>'

_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
{meta}
<title>{title}_{agency}</title>
<meta name="SiteName" content="{agency}">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{pub}">
<link rel="stylesheet" type="text/css" href="/images/common.css">
<script type="text/javascript" src="/js/jquery.min.js"></script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{agency}"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt;
<a href="/zfxxgk/ndbg/">政府信息公开年报</a></div>
<table class="xxgk-info" width="100%"><tr><td>索引号：014117625/{year}-00012</td><td>发布机构：{agency}</td></tr>
<tr><td>发布日期：{pub}</td><td>分类：政府信息公开年报</td></tr></table>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：{pub} 来源：{agency} 浏览次数：<span id="hits">1286</span></div>
<div class="TRS_Editor" id="zoom">
"""

_FOOT = """</div>
</div>
<div class="share">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="footer"><p>主办单位：{agency}&nbsp;&nbsp;网站标识码：3213220001&nbsp;&nbsp;苏ICP备05006143号</p>
<p>版权所有 &copy; {agency}&nbsp;&nbsp;技术支持：某某信息技术有限公司</p></div>
<script type="text/javascript">var _hits = document.getElementById("hits");</script>
</body>
</html>
"""


def _spans(text: str, split: bool) -> str:
    """Label text, split over several <span>s the way Word's HTML export leaves it (自然<span>人</span>)."""
    if not split or len(text) < 2:
        return f"{SPAN}{escape(text)}</span>"
    cuts = sorted({len(text) - 1, len(text) // 2} - {0})
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return "".join(f"{SPAN}{escape(p)}</span>" for p in pieces if p)


def _p(inner: str) -> str:
    return f'<p style="{P_STYLE}" align="">{inner}{OP}</p>'


def _cell_html(c: Cell, i: int, split: bool, nbsp: bool) -> str:
    span = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
    valign = "top" if c.kind in ("note", "label") else "center"
    if not c.text:
        body = f'<p style="{P_STYLE}" align="">{SPAN}<o:p>{"&nbsp;" if nbsp else ""}</o:p></span></p>'
    elif c.kind == "value":
        num = escape(c.text)
        if split and len(num) >= 3:
            num = f"{num[:-2]}</span>{SPAN}{num[-2:]}"
        pad = "&nbsp;" if nbsp and i % 2 else ""
        body = _p(f"{SPAN}{pad}{num}{pad}</span>")
    elif split and len(lines := L.wrapped(c.text)) > 1:
        body = "\n      ".join(_p(_spans(line, split)) for line in lines)  # multi-<p> cell
    else:
        body = _p(_spans(c.text, split))
    return f'      <td{span} style="{FONT}" valign="{valign}">\n      {body}\n      </td>'


def _table_html(grid: Grid, split: bool, nbsp: bool) -> str:
    rows = []
    for r, cells in enumerate(grid.rows()):
        tds = "\n".join(_cell_html(c, r + c.c, split, nbsp) for c in cells)
        rows.append(f"    <tr>\n{tds}\n    </tr>")
    body = "\n".join(rows)
    return (f'<div style="text-indent: 2em; {P_STYLE}" align="">\n'
            f'<table style="BORDER-COLLAPSE:collapse" cellspacing="0" cellpadding="2" bordercolor="#000000" '
            f'border="1" width="100%">\n  <tbody>\n{body}\n  </tbody>\n</table>\n</div>\n')


def write_html(path: str | Path, version: str, year: int, agency: str, values: Values, *, encoding: str = "utf-8",
               split_spans: bool = True, nbsp: bool = True, blanks: Iterable[CellKey] = ()) -> None:
    """Write a saved gov web page.  encoding "gbk"/"gb2312"/"gb18030": a http-equiv meta naming gb2312
    (gb18030 for gb18030) and bytes in that encoding; else <meta charset="utf-8">.  split_spans: label
    text over several <span>s, numbers of 3+ digits split in two spans, labels of labels.WRAPS as
    multi-<p> cells.  nbsp: &nbsp; in empty cells and around every other number."""
    enc = encoding.lower().replace("_", "-")
    if enc in ("gbk", "gb2312", "gb18030"):
        cs = "gb18030" if enc == "gb18030" else "gb2312"
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={cs}">'
        codec = "gb18030" if enc == "gb18030" else "gbk"
    else:
        meta, codec = f'<meta charset="{encoding}">', encoding
    t = L.title(agency, year)
    out = [_HEAD.format(meta=meta, title=escape(t), agency=escape(agency), year=year, pub=f"{year + 1}-01-18")]
    for kind, item in document(version, year, agency, values, blanks=blanks, plus=True):
        if kind == "title":
            out.append(f'<p style="text-align: center; {FONT}" align="center"><strong>{_spans(str(item), split_spans)}'
                       f"</strong>{OP}</p>\n")
        elif kind == "heading":
            out.append(f'<p style="text-indent: 2em; {P_STYLE}" align=""><span style="{FONT}">'
                       f'<font face="方正黑体_GBK">{escape(str(item))}</font></span>{OP}</p>\n')
        elif kind == "para":
            out.append(f'<p style="text-indent: 2em; {P_STYLE}" align="">{SPAN}{escape(str(item))}</span>{OP}</p>\n')
        else:
            assert isinstance(item, Grid)
            out.append(_table_html(item, split_spans, nbsp))
            out.append(f'<p style="text-indent: 2em; {P_STYLE}" align="">{SPAN}<o:p>&nbsp;</o:p></span></p>\n')
    out.append(_FOOT.format(agency=escape(agency)))
    Path(path).write_bytes("".join(out).encode(codec, errors="xmlcharrefreplace"))
