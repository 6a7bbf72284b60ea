"""Fonts for the desktop program: the CJK font shipped inside the packaged folder, fontconfig on a machine without
any font set up, and which font really draws a Chinese string (for --selfcheck)."""

from __future__ import annotations

import os
import sys
import tempfile

# Chinese UI fonts in order of preference: Windows' own first, then what Linux desktops (and the packaged folder) have
PREFERRED = ("Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei", "SimSun", "宋体")
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
SAMPLE = "政府信息公开年度报告 2023"  # what --selfcheck draws: Chinese and digits

SYSTEM_FONTS_CONF = "/etc/fonts/fonts.conf"


def resources_dir() -> str:
    """The package's resources folder: inside the packaged folder (sys._MEIPASS) or beside the source."""
    base = getattr(sys, "_MEIPASS", None)
    if base and os.path.isdir(os.path.join(base, "gdchecker", "resources")):
        return os.path.join(base, "gdchecker", "resources")
    # normpath: in the packaged folder gdchecker/gui/ does not exist on disk, so "gui/.." would not resolve
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "resources"))


def bundled_fonts() -> list[str]:
    """The font files shipped in resources/fonts (the Linux packaged folder has WenQuanYi Micro Hei there)."""
    folder = os.path.join(resources_dir(), "fonts")
    if not os.path.isdir(folder):
        return []
    return sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.lower().endswith(FONT_SUFFIXES))


def fontconfig_file(fonts: list[str], cache_root: str | None = None) -> str | None:
    """A fonts.conf for a Linux machine that has none (a minimal install: no /etc/fonts): without one fontconfig
    says "Cannot load default config file" and knows no font at all, so Qt could match nothing but the fonts the app
    adds itself. The file lists the bundled fonts' folder and the usual font folders; None where not needed or it
    cannot be written. Must run before the QApplication is made (fontconfig reads its configuration once)."""
    if not sys.platform.startswith("linux") or os.environ.get("FONTCONFIG_FILE") or os.environ.get("FONTCONFIG_PATH"):
        return None
    if os.path.exists(SYSTEM_FONTS_CONF):
        return None
    dirs = sorted({os.path.dirname(f) for f in fonts})
    body = "".join(f"  <dir>{_xml(d)}</dir>\n" for d in dirs)
    text = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
            f"{body}  <dir>/usr/share/fonts</dir>\n  <dir>/usr/local/share/fonts</dir>\n"
            '  <dir prefix="xdg">fonts</dir>\n  <cachedir prefix="xdg">fontconfig</cachedir>\n</fontconfig>\n')
    for root in (cache_root or os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                 tempfile.gettempdir()):
        path = os.path.join(root, "gdchecker", "fonts.conf")
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
            return path
        except OSError:
            continue
    return None


def prepare_environment() -> None:
    """Before Qt starts: point fontconfig at a configuration of ours where the machine has none."""
    conf = fontconfig_file(bundled_fonts())
    if conf:
        os.environ["FONTCONFIG_FILE"] = conf


def install(app) -> str | None:  # noqa: ANN001 - a QApplication
    """Register the bundled fonts and make a Chinese font the app's font: the system's own where it has one
    (微软雅黑 on Windows), else the bundled one. Returns the family chosen (None where no Chinese font at all)."""
    from PySide6.QtGui import QFont, QFontDatabase

    for path in bundled_fonts():
        QFontDatabase.addApplicationFont(path)
    families = set(QFontDatabase.families())
    chinese = [f for f in PREFERRED if f in families]
    if not chinese:  # any other font that says it has Simplified Chinese
        chinese = [f for f in sorted(families)
                   if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(f)]
    if not chinese:
        return None
    f = QFont(chinese[0])
    f.setPointSize(10)
    app.setFont(f)
    return chinese[0]


def drawn_with(text: str, font) -> tuple[list[str], int]:  # noqa: ANN001 - a QFont
    """Which font families really draw text in font (after Qt's fallbacks), and how many characters of it come out
    as the empty box (glyph 0, .notdef)."""
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100000)
    layout.endLayout()
    families: list[str] = []
    boxes = 0
    for run in layout.glyphRuns():
        name = run.rawFont().familyName()
        if name and name not in families:
            families.append(name)
        boxes += sum(1 for g in run.glyphIndexes() if g == 0)
    if not families:  # no font at all: nothing drawn
        boxes = len(text)
    return families, boxes


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
