"""The texts of the Help menu: how to use the app, the rules, About."""

from __future__ import annotations

from html import escape

from gdchecker import __version__
from gdchecker.rules import all_rules

APP_NAME = "政府信息公开年报校验工具"

USAGE = """<h3>使用说明</h3>
<ol>
<li><b>打开报告</b>：菜单“文件 → 打开”（Ctrl+O），或把文件拖进窗口。支持 PDF、Word（.docx）、网页（.html）、文本（.txt/.md）。
旧版 .doc/.wps 请先另存为 .docx 或 PDF。扫描件（图片 PDF）需要先做文字识别。</li>
<li><b>看问题</b>：左侧是报告结构（六个部分、各统计表、各行），红色表示错误、黄色表示警告，括号里是数量。
下方“问题清单”列出全部问题，可按级别和表格筛选；点一条问题，相关单元格会一起高亮。</li>
<li><b>改数字</b>：在表格中双击单元格（或选中后直接输入）即可修改，程序立即重新校验。改过的单元格为绿色，
鼠标停留可看到原值。撤销 Ctrl+Z，重做 Ctrl+Y。问题清单上方的“建议修改”指出是哪个数错了、应改为多少（能使全部合计关系成立的最少修改），点“采用建议值”即按此修改，一次撤销即可恢复。</li>
<li><b>确认无误</b>：核实后确认不需要修改的问题，可点“标记为已确认”并写下说明。</li>
<li><b>不会丢失</b>：每次修改都立即保存在报告旁边的 .gdchecker.json 文件中（报告所在文件夹不可写时保存在用户数据文件夹），
下次打开同一份报告时自动恢复。</li>
<li><b>看原文</b>：右侧显示原文页面（PDF）或原文文字，蓝框为表格范围，红框为所选单元格。</li>
</ol>"""


def rules_html() -> str:
    rows = []
    for r in all_rules():
        codes = "<br>".join(escape(c) for c in r.codes)
        rows.append(f"<tr><td><b>{escape(r.title)}</b></td><td>{escape(r.doc)}</td><td><small>{codes}</small></td></tr>")
    return ("<h3>校验规则</h3><table border='1' cellspacing='0' cellpadding='4'>"
            "<tr><th>规则</th><th>检查什么</th><th>代码</th></tr>" + "".join(rows) + "</table>")


def about_html() -> str:
    return (f"<h3>{APP_NAME}</h3><p>gdchecker 版本 {__version__}</p>"
            "<p>依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）和"
            "试行格式（国办公开办函〔2019〕60号），逐格核对年度报告中的统计表。</p>"
            "<p>本程序完全离线运行，不联网、不上传任何文件。</p>")
