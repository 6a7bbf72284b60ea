"""Where the recognition model is: the PP-OCR text-recognition model that the PyPI package rapidocr-onnxruntime
carries inside its wheel (found on disk, its Python code never imported: it needs OpenCV, which gdchecker does not),
or the copy the packaged program carries. Nothing is ever fetched."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REC_MODEL = "ch_PP-OCRv4_rec_infer.onnx"
CARRIER = "rapidocr_onnxruntime"  # the package whose wheel holds the model
FROZEN_DIR = ("gdchecker", "ocr", "models")  # where the packaged program keeps its copy, under its own folder


def rec_path() -> Path | None:
    """The recognition model's file, or None where neither the packaged copy nor the carrier package is there."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        own = Path(bundle).joinpath(*FROZEN_DIR, REC_MODEL)
        if own.is_file():
            return own
    try:
        spec = importlib.util.find_spec(CARRIER)
    except (ImportError, ValueError):
        return None
    for where in (spec.submodule_search_locations or []) if spec else []:
        found = Path(where) / "models" / REC_MODEL
        if found.is_file():
            return found
    return None


def runtime_present() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("onnxruntime", "numpy", "PIL"))
