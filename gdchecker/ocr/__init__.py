"""OCR of scanned (image-only) PDFs and pictures of pages: each page rendered, straightened and binarised, its ruled tables found from the
rules in the picture, every cell's lines read by the recognition model of rapidocr-onnxruntime (the optional extra
`gdchecker[ocr]`, models inside its wheel, nothing fetched), into the Document the PDF reader makes.

Only `available()`, `read_scan()` and `read_images()` are meant for other packages; nothing here imports Qt.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable

# the packaged program is built without the OCR runtime (for now): its user cannot install an extra
INSTALL_HINT = ("本版本程序不含文字识别（OCR），请使用报告的电子版（非扫描件）" if getattr(sys, "frozen", False)
                else "安装 gdchecker[ocr] 后可识别扫描件")


def available() -> bool:
    """The OCR extra is installed (its model runtime can be imported)."""
    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr_onnxruntime", "onnxruntime", "cv2"))


def read_scan(path: str, data: bytes, progress: Callable[[int, int], None] | None = None):  # noqa: ANN201 - a Document
    """The scanned PDF read by OCR (see gdchecker.ocr.reader); `progress(done, total)` after each page."""
    from gdchecker.ocr.reader import read_scan as _read

    return _read(path, data, progress=progress)


def read_images(path: str, data: bytes, progress: Callable[[int, int], None] | None = None):  # noqa: ANN201 - a Document
    """A picture of report pages (PNG, JPEG, TIFF) read by OCR (see gdchecker.ocr.reader)."""
    from gdchecker.ocr.reader import read_images as _read

    return _read(path, data, progress=progress)
