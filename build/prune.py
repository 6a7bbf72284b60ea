"""Used by gdchecker.spec (Linux): keep only the system libraries that something kept really links to.

PyInstaller collects the dependencies of every Qt plugin it sees (the GTK 3 platform theme pulls in GTK, cairo,
pango, atk, epoxy…) before the spec drops the plugin itself, so those libraries stay behind with nothing to load
them. Here the libraries at the top of the folder are kept only when reachable through DT_NEEDED from a kept
package file (Python extension modules, Qt's libraries and plugins, pdfium, Pillow's libraries) or named in
DLOPENED (loaded by name at run time, not linked)."""

from __future__ import annotations

import re
import subprocess

# loaded with dlopen() by name, not linked: Qt loads libdbus-1 itself (QtDBus is built with runtime loading)
DLOPENED = ("libdbus-1.so.3",)

_EXTENSION = re.compile(r"\.(cpython-[^/]*|abi3)\.so$")
_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")


def needed(path: str) -> list[str]:
    """The DT_NEEDED entries of an ELF file ([] where it is not one)."""
    try:
        out = subprocess.run(["readelf", "-d", "-W", path], capture_output=True, text=True, check=False).stdout
    except OSError:
        return []
    return _NEEDED.findall(out)


def prune(binaries: list, dlopened: tuple[str, ...] = DLOPENED) -> tuple[list, list]:
    """(kept, dropped) TOC entries: top-level libraries nothing kept links to are dropped."""
    def top(entry) -> bool:  # noqa: ANN001
        return "/" not in entry[0].replace("\\", "/")

    by_name: dict[str, list] = {}
    for e in binaries:
        if top(e):
            by_name.setdefault(e[0], []).append(e)
    roots = [e for e in binaries if not top(e) or e[0].startswith("libpython") or e[0] in dlopened
             or e[2] == "EXTENSION" or _EXTENSION.search(e[0])]
    reached: set[str] = set()
    todo = [e[1] for e in roots]
    seen: set[str] = set()
    while todo:
        src = todo.pop()
        if src in seen:
            continue
        seen.add(src)
        for name in needed(src):
            if name in by_name and name not in reached:
                reached.add(name)
                todo.extend(e[1] for e in by_name[name])
    kept = [e for e in binaries if not top(e) or e in roots or e[0] in reached]
    dropped = [e for e in binaries if e not in kept]
    return kept, dropped
