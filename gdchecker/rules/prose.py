"""Prose against tables: every figure the text gives for applications and cases must match the table cells."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from gdchecker import formats
from gdchecker.model import CellRef, Finding, Report, Severity, Table
from gdchecker.names import fmt, place, row_name, table_name
from gdchecker.rules import rule
from gdchecker.rules.context import NONE, Context
from gdchecker.textnorm import nfkc

_GAP = r"[^，,、。；;：:\d]{0,%d}?"


@dataclass(frozen=True)
class Mention:
    """A figure the running text gives and the table cells it must equal."""

    what: str  # Chinese description used in the message
    patterns: tuple[str, ...]
    cells: tuple[tuple[str, str, str], ...]  # summed
    alt: tuple[tuple[str, str, str], ...] = ()  # also accepted: this sum (e.g. 受理 = 新收 + 上年结转)
    needs: tuple[str, ...] = ()  # words every pattern holds one of: a sentence without any is not searched


A = "applications"
R = "review_litigation"


def _group(prefix: str) -> tuple[tuple[str, str, str], ...]:
    """The 总计 cells of every row of an outcome group (（三）不予公开 = all denied.* rows)."""
    rows: list[str] = []
    for v in formats.versions():
        for r in formats.load(v).tables[A].rows:
            if (r.key == prefix or r.key.startswith(prefix + ".")) and r.key not in rows:
                rows.append(r.key)
    return tuple((A, r, "total") for r in rows)


_OUTCOME = _GAP % 6
MENTIONS = (
    Mention("收到申请数", (r"(?:新收|收到|受理)" + _GAP % 16 + r"申请" + _GAP % 4 + r"(\d(?:[\d,]*\d)?)\s*件",
                        r"(?:新收|收到|受理)(?:各类)?(\d(?:[\d,]*\d)?)\s*件" + _GAP % 8 + r"申请"),
            ((A, "new_received", "total"),), ((A, "new_received", "total"), (A, "carried_over", "total")),
            needs=("新收", "收到", "受理")),
    Mention("上年结转数", (r"上(?:一)?年(?:度)?结转" + _GAP % 12 + r"(\d(?:[\d,]*\d)?)\s*件",),
            ((A, "carried_over", "total"),), needs=("结转",)),
    Mention("办结数", (r"(?<!公开)(?:办结|办理完毕|办理完成|完成办理)" + _GAP % 10 + r"(\d(?:[\d,]*\d)?)\s*件",),
            ((A, "total", "total"),), needs=("办结", "办理完毕", "办理完成", "完成办理")),
    Mention("结转下年度数", (r"结转(?:至|到)?下(?:一)?年度?" + _GAP % 10 + r"(\d(?:[\d,]*\d)?)\s*件",
                          r"(\d(?:[\d,]*\d)?)\s*件" + _GAP % 6 + r"结转(?:至|到)?下(?:一)?年"),
            ((A, "carry_forward", "total"),), needs=("结转",)),
    Mention("予以公开数", (r"(?<!不)(?:予以公开|同意公开)(?![及和、与]部分)" + _OUTCOME + r"(\d(?:[\d,]*\d)?)\s*件",), ((A, "granted", "total"),),
            needs=("予以公开", "同意公开")),
    Mention("予以公开及部分公开数", (r"予以公开(?:及|和|、)部分公开" + _OUTCOME + r"(\d(?:[\d,]*\d)?)\s*件",),
            ((A, "granted", "total"), (A, "partial", "total")), needs=("予以公开",)),
    Mention("部分公开数", (r"(?<![及和、])部分公开" + _OUTCOME + r"(\d(?:[\d,]*\d)?)\s*件",), ((A, "partial", "total"),),
            needs=("部分公开",)),
    Mention("不予公开数", (r"不予公开" + _OUTCOME + r"(\d(?:[\d,]*\d)?)\s*件",), _group("denied"), needs=("不予公开",)),
    Mention("无法提供数", (r"无法提供" + _OUTCOME + r"(\d(?:[\d,]*\d)?)\s*件",), _group("unable"), needs=("无法提供",)),
    Mention("不予处理数", (r"不予处理" + _OUTCOME + r"(\d(?:[\d,]*\d)?)\s*件",), _group("not_processed"), needs=("不予处理",)),
    Mention("其他处理数", (r"其他处理" + _OUTCOME + r"(\d(?:[\d,]*\d)?)\s*件",), _group("other"), needs=("其他处理",)),
    Mention("行政复议数", (r"行政复议" + _GAP % 8 + r"(\d(?:[\d,]*\d)?)\s*件", r"(\d(?:[\d,]*\d)?)\s*(?:件|起)" + _GAP % 6 + r"行政复议"),
            ((R, "count", "review.total"),), needs=("行政复议",)),
    Mention("行政诉讼数", (r"行政诉讼" + _GAP % 8 + r"(\d(?:[\d,]*\d)?)\s*件", r"(\d(?:[\d,]*\d)?)\s*(?:件|起)" + _GAP % 6 + r"行政诉讼"),
            ((R, "count", "suit_direct.total"), (R, "count", "suit_after_review.total")), needs=("行政诉讼",)),
)


def _total(report: Report, cells: tuple[tuple[str, str, str], ...]) -> int | float | None:
    s = 0
    found = False
    for t, r, c in cells:
        table = report.tables.get(t)
        if table is None:
            return None
        if r not in table.cells:
            if len(cells) > 2:
                continue  # a group (不予公开 …): rows of the other format's layout are simply absent
            return None
        v = table.value(r, c)
        if v is None:
            return None
        s += v
        found = True
    return s if found else None


def _has(report: Report, c: tuple[str, str, str]) -> bool:
    t = report.tables.get(c[0])
    return t is not None and c[1] in t.cells


def _where(report: Report, refs: tuple[CellRef, ...]) -> str:
    """One cell by its place; several by what they add up to (表三“（三）不予公开”各项的总计之和)."""
    if len(refs) == 1:
        return place(report, refs[0])
    if refs[0].table == R:
        return "表四“行政诉讼”（未经复议直接起诉与复议后起诉）的总计之和"
    headings = set()
    for r in refs:
        spec = formats.row_spec(A, r.row)
        headings.add(spec.heading if spec and spec.heading else row_name(report, r.table, r.row))
    return "表三" + "、".join(f"“{h}”" for h in sorted(headings)) + ("各项" if len(headings) == 1 else "") + "的总计之和"


def _sentences(prose: Sequence[str]) -> Iterator[str]:
    for line in prose:
        for s in re.split(r"[。；;！？\n]", nfkc(line)):
            if s.strip():
                yield re.sub(r"\s+", "", s)


_DIGIT = re.compile(r"\d")  # every mention gives its figure in digits
_PATTERNS: dict[Mention, tuple[re.Pattern[str], ...]] = {}  # compiled when a sentence first has the words


def _patterns(m: Mention) -> tuple[re.Pattern[str], ...]:
    got = _PATTERNS.get(m)
    if got is None:
        got = _PATTERNS[m] = tuple(re.compile(p) for p in m.patterns)
    return got


@lru_cache(maxsize=2)
def _mentioned(prose: tuple[str, ...]) -> tuple[tuple[str, tuple[tuple[Mention, re.Match[str]], ...]], ...]:
    """Each sentence of the running text with the figures it gives, mention by mention in the order of MENTIONS
    (the text is the same when a repair's figures are checked again: read once)."""
    out = []
    for sentence in _sentences(prose):
        if "复议" in sentence and "诉讼" in sentence and "申请" in sentence and "件" not in sentence:
            continue
        if not _DIGIT.search(sentence):
            continue
        hits = tuple((m, hit) for m in MENTIONS if not m.needs or any(w in sentence for w in m.needs)
                     for pat in _patterns(m) for hit in pat.finditer(sentence) if not _about_cases(m, sentence, hit))
        if hits:
            out.append((sentence, hits))
    return tuple(out)


@rule("text_vs_table", "正文与表格一致", ("text.table_mismatch", "text.percent_mismatch"))
def text_vs_table(report: Report, context: Context = NONE) -> Iterator[Finding]:
    """正文中的申请数、上年结转数、办结数、结转下年度数、各类办理结果件数及其百分比、行政复议和行政诉讼件数，
    每一处都与表格对应单元格比对。"""
    wrong: dict[str, tuple[Mention, int | float, list[tuple[int, str]]]] = {}
    percents: set[tuple[str, float]] = set()
    for sentence, hits in _mentioned(tuple(report.prose)):
        for m, hit in hits:
            n = int(hit.group(1).replace(",", ""))
            for f in _percent(report, m, sentence, hit):
                if (m.what, f.actual) not in percents:  # the same share written twice: one finding
                    percents.add((m.what, f.actual))  # type: ignore[arg-type]
                    yield f
            want = _total(report, m.cells)
            if want is None or n == want or (m.alt and n == _total(report, m.alt)):
                continue
            said = wrong.setdefault(m.what, (m, want, []))[2]
            if n not in {k for k, _ in said}:
                said.append((n, hit.group(0)))
    for what, (m, want, said) in wrong.items():  # one finding a figure, however often the text gives it
        refs = tuple(CellRef(*c) for c in m.cells if _has(report, c))
        told = "、".join(f"{n} 件（“{text}”）" for n, text in said)
        yield Finding("text.table_mismatch", Severity.WARNING, f"正文写{what}为 {told}，而{_where(report, refs)}为 {fmt(want)}",
                      refs[0].table, refs, expected=want, actual=said[0][0])


def _about_cases(m: Mention, sentence: str, hit: re.Match) -> bool:
    """“收到行政复议申请29件”, “办结行政复议案件25件”: about review cases, not information requests;
    “行政复议案件办结25件”: a part of the cases, not their number."""
    text = hit.group(0)
    if m.cells[0][0] == A and ("复议" in text or "诉讼" in text):
        return True
    if m.cells[0][0] == R:
        before = sentence[max(0, hit.start() - 6):hit.start()] + text
        return any(w in before for w in ("办结", "审结", "结案", "纠正", "维持", "败诉", "胜诉", "撤回"))
    return False


def _percent(report: Report, m: Mention, sentence: str, hit: re.Match) -> Iterator[Finding]:
    """“予以公开 208 件（17.46%）”: the share must be the count over the year's （七）总计."""
    after = sentence[hit.end():hit.end() + 12]
    pm = re.match(r"[(（]?\s*(?:占)?(\d+(?:\.\d+)?)\s*%", after)
    total = _total(report, ((A, "total", "total"),))
    if not pm or not total:
        return
    share = float(pm.group(1))
    digits = len(pm.group(1).split(".")[1]) if "." in pm.group(1) else 0
    want = round(int(hit.group(1).replace(",", "")) / total * 100, digits)
    if abs(share - want) > 10 ** -digits + 1e-9:
        refs = tuple(CellRef(*c) for c in m.cells) + (CellRef(A, "total", "total"),)
        yield Finding("text.percent_mismatch", Severity.WARNING,
                      f"正文写{m.what} {hit.group(1)} 件占 {pm.group(1)}%，按表三（七）总计 {fmt(total)} 计算应为 {want}%",
                      A, refs, expected=want, actual=share)


@rule("plausibility", "合理性", ("plausibility.below", "plausibility.orphan_column"))
def plausibility(report: Report, context: Context = NONE) -> Iterator[Finding]:
    """2019 格式：对外公开总数量不应小于本年新公开数量；2021 格式：现行有效件数不应小于本年制发件数；
    表三某一列本年新收和上年结转都为 0，却有其他非 0 数字。"""
    for t in report.tables.values():
        fmt_spec = formats.format_of(report, t.key)
        for p in fmt_spec.plausibility:
            if p.table != t.key:
                continue
            for r, row in t.cells.items():
                g, lsr = row.get(p.greater), row.get(p.lesser)
                if g and lsr and g.value is not None and lsr.value is not None and g.value < lsr.value:
                    ref, ref2 = CellRef(t.key, r, p.greater), CellRef(t.key, r, p.lesser)
                    yield Finding("plausibility.below", Severity.WARNING,
                                  f"{place(report, ref)}为 {fmt(g.value)}，小于{place(report, ref2).split(' · ')[-1]} {fmt(lsr.value)}，请核对",
                                  t.key, (ref, ref2))
    # a column with nothing coming in (the left side of a balance: 新收, 上年结转) has nothing to be done either
    for t in report.tables.values():
        for rel in formats.format_of(report, t.key).relations_of(t.key):
            if rel.kind == "balance":
                yield from _orphans(report, t, rel)


def _short(report: Report, table: str, row: str) -> str:
    spec = formats.table_spec(report, table)
    r = spec.row(row) if spec else None
    return (r.short if r and r.short else None) or row_name(report, table, row)


def _orphans(report: Report, t: Table, rel: formats.Relation) -> Iterator[Finding]:
    cols = {c for row in t.cells.values() for c in row}
    incoming = set(rel.left)
    for c in sorted(cols):
        if any(t.value(r, c) != 0 for r in rel.left):
            continue
        nonzero = [r for r, row in t.cells.items() if r not in incoming
                   and row.get(c) is not None and row[c].value not in (None, 0)]
        if nonzero:
            refs = tuple(CellRef(t.key, r, c) for r in nonzero)
            left = "和".join(_short(report, t.key, r) for r in rel.left)
            yield Finding("plausibility.orphan_column", Severity.WARNING,
                          f"{table_name(t.key)}“{place(report, refs[0]).split(' · ')[-1]}”列{left}都为 0，"
                          f"却有 {len(nonzero)} 个非 0 数字，请核对",
                          t.key, refs)
