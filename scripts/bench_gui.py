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
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_CONFIG_HOME"] = tmp
        for _ in range(5):
            t = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "gdchecker.gui.app", report, "--screenshot", f"{tmp}/s.png"],
                               capture_output=True, env=env, check=False)
            times.append(time.perf_counter() - t)
            if r.returncode != 0:
                print(r.stderr.decode(errors="replace"))
                return 1
    print("start to window with the report loaded:", ", ".join(f"{x:.2f} s" for x in times),
          f"— median {statistics.median(times):.2f} s (includes a 0.3 s settle before the picture)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
