"""The real reports in ../shared/corpus/real and the seed, with the truth read by eye."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CANDIDATES = [Path(os.environ["GDCHECKER_SHARED"])] if os.environ.get("GDCHECKER_SHARED") else []
_CANDIDATES += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
SHARED = next((p for p in _CANDIDATES if (p / "corpus").is_dir()), ROOT.parent / "shared")
REAL = SHARED / "corpus" / "real"
TRUTH = REAL / "truth"
SEED = SHARED / "seeds"


def reports() -> list[tuple[Path, dict]]:
    out = []
    for t in sorted(TRUTH.glob("*.truth.json")):
        name = t.name[: -len(".truth.json")]
        hits = list(REAL.glob(f"*/{name}")) + list(SEED.glob(name))
        if hits:
            out.append((hits[0], json.loads(t.read_text(encoding="utf-8"))))
    return out


def mismatches(report, truth: dict) -> list[str]:
    """Every cell whose value differs from the truth (ambiguous cells may be the truth or empty)."""
    amb = {tuple(x) for x in truth.get("ambiguous_cells", [])}
    bad = []
    for tk, rows in truth["tables"].items():
        table = report.tables.get(tk)
        for rk, cols in rows.items():
            for ck, want in cols.items():
                got = None if table is None else table.value(rk, ck)
                if got == want or (got is None and (tk, rk, ck) in amb):
                    continue
                if isinstance(want, float) and isinstance(got, (int, float)) and abs(got - want) < 1e-9:
                    continue
                bad.append(f"{tk}.{rk}.{ck}: want {want!r} got {got!r}")
    return bad
