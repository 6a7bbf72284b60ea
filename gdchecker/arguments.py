"""The command line's commands and their arguments: declared here without importing what runs them (a check of
one file does not load the folder, rollup or opinion code to read its arguments)."""

from __future__ import annotations

import argparse

from gdchecker import __version__, inputs
from gdchecker.argparse_zh import ChineseParser
from gdchecker.opinion import KINDS as OPINION_KINDS


def parser() -> argparse.ArgumentParser:
    p = ChineseParser(prog="gdchecker", description="政府信息公开工作年度报告校验工具")
    p.add_argument("--version", action="version", version=f"gdchecker {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", title="命令", metavar="命令")
    _check(sub)
    _export(sub)
    _rollup(sub)
    _opinion(sub)
    sub.add_parser("rules", help="列出全部校验规则，及各代码是错误、警告还是提示",
                   description="列出全部校验规则：检查什么，以及每个代码的级别（错误、警告、提示）。")
    return p


def _check(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    c = sub.add_parser("check", help=f"检查年度报告（{'、'.join(inputs.suffixes())}）或整个文件夹",
                       description=f"检查一份或多份年度报告，或整个文件夹（含子文件夹）中的全部报告。{inputs.kinds_sentence()}")
    c.add_argument("files", nargs="+", metavar="文件或文件夹", help="要检查的报告文件，或存放报告的文件夹")
    c.add_argument("--previous", metavar="上年报告", help="上年的报告：与之核对上年结转、现行有效件数和照抄")
    c.add_argument("--workers", type=int, default=0, metavar="进程数", help="并行进程数（默认：CPU 核数）")
    c.add_argument("--quiet", action="store_true", help="不显示进度")
    c.add_argument("--json", action="store_true", help="输出 JSON（机器可读）")
    c.add_argument("--no-cache", action="store_true",
                   help="不使用存档中上次读取的结果，全部重新读取（仍更新存档）")
    c.add_argument("--verbose", action="store_true", help="同时列出全部提示（读取时的说明等）")
    c.add_argument("--xlsx", metavar="汇总.xlsx", help="同时写出汇总工作簿：汇总（每份报告一行）、问题清单（每个问题一行，可筛选）和说明；"
                   "只检查一份报告时为该报告的统计表和检查结果")
    c.add_argument("--force", action="store_true", help="覆盖已存在的 Excel 文件")
    c.add_argument("--sheets", action="store_true",
                   help="在汇总工作簿中同时写入每份报告的统计表、校验结果、修改记录和说明（默认只写汇总、问题清单和说明）")


def _export(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    e = sub.add_parser("export", help="把一份报告（含已保存的修改）导出为 Excel 工作簿",
                       description="把一份报告的统计表（含已保存的修改）和检查结果导出为 Excel 工作簿。")
    e.add_argument("file", metavar="报告文件", help="要导出的报告")
    e.add_argument("-o", "--output", metavar="输出.xlsx", help="输出文件（默认：报告文件名.xlsx，放在报告旁边）")
    e.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def _rollup(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    """Run by rollup_cli."""
    r = sub.add_parser("rollup", help="核对汇总报告（全市/全区）的统计表是否等于各单位报告之和",
                       description="把汇总报告（全市、全区）的表二、表三、表四逐格与同一年度、同一格式的各单位报告之和核对。"
                                   "其他年度、其他格式、无法读取的单位报告列出原因，不计入合计。")
    r.add_argument("aggregate", metavar="汇总报告", help="全市或全区的汇总报告")
    r.add_argument("units", nargs="+", metavar="单位报告或文件夹", help="各单位的报告文件，或存放它们的文件夹（含子文件夹）")
    r.add_argument("--workers", type=int, default=0, metavar="进程数", help="并行进程数（默认：CPU 核数）")
    r.add_argument("--quiet", action="store_true", help="不显示进度")
    r.add_argument("--json", action="store_true", help="输出 JSON（机器可读）")
    r.add_argument("--verbose", action="store_true", help="同时列出全部提示（未能核对的单元格等）")
    r.add_argument("--xlsx", metavar="核对.xlsx", help="同时写出核对结果工作簿：核对结果（每处不一致一行）、单位报告（计入与否及原因）和说明")
    r.add_argument("--force", action="store_true", help="覆盖已存在的 Excel 文件")


def _opinion(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    """Run by opinion.command."""
    o = sub.add_parser("opinion", help="为每份报告写出校验意见（Word .docx 或 PDF），可发回报送单位",
                       description="检查报告（含已保存的修改），为每份报告写出校验意见：错误和警告（含应为的数字）、"
                                   "修改建议、标出问题单元格的表格图示。一份报告写入 -o 指定的文件；几份报告或文件夹，"
                                   "每份报告一个文件，写入 -o 指定的文件夹（默认放在各报告旁边，名为“报告名_校验意见.docx”）。")
    o.add_argument("files", nargs="+", metavar="文件或文件夹", help="要写校验意见的报告，或存放报告的文件夹")
    o.add_argument("-o", "--output", metavar="输出", help="一份报告：输出文件（.docx 或 .pdf）；几份报告：输出文件夹")
    o.add_argument("--format", choices=OPINION_KINDS, help="文件类型（输出为文件夹或未指定时；默认 docx）")
    o.add_argument("--docx", dest="format", action="store_const", const="docx", help="同 --format docx")
    o.add_argument("--pdf", dest="format", action="store_const", const="pdf", help="同 --format pdf")
    o.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    o.add_argument("--workers", type=int, default=0, metavar="进程数", help="并行进程数（默认：CPU 核数）")
    o.add_argument("--quiet", action="store_true", help="不显示进度")
