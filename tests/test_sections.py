"""The report's six parts, read from generated reports of three producers: found in order with their text; a
missing, misordered or empty part, a 2021 六 silent on fees charged, and text copied from last year's report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gdchecker.check import check_file
from gdchecker.locate.parts import find
from gdchecker.names import sections_of
from gdchecker.rules import check
from gdchecker.rules.context import Context, Previous
from gdchecker.rules.years import text_copied
from tests.makers import make_values
from tests.makers.docx import write_docx
from tests.makers.pdf import write_pdf
from tests.makers.text import write_text

AGENCY = "某市交通运输局"
WRITERS = {
    "txt": lambda p, v, y, vals, shape: write_text(p, v, y, AGENCY, vals, shape=shape),
    "md": lambda p, v, y, vals, shape: write_text(p, v, y, AGENCY, vals, style="markdown", shape=shape),
    "pdf": lambda p, v, y, vals, shape: write_pdf(p, v, y, AGENCY, vals, shape=shape),
    "docx": lambda p, v, y, vals, shape: write_docx(p, v, y, AGENCY, vals, shape=shape),
}


def _section(parts: list, number: str) -> tuple[int, int]:
    """The slice of the document's parts that is section `number`: its heading up to the next heading."""
    start = next(i for i, (k, t) in enumerate(parts) if k == "heading" and str(t).startswith(number + "、"))
    end = next((i for i in range(start + 1, len(parts)) if parts[i][0] == "heading"), len(parts))
    return start, end


def drop(number: str):  # noqa: ANN201 - a shape
    def shape(parts: list) -> list:
        a, b = _section(parts, number)
        return parts[:a] + parts[b:]
    return shape


def text_of(number: str, *paras: str):  # noqa: ANN201
    def shape(parts: list) -> list:
        a, b = _section(parts, number)
        return parts[:a + 1] + [("para", p) for p in paras] + parts[b:]
    return shape


def heading(number: str, new: str):  # noqa: ANN201
    def shape(parts: list) -> list:
        a, _ = _section(parts, number)
        return parts[:a] + [("heading", new)] + parts[a + 1:]
    return shape


def swap(x: str, y: str):  # noqa: ANN201
    def shape(parts: list) -> list:
        a, b = _section(parts, x)
        c, d = _section(parts, y)
        assert b == c
        return parts[:a] + parts[c:d] + parts[a:b] + parts[d:]
    return shape


def chain(*shapes):  # noqa: ANN001, ANN201
    def shape(parts: list) -> list:
        for s in shapes:
            parts = s(parts)
        return parts
    return shape


def checked(tmp_path: Path, kind: str = "txt", version: str = "2021", year: int = 2023, shape=None,  # noqa: ANN001
            name: str = "r", seed: int = 3):  # noqa: ANN201
    path = tmp_path / f"{name}.{kind}"
    WRITERS[kind](path, version, year, make_values(version, seed=seed), shape)
    res = check_file(str(path))
    assert res.error is None, res.error
    return res


def codes(res, prefix: str = "sections.") -> list[tuple[str, str | None]]:  # noqa: ANN001
    return sorted((f.code, f.section) for f in res.findings if f.code.startswith(prefix))


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.parametrize("version", ["2019", "2021"])
def test_clean_report_has_six_parts_in_order(tmp_path: Path, kind: str, version: str) -> None:
    res = checked(tmp_path, kind, version, 2020 if version == "2019" else 2023)
    parts = res.report.parts
    assert [p.number for p in parts] == ["一", "二", "三", "四", "五", "六"]
    assert "".join(parts[4].text).startswith(("2020年，", "2023年,", "2020年,", "2023年，"))
    assert ("二是政策解读形式较为单一" if version == "2019" else "答复文书的说理还需加强") in "".join(parts[4].text)
    assert not any("予以公开" in x for x in parts[4].text)  # no table row in 五's text
    assert codes(res) == []


@pytest.mark.parametrize("kind", ["txt", "pdf", "docx"])
def test_missing_part(tmp_path: Path, kind: str) -> None:
    res = checked(tmp_path, kind, shape=drop("五"))
    assert codes(res) == [("sections.missing", "五")]
    f = next(f for f in res.findings if f.code == "sections.missing")
    assert "第五部分“存在的主要问题及改进情况”" in f.message and f.severity.value == "warning"


def test_part_whose_tables_are_read_is_not_missing(tmp_path: Path) -> None:
    res = checked(tmp_path, shape=heading("二", "主动公开信息统计"))
    assert "applications" in res.report.tables and "active_20_1" in res.report.tables
    assert codes(res) == []


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_parts_out_of_order(tmp_path: Path, kind: str) -> None:
    res = checked(tmp_path, kind, shape=swap("五", "六"))
    assert codes(res) == [("sections.order", "五")]
    assert "第五部分“存在的主要问题及改进情况”排在第六部分“其他需要报告的事项”之后" in res.findings[
        [f.code for f in res.findings].index("sections.order")].message


@pytest.mark.parametrize("kind", ["txt", "pdf", "docx"])
def test_empty_parts(tmp_path: Path, kind: str) -> None:
    res = checked(tmp_path, kind, shape=chain(text_of("五"), text_of("一", "无。")))
    assert codes(res) == [("sections.empty", "一"), ("sections.empty", "五")]
    msgs = {f.section: f.message for f in res.findings if f.code == "sections.empty"}
    assert "没有内容" in msgs["五"] and "只写了“无。”" in msgs["一"]


def test_only_nothing_to_report_in_six_is_fine(tmp_path: Path) -> None:
    res = checked(tmp_path, version="2019", year=2020, shape=text_of("六", "无。"))
    assert codes(res) == []


def test_heading_variants_and_numbering(tmp_path: Path) -> None:
    shape = chain(heading("四", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
                  heading("五", "第五部分 政府信息公开工作存在的主要问题及整改措施"),
                  heading("六", "6. 其他需要报告的事项"))
    res = checked(tmp_path, shape=shape)
    assert [p.number for p in res.report.parts] == ["一", "二", "三", "四", "五", "六"]
    assert codes(res) == []


def test_heading_wording_on_its_own_and_loose_numbered(tmp_path: Path) -> None:
    shape = chain(heading("一", "总体情况"), heading("五", "五、问题与不足"))
    res = checked(tmp_path, shape=shape)
    assert [p.number for p in res.report.parts] == ["一", "二", "三", "四", "五", "六"]
    assert codes(res) == []


def test_table_of_contents_is_passed_over(tmp_path: Path) -> None:
    def contents(parts: list) -> list:
        toc = [("para", "目录")] + [("para", str(t)) for k, t in parts if k == "heading"]
        return parts[:2] + toc + parts[2:]

    res = checked(tmp_path, shape=contents)
    first = res.report.parts[0]
    assert "坚持以习近平新时代中国特色社会主义思想为指导" in "".join(first.text)
    assert codes(res) == []


def test_crawler_text_on_one_line(tmp_path: Path) -> None:
    """A crawler that joined the whole page into one line: the headings are found inside it."""
    src = tmp_path / "page.txt"
    write_text(src, "2021", 2023, AGENCY, make_values("2021", seed=3))
    lines = [x for x in src.read_text(encoding="utf-8").splitlines() if x.strip()]
    joined = tmp_path / "joined.txt"
    joined.write_text(" ".join(lines), encoding="utf-8")
    sections = sections_of(None)
    parts = find([" ".join(lines)], {0}, sections)
    assert [p.number for p in parts] == ["一", "二", "三", "四", "五", "六"]
    assert "答复文书的说理还需加强" in "".join(parts[4].text)
    assert "本年度未收取信息处理费" in "".join(parts[5].text)


def test_glued_headings_and_numbering_alone_on_a_line() -> None:
    lines = ["一、", "总体情况", "本年度我局扎实推进公开工作。", "四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况",
             "2023年，存在一些不足。", "六、其他需要报告的事项", "无。"]
    parts = find(lines, set(range(len(lines))), sections_of(None))
    assert [(p.number, p.line) for p in parts] == [("一", 0), ("四", 3), ("五", 3), ("六", 5)]
    assert parts[0].heading == "一、总体情况"
    assert parts[2].text == ["2023年,存在一些不足。"]
    assert parts[0].text == ["本年度我局扎实推进公开工作。"]


def test_subitems_and_sentences_are_no_headings() -> None:
    lines = ["一、总体情况", "（一）主动公开政府信息情况", "一是加强总体规划。", "三、收到和处理政府信息公开申请情况",
             "本报告包括总体情况、主动公开政府信息情况等六部分。"]
    parts = find(lines, set(range(len(lines))), sections_of(None))
    assert [p.number for p in parts] == ["一", "三"]


def test_lost_heading_found_by_its_first_subitem() -> None:
    lines = ["四、政府信息公开行政复议、行政诉讼情况", "（一）主要问题", "网站栏目有待调整。", "五、其他需要报告的事项", "无"]
    parts = find(lines, set(range(len(lines))), sections_of(None))
    assert [(p.number, p.heading) for p in parts] == [("四", "四、政府信息公开行政复议、行政诉讼情况"), ("五", ""),
                                                      ("六", "五、其他需要报告的事项")]


FEES = "（三）政府信息管理。本年度依申请公开中收取信息处理费1200元。"


def test_contact_and_signature_are_no_copying() -> None:
    """What every report says each year (how to reach the office, the signature's date) counts for nothing."""
    from gdchecker.similar import compare

    then = ["本单位网站网址为http://www.example.gov.cn/。", "联系电话：0523-86812345。", "地址：人民路88号。",
            "某市交通运输局2023年1月20日"]
    now = [t.replace("2023", "2024") for t in then]
    c = compare(now, then)
    assert (c.counted, c.repeated) == (0, 0)


def test_fees_charged_but_six_silent(tmp_path: Path) -> None:
    shape = chain(text_of("六", "本单位网站网址为 http://www.example.gov.cn/。"),
                  lambda parts: [(k, FEES) if k == "para" and str(t).startswith("（三）政府信息管理") else (k, t)
                                 for k, t in parts])
    res = checked(tmp_path, shape=shape)
    assert codes(res) == [("sections.fee_silent", "六")]
    assert "收取信息处理费1200元" in next(f.message for f in res.findings if f.code == "sections.fee_silent")
    res19 = checked(tmp_path, version="2019", year=2020, shape=shape, name="r19")  # the 2019 format asks nothing
    assert codes(res19) == []


@pytest.mark.parametrize("said", ["本年度未收取信息处理费。", "共收取信息处理费0元。", "本机关没有收取信息处理费。",
                                  "本年度免予收取信息处理费。", "本年度收取信息处理费0件。", "本年度收取信息处理费为零。",
                                  "本年度收取信息处理费：无。", "收取信息处理费情况：未收取。", "按规定收取信息处理费。",
                                  "本年度没有发生因申请公开而收取信息处理费的情况。", "共计收取信息处理费0.00元。"])
def test_fees_not_charged_need_no_mention(tmp_path: Path, said: str) -> None:
    shape = chain(text_of("六", "本单位网站网址为 http://www.example.gov.cn/。"),
                  text_of("五", f"2023年，我单位公开工作存在不足。{said}下一步将加强培训。"))
    assert codes(checked(tmp_path, shape=shape)) == []


# ---- text copied from last year ----

PROBLEMS = ["一是公开内容的深度和广度有待进一步拓展，部分栏目更新不够及时。",
            "二是政策解读形式较为单一，图解、视频等解读方式运用不多。",
            "三是工作人员业务能力有待提升，对《条例》理解不够深入。",
            "下一步，我局将加强业务培训，每年组织培训不少于2次，提升公开质量。"]
OTHER = ["一是部分基层单位对政务公开重视不够，工作推进不平衡。",
         "二是依申请公开答复的规范性仍需加强，个别答复说理不充分。",
         "三是政务新媒体运营能力不足，互动回应不够及时有效。",
         "下一步，将完善考核机制，压实各单位责任，推动公开工作提质增效。"]


GENERAL = {2022: "2022年，我局认真落实上级部署，围绕优化营商环境推进政务公开，全年召开专题会议三次，部署重点任务。",
           2023: "2023年，我局以数字政府建设为抓手，推动政策文件集中统一发布，开展政策解读进社区活动。"}


def pair(tmp_path: Path, now_text: list[str], then_text: list[str], kind: str = "txt"):  # noqa: ANN201
    """Last year's and this year's report of one body, 一 written anew, 五 as given."""
    last = checked(tmp_path, kind, year=2022, shape=chain(text_of("五", *then_text), text_of("一", GENERAL[2022])),
                   name="y2022", seed=4)
    this = checked(tmp_path, kind, year=2023, shape=chain(text_of("五", *now_text), text_of("一", GENERAL[2023])),
                   name="y2023", seed=5)
    return this, check(this.report, Context(Previous.of(last.report, "y2022")))


def test_the_same_overview_two_years_apart_is_copied(tmp_path: Path) -> None:
    """The generated reports say the same, figures apart, every second year: two years apart, 一 and 五 are found
    copied; from one year to the next nothing is."""
    old = checked(tmp_path, year=2021, name="y2021", seed=4)
    last = checked(tmp_path, year=2022, name="y2022", seed=4)
    this = checked(tmp_path, year=2023, name="y2023", seed=5)
    hits = text_copied(this.report, Previous.of(old.report, "y2021"))  # the rule itself asks for last year's
    assert [f.section for f in hits] == ["一", "五"]
    assert all("100% 相同" in f.message for f in hits)
    assert [f for f in check(this.report, Context(Previous.of(last.report, "y2022")))
            if f.code == "years.text_copied"] == []


@pytest.mark.parametrize("kind", ["txt", "pdf", "docx"])
def test_part_copied_with_new_figures(tmp_path: Path, kind: str) -> None:
    then = ["2022年，" + PROBLEMS[0]] + PROBLEMS[1:]
    now = ["2023年，" + PROBLEMS[0]] + PROBLEMS[1:3] + [PROBLEMS[3].replace("2次", "4次")]
    _, findings = pair(tmp_path, now, then, kind)
    hits = [f for f in findings if f.code == "years.text_copied"]
    assert [(f.section, f.severity.value) for f in hits] == [("五", "warning")]
    assert "第五部分“存在的主要问题及改进情况”与上年报告（y2022）100% 相同" in hits[0].message
    assert "4 句中有 4 句" in hits[0].message


def test_part_partly_copied_and_rewritten(tmp_path: Path) -> None:
    _, findings = pair(tmp_path, PROBLEMS[:3] + OTHER, PROBLEMS)  # 3 of 7 repeated: under half
    assert [f for f in findings if f.code == "years.text_copied"] == []
    _, findings = pair(tmp_path, PROBLEMS[:3] + OTHER[:2], PROBLEMS)  # 3 of 5
    hit = [f for f in findings if f.code == "years.text_copied"]
    assert len(hit) == 1 and "60% 相同" in hit[0].message and "5 句中有 3 句" in hit[0].message
    _, findings = pair(tmp_path, OTHER, PROBLEMS)
    assert [f for f in findings if f.code == "years.text_copied"] == []


def test_a_word_changed_is_still_copied(tmp_path: Path) -> None:
    now = [p.replace("有待进一步拓展", "仍需进一步拓展").replace("理解不够深入", "理解还不够深入") for p in PROBLEMS]
    _, findings = pair(tmp_path, now, PROBLEMS)
    assert [f.section for f in findings if f.code == "years.text_copied"] == ["五"]


def test_copied_through_the_command_line(tmp_path: Path) -> None:
    write_text(tmp_path / "y2022.txt", "2021", 2022, AGENCY, make_values("2021", seed=4),
               shape=text_of("五", *PROBLEMS))
    write_text(tmp_path / "y2023.txt", "2021", 2023, AGENCY, make_values("2021", seed=5),
               shape=text_of("五", *PROBLEMS))
    out = subprocess.run([sys.executable, "-m", "gdchecker", "check", str(tmp_path / "y2023.txt"), "--previous",
                          str(tmp_path / "y2022.txt")], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "第五部分“存在的主要问题及改进情况”与上年报告" in out.stdout, out.stdout + out.stderr
    folder = subprocess.run([sys.executable, "-m", "gdchecker", "check", str(tmp_path)], capture_output=True,
                            text=True, encoding="utf-8", timeout=180)
    assert folder.stdout.count("与上年报告") >= 1 and "100% 相同" in folder.stdout, folder.stdout + folder.stderr


# ---- what real reports do around the headings (each once a false or a missed finding) ----

def _parts(lines: list[str], prose: set[int] | None = None) -> list[tuple[str, str]]:
    parts = find(lines, set(range(len(lines))) if prose is None else prose, sections_of(None))
    return [(p.number, "".join(p.text)) for p in parts]


def test_contents_with_page_numbers_or_on_one_line_are_passed_over() -> None:
    body = ["一、总体情况", "本年度推进公开工作。", "五、存在的主要问题及改进情况", "存在不足。", "六、其他需要报告的事项", "无。"]
    toc = ["目录", "一、总体情况……………1", "二、主动公开政府信息情况 2", "三、收到和处理政府信息公开申请情况 3",
           "四、政府信息公开行政复议、行政诉讼情况……4", "五、存在的主要问题及改进情况……5", "六、其他需要报告的事项……6"]
    assert _parts(toc + body) == [("一", "本年度推进公开工作。"), ("五", "存在不足。"), ("六", "无。")]
    intro = ["本报告根据《条例》编制，全文包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理",
             "政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；",
             "六、其他需要报告的事项。"]
    assert _parts(intro + body) == [("一", "本年度推进公开工作。"), ("五", "存在不足。"), ("六", "无。")]
    assert _parts(["目录：一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况"] + body)[0] == \
        ("一", "本年度推进公开工作。")


def test_heading_wrapped_over_two_lines() -> None:
    lines = ["一、总", "体情况", "本年度推进公开工作。", "五、存在的主要", "问题及改进情况", "存在不足。"]
    parts = find(lines, set(range(len(lines))), sections_of(None))
    assert [(p.number, p.line, p.heading, p.text) for p in parts] == [
        ("一", 0, "一、总体情况", ["本年度推进公开工作。"]), ("五", 3, "五、存在的主要问题及改进情况", ["存在不足。"])]


def test_a_sentence_that_begins_with_a_heading_is_not_the_heading() -> None:
    lines = ["一、总体情况", "三、收到和处理政府信息公开申请情况详见下表。", "二、主动公开政府信息情况", "表二",
             "三、收到和处理政府信息公开申请情况", "表三"]
    assert [n for n, _ in _parts(lines)] == ["一", "二", "三"]


def test_numbering_alone_before_an_empty_part_leaves_it_empty() -> None:
    lines = ["五、存在的主要问题及改进情况", "六、", "其他需要报告的事项", "无。"]
    assert _parts(lines) == [("五", ""), ("六", "无。")]


def test_a_web_pages_footer_is_not_the_last_parts_text() -> None:
    lines = ["六、其他需要报告的事项", "无。", "【打印本页】【关闭窗口】", "主办单位：某市人民政府办公室", "版权所有 ICP备0000号"]
    assert _parts(lines) == [("六", "无。")]
    assert _parts(["六、其他需要报告的事项", "主办单位：某市人民政府办公室"]) == [("六", "")]


def test_lost_heading_whose_first_subitem_names_a_year() -> None:
    lines = ["四、政府信息公开行政复议、行政诉讼情况", "表四", "（一）2024年工作中存在问题的改进情况", "针对问题采取措施。",
             "六、其他需要报告的事项", "无。"]
    assert [n for n, _ in _parts(lines, {2, 3, 5})] == ["四", "五", "六"]
    row = ["四、政府信息公开行政复议、行政诉讼情况", "3.其他问题	22	0	0	16", "六、其他需要报告的事项"]
    assert [n for n, _ in _parts(row, set())] == ["四", "六"]  # a table's row is no sub-item


def test_parenthesised_numbering_of_a_heading_and_table_rows() -> None:
    lines = ["（五）存在的主要问题及改进情况", "存在不足。", "（一）主动公开政府信息情况", "3.补正后申请内容仍不明确8571106082"]
    assert _parts(lines) == [("五", "存在不足。(一)主动公开政府信息情况3.补正后申请内容仍不明确8571106082")]


def test_running_text_the_tables_took_counts_as_text() -> None:
    lines = ["二、主动公开政府信息情况", "规章	5	0	12", "一、总体情况", "2023年，本机关坚持以习近平新时代中国特色社会主义思想为指导。"]
    assert _parts(lines, {0, 2})[1] == ("一", "2023年,本机关坚持以习近平新时代中国特色社会主义思想为指导。")
