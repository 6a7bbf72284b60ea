"""The command line's way to a PDF opinion without importing Qt: the desktop part's writer
(gdchecker.gui.opinion_pdf) run as a process of its own, given the opinions as JSON.

Why a process: the core never imports Qt, the packaged gdchecker-cli carries no Qt at all and must run where libGL
is missing; a child that cannot start Qt costs only its own PDFs (each is then said not written, and why), while
the .docx route stays open."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from gdchecker.opinion.content import Opinion

TIMEOUT = 60  # seconds for the child to start, and as many again for each opinion


def command() -> list[str]:
    """The Python module from a source install; in the packaged folder the desktop program beside this one."""
    if getattr(sys, "frozen", False):
        exe = os.path.join(os.path.dirname(sys.executable), "gdchecker.exe" if os.name == "nt" else "gdchecker")
        return [exe, "--opinion-pdf"]
    return [sys.executable, "-m", "gdchecker.gui.opinion_pdf"]


def write_pdfs(jobs: list[tuple[Opinion, Path]], force: bool) -> list[str | None]:
    """Write each opinion to its PDF; for each, None where written, else the Chinese reason it was not."""
    if not jobs:
        return []
    with tempfile.TemporaryDirectory(prefix="gdchecker-opinion-") as tmp:
        job, result = Path(tmp) / "job.json", Path(tmp) / "result.json"
        job.write_text(json.dumps({"result": str(result), "jobs": [
            {"out": str(out), "force": force, "opinion": op.to_dict()} for op, out in jobs]}, ensure_ascii=False),
            encoding="utf-8")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # a PDF needs no screen
        why = ""
        try:
            proc = subprocess.run([*command(), str(job)], env=env, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=TIMEOUT * (1 + len(jobs)))
            lines = [x for x in (proc.stderr or "").splitlines() if x.strip()]
            why = lines[-1].strip() if lines else f"退出码 {proc.returncode}"
        except subprocess.TimeoutExpired:
            why = "排版超时"
        except OSError as e:
            why = f"无法启动 {command()[0]}：{e.strerror or e}"
        try:
            done = {d["out"]: d for d in json.loads(result.read_text(encoding="utf-8"))}
        except (OSError, ValueError, KeyError, TypeError):
            done = {}
    out: list[str | None] = []
    for _, path in jobs:
        d = done.get(str(path))
        if d is None:
            out.append(f"无法排版 PDF（{why}）；可改为导出 .docx")
        else:
            out.append(None if d.get("ok") else str(d.get("message") or "无法写出 PDF"))
    return out
