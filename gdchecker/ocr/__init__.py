"""OCR of scanned (image-only) PDFs: each page rendered, straightened and binarised, its ruled tables found from the
rules in the picture, every cell's lines read by the recognition model of rapidocr-onnxruntime (the optional extra
`gdchecker[ocr]`, models inside its wheel, nothing fetched), into the Document the PDF reader makes.

Only `available()` and `read_scan()` are meant for other packages; nothing here imports Qt.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

INSTALL_HINT = "安装 gdchecker[ocr] 后可识别扫描件"


def available() -> bool:
    """The OCR extra is installed (its model runtime can be imported)."""
    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr_onnxruntime", "onnxruntime", "cv2"))


def read_scan(path: str, data: bytes, progress: Callable[[int, int], None] | None = None):  # noqa: ANN201 - a Document
    """The scanned PDF read by OCR (see gdchecker.ocr.reader); `progress(done, total)` after each page."""
    from gdchecker.ocr.reader import read_scan as _read

    return _read(path, data, progress=progress)
