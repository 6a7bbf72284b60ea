"""Matching the rows found to the rows a format expects: labels where they are legible, order where not."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from gdchecker.formats import RowSpec
from gdchecker.locate.rows import Row
from gdchecker.textnorm import label_key, nfkc, pairs, shared

BASE = 0.2  # what a row earns for standing in the right order, whatever its label
WRONG = 0.8  # how much a clearly different label costs
SKIP_ROW = -0.3  # a found row left unmatched (an added 小计 row, a stray number)
SKIP_EXPECTED = -0.15  # an expected row nothing was found for: the layout that explains more rows wins
CONTEXT = 0.25  # weight of label lines above or below a row that has no label of its own
EXTRA_WORDS = ("小计", "合计", "其中")
BLANK_ROW_LABEL = 0.75  # how well an empty row's own label must name an expected row to be taken for it
LONE_LABEL = 0.9  # the same for a label alone on a line of an unruled table (no cells drawn to show a row)


@dataclass
class Match:
    """A row found taken for an expected row, with how well it fits there."""

    spec: RowSpec
    row: Row
    score: float


_VARIANTS: dict[int, tuple[RowSpec, tuple[str, ...]]] = {}  # by the spec's id (the spec kept, so the id stays its)


def _variants(spec: RowSpec) -> tuple[str, ...]:
    """The expected row's label keys: its label, with its sub-heading, and its aliases."""
    got = _VARIANTS.get(id(spec))
    if got is not None and got[0] is spec:
        return got[1]
    out = [label_key(spec.label)]
    if spec.heading:
        out.append(label_key(spec.heading + spec.label))
    out += [label_key(a) for a in spec.aliases]
    variants = tuple(v for v in out if v)
    if len(_VARIANTS) >= 4096:
        _VARIANTS.clear()
    _VARIANTS[id(spec)] = (spec, variants)
    return variants


def _texts(row: Row, universe: list[RowSpec] | None = None) -> tuple[list[str], list[str]]:
    """The row's own label, and its label joined with label-only lines around it (wrapped labels).

    A label wrapped in a narrow cell can stand on several lines above and below the line of numbers; every
    run of up to four lines above and below is tried, the best fit wins. A row whose label begins above its
    figures does not reach below past a line that is by itself the whole label of a row (the next row's label,
    its cells empty or its figures further down).
    """
    own = label_key(row.label)
    pre = [label_key(t) for t in row.pre][-4:]
    post = [label_key(t) for t in row.post][:4]
    if universe and pre and not own:
        cut = next((i for i, t in enumerate(post) if any(_best(s, [t]) >= WHOLE_LABEL for s in universe)), None)
        post = post if cut is None else post[:cut]
    ctx = []
    for a in range(len(pre) + 1):
        for b in range(len(post) + 1):
            if a == len(pre) and b == 0:
                continue
            ctx.append("".join(pre[a:]) + own + "".join(post[:b]))
    return ([own] if own else []), [x for x in ctx if x]


WHOLE_LABEL = 0.9
BELOW = 0.95  # a label wrapped in a cell starts above its figures or beside them: lines only below count less


def _context(spec: RowSpec, row: Row, ctx: list[str]) -> float:
    if row.label.strip() or not row.post:
        return _best(spec, ctx)
    below = {label_key("".join(row.post[:b])) for b in range(1, min(4, len(row.post)) + 1)}
    return max(_best(spec, [x for x in ctx if x not in below]), BELOW * _best(spec, [x for x in ctx if x in below]))


def _best(spec: RowSpec, texts: list[str]) -> float:
    """How well the best of the texts names the expected row (the same row's texts are scored against every
    expected row, layout after layout: remembered where the texts are short)."""
    key = tuple(texts)
    if sum(len(t) for t in key) <= 600:
        return _best_of(_variants(spec), key)
    return _score(_variants(spec), key)


@lru_cache(maxsize=65536)
def _best_of(variants: tuple[str, ...], texts: tuple[str, ...]) -> float:
    return _score(variants, texts)


def _score(variants: tuple[str, ...], texts: Sequence[str]) -> float:
    """The best similarity of any variant of the expected label to any text, whole or its last few characters.

    A text whose length alone keeps it below the best found so far is not compared at all (two texts of n and m
    character pairs share at most the fewer), nor are the ends of a text that shares no pair with the label (their
    pairs are the text's)."""
    best = 0.0
    whole = [(t, pairs(t)[0].keys()) for t in texts if t]
    for e in variants:
        ne = len(e)
        e_pairs = pairs(e)
        na, e_keys = e_pairs[1], e_pairs[0].keys()
        for t, t_keys in whole:
            if ne > 1 and e_keys.isdisjoint(t_keys):
                continue
            if len(t) <= ne:
                tries: tuple[str, ...] = (t,)
            elif len(t) <= ne + 3:
                tries = (t[-ne:], t)
            else:
                tries = (t[-ne:], t[-(ne + 3):], t)
            for x in tries:
                nx = len(x) - 1 if len(x) > 1 else 1
                if 2 * (na if na < nx else nx) / (na + nx) > best:
                    v = shared(e_pairs, pairs(x))
                    if v > best:
                        best = v
            if best >= 1.0:
                return best
    return best


_NUM = re.compile(r"[(（]\s*([一二三四五六七八九十]+)\s*[)）]|(?<![0-9])([0-9]{1,2})\s*[.、．](?![0-9])|([一二三四五六七八九十]+)\s*、")


@lru_cache(maxsize=16384)
def _numbering(text: str) -> tuple[tuple[str, str], ...]:
    """The item numbers printed in a label, in order: (("paren", "六"), ("arabic", "1"))."""
    out = []
    for m in _NUM.finditer(nfkc(text)):
        if m.group(1):
            out.append(("paren", m.group(1)))
        elif m.group(2):
            out.append(("arabic", m.group(2)))
        else:
            out.append(("cn", m.group(3)))
    return tuple(out)


def numbering_fit(label: str, spec: RowSpec) -> float:
    """1 where the numbers printed in a row's label agree with the expected row's, less where they say otherwise.

    “（六）其他” (a group printed with its own number) is not “3.其他”; “2.重复申请” is not item 1.
    """
    seen = _numbering(label)
    if not seen:
        return 1.0
    want = _numbering(spec.label)
    if not want:
        return 1.0
    kind, num = want[0]
    same_kind = [n for k, n in seen if k == kind]
    if same_kind:
        return 1.0 if num in same_kind else 0.6
    return 0.6 if kind == "arabic" and seen[-1][0] != "arabic" else 1.0


def score(spec: RowSpec, row: Row) -> float:
    own, ctx = _texts(row)
    return max(_best(spec, own), 0.8 * _context(spec, row, ctx))


def label_fit(spec: RowSpec, texts: list[str]) -> float:
    """How well the best of some label texts (already label keys) names the expected row."""
    return _best(spec, texts)


def own_score(spec: RowSpec, row: Row) -> float:
    """How well the row's own label (without the label lines around it) names the expected row."""
    return _best(spec, _texts(row)[0])


@dataclass
class Scores:
    """How well each row names each row of the universe: by its own label, and by the label lines around it."""

    own: list[list[float]]
    ctx: list[list[float]]


def label_scores(rows: list[Row], universe: list[RowSpec]) -> Scores:
    """The label scores align() weighs, worked out once for rows aligned with several layouts of one universe."""
    texts = [_texts(r, universe) for r in rows]
    own = [[_best(s, t[0]) * numbering_fit(r.label, s) for s in universe] for r, t in zip(rows, texts)]
    ctx = [[_context(s, r, t[1]) for s in universe] for r, t in zip(rows, texts)]
    return Scores(own, ctx)


def align(rows: list[Row], expected: list[RowSpec], universe: list[RowSpec],
          n_cols: int = 7, scores: Scores | None = None) -> tuple[float, list[Match], list[Row]]:
    """Monotonic alignment maximising label agreement; returns (score, matches, rows left over). `scores`:
    label_scores(rows, universe), where already worked out.

    A row's own label counts fully, and a clearly different own label costs; label lines around it (wrapped or
    displaced labels) only add a little, so that order decides where they disagree with their neighbours.
    """
    m, n = len(rows), len(expected)
    if scores is None:
        scores = label_scores(rows, universe)
    own, ctx = scores.own, scores.ctx
    idx = {s.key: i for i, s in enumerate(universe)}
    val = [[0.0] * n for _ in range(m)]
    blank = [r.all_blank for r in rows]
    for i, r in enumerate(rows):
        best_own = max(own[i]) if own[i] else 0.0
        extra = any(w in label_key(r.label) for w in EXTRA_WORDS) and best_own < 0.6
        short = not r.glued and not blank[i] and len(r.numeric) < n_cols / 2
        for j, s in enumerate(expected):
            k = idx[s.key]
            v = own[i][k] + CONTEXT * ctx[i][k] + BASE - WRONG * max(0.0, best_own - own[i][k])
            if extra or (blank[i] and own[i][k] < (BLANK_ROW_LABEL if r.tokens else LONE_LABEL)):
                v = -1.0  # an empty row is only the row its own label names
            elif short:
                v -= 0.5
            val[i][j] = v
    neg = float("-inf")
    dp = [[neg] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    dp[0][0] = 0.0
    for i in range(m + 1):
        for j in range(n + 1):
            if i == 0 and j == 0:
                continue
            best, how = neg, 0
            skip = 0.0 if i > 0 and blank[i - 1] else SKIP_ROW  # an empty spacer row costs nothing
            if i > 0 and dp[i - 1][j] + skip > best:
                best, how = dp[i - 1][j] + skip, 1
            if j > 0 and dp[i][j - 1] + SKIP_EXPECTED > best:
                best, how = dp[i][j - 1] + SKIP_EXPECTED, 2
            if i > 0 and j > 0 and dp[i - 1][j - 1] + val[i - 1][j - 1] > best:
                best, how = dp[i - 1][j - 1] + val[i - 1][j - 1], 3
            dp[i][j], back[i][j] = best, how
    matches: list[Match] = []
    left: list[Row] = []
    i, j = m, n
    while i > 0 or j > 0:
        how = back[i][j]
        if how == 3:
            matches.append(Match(expected[j - 1], rows[i - 1], val[i - 1][j - 1]))
            i, j = i - 1, j - 1
        elif how == 1:
            left.append(rows[i - 1])
            i -= 1
        else:
            j -= 1
    matches.reverse()
    left.reverse()
    return dp[m][n], matches, left
