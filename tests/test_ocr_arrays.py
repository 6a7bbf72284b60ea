"""The picture operations OCR does with numpy and Pillow (gdchecker.ocr.arrays), on small pictures whose answer is
known by construction."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")

from gdchecker.ocr import arrays  # noqa: E402


def _mask(rows: list[str]) -> np.ndarray:
    return np.array([[255 if c == "#" else 0 for c in r] for r in rows], dtype=np.uint8)


def test_marks_join_by_side_and_corner_and_give_their_boxes() -> None:
    m = _mask(["##....#",
               "..#...#",
               "......#",
               "###....",
               "....#.."])
    found = arrays.marks(m)
    boxes = sorted(tuple(int(v) for v in s) for s in found.stats[1:])
    # the first two runs touch at a corner; the column on the right is one mark; the bottom row and the lone
    # pixel under its corner are apart by one column, so they touch only if diagonal: (2,3) and (4,4) are apart
    assert boxes == [(0, 0, 3, 2, 3), (0, 3, 3, 1, 3), (4, 4, 1, 1, 1), (6, 0, 1, 3, 3)]
    labels = found.labels()
    assert labels[0, 0] == labels[1, 2] != labels[0, 6]
    assert labels[0, 2] == 0 and labels.max() == found.count == 4


def test_marks_of_a_spiral_are_one() -> None:
    # a shape that needs several rounds of joining: a spiral of one-pixel lines
    n = 41
    m = np.zeros((n, n), np.uint8)
    lo, hi = 0, n - 1
    while lo < hi:
        m[lo, lo:hi + 1] = m[lo:hi + 1, hi] = m[hi, lo:hi + 1] = 255
        m[lo + 2:hi + 1, lo] = 255
        lo += 2
        hi -= 2
        if lo < hi:
            m[lo, lo - 1] = 255
    found = arrays.marks(m)
    assert found.count == 1 and found.stats[1, arrays.AREA] == int((m > 0).sum())


def test_keep_keeps_only_the_chosen_marks() -> None:
    m = _mask(["#...###", "....###"])
    found = arrays.marks(m)
    big = found.stats[:, arrays.AREA] >= 3
    big[0] = False
    assert found.keep(big).tolist() == \
        _mask(["....###", "....###"]).tolist()


def test_empty_mask_has_no_marks() -> None:
    found = arrays.marks(np.zeros((5, 7), np.uint8))
    assert found.count == 0 and found.labels().max() == 0


def test_lines_close_small_gaps_and_drop_short_runs() -> None:
    m = _mask(["#####.#####..........",
               "######..#####........",
               "###..................",
               "##########.##########"])
    out = arrays.lines_across(m, gap=2, length=8) > 0
    assert out[0].sum() == 11  # a gap of one closed: one run of 11
    assert out[1].sum() == 0  # a gap of two stays open: runs of 6 and 5, both short
    assert out[2].sum() == 0
    assert out[3].sum() == 21
    down = arrays.lines_down(m.T.copy(), gap=2, length=8) > 0
    assert (down == out.T).all()


def test_otsu_splits_ink_from_paper() -> None:
    pic = np.full((40, 40), 230, np.uint8)
    pic[10:20, 5:35] = 30
    t = arrays.otsu(pic)
    assert 30 <= t < 230


def test_blur_keeps_a_flat_picture_and_spreads_a_point() -> None:
    flat = np.full((5, 5), 200, np.uint8)
    assert (arrays.blur(flat) == 200).all()
    dot = np.zeros((5, 5), np.uint8)
    dot[2, 2] = 160
    b = arrays.blur(dot)
    assert b[2, 2] == 40 and b[2, 1] == 20 and b[1, 1] == 10 and b[0, 0] == 0


def test_turn_is_anticlockwise_about_the_centre() -> None:
    pic = np.full((101, 101), 255, np.uint8)
    pic[50, 60:100] = 0  # a bar to the right of the centre
    up = arrays.turn(pic, 90, fill=255, smooth=False)
    ys, xs = np.nonzero(up < 128)
    assert abs(xs.mean() - 50) < 1.5 and ys.mean() < 40  # anticlockwise: the bar now points up


def test_resize_by_area_and_back() -> None:
    pic = np.zeros((20, 40), np.uint8)
    pic[:, 20:] = 200
    small = arrays.resize(pic, (4, 2))
    assert small.shape == (2, 4) and small[:, :2].max() == 0 and small[:, 2:].min() == 200
    big = arrays.resize(small, (8, 4))
    assert big.shape == (4, 8)
    f = arrays.resize(np.ones((20, 12), np.float32), (12, 20))
    assert f.dtype == np.float32 and np.allclose(f, 1.0)


def test_marks_agree_with_opencv_on_random_pictures() -> None:
    cv2 = pytest.importorskip("cv2", reason="OpenCV is not needed by gdchecker; it only cross-checks here")
    rng = np.random.default_rng(5)
    for density in (0.1, 0.3, 0.5, 0.6):
        m = (rng.random((120, 170)) < density).astype(np.uint8) * 255
        n, labels, stats, _ = cv2.connectedComponentsWithStats(m, connectivity=8)
        found = arrays.marks(m)
        ours = found.stats[1:]
        theirs = stats[1:, :5].astype(np.int64)
        assert found.count == n - 1
        assert sorted(map(tuple, ours.tolist())) == sorted(map(tuple, theirs.tolist()))
        pairs = np.unique(np.stack([labels.ravel(), found.labels().ravel()]), axis=1)
        assert pairs.shape[1] == n  # the same partition of the pixels
