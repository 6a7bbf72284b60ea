"""The layers of the package, written down and kept: what each part may import.

    read   (the readers, OCR among them)   never imports formats, locate or rules: it gives text and geometry only
    locate (finding the tables)            never imports rules
    rules  (the checks)                    never imports locate
    the core (all but gdchecker.gui)       never imports Qt

Every import is counted, at the top of a module or inside a function (the lazy ones too)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "gdchecker"

FORBIDDEN = {
    "gdchecker.read": ("gdchecker.formats", "gdchecker.locate", "gdchecker.rules", "gdchecker.grids",
                       "gdchecker.names"),
    "gdchecker.ocr": ("gdchecker.formats", "gdchecker.locate", "gdchecker.rules", "gdchecker.grids",
                      "gdchecker.names"),
    "gdchecker.locate": ("gdchecker.rules",),
    "gdchecker.rules": ("gdchecker.locate",),
}
QT = ("PySide6", "shiboken6")


def _module(path: Path, package: Path = PACKAGE) -> str:
    rel = path.relative_to(package.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every module the file imports (absolute names; relative imports resolved), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module(path, root)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")
                up = up[:len(up) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            out.append((node.lineno, base))
            out += [(node.lineno, f"{base}.{a.name}") for a in node.names]
    return out


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(root: Path = PACKAGE) -> list[str]:
    bad = []
    for path in sorted(root.rglob("*.py")):
        mod = _module(path, root)
        for line, name in imports(path, root):
            for layer, banned in FORBIDDEN.items():
                if _within(mod, layer) and any(_within(name, b) for b in banned):
                    bad.append(f"{path.relative_to(root.parent)}:{line}: {mod} imports {name}")
            if not _within(mod, "gdchecker.gui") and any(_within(name, q) for q in QT):
                bad.append(f"{path.relative_to(root.parent)}:{line}: the core module {mod} imports {name}")
    return sorted(set(bad))


def test_the_layers_hold() -> None:
    assert violations() == []


def test_the_contract_would_catch_a_forbidden_import(tmp_path: Path) -> None:
    """The reader of imports sees top-level, lazy and relative imports (a contract that cannot fail is no contract)."""
    root = tmp_path / "gdchecker"
    (root / "read").mkdir(parents=True)
    (root / "gui").mkdir()
    (root / "read" / "probe.py").write_text(
        "import os\n\n\ndef f():\n    from ..rules import check\n    from gdchecker.locate import locate\n"
        "    import PySide6.QtCore\n", encoding="utf-8")
    (root / "gui" / "fine.py").write_text("from PySide6.QtWidgets import QWidget\nfrom gdchecker.rules import check\n",
                                          encoding="utf-8")
    found = sorted(v.split(": ", 1)[1] for v in violations(root))
    assert found == [
        "gdchecker.read.probe imports gdchecker.locate",
        "gdchecker.read.probe imports gdchecker.locate.locate",
        "gdchecker.read.probe imports gdchecker.rules",
        "gdchecker.read.probe imports gdchecker.rules.check",
        "the core module gdchecker.read.probe imports PySide6.QtCore",
    ]
