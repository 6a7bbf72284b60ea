"""A system library Qt needs is missing (a bare Linux machine): say which package to install, in Chinese, without a
traceback. Imports no Qt: this runs when Qt cannot be loaded."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys

EXIT_MISSING_LIBRARY = 72  # sysexits' EX_OSFILE: a system file is missing

# library file → Debian/Ubuntu (统信UOS, 麒麟) package, where Debian's rule (name + version) does not give it
PACKAGES = {
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0", "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6", "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0", "libgio-2.0.so.0": "libglib2.0-0",
    "libgmodule-2.0.so.0": "libglib2.0-0", "libxcb.so.1": "libxcb1", "libxcb-util.so.1": "libxcb-util1",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libz.so.1": "zlib1g", "libgcc_s.so.1": "libgcc-s1",
    "libharfbuzz.so.0": "libharfbuzz0b", "libcrypto.so.3": "libssl3", "libpng16.so.16": "libpng16-16",
}

# what Qt loads from the system, for the message's one install command: the packaged folder carries the rest
QT_NEEDS = ("libGL.so.1", "libEGL.so.1", "libxkbcommon.so.0", "libfontconfig.so.1", "libfreetype.so.6",
            "libdbus-1.so.3", "libglib-2.0.so.0", "libxcb.so.1")
# on a real screen (the xcb platform) Qt also needs these
XCB_NEEDS = ("libxkbcommon-x11.so.0", "libX11-xcb.so.1", "libxcb-cursor.so.0", "libxcb-icccm.so.4",
             "libxcb-image.so.0", "libxcb-keysyms.so.1", "libxcb-render-util.so.0", "libxcb-render.so.0",
             "libxcb-shape.so.0", "libxcb-shm.so.0", "libxcb-sync.so.1", "libxcb-xfixes.so.0", "libxcb-xkb.so.1",
             "libxcb-randr.so.0", "libxcb-util.so.1")

_NOT_FOUND = re.compile(r"(lib[A-Za-z0-9_.+-]+?\.so(?:\.[0-9]+)*): cannot open shared object file")
LOG_NAME = "gdchecker-启动失败.txt"


def missing_library(exc: BaseException | str) -> str | None:
    """The library file named by a loader error ("libGL.so.1: cannot open shared object file: …"), else None."""
    m = _NOT_FOUND.search(str(exc))
    return m.group(1) if m else None


def package_for(soname: str) -> str:
    """The Debian/Ubuntu package that has a library file: the table, else Debian's naming rule (libxcb-cursor.so.0 →
    libxcb-cursor0, libfoo-2.so.1 → libfoo-2-1)."""
    if soname in PACKAGES:
        return PACKAGES[soname]
    m = re.fullmatch(r"(lib[A-Za-z0-9_+-]+?(?:-[0-9.]+)?)\.so\.?([0-9.]*)", soname)
    if not m:
        return soname
    name, version = m.group(1).lower().replace("_", "-"), m.group(2)
    if not version:
        return name
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def _bundled(soname: str) -> bool:
    base = getattr(sys, "_MEIPASS", None)
    return bool(base) and os.path.exists(os.path.join(base, soname))


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
        return True
    except OSError:
        return False


def also_missing(first: str, screen: bool) -> list[str]:
    """The other libraries Qt needs that this machine lacks too (so one install command is enough)."""
    wanted = QT_NEEDS + (XCB_NEEDS if screen else ())
    return [s for s in wanted if s != first and not _bundled(s) and not _loadable(s)]


def message(sonames: list[str], terminal: bool = True) -> str:
    """The Chinese message: the library, its package, the command (on a terminal), that the CLI still works."""
    packages = list(dict.fromkeys(package_for(s) for s in sonames))
    lines = [f"gdchecker 桌面程序无法启动：这台电脑缺少系统库 {sonames[0]}（软件包 {packages[0]}）。",
             f"请安装软件包：{' '.join(packages)}（统信UOS、麒麟、Debian、Ubuntu 的软件包名）。"]
    if terminal:
        lines.append(f"  sudo apt-get install {' '.join(packages)}")
    lines.append("命令行程序 gdchecker-cli 不需要这些库，可以照常使用。")
    return "\n".join(lines)


def _screen() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return not platform.startswith(("offscreen", "minimal")) and bool(os.environ.get("DISPLAY")
                                                                     or os.environ.get("WAYLAND_DISPLAY"))


def _on_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def log_path() -> str:
    """Where a double-clicked program that has no terminal leaves its message: the user's home folder."""
    return os.path.join(os.path.expanduser("~"), LOG_NAME)


def _write_log(text: str) -> str | None:
    for path in (log_path(), os.path.join(os.environ.get("TMPDIR", "/tmp"), LOG_NAME)):
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text + "\n")
            return path
        except OSError:
            continue
    return None


def _dialog(text: str) -> None:
    """A window with the message where the desktop has a small dialog tool (no Qt: Qt is what failed)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for tool, args in (("zenity", ["--error", "--title=gdchecker", f"--text={escaped}"]),
                       ("kdialog", ["--title", "gdchecker", "--error", text]),
                       ("xmessage", ["-center", text])):
        exe = shutil.which(tool)
        if exe:
            try:
                subprocess.run([exe, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=600, check=False)
            except (OSError, subprocess.SubprocessError):
                continue
            return


def report(sonames: list[str]) -> int:
    """Tell the user (terminal, log file in the home folder, a dialog where there is a screen and no terminal);
    returns the exit code."""
    terminal = _on_terminal()
    text = message(sonames, terminal=True)
    if sys.stderr is not None:
        try:
            sys.stderr.write(message(sonames, terminal=terminal) + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
    if not terminal:
        _write_log(text)
        if _screen():
            _dialog(text)
    return EXIT_MISSING_LIBRARY


def problem_from(exc: BaseException) -> list[str] | None:
    """For an ImportError of Qt: the missing library and the others also missing, else None (a real bug: re-raise)."""
    first = missing_library(exc)
    if first is None or not sys.platform.startswith("linux"):
        return None
    return [first, *also_missing(first, _screen())]


def plugin_problem(plugin_dirs: list[str]) -> list[str] | None:
    """Qt aborts (no exception, a core dump) when its platform plugin cannot load: load the plugin ourselves first
    and name what it misses. None where it loads, or is not found, or fails for another reason (Qt says why)."""
    if not sys.platform.startswith("linux"):
        return None
    platform = re.split(r"[:;]", os.environ.get("QT_QPA_PLATFORM", ""))[0] or "xcb"
    for folder in plugin_dirs:
        path = os.path.join(folder, "platforms", f"libq{platform}.so")
        if not os.path.exists(path):
            continue
        try:
            ctypes.CDLL(path)
        except OSError as exc:
            first = missing_library(exc)
            return [first, *also_missing(first, platform == "xcb")] if first else None
        return None
    return None
