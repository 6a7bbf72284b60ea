"""The command line: gdchecker check FILE... [--json]."""

from __future__ import annotations

import argparse
import json
import os
import sys
from enum import IntEnum

from gdchecker import __version__


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # some file has an error finding
    UNREADABLE = 2  # some file could not be read at all


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gdchecker", description="政府信息公开工作年度报告校验工具")
    p.add_argument("--version", action="version", version=f"gdchecker {__version__}")
    sub = p.add_subparsers(dest="command")
    c = sub.add_parser("check", help="检查一份或多份年度报告（PDF、Word .docx、网页 .html、文本 .txt/.md）")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--json", action="store_true", help="输出 JSON（机器可读）")
    sub.add_parser("rules", help="列出全部校验规则")
    return p


def _configure_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    _configure_stdout()
    try:
        return _main(argv)
    except BrokenPipeError:  # the reader of our output went away (| head): not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return ExitCode.OK


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "rules":
        from gdchecker.rules import all_rules

        for r in all_rules():
            print(f"{r.title}（{', '.join(r.codes)}）\n  {r.doc}\n")
        return ExitCode.OK
    if args.command != "check":
        _parser().print_help()
        return ExitCode.OK
    from gdchecker.check import check_file
    from gdchecker.model import Severity
    from gdchecker.output import error_json, report_json, report_text

    code = ExitCode.OK
    out = []
    for path in args.files:
        res = check_file(path)
        if res.error is not None:
            code = ExitCode.UNREADABLE
            if args.json:
                out.append(error_json(path, res.error.code, res.error.message))
            else:
                print(f"■ {path}\n  [无法读取] {res.error.message}（{res.error.code}）\n", flush=True)
            continue
        assert res.report is not None and res.findings is not None
        if any(f.severity == Severity.ERROR for f in res.findings) and code == ExitCode.OK:
            code = ExitCode.FINDINGS
        if args.json:
            out.append(report_json(res.report, res.findings, path))
        else:
            print(report_text(res.report, res.findings, path) + "\n", flush=True)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
