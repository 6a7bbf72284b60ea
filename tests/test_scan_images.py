"""Pictures of report pages (PNG, JPEG, TIFF; a multi-page TIFF several pages) read by OCR as a scanned PDF;
pictures that are not reports and hostile pictures end in a Chinese message, never a traceback. Without the extra a
picture is not_report (tests/test_bad_input.py)."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import pytest

import gdchecker.ocr
from gdchecker.check import check_file
from gdchecker.model import Severity
from tests.makers import make_values, write_pdf
from tests.makers.scan import scan_pages

if not gdchecker.ocr.available():
    pytest.skip("OCR extra not installed (pip install -e '.[ocr]')", allow_module_level=True)

AGENCY = "某市交通运输局"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("pictures")
    write_pdf(d / "report.pdf", "2021", 2023, AGENCY, make_values("2021", seed=6))
    return d / "report.pdf"


def _chinese(message: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in message) and "Traceback" not in message


def test_a_multi_page_tiff_is_read_as_the_report(report, tmp_path):
    pages = scan_pages(report, 300, angle=0.6, noise=6.0, quality=85, seed=1)  # 300 dpi: scaled to 200 to read
    tif = tmp_path / "扫描件.tif"
    pages[0].save(str(tif), "TIFF", dpi=(300, 300), save_all=True, append_images=pages[1:], compression="tiff_lzw")
    calls: list[tuple[int, int]] = []
    res = check_file(str(tif), progress=lambda d, t: calls.append((d, t)))
    assert res.error is None, res.error
    assert res.report is not None and (res.report.year, res.report.agency) == (2023, AGENCY)
    assert calls == [(k, len(pages)) for k in range(1, len(pages) + 1)]
    original = check_file(str(report))
    assert original.findings is not None and res.findings is not None
    errors = {f.key() for f in res.findings if f.severity == Severity.ERROR}
    assert errors == {f.key() for f in original.findings if f.severity == Severity.ERROR}


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_one_page_picture_ends_in_a_result_or_a_message(report, tmp_path, fmt):
    page = scan_pages(report, 200, seed=2)[0]
    path = tmp_path / f"第1页.{fmt.lower()}"
    page.save(str(path), fmt)
    res = check_file(str(path))
    if res.error is not None:
        assert res.error.code not in ("internal", "unreadable") and _chinese(res.error.message)
    else:
        assert res.report is not None and res.report.year == 2023


def test_a_picture_that_is_not_a_report(tmp_path):
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    photo = (np.linspace(0, 255, 800)[None, :] * 0.5 + rng.normal(60, 30, (600, 800))).clip(0, 255)
    path = tmp_path / "风景.jpg"
    Image.fromarray(photo.astype(np.uint8)).convert("RGB").save(str(path), "JPEG")
    res = check_file(str(path))
    if res.error is not None:
        assert res.error.code in ("no_text", "not_report") and _chinese(res.error.message), res.error
    else:
        assert res.findings and any(f.severity == Severity.ERROR for f in res.findings)


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width × height pixels, with a few bytes of image data (a decompression bomb's head)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize(("width", "height"), [(100_000, 100_000), (9_000, 10_000)], ids=["bomb", "over-limit"])
def test_a_huge_picture_is_too_large_at_once(tmp_path, width, height):
    path = tmp_path / "大图.png"
    path.write_bytes(_png_header(width, height))
    start = time.perf_counter()
    res = check_file(str(path))
    assert time.perf_counter() - start < 2
    assert res.error is not None and res.error.code == "too_large" and _chinese(res.error.message), res.error


def test_a_tiff_of_too_many_pages(tmp_path):
    from PIL import Image

    frames = [Image.new("L", (40, 40), 255) for _ in range(61)]
    path = tmp_path / "很多页.tiff"
    frames[0].save(str(path), "TIFF", save_all=True, append_images=frames[1:])
    res = check_file(str(path))
    assert res.error is not None and res.error.code == "too_large" and "60 页" in res.error.message


def test_a_broken_picture_is_corrupt(tmp_path):
    path = tmp_path / "坏图.png"
    path.write_bytes(_png_header(1000, 1000)[:40])
    res = check_file(str(path))
    assert res.error is not None and res.error.code in ("corrupt", "no_text") and _chinese(res.error.message)
