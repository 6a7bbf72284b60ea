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


def _selfcheck(app, translator) -> int:  # noqa: ANN001
    """What a packaged program needs to speak Chinese: Qt's translation loaded, a font that has Chinese."""
    from PySide6.QtGui import QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.Cancel)
    cancel = box.button(QDialogButtonBox.Cancel).text()
    family = QFontInfo(app.font()).family()
    chinese = QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
    print(f"translation: {'yes' if translator is not None else 'no'} (取消 = {cancel})")
    print(f"font: {family} ({'has Chinese' if chinese else 'NO CHINESE'})")
    return 0 if translator is not None and cancel == "取消" and chinese else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="gdchecker-gui", description="政府信息公开年报校验工具（桌面版）")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--screenshot", metavar="OUT.png", help="打开报告后保存窗口截图并退出")
    p.add_argument("--selfcheck", action="store_true", help="检查界面的中文翻译和字体是否可用，显示结果后退出")
    args = p.parse_args(argv)
    if args.selfcheck and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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

    translator = translate.install(app)
    if args.selfcheck:
        return _selfcheck(app, translator)
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
