"""The program's folder in the user's data folder: where the archive and the corrections of read-only reports live."""

from __future__ import annotations

import os
from pathlib import Path


def user_data() -> Path:
    """The program's folder in the user's data folder (%APPDATA%, $XDG_DATA_HOME or ~/.local/share)."""
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "gdchecker"
