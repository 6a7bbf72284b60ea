"""What a result is known by: a file's content (its sha256) and the program that read it (its version and a
fingerprint of its code), so that the same bytes read by the same program are not read again (gdchecker.archive),
and the same file met twice is seen to be one (gdchecker.rollup)."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from functools import cache

from gdchecker import __version__
from gdchecker.read import MAX_BYTES


@cache
def tool_version() -> str:
    """The program that reads: its version and a fingerprint of its code (outside the app's windows): each source
    file's name, size and time of change, so that a changed reader or locator never serves what an older one read
    (a file touched but not changed only reads afresh)."""
    root = os.path.dirname(os.path.abspath(__file__))  # the package
    h = hashlib.sha256(__version__.encode())
    files = []
    for here, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ("gui", "__pycache__")]
        files += [os.path.join(here, n) for n in names if n.endswith(".py")]
    for p in sorted(files):
        st = os.stat(p)
        h.update(f"{os.path.relpath(p, root)}\0{st.st_size}:{st.st_mtime_ns}\0".encode())
    if not files:  # a packaged program: its code is inside the executable
        st = os.stat(sys.executable)
        h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    return f"{__version__}+{h.hexdigest()[:16]}"


def digest(path: str) -> str | None:
    """The file's content hash (sha256, streamed); None where it is not a regular file of a size reading takes (a
    pipe or a device is never waited on), or cannot be read (reading will say why)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            return None
        h = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
        return h.hexdigest()
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
