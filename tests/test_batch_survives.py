"""A folder check outlives a dying worker (the system ending it for memory) and a file that never finishes, and its
walk follows links to files only, never out of the folder named."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gdchecker import batch
from gdchecker.check import Result, check_file
from tests.makers import make_values, write_text

ROOT = Path(__file__).resolve().parents[1]
KILL = getattr(signal, "SIGKILL", signal.SIGTERM)
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="symlinks, pipes and SIGKILL")


def _reports(folder: Path, names: list[str]) -> list[str]:
    paths = []
    for n, name in enumerate(names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(str(path), "2021", 2023, f"某县第{n + 1}局", make_values("2021", seed=300 + n))
        paths.append(str(path))
    return paths


def _dies_on_fatal(path: str) -> Result:
    """check_file, but the process checking a file named 致命… is killed, as the out-of-memory killer does."""
    if os.path.basename(path).startswith("致命"):
        os.kill(os.getpid(), KILL)
    return check_file(path)


def _dies_once(path: str) -> Result:
    """check_file, but the first process to check a file named 偶然… is killed (the memory another file took)."""
    mark = path + ".died"
    if os.path.basename(path).startswith("偶然") and not os.path.exists(mark):
        Path(mark).touch()
        os.kill(os.getpid(), KILL)
    return check_file(path)


def _never_ends_on_slow(path: str) -> Result:
    if os.path.basename(path).startswith("很慢"):
        time.sleep(120)
    return check_file(path)


def _codes(r: Result) -> list[str]:
    assert r.error is None and r.findings is not None, r.error
    return sorted(f.code for f in r.findings)


@posix_only
@pytest.mark.parametrize("workers", [1, 2])
def test_a_killed_worker_loses_only_its_file(tmp_path, workers):
    paths = _reports(tmp_path / "r", ["一.txt", "二.txt", "致命.txt", "三.txt", "四.txt", "五.txt"])
    seen: list[batch.Progress] = []
    results = batch.run(paths, workers=workers, progress=seen.append, checker=_dies_on_fatal)
    assert [r.path for r in results] == paths
    fatal = results[2]
    assert fatal.error is not None and fatal.error.code == "unreadable" and "被系统终止" in fatal.error.message
    assert fatal.report is None
    for p, r in zip(paths, results, strict=True):
        if r is not fatal:
            assert _codes(r) == _codes(check_file(p)), p  # the same result as checked on its own
    assert sorted(s.current for s in seen) == sorted(paths)  # each file reported done once
    assert [s.done for s in seen] == list(range(1, len(paths) + 1)) and seen[-1].total == len(paths)


@posix_only
def test_a_file_whose_worker_died_once_is_checked_again(tmp_path):
    paths = _reports(tmp_path / "r", ["一.txt", "偶然.txt", "二.txt", "三.txt"])
    results = batch.run(paths, workers=2, checker=_dies_once)
    assert os.path.exists(paths[1] + ".died")  # its first process was killed
    for p, r in zip(paths, results, strict=True):
        assert _codes(r) == _codes(check_file(p)), p


@posix_only
def test_every_file_of_a_pool_killed_twice_is_told_apart(tmp_path):
    # more files in flight than workers, two of them fatal: each is found alone, no other file is blamed
    names = ["致命一.txt", "一.txt", "二.txt", "致命二.txt", "三.txt", "四.txt", "五.txt", "六.txt"]
    paths = _reports(tmp_path / "r", names)
    results = batch.run(paths, workers=2, checker=_dies_on_fatal)
    assert [r.path for r in results] == paths
    for name, r in zip(names, results, strict=True):
        assert (r.error is not None and r.error.code == "unreadable") == name.startswith("致命"), name


@posix_only
def test_a_file_over_the_time_limit_is_stopped(tmp_path):
    paths = _reports(tmp_path / "r", ["一.txt", "很慢.txt", "二.txt", "三.txt"])
    t = time.perf_counter()
    results = batch.run(paths, workers=2, checker=_never_ends_on_slow, time_limit=4)
    assert time.perf_counter() - t < 30
    slow = results[1]
    assert slow.error is not None and slow.error.code == "unreadable" and "超过 4 秒仍未完成" in slow.error.message
    for p, r in zip(paths, results, strict=True):
        if r is not slow:
            assert _codes(r) == _codes(check_file(p)), p


@posix_only
def test_cli_folder_check_survives_a_killed_worker(tmp_path):
    """The real command: its worker processes' check_file kills itself on 02致命.txt (a sitecustomize patches it
    in every process), and a linked folder named like a report leads far out of the folder."""
    folder = tmp_path / "reports"
    paths = _reports(folder, [f"{n:02d}{'致命' if n == 2 else ''}.txt" for n in range(1, 9)])
    _reports(tmp_path / "elsewhere" / "deep", ["别处一.txt", "别处二.txt"])
    os.symlink(tmp_path / "elsewhere", folder / "x.pdf")
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import os, signal\n"
        "import gdchecker.check as _check\n"
        "_real = _check.check_file\n"
        "def _check_file(path, **kw):\n"
        "    if '致命' in os.path.basename(path):\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return _real(path, **kw)\n"
        "_check.check_file = _check_file\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)])}
    r = subprocess.run([sys.executable, "-m", "gdchecker", "check", "--json", "--workers", "2", str(folder)],
                       capture_output=True, text=True, timeout=300, env=env)
    assert "Traceback" not in r.stderr and "BrokenProcessPool" not in r.stderr, r.stderr
    assert r.returncode == 2  # one file could not be checked
    data = json.loads(r.stdout)
    assert sorted(d["file"] for d in data) == sorted(paths)  # nothing from the linked folder
    by_name = {os.path.basename(d["file"]): d for d in data}
    assert by_name["02致命.txt"]["error"]["code"] == "unreadable"
    assert "被系统终止" in by_name["02致命.txt"]["error"]["message"]
    assert all("error" not in d and "findings" in d for n, d in by_name.items() if n != "02致命.txt")
    assert f"[{len(paths)}/{len(paths)}]" in r.stderr


@posix_only
def test_walk_follows_links_to_files_only_and_stays_in_the_folder(tmp_path):
    outside = tmp_path / "outside"
    far = _reports(outside / "deep", ["别处一.txt", "别处二.txt", "别处三.pdf"])
    (single,) = _reports(outside, ["外单位.txt"])
    folder = tmp_path / "reports"
    a, b = _reports(folder, ["甲.txt", "子/乙.txt"])
    os.symlink(outside, folder / "x.pdf")  # a folder named like a report
    os.symlink(outside, folder / "链接的文件夹")
    os.symlink(folder, folder / "子" / "回环")  # a loop
    os.symlink(single, folder / "外单位的报告.txt")  # a file outside: read as that file
    os.symlink(a, folder / "子" / "甲的链接.txt")  # the same file again: listed once
    os.symlink(tmp_path / "没有这个文件.pdf", folder / "断链.pdf")
    os.symlink("自指.pdf", folder / "自指.pdf")
    os.mkfifo(folder / "管道.txt")  # reading it would wait for ever
    found = batch.find_reports([str(folder)])
    assert found == sorted([a, b, str(folder / "外单位的报告.txt")])
    assert not {os.path.realpath(p) for p in found} & {os.path.realpath(p) for p in far}
    results = batch.run(found, workers=2)
    assert all(r.error is None for r in results)
    linked = results[found.index(str(folder / "外单位的报告.txt"))]
    assert linked.report is not None and linked.report.agency == check_file(single).report.agency


@posix_only
def test_walk_of_a_linked_folder_named_and_of_one_holding_only_links(tmp_path):
    folder = tmp_path / "reports"
    a, b = _reports(folder, ["甲.txt", "子/乙.txt"])
    os.symlink(folder, tmp_path / "快捷方式")  # the folder named may itself be a link
    via = tmp_path / "快捷方式"
    assert batch.find_reports([str(via)]) == sorted([str(via / "甲.txt"), str(via / "子" / "乙.txt")])
    only_links = tmp_path / "空"
    only_links.mkdir()
    os.symlink(folder, only_links / "x.pdf")
    assert batch.find_reports([str(only_links)]) == [str(only_links)]  # reported as a folder with no report
    assert check_file(str(only_links)).error.code == "is_directory"
