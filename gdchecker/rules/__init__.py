"""The rules: small registered functions, each yielding findings about a Report; no I/O.

Every rule has stable codes, a Chinese title and a docstring saying what it checks; `check` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gdchecker.model import Finding, Report, Severity

RuleFn = Callable[[Report], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    name: str
    title: str  # Chinese, for the rule list in help
    codes: tuple[str, ...]
    fn: RuleFn

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip()


REGISTRY: list[Rule] = []


def rule(name: str, title: str, codes: tuple[str, ...]) -> Callable[[RuleFn], RuleFn]:
    def deco(fn: RuleFn) -> RuleFn:
        REGISTRY.append(Rule(name, title, codes, fn))
        return fn

    return deco


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check(report: Report) -> list[Finding]:
    """Every finding about the report: what reading noticed, then each rule's."""
    _load()
    out = list(report.reading)
    for r in REGISTRY:
        out.extend(r.fn(report))
    return out


def _load() -> None:
    # importing the families registers their rules
    from gdchecker.rules import arithmetic, prose, structure, values  # noqa: F401


def all_rules() -> list[Rule]:
    _load()
    return list(REGISTRY)
