"""Digits run together by the source ("230 000023"): every way to split them, kept only where sums agree."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

MAX_SPLITS = 5000


def _valid(s: str) -> bool:
    if not s or s.startswith(".") or s.endswith("."):
        return False
    if s.count(".") > 1:
        return False
    whole = s.split(".")[0]
    return whole == "0" or not whole.startswith("0")


def _num(s: str) -> int | float:
    return float(s) if "." in s else int(s)


@lru_cache(maxsize=4096)
def _pieces(token: str, k: int) -> tuple[tuple[str, ...], ...]:
    """All ways to cut one token into k valid numbers."""
    if k == 1:
        return ((token,),) if _valid(token) else ()
    out = []
    for cut in range(1, len(token)):
        head = token[:cut]
        if not _valid(head):
            continue
        for rest in _pieces(token[cut:], k - 1):
            out.append((head, *rest))
    return tuple(out)


def splits(tokens: list[str], n: int) -> Iterator[tuple[int | float, ...]]:
    """Every reading of the tokens as exactly n numbers (each token gives one or more)."""
    tokens = [t.replace(",", "").strip() for t in tokens if t.strip()]
    if not all(re.fullmatch(r"[\d.]+", t) for t in tokens):
        return
    if not tokens or sum(len(t.replace(".", "")) for t in tokens) < n:
        return
    count = 0

    def rec(i: int, left: int, acc: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        nonlocal count
        if count > MAX_SPLITS:
            return
        if i == len(tokens):
            if left == 0:
                count += 1
                yield acc
            return
        remaining = len(tokens) - i - 1
        for k in range(1, left - remaining + 1):
            for parts in _pieces(tokens[i], k):
                yield from rec(i + 1, left - k, acc + parts)

    for parts in rec(0, n, ()):
        yield tuple(_num(p) for p in parts)


def candidates(tokens: list[str], n: int, ok: Callable[[tuple[int | float, ...]], bool] | None = None,
               limit: int = 200) -> list[tuple[int | float, ...]]:
    out = []
    for s in splits(tokens, n):
        if ok is None or ok(s):
            out.append(s)
            if len(out) >= limit:
                break
    return out
