"""Local changes to the official tables: an added 小计 column, a 小计 row, a number split in two by the source."""

from __future__ import annotations

from gdchecker.locate import locate
from gdchecker.read import read
from gdchecker.rules import check
from tests.makers import iter_cells, make_values, write_text


def _markdown(tmp_path, values):
    path = tmp_path / "r.md"
    write_text(str(path), "2021", 2022, "某局", values, style="markdown")
    return path, path.read_text(encoding="utf-8").splitlines()


def _wrong(report, values):
    return [(t, r, c) for t, r, c, v in iter_cells(values) if report.tables[t].value(r, c) != v]


def _is_appl_row(cells: list[str]) -> bool:
    return len(cells) == 12 and cells[4].strip().isdigit()


def test_added_subtotal_column_is_named_and_skipped(tmp_path):
    values = make_values("2021", seed=1)
    path, lines = _markdown(tmp_path, values)
    out = []
    for line in lines:
        cells = line.split("|")
        if "商业企业" in line:
            cells.insert(-2, " 小计 ")
        elif _is_appl_row(cells):
            legal = sum(int(x) for x in cells[5:10])
            cells.insert(-2, f" {legal} ")
        elif len(cells) == 12 and line.startswith("|") and "---" not in line:
            cells.insert(-2, "  ")
        out.append("|".join(cells))
    path.write_text("\n".join(out), encoding="utf-8")
    report = locate(read(str(path)))
    assert _wrong(report, values) == []
    codes = {f.code for f in check(report)}
    assert "structure.extra_column" in codes
    assert not any(c.endswith(("row_total", "column_total", "balance")) for c in codes)


def test_added_subtotal_row_is_named_and_does_not_shift(tmp_path):
    values = make_values("2021", seed=2)
    path, lines = _markdown(tmp_path, values)
    out = []
    for line in lines:
        out.append(line)
        if "8.属于行政查询事项" in line:
            out.append("| 小计 |  |  | 1 | 2 | 3 | 4 | 5 | 6 | 21 |")
    path.write_text("\n".join(out), encoding="utf-8")
    report = locate(read(str(path)))
    assert _wrong(report, values) == []
    findings = check(report)
    assert any(f.code == "structure.extra_row" and "小计" in f.message for f in findings)


def test_number_split_in_two_is_joined_by_the_row_total(tmp_path):
    values = make_values("2021", seed=3)
    row = values["applications"]["granted"]
    big = next(c for c in ("natural_person", "commercial") if row[c] >= 10)
    path, lines = _markdown(tmp_path, values)
    out = []
    for line in lines:
        if "（一）予以公开" in line:
            cells = line.split("|")
            i = 4 + ["natural_person", "commercial"].index(big)
            text = cells[i].strip()
            cells[i:i + 1] = [f" {text[:1]} ", f" {text[1:]} "]
            line = "|".join(cells)
        out.append(line)
    path.write_text("\n".join(out), encoding="utf-8")
    report = locate(read(str(path)))
    assert _wrong(report, values) == []
    assert any(f.code == "reading.digits_joined" for f in check(report))
