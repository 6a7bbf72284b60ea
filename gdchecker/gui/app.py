"""gdchecker-gui [FILE] [--screenshot OUT.png]: the desktop app."""

from __future__ import annotations

import argparse
import os
import sys


def _load_qt() -> list[str] | None:
    """Import Qt; the missing system libraries where that cannot be done (a bare Linux machine), else None."""
    from gdchecker.gui import syslibs

    try:
        from PySide6.QtCore import QLibraryInfo
        from PySide6.QtWidgets import QApplication  # noqa: F401 - loads QtGui (libGL, libEGL, libxkbcommon, …)
    except ImportError as exc:
        problem = syslibs.problem_from(exc)
        if problem is None:
            raise
        return problem
    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)]
    base = getattr(sys, "_MEIPASS", None)
    if base:
        dirs.append(os.path.join(base, "PySide6", "Qt", "plugins"))
    return syslibs.plugin_problem([d for d in dirs if d])


def _selfcheck(app, translator) -> int:  # noqa: ANN001
    """What a packaged program needs to speak Chinese: Qt's translation loaded, a font that draws Chinese."""
    from PySide6.QtWidgets import QDialogButtonBox

    from gdchecker.gui import fonts

    box = QDialogButtonBox(QDialogButtonBox.Cancel)
    cancel = box.button(QDialogButtonBox.Cancel).text()
    families, boxes = fonts.drawn_with(fonts.SAMPLE, app.font())
    chinese = bool(families) and boxes == 0
    used = "、".join(families) or "无"
    print(f"translation: {'yes' if translator is not None else 'no'} (取消 = {cancel})")
    print(f"font: {used} draws “{fonts.SAMPLE}” ({'has Chinese' if chinese else f'NO CHINESE: {boxes} empty boxes'})")
    print(f"app font: {app.font().family() or '无'}; bundled: {', '.join(fonts.bundled_fonts()) or 'none'}")
    if os.environ.get("FONTCONFIG_FILE"):
        print(f"fontconfig: {os.environ['FONTCONFIG_FILE']}")
    return 0 if translator is not None and cancel == "取消" and chinese else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="gdchecker-gui", description="政府信息公开年报校验工具（桌面版）")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--screenshot", metavar="OUT.png", help="打开报告后保存窗口截图并退出")
    p.add_argument("--selfcheck", action="store_true", help="检查界面的中文翻译和字体是否可用，显示结果后退出")
    p.add_argument("--opinion-pdf", metavar="JOB.json", help=argparse.SUPPRESS)  # gdchecker-cli's PDF opinions
    args = p.parse_args(argv)
    if args.opinion_pdf:
        from gdchecker.gui import opinion_pdf

        return opinion_pdf.main([args.opinion_pdf])
    if args.selfcheck and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from gdchecker.gui import fonts

    fonts.prepare_environment()  # before Qt starts fontconfig
    missing = _load_qt()
    if missing:
        from gdchecker.gui import syslibs

        return syslibs.report(missing)

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from gdchecker.gui.mainwindow import MainWindow

    QCoreApplication.setOrganizationName("gdchecker")
    QCoreApplication.setApplicationName("gdchecker")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    fonts.install(app)
    from gdchecker.gui import translate

    translator = translate.install(app)
    if args.selfcheck:
        return _selfcheck(app, translator)
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(os.path.join(fonts.resources_dir(), "icons", "gdchecker.png")))
    win = MainWindow()
    if os.environ.get(TIMING):
        _report_timing(win)
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
    def open_given() -> None:
        for f in args.files:
            if os.path.isdir(f):
                view = win.open_folder(f)
                if view is not None and args.screenshot:
                    view.finished.connect(lambda f=f: on_loaded(os.path.abspath(f)))
                    pending.add(os.path.abspath(f))
            else:
                win.open_path(f)

    QTimer.singleShot(0, open_given)  # the window is drawn first, then the reports are read
    return app.exec()


TIMING = "GDCHECKER_TIMING"  # set (by scripts/bench_gui.py): the wall-clock times the window was drawn and loaded


def _report_timing(win) -> None:  # noqa: ANN001 - the MainWindow
    import time

    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, e) -> bool:  # noqa: ANN001, N802
            if e.type() == QEvent.Paint and not getattr(self, "seen", False):
                self.seen = True
                print(f"drawn {time.time():.4f}", file=sys.stderr, flush=True)
            return False

    win._first_paint = FirstPaint(win)  # kept alive with the window
    win.installEventFilter(win._first_paint)
    win.loaded.connect(lambda _p: print(f"loaded {time.time():.4f}", file=sys.stderr, flush=True))


if __name__ == "__main__":
    sys.exit(main())
