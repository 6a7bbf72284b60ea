"""Document + formats -> Report: sections, year, agency, and every table mapped to its keys."""

from __future__ import annotations

from gdchecker import formats
from gdchecker.locate import build, meta, regions
from gdchecker.locate.rows import Row, refine, to_row
from gdchecker.model import Report
from gdchecker.read.document import Document, Line


def _rows(lines: list[Line], span: tuple[int, int] | None) -> list[Row]:
    """The rows of a region, each with the label-only lines around it (wrapped labels)."""
    if span is None:
        return []
    rows: list[Row] = []
    loose: list[str] = []
    for i in range(span[0], span[1] + 1):
        r = to_row(i, lines[i])
        if r is None:
            t = lines[i].text.strip()
            if t:
                if rows:
                    rows[-1].post.append(t)
                loose.append(t)
            continue
        r.pre = loose
        loose = []
        rows.append(r)
    return rows


def locate(doc: Document) -> Report:
    raw = [ln.text for ln in doc.lines]
    lines = refine(doc.lines)
    report = Report(file=doc.path)
    report.prose = raw
    report.year, report.agency = meta.title_info(raw, doc.title)
    full = "\n".join(raw)
    report.period = meta.period(full)
    if report.year is None and report.period:
        report.year = report.period[0]
    report.sections = meta.sections(raw)
    reg = regions.find(lines)
    active_rows = _rows(lines, reg.active)
    active_text = "\n".join(lines[i].text for i in range(*reg.active)) if reg.active else ""
    appl_rows = _rows(lines, reg.applications)
    version, _ = formats.detect(active_text)
    if version is None and reg.applications:
        version, _ = formats.detect("\n".join(lines[i].text for i in range(reg.applications[0], reg.applications[1] + 1)))
    if version is None and report.year:
        f = formats.for_year(report.year)
        version = f.version if f else None
    fmt = formats.load(version or formats.versions()[-1])
    report.tables.update(build.active_tables(active_rows, fmt, report.reading))
    appl_lines = lines[reg.applications[0]:reg.applications[1] + 1] if reg.applications else []
    appl = build.applications(appl_rows, version, report.reading, [ln for ln in appl_lines if to_row(0, ln) is None])
    if appl is not None:
        report.tables["applications"] = appl
    rev_lines = lines[reg.review[0]:reg.review[1] + 1] if reg.review else []
    anchors = build.review_anchors([ln for ln in rev_lines if to_row(0, ln) is None])
    rev = build.review(_rows(lines, reg.review), report.reading, anchors)
    if rev is not None:
        report.tables["review_litigation"] = rev
    report.format_version = version or (appl.layout if appl else None)
    return report
