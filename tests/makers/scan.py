"""Image-only PDFs made from text PDFs, the way a stamped report comes back from the scanner: each page rendered
grey, turned a little, speckled, saved as JPEG and packed into a PDF with no text layer."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
from PIL import Image


def scan_pages(pdf: str | Path, dpi: int = 200, *, angle: float = 0.0, noise: float = 0.0, quality: int = 85,
               seed: int = 0, blur: bool = False) -> list[Image.Image]:
    """The pages of `pdf` as scanned pictures: `angle` degrees turned (each page a little differently), `noise`
    the standard deviation of grey noise added, `blur` a slight out-of-focus, JPEG at `quality`."""
    import pypdfium2 as pdfium
    from PIL import ImageFilter

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    out = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for i in range(len(doc)):
            img = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if blur:
                img = img.filter(ImageFilter.GaussianBlur(0.7))
            if angle:
                turn = angle * (0.6 + 0.4 * rng.random()) * rng.choice((-1, 1))
                img = img.rotate(turn, resample=Image.BICUBIC, expand=False, fillcolor=255)
            if noise:
                arr = np.asarray(img, dtype=np.float32)
                arr = arr * 0.92 + 12 + nrng.normal(0.0, noise, arr.shape)  # greyish paper, darker ink spread
                specks = nrng.random(arr.shape) < 0.0004  # dust
                arr[specks] = 40
                img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=quality)
            buf.seek(0)
            out.append(Image.open(buf))
    finally:
        doc.close()
    return out


def write_scan(pdf: str | Path, out: str | Path, dpi: int = 200, **kw: object) -> Path:
    """`pdf` scanned (see scan_pages) into the image-only PDF `out`."""
    pages = scan_pages(pdf, dpi, **kw)  # type: ignore[arg-type]
    pages[0].save(str(out), "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
    return Path(out)


ROUGH = {"dpi": 200, "angle": 1.0, "noise": 14.0, "quality": 70, "blur": True}
CLEAN = {"dpi": 200, "angle": 0.0, "noise": 0.0, "quality": 90}
