"""A scanned page as a grey picture: rendered from the PDF (a red seal's ink dropped), evened out where the light
was uneven, put upright (quarter turns), turned straight (deskewed) and split into ink and paper."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from gdchecker.ocr import arrays

DPI = 200  # the resolution pages are read at: a 10.5 pt character is about 29 pixels high
MAX_SKEW = 3.0  # degrees a scan may lean either way


@dataclass
class PageImage:
    """One page: the straightened grey picture, its ink mask, and how its pixels map to the page's PDF points."""

    grey: np.ndarray  # uint8, 255 = paper
    ink: np.ndarray  # uint8, 255 where there is ink
    scale: float  # pixels per PDF point
    angle: float  # degrees the picture was turned to make it straight
    size: tuple[float, float]  # the page's width and height in PDF points, upright
    quarter: int = 0  # quarter turns (anticlockwise) that put the page upright

    def to_points(self, x: float, y: float) -> tuple[float, float]:
        """A pixel of the straightened picture as a point of the page as printed, upright (in PDF points: a page
        put in upside down or sideways keeps its boxes upright, and is shown turned to match)."""
        h, w = self.grey.shape
        cx, cy = w / 2, h / 2
        a = np.deg2rad(self.angle)
        dx, dy = x - cx, y - cy
        ox = cx + dx * np.cos(a) - dy * np.sin(a)
        oy = cy + dx * np.sin(a) + dy * np.cos(a)
        return float(ox / self.scale), float(oy / self.scale)


def render(page, dpi: int = DPI) -> tuple[np.ndarray, float, tuple[float, float]]:  # noqa: ANN001 - pypdfium2 page
    """The page as a grey picture at `dpi` (see grey_of: a red seal left out), its pixels per point and its size
    in points."""
    scale = dpi / 72
    bitmap = page.render(scale=scale)
    try:
        pixels = bitmap.to_numpy()
        rgb = pixels[:, :, 2::-1] if pixels.ndim == 3 and pixels.shape[2] >= 3 else pixels  # BGR(A) -> RGB
        grey = grey_of(np.ascontiguousarray(rgb))
    finally:
        bitmap.close()
    w, h = page.get_size()
    return grey, scale, (float(w), float(h))


RED = 60  # how much redder than green and blue a pixel of seal ink is


def grey_of(pixels: np.ndarray) -> np.ndarray:
    """A colour scan as grey. Where the page carries red ink (an official seal, stamped over the tables as often as
    not), the red channel: the seal is as light as the paper there, black and blue writing stays dark. Otherwise
    the usual luminance."""
    if pixels.ndim == 2:
        return np.ascontiguousarray(pixels, dtype=np.uint8)
    rgb = pixels[:, :, :3].astype(np.int32)
    r, g, b = rgb[:, :, 0], rgb[:, :, 1], rgb[:, :, 2]
    few = rgb[::4, ::4]
    red = (few[:, :, 0] > 110) & (few[:, :, 0] - np.maximum(few[:, :, 1], few[:, :, 2]) > RED)
    if red.mean() > 0.0005:
        grey = r.copy()
        grey[(r > 150) & (r - np.maximum(g, b) > RED // 2)] = 255  # the seal's fringes, where JPEG blurs its colour
        return np.ascontiguousarray(grey, dtype=np.uint8)
    return ((299 * r + 587 * g + 114 * b + 500) // 1000).astype(np.uint8)


MAX_PIXELS = 80_000_000  # a picture's pixels, checked before it is decoded (an A3 page at 600 dpi has 70 million)
MAX_FRAMES = 60  # pages of a multi-page TIFF (as a scanned PDF's, gdchecker.ocr.reader.MAX_PAGES)
A4_SHORT = 8.27  # inches: the page size assumed where a picture does not say its resolution


def _picture_error(what: str) -> Exception:
    from gdchecker.read.document import ReadError

    if what == "too_large":
        return ReadError("too_large", f"图片太大（超过 {MAX_PIXELS // 10_000} 万像素），不像是一页报告的扫描件；"
                                      "请以 200～300 dpi 重新扫描后再检查")
    if what == "too_many":
        return ReadError("too_large", f"图片超过 {MAX_FRAMES} 页，文字识别最多读 {MAX_FRAMES} 页；请只保留年度报告部分后再检查")
    return ReadError("corrupt", "图片已损坏或格式不受支持，无法打开；请重新扫描或另存为 PNG/JPEG 后再检查")


def _dpi(frame, w: int, h: int) -> float:  # noqa: ANN001 - a PIL image
    """The picture's resolution: as it says (a plausible one), else as if its short side were an A4 page's."""
    said = frame.info.get("dpi")
    try:
        x = float(said[0]) if said else 0.0
    except (TypeError, ValueError, IndexError):
        x = 0.0
    return x if 100 <= x <= 1200 else min(w, h) / A4_SHORT


Picture = tuple[np.ndarray, float, tuple[float, float]]  # grey pixels, pixels per point, size in points


def load_pictures(data: bytes, dpi: int = DPI) -> tuple[int, Iterator[Picture]]:
    """How many pages a PNG, JPEG or TIFF holds, and each as a grey picture at `dpi`, its pixels per point and
    its size in points (as render gives a PDF page), decoded one at a time. Each frame's size is checked before its
    pixels are decoded."""
    import io

    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            pic = Image.open(io.BytesIO(data))
            count = int(getattr(pic, "n_frames", 1) or 1)
        except Image.DecompressionBombError as e:
            raise _picture_error("too_large") from e
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as e:
            raise _picture_error("corrupt") from e
    if count > MAX_FRAMES:
        pic.close()
        raise _picture_error("too_many")
    return count, _frames(pic, count, dpi)


def _frames(pic, count: int, dpi: int) -> Iterator[Picture]:  # noqa: ANN001 - a PIL image
    from PIL import Image

    try:
        for n in range(count):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                try:
                    pic.seek(n)
                    w, h = pic.size
                    if w * h > MAX_PIXELS or w < 1 or h < 1:
                        raise _picture_error("too_large")
                    res = _dpi(pic, w, h)
                    img = pic.convert("RGBA") if "A" in pic.mode or pic.mode == "P" else pic
                    if img.mode == "RGBA":  # transparent parts are paper
                        img = Image.alpha_composite(Image.new("RGBA", img.size, (255, 255, 255, 255)), img)
                    colour = img.mode in ("RGB", "RGBA", "CMYK", "YCbCr")
                    grey = grey_of(np.asarray(img.convert("RGB"), dtype=np.uint8)) if colour else \
                        np.asarray(img.convert("L"), dtype=np.uint8)
                except Image.DecompressionBombError as e:
                    raise _picture_error("too_large") from e
                except (OSError, ValueError, SyntaxError, EOFError) as e:
                    raise _picture_error("corrupt") from e
            factor = dpi / res
            if abs(factor - 1) > 0.02:
                size = (max(1, round(w * factor)), max(1, round(h * factor)))
                if size[0] * size[1] > MAX_PIXELS:
                    raise _picture_error("too_large")
                grey = arrays.resize(grey, size)
            scale = dpi / 72
            gh, gw = grey.shape
            yield np.ascontiguousarray(grey), scale, (gw / scale, gh / scale)
    finally:
        pic.close()


UNEVEN = 40  # grey levels of difference in the paper's brightness across the page from which it is evened out


def even_light(grey: np.ndarray) -> np.ndarray:
    """The picture with the paper made evenly white where the light was uneven (a lamp, a phone, a curled page):
    the paper's brightness is found at a sixteenth of the size (the brightest nearby, which text does not reach,
    then smoothed) and every pixel divided by it. Evenly lit pictures are returned as they are."""
    from PIL import Image, ImageFilter

    h, w = grey.shape
    if h < 64 or w < 64:
        return grey
    small = Image.fromarray(grey).reduce(16)
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(3))
    level = np.asarray(paper, dtype=np.float32)
    inner = level[1:-1, 1:-1] if level.shape[0] > 4 and level.shape[1] > 4 else level
    lo, hi = np.percentile(inner, [2, 98])
    if hi - lo < UNEVEN:
        return grey
    full = np.asarray(paper.resize((w, h), Image.Resampling.BILINEAR), dtype=np.float32)
    return np.clip(grey.astype(np.float32) * (250.0 / np.maximum(full, 16.0)), 0, 255).astype(np.uint8)


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink (255) and paper (0): Otsu's threshold on the lightly smoothed picture (scan noise and JPEG speckle lose
    their single pixels), never lighter than mid-grey paper."""
    smooth = arrays.blur(grey)
    t = min(max(arrays.otsu(smooth), 90.0), 215.0)
    return np.where(smooth < t, 255, 0).astype(np.uint8)


def _profile_score(ink: np.ndarray, angle: float) -> float:
    turned = arrays.turn(ink, angle, fill=0, smooth=False)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew(ink: np.ndarray) -> float:
    """The angle (degrees) that makes the page's text lines and rules horizontal: where the ink's row profile is
    sharpest (rules and text lines then fall into as few rows as possible), searched coarse then fine."""
    small = arrays.resize(ink, (ink.shape[1] // 4, ink.shape[0] // 4))
    small = np.where(small > 64, 1, 0).astype(np.uint8)
    if small.sum() < 100:
        return 0.0
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25)
    best = max(coarse, key=lambda a: _profile_score(small, a))
    half = arrays.resize(ink, (ink.shape[1] // 2, ink.shape[0] // 2))
    half = np.where(half > 64, 1, 0).astype(np.uint8)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return float(max(fine, key=lambda a: _profile_score(half, a)))


def straighten(grey: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.02:
        return grey
    return arrays.turn(grey, angle, fill=255, smooth=True)


def prepare(grey: np.ndarray, scale: float, size: tuple[float, float], quarter: int = 0) -> PageImage:
    """The page evened out, turned `quarter` quarter turns anticlockwise (to put it upright), straightened."""
    grey = even_light(grey)
    if quarter % 4:
        grey = np.ascontiguousarray(np.rot90(grey, quarter))
        if quarter % 2:
            size = (size[1], size[0])
    ink = binarise(grey)
    angle = skew(ink)
    if abs(angle) >= 0.02:
        grey = straighten(grey, angle)
        ink = binarise(grey)
    return PageImage(grey, ink, scale, angle, size, quarter % 4)


def sideways(mask: np.ndarray) -> bool:
    """The page's lines of text run up and down (a page put on the scanner sideways): its ink's column profile is
    clearly sharper than its row profile."""
    small = arrays.resize(mask, (max(1, mask.shape[1] // 4), max(1, mask.shape[0] // 4)))
    small = np.where(small > 64, 1, 0).astype(np.uint8)
    if small.sum() < 100:
        return False
    across = float(np.square(np.diff(small.sum(axis=1, dtype=np.float64))).sum())
    down = float(np.square(np.diff(small.sum(axis=0, dtype=np.float64))).sum())
    return down > 1.5 * across
