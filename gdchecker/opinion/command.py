"""gdchecker opinion REPORT [REPORT|FOLDER ...] [-o OUT.docx|OUT.pdf|FOLDER] [--format docx|pdf] [--force]

Each report is checked, with the corrections saved for it applied (as `gdchecker export` does), and its opinion
written: for one report to OUT (its suffix says .docx or .pdf), or beside the report as 报告_校验意见.docx; for
several, or a folder, one file per report in the folder -o names (else beside each report). An existing file is
kept unless --force. Exit 0 when every opinion is written, 2 when a report could not be read or an opinion not
written; the findings themselves are the opinion's content, not a failure."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gdchecker.opinion.files import OpinionError, check_target, kind_of, name_for

OK, FAILED = 0, 2
PDF_BATCH = 20  # opinions a PDF process is given at once: a folder's opinions are not all held in memory


def _fail(message: str) -> int:
    print(f"[无法写出校验意见] {message}", file=sys.stderr)
    return FAILED


def targets(paths: list[str], given: list[str], output: str | None, kind: str | None) -> list[Path] | str:
    """Where each report's opinion goes, or the Chinese reason the arguments do not say it."""
    several = len(paths) > 1 or any(os.path.isdir(f) for f in given)
    folder: str | None = None
    if output and (several or os.path.isdir(output)):
        if not os.path.isdir(output):
            if kind_of(output) is not None:
                return f"几份报告的校验意见须写入一个文件夹，-o 后请给文件夹而不是文件名：{output}"
            try:
                os.makedirs(output, exist_ok=True)
            except OSError as e:
                return f"无法建立文件夹 {output}（{e.strerror or e}）"
        folder = output
    elif output:
        named = kind_of(output)
        if named is None:
            return f"校验意见的文件名须以 .docx 或 .pdf 结尾：{output}"
        if kind is not None and kind != named:
            return f"--format {kind} 与文件名 {os.path.basename(output)} 不一致"
        return [Path(output)]
    taken: dict[str, set[str]] = {}
    out = []
    for p in paths:
        where = folder if folder is not None else (os.path.dirname(p) or ".")
        out.append(Path(where) / name_for(p, kind or "docx", taken.setdefault(os.path.abspath(where), set())))
    return out


def run(args: argparse.Namespace) -> int:
    from gdchecker import batch
    from gdchecker.opinion.content import build
    from gdchecker.opinion.docx import write_docx
    from gdchecker.opinion.pdfjob import write_pdfs
    from gdchecker.session import Session

    found = batch.scan(args.files)
    paths = found.reports
    if not paths:
        return _fail("没有找到可以检查的报告")
    places = targets(paths, args.files, args.output, args.format)
    if isinstance(places, str):
        return _fail(places)
    code = OK
    wanted: list[tuple[str, Path]] = []
    for p, out in zip(paths, places):
        try:
            check_target(out, args.force)
            wanted.append((p, out))
        except OpinionError as e:  # refused before the check: nothing is read for a file that will not be written
            print(f"■ {p}\n  [未写入] {e.message}", file=sys.stderr)
            code = FAILED
    show = not args.quiet and len(wanted) > 1
    progress = None
    if show:
        def progress(pr) -> None:  # noqa: ANN001 - batch.Progress
            print(f"[{pr.done}/{pr.total}] {os.path.basename(pr.current)}", file=sys.stderr, flush=True)
    results = batch.run([p for p, _ in wanted], args.workers or None, progress)
    batch.pair_years(results)
    pdfs: list[tuple] = []

    def write_pending() -> int:
        """The PDFs gathered so far, by one process of the Qt writer; the exit code of their writing."""
        failed = OK
        for (_, out, path, told), why in zip(pdfs, write_pdfs([(op, out) for op, out, _, _ in pdfs], args.force)):
            if why is None:
                print(f"已写入 {out}{told}")
            else:
                print(f"■ {path}\n  [未写入] {why}", file=sys.stderr)
                failed = FAILED
        pdfs.clear()
        return failed

    for res, (_, out) in zip(results, wanted):
        if res.error is not None:
            print(f"■ {res.path}\n  [无法读取] {res.error.message}（{res.error.code}）")
            code = FAILED
            continue
        session = Session.open(res.path, res.report, previous=res.previous)
        for problem in session.problems:
            print(f"[注意] {problem}", file=sys.stderr)
        op = build(session)
        told = f"（错误 {len(op.errors)} 处，警告 {len(op.warnings)} 处）"
        if kind_of(out) == "pdf":
            pdfs.append((op, out, res.path, told))
            if len(pdfs) >= PDF_BATCH:
                code = max(code, write_pending())
            continue
        try:
            write_docx(op, out, args.force)
            print(f"已写入 {out}{told}")
        except OpinionError as e:
            print(f"■ {res.path}\n  [未写入] {e.message}", file=sys.stderr)
            code = FAILED
    return max(code, write_pending())
