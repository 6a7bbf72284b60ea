"""Files that survive a crash or a power cut: a folder's rename flushed to disk, the user's usual permissions."""

from __future__ import annotations

import os
from pathlib import Path


def user_mode() -> int:
    """The permissions a new file of the user gets (0o666 less the umask): mkstemp's own are the owner's only."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def sync_folder(folder: Path) -> None:
    """Flush the folder, so that a rename in it survives a power cut; Windows makes the rename durable itself and
    cannot open a folder for fsync."""
    if os.name == "nt":
        return
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
