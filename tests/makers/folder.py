"""A generated folder of reports for batch tests and the batch benchmark: producers, formats, years, breakages."""

from __future__ import annotations

import copy
from pathlib import Path

from tests.makers import make_values, write_docx, write_html, write_pdf, write_text

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")


def follow(prev: dict, cur: dict) -> dict:
    """This year's values made consistent with last year's: 上年结转 = 上年结转下年度, 现行有效 carried forward."""
    cur = copy.deepcopy(cur)
    a, p = cur["applications"], prev["applications"]
    for c in APPLICANTS:
        d = p["carry_forward"][c] - a["carried_over"][c]
        a["carried_over"][c] += d
        if d > 0:
            a["carry_forward"][c] += d
        else:
            a["new_received"][c] -= d
    for row in ("new_received", "carried_over", "carry_forward"):
        a[row]["total"] = sum(a[row][c] for c in APPLICANTS)
    if "in_force" in cur["active_20_1"]["regulation"]:
        for row in ("regulation", "normative"):
            r = cur["active_20_1"][row]
            r["repealed"] = min(r["repealed"], prev["active_20_1"][row]["in_force"])
            r["in_force"] = prev["active_20_1"][row]["in_force"] + r["issued"] - r["repealed"]
    return cur


def make_folder(root: Path, bodies: int = 3) -> dict[str, dict]:
    """Reports of several bodies over 2022–2023 (2021 format) and one 2020 (2019 format), by several producers,
    one 2023 report with a broken carry-over, one copied from last year, and a corrupt file. Returns name -> values."""
    made: dict[str, dict] = {}
    writers = [(write_pdf, "pdf", {}), (write_docx, "docx", {}), (write_html, "html", {}),
               (write_text, "txt", {"style": "tabs"})]
    for b in range(bodies):
        agency = f"某县第{b + 1}局"
        v22 = make_values("2021", seed=100 + b)
        v23 = follow(v22, make_values("2021", seed=200 + b))
        if b == 1:  # the carry-over does not follow last year in one column
            v23["applications"]["carried_over"]["natural_person"] += 2
            v23["applications"]["carry_forward"]["natural_person"] += 2
            v23["applications"]["carried_over"]["total"] += 2
            v23["applications"]["carry_forward"]["total"] += 2
        if b == 2:  # copied from last year
            v23 = copy.deepcopy(v22)
        for year, values in ((2022, v22), (2023, v23)):
            writer, ext, kw = writers[(b + year) % len(writers)]
            sub = root / f"{year}"
            sub.mkdir(parents=True, exist_ok=True)
            path = sub / f"{agency}{year}年报告.{ext}"
            writer(str(path), "2021", year, agency, values, **kw)
            made[str(path)] = values
    old = root / "2020" / "某县档案馆2020年报告.pdf"
    old.parent.mkdir(exist_ok=True)
    v19 = make_values("2019", seed=7)
    write_pdf(str(old), "2019", 2020, "某县档案馆", v19)
    made[str(old)] = v19
    bad = root / "2023" / "损坏的报告.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer")
    made[str(bad)] = {}
    return made
