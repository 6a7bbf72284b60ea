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
    c.add_argument("--xlsx", metavar="OUT.xlsx", help="同时把各报告的统计表和检查结果写入一个 Excel 工作簿")
    c.add_argument("--force", action="store_true", help="覆盖已存在的 Excel 文件")
    e = sub.add_parser("export", help="把一份报告（含已保存的修改）导出为 Excel 工作簿")
    e.add_argument("file", metavar="FILE")
    e.add_argument("-o", "--output", metavar="OUT.xlsx", help="输出文件（默认：报告文件名.xlsx，放在报告旁边）")
    e.add_argument("--force", action="store_true", help="覆盖已存在的文件")
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
    if args.command == "export":
        return _export(args)
    if args.command != "check":
        _parser().print_help()
        return ExitCode.OK
    from gdchecker.check import check_file
    from gdchecker.model import Severity
    from gdchecker.output import error_json, report_json, report_text

    code = ExitCode.OK
    out = []
    entries = []
    for path in args.files:
        res = check_file(path)
        entries.append(_entry(res))
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
    if args.xlsx:
        code = max(code, _write_xlsx(args.xlsx, entries, args.force, quiet=args.json))
    return int(code)


def _entry(res):  # noqa: ANN001, ANN202 - a check.Result -> export Entry
    from gdchecker.export.xlsx import Entry
    from gdchecker.session import Session

    if res.error is not None:
        return Entry(res.path, error_code=res.error.code, error_message=res.error.message)
    return Entry(res.path, Session(res.path, res.report, _no_corrections(res.path)))


def _no_corrections(path: str):  # noqa: ANN202
    from gdchecker.edits import Corrections

    return Corrections(path, "")


def _write_xlsx(out: str, entries: list, force: bool, quiet: bool) -> int:
    from gdchecker.export.xlsx import ExportError, write

    try:
        where = write(out, entries, force=force)
    except ExportError as e:
        print(f"[无法导出] {e.message}（{e.code}）", file=sys.stderr)
        return ExitCode.UNREADABLE
    if not quiet:
        print(f"已写入 {where}")
    return ExitCode.OK


def _export(args: argparse.Namespace) -> int:
    from gdchecker.check import check_file
    from gdchecker.export.xlsx import Entry
    from gdchecker.model import Severity
    from gdchecker.session import Session

    res = check_file(args.file)
    if res.error is not None:
        print(f"■ {args.file}\n  [无法读取] {res.error.message}（{res.error.code}）")
        return ExitCode.UNREADABLE
    session = Session.open(args.file, res.report)
    out = args.output or os.path.splitext(args.file)[0] + ".xlsx"
    code = _write_xlsx(out, [Entry(args.file, session)], args.force, quiet=False)
    if code == ExitCode.OK and any(f.severity == Severity.ERROR for f in session.open_findings()):
        return ExitCode.FINDINGS
    return code


if __name__ == "__main__":
    sys.exit(main())
