"""Which line of a report's text holds a table's row: for showing the source of Word, web and text reports.

A label can stand more than once in a report (“2.重复申请” in the table and in the prose, a group word in a
heading); the line taken is the one among the table's other rows, judged by how many of them stand near it.
"""

from __future__ import annotations

from gdchecker.textnorm import label_key

NEAR = 40  # lines either side counted as the same table


def row_line(lines: list[str], labels: dict[str, str], row: str | None) -> int | None:
    """The index of the line that prints `row` of a table whose printed labels are `labels`; without a row (or
    where it cannot be found), the line of the table's first row; None where the table's text is not found."""
    keys = [label_key(line) for line in lines]
    lines = list(lines)
    wanted = [label_key(v) for v in labels.values() if len(label_key(v)) >= 2]
    if not wanted:
        return None
    order = ([row] if row in labels else []) + list(labels)
    for r in order:
        key = label_key(labels[r])
        hits = _hits(keys, key)
        if hits:
            # a row's line begins with its label (a heading or a sentence only mentions it)
            return max(hits, key=lambda i: (keys[i].startswith(key[:6]), _digits(lines[i]), _near(keys, i, wanted), -i))
    return None


def _hits(keys: list[str], key: str) -> list[int]:
    if len(key) < 2:
        return []
    hits = [i for i, k in enumerate(keys) if key in k]
    if hits or len(key) < 8:
        return hits
    # a long label wrapped over lines: its start on one line
    return [i for i, k in enumerate(keys) if key[:6] in k]


def _near(keys: list[str], i: int, wanted: list[str]) -> int:
    around = "\n".join(keys[max(0, i - NEAR): i + NEAR + 1])
    return sum(1 for w in set(wanted) if w in around)


def _digits(line: str) -> bool:
    return any(ch.isdigit() for ch in line)
