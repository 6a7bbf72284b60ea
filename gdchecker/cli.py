"""The command line: gdchecker check FILE... [--json] (the commands and their arguments: arguments.py)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from enum import IntEnum

from gdchecker.arguments import parser


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # some file has an error finding
    UNREADABLE = 2  # some file could not be read at all


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
    except KeyboardInterrupt:
        print("\n已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (| head): not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return ExitCode.OK


def _main(argv: list[str] | None) -> int:
    args = parser().parse_args(argv)
    if args.command == "rules":
        from gdchecker.rules import all_rules
        from gdchecker.rules.severities import REGION, REGION_DOC, REGION_TITLE, by_severity

        for title, codes_of, doc in [*((r.title, r.codes, r.doc) for r in all_rules()),
                                     (REGION_TITLE, tuple(REGION), REGION_DOC)]:
            print(title)
            for severity, codes in by_severity(codes_of):
                print(f"  {severity.zh}：{'、'.join(codes)}")
            print(f"  {doc}\n")
        return ExitCode.OK
    if args.command == "export":
        return _export(args)
    if args.command == "rollup":
        from gdchecker import rollup_cli

        return rollup_cli.run(args)
    if args.command == "opinion":
        from gdchecker.opinion.command import run

        return run(args)
    if args.command != "check":
        parser().print_help()
        return ExitCode.OK
    return _check(args)


def _check(args: argparse.Namespace) -> int:
    from gdchecker import batch, recheck
    from gdchecker.archive import Archive
    from gdchecker.check import check_file

    found = batch.scan(args.files)
    paths = found.reports
    show = not args.quiet and (len(paths) > 1 or any(os.path.isdir(f) for f in args.files))
    checker = check_file if args.quiet else _check_showing_scan
    store = Archive.open()
    try:
        run = recheck.run(paths, store, args.no_cache, args.workers or None, _progress if show else None,
                          checker=checker)
        results = run.results
        previous = None
        if args.previous:
            previous = check_file(args.previous)
            if previous.error is not None:
                print(f"[无法读取上年报告] {previous.error.message}（{previous.error.code}）", file=sys.stderr)
                return ExitCode.UNREADABLE
        batch.pair_years(results, previous, recheck.earlier(run))
        changes = recheck.remember(run, [f for f in args.files if os.path.isdir(f)])
    finally:
        if store is not None:
            store.close()
    code = _print_results(results, args.json, args.verbose)
    _print_skipped(found.skipped, sys.stderr if args.json else sys.stdout)
    for folder in changes:  # with --json on stderr: standard output stays the JSON of the spec
        print("\n".join(folder.lines()) + "\n", file=sys.stderr if args.json else sys.stdout, flush=True)
    if args.xlsx:
        code = max(code, _write_xlsx(args.xlsx, results, args.force, quiet=args.json, sheets=args.sheets))
    return int(code)


def _print_results(results: list, as_json: bool, verbose: bool) -> int:
    """Each file's findings (text, or the JSON array of the spec); the exit code they make."""
    from gdchecker.model import Severity
    from gdchecker.output import error_json, report_json, report_text

    code = ExitCode.OK
    out = []
    for res in results:
        path = res.path
        if res.error is not None:
            code = ExitCode.UNREADABLE
            if as_json:
                out.append(error_json(path, res.error.code, res.error.message))
            else:
                print(f"■ {path}\n  [无法读取] {res.error.message}（{res.error.code}）\n", flush=True)
            continue
        assert res.report is not None and res.findings is not None
        if any(f.severity == Severity.ERROR for f in res.findings) and code == ExitCode.OK:
            code = ExitCode.FINDINGS
        if as_json:
            out.append(report_json(res.report, res.findings, path, res.previous))
        else:
            print(report_text(res.report, res.findings, path, res.previous, verbose) + "\n", flush=True)
    if as_json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return code


def _print_skipped(skipped: list[tuple[str, str]], stream) -> None:  # noqa: ANN001 - a text stream
    """Files passed over (our own exports): listed, not counted. With --json on stderr, so that standard output
    stays the JSON of the spec."""
    for path, why in skipped:
        print(f"■ {path}\n  [已跳过] {why}\n", file=stream, flush=True)


def _check_showing_scan(path: str):  # noqa: ANN202 - a check.Result
    """check_file, with a line on standard error for each page of a scan recognised (module-level: it is sent to
    the worker processes; standard output stays the report, or the JSON)."""
    from gdchecker.check import check_file

    name = os.path.basename(path)

    def page(done: int, total: int) -> None:
        try:
            print(f"正在识别扫描件 {name} … 第 {done}/{total} 页", file=sys.stderr, flush=True)
        except (OSError, ValueError):  # standard error closed or gone: the check goes on
            pass

    return check_file(path, progress=page)


def _progress(p) -> None:  # noqa: ANN001 - batch.Progress
    left = p.remaining
    eta = f"，约剩 {int(left // 60)} 分 {int(left % 60)} 秒" if left is not None and p.done < p.total else ""
    print(f"[{p.done}/{p.total}] {os.path.basename(p.current)}{eta}", file=sys.stderr, flush=True)


def _write_xlsx(out: str, results: list, force: bool, quiet: bool, sheets: bool = False) -> int:
    """The workbook of the results (check.Result); the exit code of the writing."""
    from gdchecker.export.xlsx import entry_of

    return _write_entries(out, [entry_of(r) for r in results], force, quiet, sheets)


def _write_entries(out: str, entries: list, force: bool, quiet: bool, sheets: bool = False) -> int:
    from gdchecker.export.xlsx import write

    return written(lambda: write(out, entries, force=force, sheets=sheets), quiet)


def written(write: Callable[[], object], quiet: bool) -> int:
    """Write a workbook (`write` returns where); say where, or why not, in Chinese."""
    from gdchecker.export.xlsx import ExportError

    try:
        where = write()
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
    for problem in session.problems:
        print(f"[注意] {problem}", file=sys.stderr)
    out = args.output or os.path.splitext(args.file)[0] + ".xlsx"
    code = _write_entries(out, [Entry(args.file, session)], args.force, quiet=False)
    if code == ExitCode.OK:  # the findings are the workbook's content, not a failure of the export
        c = session.counts()
        if c[Severity.ERROR] or c[Severity.WARNING]:
            print(f"报告中有错误 {c[Severity.ERROR]} 处、警告 {c[Severity.WARNING]} 处，见工作簿的“校验结果”工作表")
    return code


if __name__ == "__main__":
    sys.exit(main())
