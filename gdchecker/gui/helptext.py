"""The texts of the Help menu: how to use the app, the rules, About."""

from __future__ import annotations

from html import escape

from gdchecker import __version__, inputs
from gdchecker.rules import all_rules
from gdchecker.rules.severities import REGION, REGION_DOC, REGION_TITLE, by_severity

APP_NAME = "政府信息公开年报校验工具"

USAGE = f"""<h3>使用说明</h3>
<ol>
<li><b>打开报告</b>：菜单“文件 → 打开”（Ctrl+O），或把文件拖进窗口。{escape(inputs.kinds_sentence())}
扫描件（图片 PDF）需要先做文字识别。</li>
<li><b>文件夹检查</b>：菜单“文件 → 检查文件夹”（Ctrl+Shift+O），或把文件夹拖进窗口，即检查其中及子文件夹里的全部报告，
每份一行（错误、警告数和主要问题），可排序、筛选；双击一行打开该报告。</li>
<li><b>看问题</b>：左侧是报告结构（六个部分、各统计表、各行），红色表示错误、黄色表示警告，括号里是数量。
下方“问题清单”列出全部问题，可按级别和表格筛选；点一条问题，相关单元格会一起高亮。</li>
<li><b>改数字</b>：在表格中双击单元格（或选中后直接输入）即可修改，程序立即重新校验。改过的单元格为绿色，
鼠标停留可看到原值。撤销 Ctrl+Z，重做 Ctrl+Y。问题清单上方的“建议修改”指出是哪个数错了、应改为多少（能使全部合计关系成立的最少修改），点“采用建议值”即按此修改，一次撤销即可恢复。</li>
<li><b>确认无误</b>：核实后确认不需要修改的问题，可点“标记为已确认”并写下说明。</li>
<li><b>不会丢失</b>：每次修改都立即保存在报告旁边的 .gdchecker.json 文件中（报告所在文件夹不可写时保存在用户数据文件夹），
下次打开同一份报告时自动恢复。</li>
<li><b>看原文</b>：右侧显示原文页面（PDF）或原文文字，蓝框为表格范围，红框为所选单元格。</li>
<li><b>上年数据</b>：菜单“编辑 → 上年数据”选择同一单位上一年度的报告（或录入上年的结转下年度和现行有效件数），
即核对本年“上年结转”、现行有效件数，并提示照抄上年的表格；文件夹检查时相邻年度的报告自动配对。</li>
<li><b>导出 Excel</b>：菜单“文件 → 导出 Excel”（Ctrl+E）把统计表（含修改）、问题清单和修改记录写入 Excel 工作簿。</li>
</ol>"""


def rules_html() -> str:
    rows = []
    for title, codes_of, doc in [*((r.title, r.codes, r.doc) for r in all_rules()),
                                 (REGION_TITLE, tuple(REGION), REGION_DOC)]:
        codes = "<br>".join(f"<b>{sev.zh}</b><br>" + "<br>".join(escape(c) for c in cs) for sev, cs in by_severity(codes_of))
        rows.append(f"<tr><td><b>{escape(title)}</b></td><td>{escape(doc)}</td><td><small>{codes}</small></td></tr>")
    return ("<h3>校验规则</h3><table border='1' cellspacing='0' cellpadding='4'>"
            "<tr><th>规则</th><th>检查什么</th><th>代码（级别）</th></tr>" + "".join(rows) + "</table>")


def about_html() -> str:
    return (f"<h3>{APP_NAME}</h3><p>gdchecker 版本 {__version__}</p>"
            "<p>依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）和"
            "试行格式（国办公开办函〔2019〕60号），逐格核对年度报告中的统计表。</p>"
            "<p>本程序完全离线运行，不联网、不上传任何文件。</p>")
