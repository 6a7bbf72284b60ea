"""Document + formats -> Report: sections, year, agency, and every table mapped to its keys."""

from __future__ import annotations

from gdchecker import formats
from gdchecker.locate import active, applications, meta, regions, review
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


def _labels_only(lines: list[Line], span: tuple[int, int] | None, positions: bool = True) -> list[Line]:
    """The lines of a region that hold no figures: headers, wrapped labels (with positions only if trusted)."""
    if span is None:
        return []
    return [ln for ln in lines[span[0]:span[1] + 1]
            if to_row(0, ln) is None and (positions or ln.geometric)]


def _text(lines: list[Line], span: tuple[int, int] | None) -> str:
    return "\n".join(ln.text for ln in lines[span[0]:span[1] + 1]) if span else ""


def locate(doc: Document) -> Report:
    raw = [ln.text for ln in doc.lines]
    lines = refine(doc.lines)
    report = Report(file=doc.path)
    report.text = ["\t".join(p.text for p in ln.pieces) if ln.grid else ln.text for ln in doc.lines]
    report.year, report.agency = meta.title_info(raw, doc.title)
    report.period = meta.period("\n".join(raw))
    if report.year is None and report.period:
        report.year = report.period[0]
    report.sections = meta.sections(raw)
    reg = regions.find(lines)
    # running text is what lies outside the tables (a PDF's table rows are plain lines too)
    in_tables = {lines[i].src for span in (reg.active, reg.applications, reg.review) if span
                 for i in range(span[0], span[1] + 1) if lines[i].grid != -1}
    report.prose = [ln.text for i, ln in enumerate(doc.lines) if ln.grid is None and i not in in_tables]
    version, _ = formats.detect(_text(lines, reg.active))
    if version is None:
        version, _ = formats.detect(_text(lines, reg.applications))
    if version is None and report.year:
        f = formats.for_year(report.year)
        version = f.version if f else None
    fmt = formats.load(version or formats.versions()[-1])
    # header words place columns where the source keeps positions (PDF, Word and web tables, spaced text);
    # in tab or pipe text a lost cell shifts every field after it, so the header cannot be trusted there
    exact = doc.kind != "text"
    report.tables.update(active.tables(_rows(lines, reg.active), _labels_only(lines, reg.active, exact), fmt,
                                       report.reading))
    appl = applications.table(_rows(lines, reg.applications), version, report.reading,
                              _labels_only(lines, reg.applications), trust_positions=exact)
    if appl is not None:
        report.tables["applications"] = appl
    rev = review.table(_rows(lines, reg.review), report.reading, review.anchors(_labels_only(lines, reg.review)))
    if rev is not None:
        report.tables["review_litigation"] = rev
    report.format_version = version or (appl.layout if appl else None)
    return report
