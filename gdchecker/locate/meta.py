"""The report's year, agency and statistics period, from its title and text."""

from __future__ import annotations

import re

from gdchecker.textnorm import LazyPattern, is_cjk, nfkc

_TITLE = re.compile(r"(?P<before>.{0,40}?)(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?P<after>.{0,30}?)政府信息公开(?:工作)?\s*(?:年度)?\s*报告")
_TITLE_MIDDLE = LazyPattern(r"(?P<before>.{0,40}?)政府信息公开(?:工作)?\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:工作)?\s*(?:年度)?\s*报告")
_TITLE_AFTER = LazyPattern(r"(?P<before>.{0,40}?)政府信息公开(?:工作)?\s*年度?\s*报告\s*[(（]\s*(?P<year>(?:19|20)\d{2})\s*年?\s*度?\s*[)）]")
_PERIOD = re.compile(
    r"统计(?:期限|周期|时限|区间|时间)[^0-9]{0,12}?(?P<y1>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
    r"[^0-9]{0,6}?(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日"
)
_AGENCY_END = LazyPattern(r"(?:局|委员会|委|办公室|办|厅|政府|院|室|会|区|县|市|镇|乡|街道|中心|馆|所|部|处|署|站|队|社|行|司|署)$")
_AGENCY_JUNK = re.compile(r"^[#\s*\-—【\[（(]+|[\s*】\]）)]+$")


def _clean_agency(s: str) -> str | None:
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"^(?:标题|题目|关于)", "", _AGENCY_JUNK.sub("", s))
    s = re.sub(r"(?:关于|的)$", "", s.strip(" ：:·-—_#*"))
    if not s or len(s) > 40 or re.search(r"[，。；！？]", s):
        return None
    return s


_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")


def _cn_year(text: str) -> str:
    """二〇二二年 -> 2022年 (titles sometimes spell the year in Chinese numerals)."""
    return re.sub(r"[〇零○一二三四五六七八九]{4}(?=\s*年)", lambda m: m.group(0).translate(_CN_DIGITS), text)


def title_info(lines: list[str], declared: str | None) -> tuple[int | None, str | None]:
    head = [x for x in lines[:60] if x and x.strip()]
    joined = [head[i] + head[i + 1] for i in range(len(head) - 1)]
    cands = ([declared] if declared else []) + head + joined
    for i, raw in enumerate(cands):
        if raw is None:
            continue
        t = _cn_year(nfkc(raw)).strip()
        m = _TITLE.search(t) or _TITLE_AFTER.search(t) or _TITLE_MIDDLE.search(t)
        if not m or len(t) > 120 or re.match(r"(?:及)?(?:以前|之前|以后|之后|以来)", m.groupdict().get("after") or ""):
            continue  # "2019年以前政府信息公开年度报告": a site's list of older reports, not this report's title
        year = int(m.group("year"))
        agency = _clean_agency(m.group("before")) or _clean_agency(m.groupdict().get("after") or "")
        if agency is None and i > 0:
            # the agency on its own line above a title line that starts with the year
            for prev in reversed(cands[max(0, i - 3):i]):
                if prev and prev.strip():
                    a = _clean_agency(nfkc(prev))
                    agency = a if a and _AGENCY_END.search(a) and not re.search(r"[>:/|]|首页|位置", a) else None
                    break
        return year, _government(agency)
    return None, None


def _government(agency: str | None) -> str | None:
    """A title naming only the place ("三明市2020年…报告") is the report of that place's 人民政府."""
    if agency and 2 <= len(agency) <= 5 and agency[-1] in "省市县区旗" and all(is_cjk(c) for c in agency[:-1]):
        return agency + "人民政府"
    return agency


def period(text: str) -> tuple[int, int] | None:
    m = _PERIOD.search(re.sub(r"\s+", " ", nfkc(text)))
    if not m:
        return None
    y1 = int(m.group("y1"))
    return y1, int(m.group("y2") or y1)
