"""`gdchecker rollup 汇总报告 各单位/...`: a region's aggregate report against the sum of its units' reports
(its arguments: arguments.py)."""

from __future__ import annotations

import argparse
import json
import os
import sys


def _same(a: str, b: str) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def run(args: argparse.Namespace) -> int:
    from gdchecker import batch
    from gdchecker.check import check_file
    from gdchecker.cli import ExitCode, _check_showing_scan, _progress
    from gdchecker.rollup import LeftOut, rollup
    from gdchecker.rollup_output import rollup_json, rollup_text

    if not os.path.isfile(args.aggregate):
        why = "是文件夹，不是汇总报告文件" if os.path.isdir(args.aggregate) else "文件不存在"
        print(f"[无法读取汇总报告] {args.aggregate}：{why}", file=sys.stderr)
        return ExitCode.UNREADABLE
    found = batch.scan(args.units)
    units = [p for p in found.reports if not _same(p, args.aggregate)]  # the aggregate itself: checked once
    paths = [args.aggregate, *units]
    checker = check_file if args.quiet else _check_showing_scan
    results = batch.run(paths, args.workers or None, None if args.quiet else _progress, checker=checker)
    if len(results) < len(paths):  # cancelled
        return 130
    aggregate, by_path = results[0], dict(zip(units, results[1:], strict=True))
    done = rollup(aggregate, [by_path.get(p, aggregate) for p in found.reports])
    done.left_out += [LeftOut(p, None, why) for p, why in found.skipped]
    if args.json:
        print(json.dumps(rollup_json(done), ensure_ascii=False, indent=2))
    else:
        print(rollup_text(done, args.verbose), flush=True)
    if done.error is not None:
        return ExitCode.UNREADABLE
    code = ExitCode.FINDINGS if done.mismatches else ExitCode.OK
    if not done.summed:  # nothing to compare with: not "every cell agrees"
        code = ExitCode.UNREADABLE
    if args.xlsx:
        code = max(code, _write(args.xlsx, done, args.force, quiet=args.json))
    return int(code)


def _write(out: str, done, force: bool, quiet: bool) -> int:  # noqa: ANN001 - a rollup.Rollup
    from gdchecker.cli import written
    from gdchecker.export import rollup_xlsx

    return written(lambda: rollup_xlsx.write(out, done, force=force), quiet)
