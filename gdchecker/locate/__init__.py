"""Document + formats -> Report: sections, year, agency, and every table mapped to its keys."""

from __future__ import annotations

from gdchecker import formats
from gdchecker.locate import active, applications, breaks, meta, parts, presence, regions, repeats, review
from gdchecker.locate.rows import Row, refine, to_row
from gdchecker.model import Report
from gdchecker.read.document import Document, Line


def _rows(lines: list[Line], span: tuple[int, int] | None) -> list[Row]:
    """The rows of a region, each with the label-only lines around it (wrapped labels)."""
    if span is None:
        return []
    rows: list[Row] = []
    loose: list[str] = []
    found = {i: to_row(i, lines[i]) for i in range(span[0], span[1] + 1)}
    empty: list[Row] = []
    for i in range(span[0], span[1] + 1):
        r = found[i]
        if r is None:
            t = lines[i].text.strip()
            if t:
                if rows:
                    rows[-1].post.append(t)
                loose.append(t)
                if _empty_row(lines[i], _nearest(found, i, -1), _nearest(found, i, 1)):
                    empty.append(Row(i, t, [], lines[i].page, True, lines[i].grid))
            continue
        r.pre = loose
        loose = []
        rows.append(r)
    return sorted(rows + empty, key=lambda r: r.index) if empty else rows


def _nearest(found: dict[int, Row | None], i: int, step: int) -> Row | None:
    """The nearest line of figures above (step -1) or below (step 1) on the same page."""
    j = i + step
    while j in found:
        if found[j] is not None:
            return found[j]
        j += step
    return None


def _empty_row(line: Line, above: Row | None, below: Row | None) -> bool:
    """A label alone on a line of an unruled PDF table may be a row whose cells are all blank: only where it cannot
    be part of the wrapped label of a row of figures printed without one beside it (the row matcher then takes
    it only for the row its own label names)."""
    return (line.geometric and line.grid is None and len(line.pieces) == 1
            and all(r is not None and r.label.strip() and r.page == line.page for r in (above, below)))


def _labels_only(lines: list[Line], span: tuple[int, int] | None, positions: bool = True) -> list[Line]:
    """The lines of a region that hold no figures: headers, wrapped labels (with positions only if trusted)."""
    if span is None:
        return []
    return [ln for ln in lines[span[0]:span[1] + 1]
            if _no_figures(to_row(0, ln)) and (positions or ln.geometric)]


def _no_figures(row: Row | None) -> bool:
    """A line without figures: not a row, or a row whose cells are all empty (a header line is one too)."""
    return row is None or row.all_blank


def _text(lines: list[Line], span: tuple[int, int] | None) -> str:
    return "\n".join(ln.text for ln in lines[span[0]:span[1] + 1]) if span else ""


def locate(doc: Document) -> Report:
    raw = [ln.text for ln in doc.lines]
    lines = refine(doc.lines)
    report = Report(file=doc.path, scanned=doc.ocr, turns=dict(doc.turns))
    if doc.converted_from:  # LibreOffice made the .docx read here: the user is told
        from gdchecker.read import convert

        report.reading.append(convert.note(doc.converted_from))
    report.text = ["\t".join(p.text for p in ln.pieces) if ln.grid else ln.text for ln in doc.lines]
    report.year, report.agency = meta.title_info(raw, doc.title)
    report.period = meta.period("\n".join(raw))
    if report.year is None and report.period:
        report.year = report.period[0]
    reg = regions.find(lines)
    # running text is what lies outside the tables (a PDF's table rows are plain lines too)
    in_tables = {lines[i].src for span in (reg.active, reg.applications, reg.review) if span
                 for i in range(span[0], span[1] + 1) if lines[i].grid != -1}
    prose = {i for i, ln in enumerate(doc.lines) if ln.grid is None and i not in in_tables}
    report.prose = [doc.lines[i].text for i in sorted(prose)]
    version, _ = formats.detect(_text(lines, reg.active))
    if version is None:
        version, _ = formats.detect(_text(lines, reg.applications))
    if version is None and report.year:
        f = formats.for_year(report.year)
        version = f.version if f else None
    fmt = formats.load(version or formats.versions()[-1])
    report.parts = parts.find(raw, prose, fmt.sections or formats.newest().sections)
    order = [s.number for s in formats.newest().sections]
    report.sections = sorted({p.number for p in report.parts}, key=lambda n: order.index(n) if n in order else 99)
    # header words place columns where the source keeps positions (PDF, Word and web tables, spaced text);
    # in tab or pipe text a lost cell shifts every field after it, so the header cannot be trusted there
    exact = doc.kind != "text"
    active_rows, appl_rows, review_rows = (_rows(lines, s) for s in (reg.active, reg.applications, reg.review))
    # rows a page break split in two (ruled on both pages): joined where the labels or the row totals say so
    active_rows = breaks.join_breaks(active_rows, [r for t in fmt.tables.values() if t.section == "二" for r in t.rows])
    appl_rows = breaks.join_breaks(appl_rows, applications.universe(), formats.row_check(fmt.version, applications.KEY))
    repeats.mark(active_rows + appl_rows + review_rows, raw)  # one-cell-a-line text that merged equal neighbours?
    report.tables.update(active.tables(active_rows, _labels_only(lines, reg.active, exact), fmt, report.reading,
                                       lines, reg.active[0] if reg.active else 0, trust=exact))
    appl = applications.table(appl_rows, version, report.reading,
                              _labels_only(lines, reg.applications), trust_positions=exact)
    if appl is not None:
        report.tables[applications.KEY] = appl
    rev = review.table(review_rows, report.reading, review.anchors(_labels_only(lines, reg.review)), fmt)
    if rev is not None:
        report.tables[review.KEY] = rev
    report.format_version = version or (appl.format_version if appl else None)
    spans = {k: reg.review if k == review.KEY else reg.applications if k == applications.KEY else reg.active
             for k in fmt.tables}
    presence.note_unread(report, fmt, {k: lines[s[0]:s[1] + 1] for k, s in spans.items() if s})
    return report
