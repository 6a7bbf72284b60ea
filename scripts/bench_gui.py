"""Benchmark: start of the desktop app to a drawn window with a report loaded (not a test).

Usage: .venv/bin/python scripts/bench_gui.py [FILE]   (default: the bundled sample; offscreen when no display)
Runs `gdchecker-gui FILE --screenshot` five times in fresh processes and prints each time and the median.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    report = argv[0] if argv else str(ROOT / "gdchecker" / "resources" / "sample" / "sample-2023.pdf")
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    times, drawn, loaded = [], [], []
    env["GDCHECKER_TIMING"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_CONFIG_HOME"] = tmp
        for _ in range(5):
            start = time.time()
            t = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "gdchecker.gui.app", report, "--screenshot", f"{tmp}/s.png"],
                               capture_output=True, env=env, check=False)
            times.append(time.perf_counter() - t)
            if r.returncode != 0:
                print(r.stderr.decode(errors="replace"))
                return 1
            marks = dict(line.split() for line in r.stderr.decode(errors="replace").splitlines()
                         if line.startswith(("drawn ", "loaded ")))
            drawn.append(float(marks["drawn"]) - start)
            loaded.append(float(marks["loaded"]) - start)

    def line(what: str, xs: list[float]) -> str:
        return f"{what}: " + ", ".join(f"{x:.2f} s" for x in xs) + f" — median {statistics.median(xs):.2f} s"

    print(line("start to the window drawn", drawn))
    print(line("start to the report read and shown", loaded))
    print(line("whole run (with a 0.3 s settle before the picture and the exit)", times))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
