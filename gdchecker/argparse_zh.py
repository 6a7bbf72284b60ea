"""argparse in Chinese: the texts argparse writes itself (用法, section titles, -h, error messages) for people who
read no English.

argparse takes its texts from gettext in the module's own namespace, and they are the same English from Python
3.10 to 3.13; rather than replacing that function, the parser here passes its own prefix to the usage, renames its
groups, adds -h itself, and translates the messages that reach error() from a table of argparse's English
templates (an unknown one is shown as it is, after the Chinese frame).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

USAGE = "用法："
HELP = "显示帮助并退出"
VERSION = "显示版本号并退出"
TITLES = {"positional arguments": "位置参数", "options": "选项", "optional arguments": "选项"}
TYPES = {"int": "整数", "float": "数字"}
NO_LINE_START = set("，。；：、）》」』”’！？…")


def _choice(m: re.Match[str]) -> str:
    return f"无效的选择 {m['value']}（可选：{m['choices']}）"


def _type(m: re.Match[str]) -> str:
    return f"{m['value']} 不是有效的{TYPES.get(m['type'], m['type'])}"


# argparse's English messages (the templates of 3.10-3.13) -> Chinese; "argument X: ..." is translated inside
MESSAGES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"the following arguments are required: (?P<a>.*)", "缺少必需的参数：{a}"),
    (r"unrecognized arguments: (?P<a>.*)", "无法识别的参数：{a}"),
    (r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", _choice),
    (r"invalid (?P<type>\S+) value: (?P<value>.*)", _type),
    (r"expected one argument", "需要给出一个值"),
    (r"expected at least one argument", "至少需要给出一个值"),
    (r"expected at most one argument", "最多只能给出一个值"),
    (r"expected (?P<n>\d+) arguments?", "需要给出 {n} 个值"),
    (r"ambiguous option: (?P<o>.*?) could match (?P<m>.*)", "选项 {o} 不明确，可能是 {m}"),
    (r"not allowed with argument (?P<a>.*)", "不能与参数 {a} 同时使用"),
    (r"one of the arguments (?P<a>.*) is required", "必须给出参数 {a} 之一"),
    (r"ignored explicit argument (?P<a>.*)", "不接受值 {a}"),
    (r"unexpected option string: (?P<a>.*)", "无法识别的选项：{a}"),
    (r"unknown parser (?P<p>.*?) \(choices: (?P<c>.*)\)", "未知的命令 {p}（可选：{c}）"),
    (r"can't open '(?P<f>.*)': (?P<e>.*)", "无法打开“{f}”：{e}"),
]
_ARGUMENT = r"argument (?P<name>.+?): (?P<rest>.*)"


def translate(message: str) -> str:
    """An argparse error message in Chinese (the patterns compiled only when an error is said, by re's cache)."""
    m = re.fullmatch(_ARGUMENT, message, re.S)
    if m:
        return f"参数 {m['name']}：{translate(m['rest'])}"
    for pattern, template in MESSAGES:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            return template(m) if callable(template) else template.format(**m.groupdict())
    return message


def width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    """Latin words and runs of spaces whole, every wide character alone (a line may break after any of them)."""
    out: list[str] = []
    for ch in text:
        if out and not _wide(ch) and ch.isspace() == out[-1].isspace() and not _wide(out[-1][-1]):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns` terminal columns; a closing mark never starts a line (the text before it goes
    down with it)."""
    lines: list[list[str]] = [[]]
    for tok in _tokens(" ".join(text.split())):
        line = lines[-1]
        if tok.isspace():
            if line:
                line.append(" ")
            continue
        if line and width("".join(line)) + width(tok) > columns:
            carried = [line.pop()] if tok[0] in NO_LINE_START and len(line) > 1 else []
            lines.append(carried + [tok])
        else:
            line.append(tok)
    return [t for t in ("".join(line).strip() for line in lines) if t]


class Formatter(argparse.HelpFormatter):
    """Help laid out by terminal columns, Chinese characters two wide; the usage line starts 用法：; the commands
    listed under their title without a line of their own."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:  # the columns a header takes, not its characters
            heads = [action, *self._iter_indented_subactions(action)]
            longest = max(width(self._format_action_invocation(a)) for a in heads)
            self._action_max_length = max(self._action_max_length, longest + self._current_indent)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(a) for a in action._get_subactions())
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        extra = width(header) - len(header)
        lead = " " * self._current_indent + header
        first, newline, rest = text.partition("\n")
        helped = first[len(lead):].lstrip(" ")
        if not extra or not first.startswith(lead) or not helped:
            return text
        at = len(first) - len(helped)  # where argparse put the help, counting characters
        gap = at - len(lead) - extra
        first = lead + " " * gap + helped if gap >= 2 else lead + "\n" + " " * at + helped
        return first + newline + rest


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose own texts are Chinese; its subcommands' parsers are of the same class."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        for group in self._action_groups:
            if group.title in TITLES:
                group.title = TITLES[group.title]
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate(message)}\n（加 -h 查看帮助）\n")
