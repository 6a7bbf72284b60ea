"""PDFs from another producer: LibreOffice's export of Word and web-page reports (skipped where it is absent)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from gdchecker.locate import locate
from gdchecker.model import Severity
from gdchecker.read import read
from gdchecker.rules import check
from tests.makers import iter_cells, make_values, write_docx, write_html

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _to_pdf(src, outdir, html: bool = False):
    cmd = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{outdir}/profile"]
    if html:
        cmd.append("--infilter=HTML (StarWriter)")
    cmd += ["--convert-to", "pdf", "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    return outdir / (src.stem + ".pdf")


@pytest.mark.parametrize("version,year", [("2019", 2020), ("2021", 2022)])
@pytest.mark.parametrize("source", ["docx", "docx-no-merges", "html"])
def test_libreoffice_pdf(tmp_path, source, version, year):
    values = make_values(version, seed=5)
    if source == "html":
        src = tmp_path / "report.html"
        write_html(str(src), version, year, "某区卫生健康委员会", values)
    else:
        src = tmp_path / "report.docx"
        write_docx(str(src), version, year, "某区卫生健康委员会", values, merged_cells=source == "docx")
    pdf = _to_pdf(src, tmp_path, html=source == "html")
    report = locate(read(str(pdf)))
    wrong = [(t, r, c, v, report.tables[t].value(r, c) if t in report.tables else None)
             for t, r, c, v in iter_cells(values)
             if (report.tables[t].value(r, c) if t in report.tables else None) != v]
    assert wrong == []
    assert (report.year, report.agency, report.format_version) == (year, "某区卫生健康委员会", version)
    assert [f.message for f in check(report) if f.severity != Severity.INFO] == []
