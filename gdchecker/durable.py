"""Files that survive a crash or a power cut: a folder's rename flushed to disk, the user's usual permissions."""

from __future__ import annotations

import hashlib
import os
import tempfile
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


TMP_SUFFIX = ".tmp"


def fingerprint(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, rename it over the target, and flush the
    folder (so the rename itself survives a power cut); the file gets the user's usual permissions. Text is written
    as UTF-8, bytes as they are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=TMP_SUFFIX, dir=str(path.parent))
    try:
        with (os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8")) as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if os.name != "nt":  # as the user's other files are (a colleague in a shared folder can read them)
            os.chmod(tmp, user_mode())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    sync_folder(path.parent)


def clean_temp(target: Path) -> None:
    """Remove what a killed save left behind: this target's temporary files."""
    try:
        for leftover in target.parent.glob(glob_escape(target.name) + ".*" + TMP_SUFFIX):
            try:
                leftover.unlink()
            except OSError:
                pass
    except OSError:
        pass


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)
