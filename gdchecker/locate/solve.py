"""Several rows each read in more than one way (split digits, merged repeats): which readings can stand together.

Each relation is a signed sum of rows that must be 0 in every column (表三: the outcomes minus 总计; new + carried
over minus 总计 minus carried forward). A column where a row outside the choices has no value sets no test. A
depth-first search with running bounds finds, for each row, the readings that occur in some choice for all rows
that satisfies every relation: the rows whose reading is then unique are decided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Values = tuple[int | float, ...]
Relation = Sequence[tuple[str, int]]  # (row key, sign)
BUDGET = 300000  # search steps before giving up (the rows are then left undecided)
EPS = 1e-6


class _Spent(Exception):
    pass


def supported(choices: dict[str, list[Values]], known: Callable[[str, int], int | float | None],
              relations: list[Relation], n: int, budget: int = BUDGET) -> dict[str, set[int]] | None:
    """For each row with choices, the indices of its readings found in a full solution (one index: decided; two:
    more than one reading possible, the search stops looking). Empty sets: no solution; None: budget spent."""
    keys = [k for k in choices if choices[k]]
    index = {k: i for i, k in enumerate(keys)}
    consts: list[float] = []
    terms: list[list[tuple[int, int, int]]] = [[] for _ in keys]  # per row: (constraint, sign, column)
    for rel in relations:
        for c in range(n):
            const, mine, ok = 0.0, [], True
            for row, sign in rel:
                if row in index:
                    mine.append((index[row], sign))
                else:
                    v = known(row, c)
                    if v is None:
                        ok = False
                        break
                    const += sign * v
            if ok and mine:
                for i, sign in mine:
                    terms[i].append((len(consts), sign, c))
                consts.append(const)
    steps = [0]

    def solve(domains: list[list[int]]) -> list[int] | None:
        order = sorted(range(len(keys)), key=lambda i: len(domains[i]))
        lo = [[0.0] * len(consts) for _ in range(len(order) + 1)]
        hi = [[0.0] * len(consts) for _ in range(len(order) + 1)]
        for depth in range(len(order) - 1, -1, -1):
            i = order[depth]
            lo[depth], hi[depth] = lo[depth + 1][:], hi[depth + 1][:]
            for j, sign, c in terms[i]:
                vals = [sign * choices[keys[i]][d][c] for d in domains[i]]
                lo[depth][j] += min(vals)
                hi[depth][j] += max(vals)
        pick = [0] * len(keys)

        def dfs(depth: int, sums: list[float]) -> bool:
            steps[0] += 1
            if steps[0] > budget:
                raise _Spent
            if any(s + lo[depth][j] > EPS or s + hi[depth][j] < -EPS for j, s in enumerate(sums)):
                return False
            if depth == len(order):
                return True
            i = order[depth]
            for d in domains[i]:
                new = sums[:]
                for j, sign, c in terms[i]:
                    new[j] += sign * choices[keys[i]][d][c]
                pick[i] = d
                if dfs(depth + 1, new):
                    return True
            return False

        return list(pick) if dfs(0, list(consts)) else None

    support: dict[str, set[int]] = {k: set() for k in keys}
    domains = [list(range(len(choices[k]))) for k in keys]
    try:
        first = solve(domains)
        if first is None:
            return support
        for x, dx in enumerate(first):
            support[keys[x]].add(dx)
        for i, k in enumerate(keys):
            for d in domains[i]:
                if d in support[k] or len(support[k]) >= 2:
                    continue
                sol = solve([[d] if x == i else dom for x, dom in enumerate(domains)])
                for x, dx in enumerate(sol or []):
                    support[keys[x]].add(dx)
    except _Spent:
        return None
    return support
