"""The command line in Chinese: argparse's own texts (用法, sections, -h, errors) and `gdchecker rules` with the
severity of every code."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from gdchecker.argparse_zh import translate, width, wrap
from gdchecker.model import Severity
from gdchecker.rules import all_rules
from gdchecker.rules.severities import REGION, SEVERITY

# what argparse writes in English when left alone
ENGLISH = ("usage", "positional", "optional", "options", "show this help", "message and exit", "error:",
           "required", "invalid", "choice", "choose from", "unrecognized", "arguments", "argument", "expected",
           "program's version")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gdchecker", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, env={"COLUMNS": "80", "PATH": "/usr/bin:/bin"})


def _english(text: str) -> list[str]:
    low = text.lower()
    return [w for w in ENGLISH if w in low]


@pytest.mark.parametrize("args", [("--help",), ("-h",), ("check", "--help"), ("export", "-h"), ("rules", "--help")])
def test_help_is_chinese(args: tuple[str, ...]) -> None:
    out = _run(*args)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("用法：gdchecker")
    assert "显示帮助并退出" in out.stdout and "选项" in out.stdout
    assert _english(out.stdout) == [], out.stdout


def test_top_level_help_lists_the_commands() -> None:
    out = _run("--help").stdout
    assert "显示版本号并退出" in out
    assert re.search(r"^命令:\n  check ", out, re.M), out  # the commands under their title, no line of their own
    for command in ("check", "export", "rules"):
        assert re.search(rf"^  {command} +\S", out, re.M), command


@pytest.mark.parametrize("args,words", [
    ((), "缺少必需的参数"),  # check with no file
    (("--bogus",), "无法识别的参数"),
    (("--workers", "many"), "不是有效的整数"),
    (("--xlsx",), "需要给出一个值"),
])
def test_check_errors_are_chinese(args: tuple[str, ...], words: str) -> None:
    out = _run("check", *args, *(("报告.pdf",) if args and args[0] != "--xlsx" else ()))
    assert out.returncode == 2
    assert out.stdout == ""
    assert words in out.stderr and "错误" in out.stderr and out.stderr.startswith("用法：")
    assert _english(out.stderr) == [], out.stderr
    assert "Traceback" not in out.stderr


def test_unknown_command_is_chinese() -> None:
    out = _run("chek", "报告.pdf")
    assert out.returncode == 2
    assert "无效的选择" in out.stderr and "check" in out.stderr
    assert _english(out.stderr) == [], out.stderr


@pytest.mark.parametrize("english,chinese", [
    ("the following arguments are required: 文件", "缺少必需的参数：文件"),
    ("unrecognized arguments: --x --y", "无法识别的参数：--x --y"),
    ("argument 命令: invalid choice: 'chek' (choose from 'check', 'export')", "参数 命令：无效的选择 'chek'（可选：'check', 'export'）"),
    ("argument 命令: invalid choice: 'chek' (choose from check, export)", "参数 命令：无效的选择 'chek'（可选：check, export）"),
    ("argument --workers: invalid int value: 'x'", "参数 --workers：'x' 不是有效的整数"),
    ("argument -o/--output: expected one argument", "参数 -o/--output：需要给出一个值"),
    ("argument --a: expected 2 arguments", "参数 --a：需要给出 2 个值"),
    ("argument --a: not allowed with argument --b", "参数 --a：不能与参数 --b 同时使用"),
    ("ambiguous option: --x could match --xa, --xb", "选项 --x 不明确，可能是 --xa, --xb"),
    ("one of the arguments --a --b is required", "必须给出参数 --a --b 之一"),
])
def test_translate(english: str, chinese: str) -> None:
    assert translate(english) == chinese


def test_wrap_by_terminal_columns() -> None:
    text = "检查一份或多份年度报告，或整个文件夹（含子文件夹）中的全部报告。支持 PDF、Word 文档（.docx）、网页（.html/.htm）"
    lines = wrap(text, 30)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(width(line) <= 30 for line in lines), lines
    assert not any(line[0] in "，。、）" for line in lines), lines
    assert wrap("PDF、Word", 80) == ["PDF、Word"]
    assert width("文件 ab") == 7


def test_rules_say_the_severity_of_every_code() -> None:
    out = _run("rules")
    assert out.returncode == 0, out.stderr
    said: dict[str, str] = {}
    for line in out.stdout.splitlines():
        m = re.fullmatch(r"  (错误|警告|提示)：(.+)", line)
        if m:
            for code in m[2].split("、"):
                said[code] = m[1]
    codes = [c for r in all_rules() for c in r.codes]
    assert sorted(said) == sorted(codes + list(REGION))  # and a region's findings (gdchecker rollup)
    assert {c: Severity({**SEVERITY, **REGION}[c]).zh for c in [*codes, *REGION]} == said
    assert said["region.sum_mismatch"] == "警告"
    assert said["applications.balance"] == "错误" and said["values.blank"] == "警告"
    assert said["reading.digits_repaired"] == "提示" and said["reading.converted"] == "提示"
