"""The one table of input kinds, and what is derived from it: the folder walk, the Open dialog's filter, the help."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdchecker import batch, inputs

IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
ALL = (".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".xlsx", *IMAGES, ".doc", ".wps", ".odt", ".rtf")


def test_every_kind_once_with_a_reader_and_a_chinese_name() -> None:
    assert inputs.suffixes() == ALL
    assert len(set(inputs.suffixes())) == len(inputs.suffixes())
    assert inputs.suffixes(convert=False) == ALL[:12]
    for k in inputs.KINDS:
        assert k.reader in ("pdf", "docx", "html", "text", "xlsx", "image")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in k.name)
        assert all(s.startswith(".") and s == s.lower() for s in k.suffixes)
    assert {s for k in inputs.KINDS if k.convert for s in k.suffixes} == {".doc", ".wps", ".odt", ".rtf"}
    assert {s for k in inputs.KINDS if k.ocr for s in k.suffixes} == set(IMAGES)


def test_kind_of_a_name() -> None:
    kind = inputs.kind_of("某局2023年报告.DOC")
    assert kind is not None and kind.convert and kind.reader == "docx"
    html = inputs.kind_of("a/b.htm")
    assert html is not None and html.name == "网页"
    assert inputs.kind_of("x.gif") is None and inputs.kind_of("README") is None
    picture = inputs.kind_of("第1页.JPG")
    assert picture is not None and picture.ocr and picture.name == "扫描图片"


def test_the_folder_walk_takes_every_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert batch.SUFFIXES == inputs.suffixes()
    for s in ALL + (".gif", ".zip"):
        (tmp_path / f"报告{s}").write_bytes(b"x")
    monkeypatch.setattr(batch, "_ocr_available", lambda: True)
    assert sorted(Path(p).suffix for p in batch.find_reports([str(tmp_path)])) == sorted(ALL)


def test_without_ocr_a_folder_s_pictures_are_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for s in (".pdf", *IMAGES):
        (tmp_path / f"报告{s}").write_bytes(b"x")
    monkeypatch.setattr(batch, "_ocr_available", lambda: False)
    found = batch.scan([str(tmp_path)])
    assert [Path(p).suffix for p in found.reports] == [".pdf"]
    assert sorted(Path(p).suffix for p, _ in found.skipped) == sorted(IMAGES)
    assert all("OCR" in why for _, why in found.skipped)
    named = batch.scan([str(tmp_path / "报告.png")])  # named, it is read, and says why it cannot be
    assert [Path(p).suffix for p in named.reports] == [".png"]


def test_the_open_dialog_filter() -> None:
    f = inputs.dialog_filter()
    parts = f.split(";;")
    assert parts[0] == "年度报告 (" + " ".join(f"*{s}" for s in ALL) + ")"
    assert "PDF 文件 (*.pdf)" in parts and "网页 (*.html *.htm)" in parts and "旧版 Word/WPS 文档 (*.doc *.wps)" in parts
    assert parts[-1] == "所有文件 (*)"
    assert len(parts) == len(inputs.KINDS) + 2
    for p in parts:  # Qt's form: a name, then the patterns in brackets
        name, _, patterns = p.partition(" (")
        assert name and patterns.endswith(")") and all(x.startswith("*") for x in patterns[:-1].split())


def test_the_sentence_names_every_kind() -> None:
    s = inputs.kinds_sentence()
    for suffix in ALL[1:]:  # PDF is called PDF
        assert suffix in s, suffix
    assert s.startswith("支持 PDF、")
    assert "LibreOffice" in s and "另存为 .docx 或 PDF" in s and s.endswith("。")
    assert "和Excel" not in s and "和 Excel" in s  # a space between Chinese and Latin, as everywhere


def test_the_help_texts_use_it(capsys: pytest.CaptureFixture[str]) -> None:
    from gdchecker.cli import main
    from gdchecker.gui import helptext

    assert inputs.kinds_sentence() in helptext.USAGE
    for words in ("文件夹检查", "导出 Excel", "上年数据"):
        assert words in helptext.USAGE, words
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = capsys.readouterr().out
    assert all(s in text for s in ALL[1:]) and "PDF" in text
    assert "".join(text.split()).count("".join(inputs.kinds_sentence().split())) == 1


def test_the_readme_lists_every_kind():
    from pathlib import Path

    from gdchecker import inputs

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("## What it reads", 1)[1].split("\n## ", 1)[0]
    for kind in inputs.KINDS:
        assert kind.name in table
        for suffix in kind.suffixes:
            assert f"`{suffix}`" in table
