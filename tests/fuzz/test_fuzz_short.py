"""The fuzz harness in CI: a short run of every target, and checks that the harness really reports findings.

The short run uses atheris when it can be imported, else the standard-library fallback engine: either way check_file
really runs on mutated inputs of every reader, and the test fails on an escaped exception, an 'internal' error code,
a hang past 10 s or more than 1 GB of memory (the reproducer paths are in the failure output).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import fuzz_seeds  # noqa: E402 - beside this test
from gdfuzz import KINDS, InternalError, check_input, have_atheris  # noqa: E402

ENGINES = ["fallback", *(["atheris"] if have_atheris() else [])]
SHORT_SECONDS = 3


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=HERE.parents[1],
                          stdin=subprocess.DEVNULL)


def test_short_run_of_every_target_finds_nothing(tmp_path: Path) -> None:
    r = _run([sys.executable, str(HERE / "run.py"), "--seconds", str(SHORT_SECONDS), "--seed", "1",
              "--artifacts", str(tmp_path / "findings")], timeout=240)
    assert r.returncode == 0, f"the fuzzers found something (or broke):\n{r.stdout}\n{r.stderr[-4000:]}"
    for kind in KINDS:
        assert f"\n{kind:5} ok: " in "\n" + r.stdout, r.stdout


PLANTED = """
import sys
sys.path.insert(0, {here!r})
import gdchecker.check as c
from gdchecker.read import ReadError

real = c.check_file


def planted(path):  # a bug planted in check_file: 'internal' for every input of an odd length
    res = real(path)
    with open(path, "rb") as f:
        if len(f.read()) % 2:
            return c.Result(path, error=ReadError("internal", "planted"))
    return res


c.check_file = planted
import gdfuzz

sys.exit(gdfuzz.main("text"))
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_an_engine_reports_a_planted_bug_with_its_reproducer(engine: str, tmp_path: Path) -> None:
    script = tmp_path / "planted.py"
    script.write_text(PLANTED.format(here=str(HERE)), encoding="utf-8")
    seeds = tmp_path / "seeds"  # a few small ones: the makers' reports are for the short run
    seeds.mkdir()
    for name, data in fuzz_seeds.EDGES["text"]().items():
        if name in ("edge-tab-row", "edge-signs", "edge-gb18030"):
            (seeds / name).write_bytes(data)
    artifacts = tmp_path / "findings"
    r = _run([sys.executable, str(script), "--engine", engine, "--seconds", "20", "--runs", "30", "--seed", "1",
              "--seeds", str(seeds), "--corpus", str(tmp_path / "corpus"), "--workdir", str(tmp_path / "work"),
              "--artifacts", str(artifacts)], timeout=120)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out[-3000:]
    assert "InternalError" in out and "planted" in out, out[-3000:]
    crashes = sorted(artifacts.glob("crash-*"))
    assert crashes and len(crashes[0].read_bytes()) % 2 == 1, out[-3000:]


def test_check_input_lets_an_escaped_exception_through_and_flags_internal(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import gdchecker.check as c
    from gdchecker.read import ReadError

    path = tmp_path / "r.txt"
    path.write_text("2023年政府信息公开工作年度报告\n", encoding="utf-8")
    assert check_input(str(path)).startswith(("ok:", "error:"))

    def boom(p: str) -> c.Result:
        raise KeyError("escaped")

    monkeypatch.setattr(c, "check_file", boom)
    with pytest.raises(KeyError):
        check_input(str(path))
    monkeypatch.setattr(c, "check_file", lambda p: c.Result(p, error=ReadError("internal", "x")))
    with pytest.raises(InternalError):
        check_input(str(path))


@pytest.mark.parametrize("known", fuzz_seeds.KNOWN, ids=[k.case for k in fuzz_seeds.KNOWN])
@pytest.mark.xfail(reason="a known bug, reported, not fixed yet: when this passes, delete it from fuzz_seeds.KNOWN")
def test_known_bug_is_fixed(known: fuzz_seeds.Known, tmp_path: Path) -> None:
    kind, name = known.case.split("/")
    data = fuzz_seeds.known(kind)[name]
    f = tmp_path / name
    f.write_bytes(data)
    # a hang is a finding past 10 s when fuzzing; 3 s is enough to tell that it is still there
    r = _run([sys.executable, str(HERE / "replay.py"), "--kind", kind, "--timeout", "3", str(f)], timeout=60)
    assert r.returncode == 0, r.stderr[-3000:]
