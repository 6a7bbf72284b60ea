"""Image-only PDFs made from text PDFs, the way a stamped report comes back from the scanner: each page rendered
grey, turned a little, speckled, saved as JPEG and packed into a PDF with no text layer."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image


def scan_pages(pdf: str | Path, dpi: int = 200, *, angle: float = 0.0, noise: float = 0.0, quality: int = 85,
               seed: int = 0, blur: bool = False, colour: bool = False,
               damage: Callable[[int, Image.Image], Image.Image] | None = None) -> list[Image.Image]:
    """The pages of `pdf` as scanned pictures: `angle` degrees turned (each page a little differently), `noise`
    the standard deviation of grey noise added, `blur` a slight out-of-focus, JPEG at `quality`; `colour`: an RGB
    scan (else grey); `damage(page index, picture)`: what else happens to a page (a seal, a lamp, a page put in
    upside down), done on the RGB picture before it is scanned."""
    import pypdfium2 as pdfium
    from PIL import ImageFilter

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    out = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for i in range(len(doc)):
            if colour or damage is not None:
                img = doc[i].render(scale=dpi / 72).to_pil().convert("RGB")
                if damage is not None:
                    img = damage(i, img)
                if not colour:
                    img = img.convert("L")
            else:
                img = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if blur:
                img = img.filter(ImageFilter.GaussianBlur(0.7))
            if angle:
                turn = angle * (0.6 + 0.4 * rng.random()) * rng.choice((-1, 1))
                img = img.rotate(turn, resample=Image.BICUBIC, expand=False, fillcolor=255 if img.mode == "L" else
                                 (255, 255, 255))
            if noise:
                arr = np.asarray(img, dtype=np.float32)
                arr = arr * 0.92 + 12 + nrng.normal(0.0, noise, arr.shape)  # greyish paper, darker ink spread
                specks = nrng.random(arr.shape[:2]) < 0.0004  # dust
                arr[specks] = 40
                img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=quality)
            buf.seek(0)
            out.append(Image.open(buf))
    finally:
        doc.close()
    return out


def _cjk_font(size: int):  # noqa: ANN202 - a PIL font
    import subprocess

    from PIL import ImageFont

    for family in ("Noto Sans CJK SC", "WenQuanYi Micro Hei"):
        try:
            path = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        if path and ("cjk" in path.lower() or "wqy" in path.lower()):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def red_seal(img: Image.Image, cx: float, cy: float, r: float, text: str = "某市人民政府办公室",
             seed: int = 0) -> Image.Image:
    """An official red seal stamped on the page at (cx, cy) (fractions of the width and height), radius r (a fraction
    of the width): ring, star, the body's name round the top; the ink multiplies with what is under it, unevenly."""
    import math

    from PIL import ImageDraw

    w, h = img.size
    cx, cy, r = cx * w, cy * h, r * w
    layer = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    red = (215, 35, 40)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(3, int(r / 14)))
    star = [(cx + (r * (0.28 if k % 2 == 0 else 0.11)) * math.cos(-math.pi / 2 + k * math.pi / 5),
             cy + (r * (0.28 if k % 2 == 0 else 0.11)) * math.sin(-math.pi / 2 + k * math.pi / 5)) for k in range(10)]
    d.polygon(star, fill=red)
    font = _cjk_font(max(8, int(r * 0.24)))
    for k, ch in enumerate(text):
        a = math.radians(-165 + 150 * k / max(len(text) - 1, 1))
        g = Image.new("L", (int(r * 0.36),) * 2, 0)
        ImageDraw.Draw(g).text((int(r * 0.05), 0), ch, fill=255, font=font)
        g = g.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        x, y = cx + 0.72 * r * math.cos(a), cy + 0.72 * r * math.sin(a)
        layer.paste(Image.new("RGB", g.size, red), (int(x - g.size[0] / 2), int(y - g.size[1] / 2)), g)
    ink = np.asarray(layer, dtype=np.float32) / 255
    fade = 0.7 + 0.3 * np.random.default_rng(seed).random(ink.shape[:2])[..., None]
    ink = 1 - (1 - ink) * fade
    page = np.asarray(img.convert("RGB"), dtype=np.float32) / 255
    return Image.fromarray(np.clip(page * ink * 255, 0, 255).astype(np.uint8))


def lamp(img: Image.Image, dark: float = 0.55) -> Image.Image:
    """Uneven light: the page darkens from its top left (full light) to its bottom right (`dark` of it)."""
    w, h = img.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1.0 - (1.0 - dark) * (xx / w + yy / h) / 2
    page = np.asarray(img.convert("RGB"), dtype=np.float32)
    return Image.fromarray(np.clip(page * light[..., None], 0, 255).astype(np.uint8))


def turned(img: Image.Image, quarter_turns: int) -> Image.Image:
    """The page put on the scanner turned by quarter turns anticlockwise (2: upside down; 1 or 3: sideways)."""
    return img.rotate(90 * quarter_turns, expand=True)


def write_scan(pdf: str | Path, out: str | Path, dpi: int = 200, **kw: object) -> Path:
    """`pdf` scanned (see scan_pages) into the image-only PDF `out`."""
    pages = scan_pages(pdf, dpi, **kw)  # type: ignore[arg-type]
    pages[0].save(str(out), "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
    return Path(out)


ROUGH = {"dpi": 200, "angle": 1.0, "noise": 14.0, "quality": 70, "blur": True}
CLEAN = {"dpi": 200, "angle": 0.0, "noise": 0.0, "quality": 90}
