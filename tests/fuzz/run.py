#!/usr/bin/env python3
"""Run every fuzz target (pdf, docx, html, text, xlsx) for a while, each in its own process.

    python tests/fuzz/run.py --seconds 5                  # the short run of CI (tests/fuzz/test_fuzz_short.py)
    python tests/fuzz/run.py --seconds 3600 --corpus ~/gdchecker-fuzz-corpus --artifacts ~/gdchecker-findings

The seed corpora are made once, at run time, into a temp directory. One target crashing does not stop the others.
Exit status: 0 when no target found anything, 1 when one did (the reproducers are printed), 2 when a target could
not run at all. See tests/fuzz/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import fuzz_seeds  # noqa: E402 - beside this script
from gdfuzz import ARTIFACT_PREFIXES, DEFAULT_ARTIFACTS, KINDS, save_artifact  # noqa: E402

GRACE = 60.0  # seconds a target may take beyond --seconds to start up, run its seeds and stop


@dataclass
class Job:
    kind: str
    cmd: list[str]
    log: Path
    artifacts: Path
    workdir: Path
    before: set[str] = field(default_factory=set)
    proc: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    rc: int | None = None
    killed: bool = False
    found: list[Path] = field(default_factory=list)
    elapsed: float = 0.0
    strict: bool = False

    def start(self) -> None:
        self.before = _artifacts(self.artifacts)
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(self.cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         cwd=HERE.parents[1], start_new_session=True)
        self.started = time.monotonic()

    def poll(self, deadline: float) -> bool:
        """True when the job has ended (killed past its deadline: its last input saved as a timeout)."""
        assert self.proc is not None
        rc = self.proc.poll()
        if rc is None and time.monotonic() - self.started > deadline:
            os.killpg(self.proc.pid, signal.SIGKILL)
            rc = self.proc.wait()
            self.killed = True
            last = [p for p in self.workdir.glob("input.*") if p.is_file()]
            if last:
                self.found.append(save_artifact(self.artifacts, "timeout", last[0].read_bytes()))
        if rc is None:
            return False
        self.rc = rc
        self.elapsed = time.monotonic() - self.started
        self.found += [self.artifacts / n for n in sorted(_artifacts(self.artifacts) - self.before)]
        return True

    def runs(self) -> str:
        log = self.log.read_text(errors="replace")
        m = re.findall(r"^Done (\d+) runs in \d+ second", log, re.M) or re.findall(
            r"^stat::number_of_executed_units: *(\d+)", log, re.M)
        return f"{m[-1]} inputs" if m else "? inputs"


def _write_seeds(kind: str, dest: Path, known: bool) -> list[Path]:
    return fuzz_seeds.write_seeds(kind, dest, include_known=known)


def _artifacts(d: Path) -> set[str]:
    return {p.name for p in d.iterdir() if p.name.startswith(ARTIFACT_PREFIXES)} if d.is_dir() else set()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=5, help="fuzzing time per target (default 5)")
    p.add_argument("--targets", default=",".join(KINDS), help="comma-separated, of " + ",".join(KINDS))
    p.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="targets run at the same time")
    p.add_argument("--engine", choices=("auto", "atheris", "fallback"), default="auto")
    p.add_argument("--artifacts", type=Path, default=DEFAULT_ARTIFACTS,
                   help=f"reproducers land in ARTIFACTS/KIND/ (default {DEFAULT_ARTIFACTS})")
    p.add_argument("--corpus", type=Path, help="keep each target's working corpus in CORPUS/KIND/ (default: temp)")
    p.add_argument("--timeout", type=float, default=10, help="seconds one input may take (libFuzzer -timeout)")
    p.add_argument("--rss-limit-mb", type=int, default=1024, help="memory one target may take (libFuzzer)")
    p.add_argument("--seed", type=int, help="random seed of every target (default: random)")
    p.add_argument("--cover", choices=("auto", "all", "gdchecker"), default="auto",
                   help="atheris coverage: gdchecker and the parser libraries (all) or gdchecker only; auto: all "
                        "from 60 s a target on")
    p.add_argument("--strict", action="store_true", help="also count a reader's unexpected exception that "
                                                         "check_file reports as 'unreadable'")
    p.add_argument("--known", action="store_true", help="also count the known bugs (fuzz_seeds.KNOWN)")
    p.add_argument("--keep", action="store_true", help="keep the temp directory (seeds, logs)")
    p.add_argument("extra", nargs="*", help="after --: passed to every target (libFuzzer flags)")
    args = p.parse_args(argv)
    order = ("pdf", "docx", "xlsx", "html", "text")  # the slowest first: fewer idle cores at the end
    kinds = sorted((k.strip() for k in args.targets.split(",") if k.strip()),
                   key=lambda k: order.index(k) if k in order else -1)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        p.error(f"unknown targets {unknown}; choose from {list(KINDS)}")

    root = Path(tempfile.mkdtemp(prefix="gdchecker-fuzz-run-"))
    t0 = time.monotonic()
    try:
        jobs = []
        cover = args.cover if args.cover != "auto" else "all" if args.seconds >= 60 or args.seconds == 0 else "gdchecker"
        with ProcessPoolExecutor(max(1, args.jobs)) as pool:  # the makers take some seconds: make them side by side
            made = dict(zip(kinds, pool.map(_write_seeds, kinds, [root / "seeds" / k for k in kinds],
                                            [args.known] * len(kinds))))
        for kind in kinds:
            seeds = made[kind]
            corpus = (args.corpus / kind) if args.corpus else root / "corpus" / kind
            corpus.mkdir(parents=True, exist_ok=True)
            cmd = [sys.executable, str(HERE / f"fuzz_{kind}.py"), "--engine", args.engine,
                   "--seconds", str(args.seconds), "--seeds", str(root / "seeds" / kind), "--corpus", str(corpus),
                   "--artifacts", str(args.artifacts / kind), "--workdir", str(root / "work" / kind),
                   "--timeout", str(args.timeout), "--rss-limit-mb", str(args.rss_limit_mb),
                   "--cover", cover]
            cmd += ["--seed", str(args.seed)] if args.seed is not None else []
            cmd += ["--strict"] if args.strict else []
            cmd += ["--known"] if args.known else []
            cmd += ["--", *args.extra] if args.extra else []
            jobs.append(Job(kind, cmd, root / f"{kind}.log", args.artifacts / kind, root / "work" / kind,
                            strict=args.strict))
            print(f"seeds {kind}: {len(seeds)} files", flush=True)
        print(f"seeds made in {time.monotonic() - t0:.1f} s; fuzzing {len(jobs)} targets, {args.seconds:g} s each, "
              f"{args.jobs} at a time", flush=True)
        deadline = args.seconds + 2 * args.timeout + GRACE if args.seconds else float("inf")
        waiting: list[Job] = list(jobs)
        running: list[Job] = []
        try:
            while waiting or running:
                while waiting and len(running) < max(1, args.jobs):
                    job = waiting.pop(0)
                    job.start()
                    running.append(job)
                for job in list(running):
                    if job.poll(deadline):
                        running.remove(job)
                        _report(job)
                time.sleep(0.1)
        finally:  # Ctrl-C, or anything else: no target goes on running on its own (each has its own session)
            for job in running:
                if job.proc is not None and job.proc.poll() is None:
                    os.killpg(job.proc.pid, signal.SIGKILL)
                    job.proc.wait()
        return _summary(jobs, time.monotonic() - t0, root if args.keep else None)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


def _report(job: Job) -> None:
    if job.found:
        status = f"FINDING ({len(job.found)})"
    elif job.rc != 0:
        status = f"ERROR (exit {job.rc})"
    else:
        status = "ok"
    print(f"{job.kind:5} {status}: {job.runs()} in {job.elapsed:.1f} s", flush=True)
    if job.found or job.rc != 0:
        lines = job.log.read_text(errors="replace").splitlines()
        keep = [ln for ln in lines if not re.match(r"^#\d+\s|INFO: Instrumenting |WARNING: Failed to find", ln)]
        print("\n".join("    | " + ln for ln in keep[-60:]), flush=True)
    if job.killed:
        print(f"    killed: still running {job.elapsed:.0f} s after its start", flush=True)
    for f in job.found:
        strict = " --strict" if job.strict else ""
        print(f"    reproducer: {f}\n"
              f"    replay:     {sys.executable} {HERE / 'replay.py'} --kind {job.kind}{strict} {f}", flush=True)


def _summary(jobs: list[Job], elapsed: float, kept: Path | None) -> int:
    found = [j for j in jobs if j.found]
    broken = [j for j in jobs if not j.found and j.rc != 0]
    print(f"fuzz: {len(jobs)} targets in {elapsed:.1f} s: {len(found)} with findings, {len(broken)} broken"
          + (f"; logs and seeds kept in {kept}" if kept else ""), flush=True)
    for j in found:
        for f in j.found:
            print(f"  {j.kind}: {f}")
    return 1 if found else 2 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
