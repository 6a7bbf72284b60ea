"""gdchecker-gui [FILE] [--screenshot OUT.png]: the desktop app."""

from __future__ import annotations

import argparse
import os
import sys


def _fonts(app) -> None:  # noqa: ANN001
    """A Chinese font: the bundled one where present, else whatever CJK font the system has."""
    from PySide6.QtGui import QFont, QFontDatabase

    bundled = os.path.join(os.path.dirname(__file__), "..", "resources", "fonts")
    if os.path.isdir(bundled):
        for name in os.listdir(bundled):
            QFontDatabase.addApplicationFont(os.path.join(bundled, name))
    for family in ("Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
                   "Source Han Sans SC", "SimSun", "宋体"):
        if family in QFontDatabase.families():
            f = QFont(family)
            f.setPointSize(10)
            app.setFont(f)
            return


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="gdchecker-gui", description="政府信息公开年报校验工具（桌面版）")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--screenshot", metavar="OUT.png", help="打开报告后保存窗口截图并退出")
    args = p.parse_args(argv)
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from gdchecker.gui.mainwindow import MainWindow

    QCoreApplication.setOrganizationName("gdchecker")
    QCoreApplication.setApplicationName("gdchecker")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    _fonts(app)
    from gdchecker.gui import translate

    translate.install(app)
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(os.path.join(os.path.dirname(__file__), "..", "resources", "icons", "gdchecker.png")))
    win = MainWindow()
    win.show()
    pending = {os.path.abspath(f) for f in args.files if not os.path.isdir(f)}
    folders = [f for f in args.files if os.path.isdir(f)]

    def shoot() -> None:
        app.processEvents()
        ok = win.grab().save(args.screenshot)
        app.exit(0 if ok else 3)

    if args.screenshot:
        if pending or folders:
            def on_loaded(path: str) -> None:
                pending.discard(path)
                if not pending:
                    QTimer.singleShot(300, shoot)
            win.loaded.connect(on_loaded)
        else:
            QTimer.singleShot(300, shoot)
        QTimer.singleShot(60000, lambda: app.exit(4))  # never hang
    for f in args.files:
        if os.path.isdir(f):
            view = win.open_folder(f)
            if view is not None and args.screenshot:
                view.finished.connect(lambda f=f: on_loaded(os.path.abspath(f)))
                pending.add(os.path.abspath(f))
        else:
            win.open_path(f)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
