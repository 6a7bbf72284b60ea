"""OCR of scanned (image-only) PDFs and pictures of pages: each page rendered, straightened and binarised, its ruled tables found from the
rules in the picture, every cell's lines read by the PP-OCR recognition model with onnxruntime (the optional extra
`gdchecker[ocr]`: the model comes inside the rapidocr-onnxruntime wheel, nothing fetched; numpy and Pillow do the
picture work, no OpenCV), into the Document the PDF reader makes.

Only `available()`, `read_scan()` and `read_images()` are meant for other packages; nothing here imports Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

# a packaged program without the model (a build made without it) cannot be given the extra by its user
INSTALL_HINT = ("本版本程序不含文字识别（OCR），请使用报告的电子版（非扫描件）" if getattr(sys, "frozen", False)
                else "安装 gdchecker[ocr] 后可识别扫描件")


def available() -> bool:
    """The OCR extra is installed: the model runtime can be imported and the recognition model is on disk."""
    from gdchecker.ocr import model

    return model.runtime_present() and model.rec_path() is not None


def read_scan(path: str, data: bytes, progress: Callable[[int, int], None] | None = None):  # noqa: ANN201 - a Document
    """The scanned PDF read by OCR (see gdchecker.ocr.reader); `progress(done, total)` after each page."""
    from gdchecker.ocr.reader import read_scan as _read

    return _read(path, data, progress=progress)


def read_images(path: str, data: bytes, progress: Callable[[int, int], None] | None = None):  # noqa: ANN201 - a Document
    """A picture of report pages (PNG, JPEG, TIFF) read by OCR (see gdchecker.ocr.reader)."""
    from gdchecker.ocr.reader import read_images as _read

    return _read(path, data, progress=progress)
