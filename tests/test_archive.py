"""The archive of results: a file read before is restored, not read again; what changed in a folder since its last
run; last year's report from the archive when its file is gone; a locked, damaged or unwritable archive worked
around. Real files of several producers, checked through the command line."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from gdchecker import archive, batch, cli, serial
from gdchecker.check import check_file
from gdchecker.model import Box
from tests.makers import make_values, write_docx, write_html, write_pdf, write_text
from tests.makers.folder import make_folder


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys, *args: str) -> tuple[list[dict], str]:
    _, out, err = _cli(capsys, *args, "--json", "--workers", "2", "--quiet")
    return json.loads(out), err


@pytest.fixture
def reads(monkeypatch):
    """The paths batch.run is given to read (the archive's misses), run after run."""
    seen: list[list[str]] = []
    real = batch.run

    def counting(paths, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(list(paths))
        return real(paths, *a, **kw)

    monkeypatch.setattr(batch, "run", counting)
    return seen


def _rewrite(path: str, agency: str, seed: int = 5) -> None:
    """The report at path made anew, by the same producer, with other figures and a broken sum."""
    values = make_values("2021", seed=seed)
    values["applications"]["granted"]["natural_person"] += 3
    writer = {"pdf": write_pdf, "docx": write_docx, "html": write_html}.get(path.rsplit(".", 1)[-1])
    os.remove(path)
    if writer is None:
        write_text(path, "2021", 2023, agency, values, style="tabs")
    else:
        writer(path, "2021", 2023, agency, values)


def _names(paths: list[str]) -> set[str]:
    return {os.path.basename(p) for p in paths}


def test_report_round_trip_of_several_producers(tmp_path):
    """Every field of the Report (cells with their flags and boxes, labels, prose, text, reading findings, the
    period, a scan's turns) comes back equal from its JSON."""
    values = make_values("2021", seed=31)
    values["applications"]["granted"]["natural_person"] += 1  # a broken sum: findings with cells and numbers
    made = [write_pdf, write_docx, write_html, lambda p, *a: write_text(p, *a, style="tabs")]
    for i, (writer, ext) in enumerate(zip(made, ("pdf", "docx", "html", "txt"), strict=True)):
        path = tmp_path / f"r{i}.{ext}"
        writer(str(path), "2021", 2023, "某市交通运输局", values)
        res = check_file(str(path))
        assert res.report is not None and res.findings
        report = res.report
        if ext == "pdf":
            assert any(c.box is not None for t in report.tables.values() for row in t.cells.values()
                       for c in row.values())
            report.turns = {2: 1}  # as a scan put in sideways
            report.scanned = True
        back = serial.report_of(json.loads(json.dumps(serial.report_data(report))))
        assert back == report, ext
        assert back.period == report.period and isinstance(back.period, tuple)
        found = [serial.finding_of(json.loads(json.dumps(serial.finding_data(f)))) for f in res.findings]
        assert found == res.findings
    odd = serial.cell_of(serial.cell_data(serial.cell_of({"text": "1２", "value": 12.5, "repaired": True,
                                                          "conf": 0.42, "box": [3, 1.5, 2, 3, 4], "later": 1})))
    assert odd.box == Box(3, 1.5, 2, 3, 4) and odd.repaired and odd.conf == 0.42 and odd.value == 12.5


def test_scan_round_trip(tmp_path):
    """A scan read by OCR: how sure each figure is, the page put in upside down, the scan's flag, back equal."""
    from gdchecker import ocr

    if not ocr.available():
        pytest.skip("OCR extra not installed")
    from tests.makers.scan import CLEAN, turned, write_scan

    write_pdf(str(tmp_path / "r.pdf"), "2021", 2023, "某市交通运输局", make_values("2021", seed=3))
    scan = write_scan(tmp_path / "r.pdf", tmp_path / "scan.pdf",
                      damage=lambda i, img: turned(img, 2) if i == 1 else img, **CLEAN)
    report = check_file(str(scan)).report
    assert report is not None and report.scanned and report.turns == {2: 2}
    assert any(c.conf is not None for t in report.tables.values() for row in t.cells.values() for c in row.values())
    assert serial.report_of(json.loads(json.dumps(serial.report_data(report)))) == report


def test_folder_checked_twice_is_restored_not_read(tmp_path, capsys, monkeypatch, reads):
    made = make_folder(tmp_path / "r", bodies=2)
    first, _ = _json(capsys, str(tmp_path / "r"))
    assert _names(reads[0]) == _names(list(made))

    def no_reading(*a, **kw):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("read again")

    monkeypatch.setattr("gdchecker.check.read", no_reading)
    reads.clear()
    _, out, _ = _cli(capsys, str(tmp_path / "r"), "--quiet")
    assert reads == []  # nothing read: every report (and the corrupt file's failure) restored
    assert f"未变 {len(made)} 份" in out
    second, _ = _json(capsys, str(tmp_path / "r"))
    assert second == first  # the same findings, across years too, the same tables, the same failure
    assert any(f["code"] == "years.carried_over" for d in second for f in d.get("findings", ()))


def test_changed_added_and_deleted_files(tmp_path, capsys, reads):
    made = make_folder(tmp_path / "r", bodies=2)
    _cli(capsys, str(tmp_path / "r"), "--quiet", "--workers", "2")
    p23 = next(p for p in made if "第1局2023" in p)
    _rewrite(p23, "某县第1局")  # the same name, new content with errors
    gone = next(p for p in made if "第2局2022" in p)
    os.remove(gone)
    added = tmp_path / "r" / "2023" / "新报来的报告.pdf"
    shutil.copy(next(p for p in made if "档案馆" in p), added)  # a copy: its content is known already
    reads.clear()
    _, out, _ = _cli(capsys, str(tmp_path / "r"), "--quiet", "--workers", "2")
    assert [_names(r) for r in reads] == [{os.path.basename(p23)}]  # only the changed file read
    rel = os.path.relpath(p23, tmp_path / "r")
    lines = out.splitlines()
    head = next(line for line in lines if line.startswith("与上次检查"))
    assert "已修改 1 份" in head and "新增 1 份" in head and "已删除 1 份" in head and f"未变 {len(made) - 2} 份" in head
    changed = next(line for line in lines if line.startswith(f"  [已修改] {rel}"))
    assert "错误 0 → " in changed and "错误 0 → 0" not in changed
    assert f"  [新增] {os.path.join('2023', '新报来的报告.pdf')}" in lines
    assert f"  [已删除] {os.path.relpath(gone, tmp_path / 'r')}" in lines


def test_no_cache_reads_again_and_keeps(tmp_path, capsys, reads):
    made = make_folder(tmp_path / "r", bodies=1)
    first, _ = _json(capsys, str(tmp_path / "r"))
    reads.clear()
    again, _ = _json(capsys, str(tmp_path / "r"), "--no-cache")
    assert _names(reads[0]) == _names(list(made)) and again == first
    reads.clear()
    _json(capsys, str(tmp_path / "r"))
    assert reads == []


def test_single_file_restored(tmp_path, capsys, reads):
    path = tmp_path / "报告.docx"
    write_docx(str(path), "2021", 2023, "某市交通运输局", make_values("2021", seed=4))
    first, _ = _json(capsys, str(path))
    reads.clear()
    second, _ = _json(capsys, str(path))
    assert second == first and reads == []


def test_last_years_report_from_the_archive(tmp_path, capsys):
    """Last year's file checked once, then gone from the folder: this year's is still held against it."""
    made = make_folder(tmp_path / "r", bodies=2)
    first, _ = _json(capsys, str(tmp_path / "r"))
    p23 = next(p for p in made if "第2局2023" in p)
    shutil.rmtree(tmp_path / "r" / "2022")
    shutil.move(p23, tmp_path / p23.rsplit("/", 1)[-1])  # alone, in another folder
    alone, _ = _json(capsys, str(tmp_path / p23.rsplit("/", 1)[-1]))
    found = alone[0]["findings"]
    before = next(d for d in first if d["file"] == p23)["findings"]
    years = [f for f in found if f["code"].startswith("years.")]
    assert {(f["code"], f["cells"][0]["col"]) for f in years} == \
           {(f["code"], f["cells"][0]["col"]) for f in before if f["code"].startswith("years.")}
    assert years and all("上年报告（存档：某县第2局2022年报告." in f["message"] and "检查于 " in f["message"]
                         for f in years if f["code"] == "years.carried_over")
    others, _ = _json(capsys, str(tmp_path / "r"))  # 第1局 follows last year: nothing said, from the archive too
    one = next(d for d in others if "第1局2023" in d["file"])
    assert not any(f["code"].startswith("years.") for f in one["findings"])


def test_damaged_archive_moved_aside(tmp_path, capsys, reads, monkeypatch):
    where = tmp_path / "data" / "archive.sqlite3"
    where.parent.mkdir()
    where.write_bytes(b"this is not a database\n" * 100)
    monkeypatch.setenv(archive.ENV, str(where))
    made = make_folder(tmp_path / "r", bodies=1)
    first, err = _json(capsys, str(tmp_path / "r"))
    aside = [p.name for p in where.parent.iterdir() if ".broken-" in p.name]
    assert len(aside) == 1 and f"已改名保存为 {aside[0]}" in err
    assert (where.parent / aside[0]).read_bytes().startswith(b"this is not")
    assert len(first) == len(made)
    reads.clear()
    second, err = _json(capsys, str(tmp_path / "r"))
    assert reads == [] and second == first and "存档" not in err  # the new archive works


@contextmanager
def _held(*statements: str) -> Iterator[None]:
    """The archive held by another connection (another program) while the body runs."""
    holder = sqlite3.connect(os.environ[archive.ENV])
    for sql in statements:
        holder.execute(sql)
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


def test_locked_or_unwritable_archive_never_stops_the_check(tmp_path, capsys, reads, monkeypatch):
    made = make_folder(tmp_path / "r", bodies=1)
    first, _ = _json(capsys, str(tmp_path / "r"))
    monkeypatch.setattr(archive, "BUSY", 0.2)
    reads.clear()
    with _held("BEGIN EXCLUSIVE"):  # another program writing, for longer than we wait: reading goes on
        writing, err = _json(capsys, str(tmp_path / "r"))
    assert writing == first and reads == [] and "存档正被其他程序使用" in err
    assert "与上次检查" not in err and "首次检查" not in err  # nothing kept: no changes claimed
    reads.clear()
    with _held("PRAGMA locking_mode=EXCLUSIVE", "BEGIN EXCLUSIVE", "DELETE FROM runs"):  # the whole file held
        locked, err = _json(capsys, str(tmp_path / "r"))
    assert locked == first and "存档" in err and _names(reads[0]) == _names(list(made))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(archive.ENV, str(blocker / "archive.sqlite3"))
    plain, err = _json(capsys, str(tmp_path / "r"))
    assert plain == first and "本次检查不使用存档" in err
    monkeypatch.setenv(archive.ENV, "off")
    off, err = _json(capsys, str(tmp_path / "r"))
    assert off == first and "存档" not in err


def test_a_changed_format_file_reads_again(tmp_path, capsys, reads, monkeypatch):
    from gdchecker import formats

    path = tmp_path / "报告.pdf"
    write_pdf(str(path), "2021", 2023, "某市交通运输局", make_values("2021", seed=4))
    _json(capsys, str(path))
    extra = tmp_path / "formats"
    extra.mkdir()
    own = Path(formats.__file__).parent / "resources" / "formats" / "2021.json"
    data = json.loads(own.read_text(encoding="utf-8"))
    data["version"] = "2031"
    (extra / "2031.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv(formats.EXTRA_FOLDER, str(extra))
    formats.reload()
    try:
        reads.clear()
        _json(capsys, str(path))
        assert [_names(r) for r in reads] == [{"报告.pdf"}]
    finally:
        monkeypatch.delenv(formats.EXTRA_FOLDER)
        formats.reload()


def test_folder_view_shows_what_changed(qtbot, tmp_path):
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QSettings, Qt

    from gdchecker.gui.mainwindow import MainWindow

    made = make_folder(tmp_path / "r", bodies=1)
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)

    def check() -> tuple[dict[str, str], str]:
        view = w.open_folder(str(tmp_path / "r"))
        with qtbot.waitSignal(view.finished, timeout=120000):
            pass
        m = view.model
        assert m.headerData(8, Qt.Horizontal) == "与上次相比"
        return {m.data(m.index(i, 0)): m.data(m.index(i, 8)) for i in range(m.rowCount())}, view.state.text()

    first, _ = check()
    assert set(first.values()) == {""}
    p = next(p for p in made if "第1局2023" in p)
    _rewrite(p, "某县第1局")
    second, state = check()
    assert second[os.path.basename(p)].startswith("已修改（错误 0 → ")
    assert sum(v == "未变" for v in second.values()) == len(made) - 1
    assert "与上次相比" in state


def test_a_damaged_row_is_read_again(tmp_path, capsys, reads):
    made = make_folder(tmp_path / "r", bodies=1)
    first, _ = _json(capsys, str(tmp_path / "r"))
    one = next(p for p in made if "2022" in p)
    with sqlite3.connect(os.environ[archive.ENV]) as db:
        db.execute("UPDATE reports SET report = ? WHERE name = ?", (b"\x78\x9cnot zlib", os.path.basename(one)))
    db.close()
    reads.clear()
    again, _ = _json(capsys, str(tmp_path / "r"))
    assert again == first and [_names(r) for r in reads] == [{os.path.basename(one)}]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_hashing_never_waits_on_a_pipe(tmp_path):
    pipe = tmp_path / "报告.pdf"
    os.mkfifo(pipe)
    assert archive.digest(str(pipe)) is None  # returns at once: nothing to wait for
    (tmp_path / "a.txt").write_bytes(b"abc")
    assert archive.digest(str(tmp_path / "a.txt")) == \
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_progress_counts_restored_files(tmp_path):
    from gdchecker import recheck

    made = make_folder(tmp_path / "r", bodies=1)
    paths = batch.find_reports([str(tmp_path / "r")])
    store = archive.Archive.open()
    assert store is not None
    try:
        first = recheck.run(paths[:2], store)
        recheck.remember(first, [])
        seen: list[batch.Progress] = []
        again = recheck.run(paths, store, progress=seen.append)
    finally:
        store.close()
    assert again.restored == set(paths[:2]) and len(again.results) == len(made)
    assert [p.done for p in seen] == list(range(1, len(paths) + 1)) and {p.total for p in seen} == {len(paths)}
    assert seen[-1].remaining == 0


def test_stray_surrogate_kept_and_restored(tmp_path):
    from gdchecker.rules.years import agency_key

    path = tmp_path / "报告.txt"
    write_text(str(path), "2021", 2023, "某市交通运输局", make_values("2021", seed=8), style="tabs")
    res = check_file(str(path))
    assert res.report is not None
    res.report.text.append("半个字符\ud800在此")  # what a damaged file's decoding may leave
    store = archive.Archive.open()
    assert store is not None
    try:
        d = archive.digest(str(path))
        store.keep([archive.Entry(str(path), d, res.report, None, res.findings)], agency_key)
        back = store.lookup(d)
    finally:
        store.close()
    assert back is not None and back.report == res.report and back.name == "报告.txt"
