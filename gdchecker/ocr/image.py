"""A scanned page as a grey picture: rendered from the PDF, turned straight (deskewed) and split into ink and paper."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

DPI = 200  # the resolution pages are read at: a 10.5 pt character is about 29 pixels high
MAX_SKEW = 3.0  # degrees a scan may lean either way


@dataclass
class PageImage:
    """One page: the straightened grey picture, its ink mask, and how its pixels map to the page's PDF points."""

    grey: np.ndarray  # uint8, 255 = paper
    ink: np.ndarray  # uint8, 255 where there is ink
    scale: float  # pixels per PDF point
    angle: float  # degrees the picture was turned to make it straight
    size: tuple[float, float]  # the page's width and height in PDF points

    def to_points(self, x: float, y: float) -> tuple[float, float]:
        """A pixel of the straightened picture as a point of the page as printed (turned back, in PDF points)."""
        h, w = self.grey.shape
        cx, cy = w / 2, h / 2
        a = np.deg2rad(self.angle)
        dx, dy = x - cx, y - cy
        ox = cx + dx * np.cos(a) - dy * np.sin(a)
        oy = cy + dx * np.sin(a) + dy * np.cos(a)
        return float(ox / self.scale), float(oy / self.scale)


def render(page, dpi: int = DPI) -> tuple[np.ndarray, float, tuple[float, float]]:  # noqa: ANN001 - pypdfium2 page
    """The page as a grey picture at `dpi`, its pixels per point and its size in points."""
    scale = dpi / 72
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        grey = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
    finally:
        bitmap.close()
    if grey.ndim == 3:
        grey = grey[:, :, 0]
    w, h = page.get_size()
    return grey, scale, (float(w), float(h))


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink (255) and paper (0): Otsu's threshold on the lightly smoothed picture (scan noise and JPEG speckle lose
    their single pixels), never lighter than mid-grey paper."""
    smooth = cv2.GaussianBlur(grey, (3, 3), 0)
    t, _ = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    t = min(max(t, 90.0), 215.0)
    return np.where(smooth < t, 255, 0).astype(np.uint8)


def _profile_score(ink: np.ndarray, angle: float) -> float:
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew(ink: np.ndarray) -> float:
    """The angle (degrees) that makes the page's text lines and rules horizontal: where the ink's row profile is
    sharpest (rules and text lines then fall into as few rows as possible), searched coarse then fine."""
    small = cv2.resize(ink, (ink.shape[1] // 4, ink.shape[0] // 4), interpolation=cv2.INTER_AREA)
    small = np.where(small > 64, 1, 0).astype(np.uint8)
    if small.sum() < 100:
        return 0.0
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25)
    best = max(coarse, key=lambda a: _profile_score(small, a))
    half = cv2.resize(ink, (ink.shape[1] // 2, ink.shape[0] // 2), interpolation=cv2.INTER_AREA)
    half = np.where(half > 64, 1, 0).astype(np.uint8)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return float(max(fine, key=lambda a: _profile_score(half, a)))


def straighten(grey: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.02:
        return grey
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def prepare(grey: np.ndarray, scale: float, size: tuple[float, float]) -> PageImage:
    ink = binarise(grey)
    angle = skew(ink)
    if abs(angle) >= 0.02:
        grey = straighten(grey, angle)
        ink = binarise(grey)
    return PageImage(grey, ink, scale, angle, size)
