"""A bare Linux machine: a missing system library gives a Chinese message naming the package, not a traceback;
the packaged CJK font is found and used where the machine has no font set up."""

import os
import subprocess
import sys
import textwrap

import pytest

from gdchecker.gui import fonts, syslibs

LINUX = sys.platform.startswith("linux")


@pytest.mark.parametrize("soname, package", [
    ("libGL.so.1", "libgl1"), ("libEGL.so.1", "libegl1"), ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"), ("libxcb-util.so.1", "libxcb-util1"), ("libxcb.so.1", "libxcb1"),
    ("libfontconfig.so.1", "libfontconfig1"), ("libdbus-1.so.3", "libdbus-1-3"),
    ("libglib-2.0.so.0", "libglib2.0-0"), ("libgthread-2.0.so.0", "libglib2.0-0"), ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libfreetype.so.6", "libfreetype6"), ("libXext.so.6", "libxext6"), ("libwayland-client.so.0", "libwayland-client0"),
])
def test_the_package_of_a_library(soname, package):
    assert syslibs.package_for(soname) == package


@pytest.mark.parametrize("text, soname", [
    ("libGL.so.1: cannot open shared object file: No such file or directory", "libGL.so.1"),
    ("/opt/x/libqxcb.so: libxcb-cursor.so.0: cannot open shared object file: No such file or directory",
     "libxcb-cursor.so.0"),
    ("libxkbcommon-x11.so.0: cannot open shared object file: No such file or directory", "libxkbcommon-x11.so.0"),
    ("cannot import name 'QFoo' from 'PySide6.QtGui'", None),
    ("/opt/x/libqxcb.so: invalid ELF header", None),
])
def test_the_missing_library_named_by_the_loader(text, soname):
    assert syslibs.missing_library(ImportError(text)) == soname


def test_the_message_names_the_package_and_on_a_terminal_the_command():
    text = syslibs.message(["libGL.so.1", "libEGL.so.1"], terminal=True)
    assert "缺少系统库 libGL.so.1（软件包 libgl1）" in text
    assert "sudo apt-get install libgl1 libegl1" in text and "gdchecker-cli" in text
    assert "apt-get" not in syslibs.message(["libGL.so.1"], terminal=False)


@pytest.mark.skipif(not LINUX, reason="Linux libraries")
def test_an_import_error_that_is_not_a_missing_library_is_not_hidden():
    assert syslibs.problem_from(ImportError("cannot import name 'x' from 'gdchecker.model'")) is None
    assert syslibs.problem_from(ImportError("libGL.so.1: cannot open shared object file"))[0] == "libGL.so.1"


@pytest.mark.skipif(not LINUX, reason="Linux libraries")
def test_a_platform_plugin_that_cannot_load_is_named_before_qt_aborts(tmp_path, monkeypatch):
    (tmp_path / "platforms").mkdir()
    (tmp_path / "platforms" / "libqxcb.so").write_bytes(b"not a library")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert syslibs.plugin_problem([str(tmp_path)]) is None  # another failure: Qt says why itself

    def cdll(name, *args, **kwargs):
        if name.endswith("libqxcb.so"):
            raise OSError(f"{name}: libxcb-cursor.so.0: cannot open shared object file: No such file or directory")
        return object()

    monkeypatch.setattr(syslibs.ctypes, "CDLL", cdll)
    assert syslibs.plugin_problem([str(tmp_path)]) == ["libxcb-cursor.so.0"]
    assert syslibs.plugin_problem([str(tmp_path / "nowhere")]) is None


FAKE_NO_LIBGL = textwrap.dedent("""
    import builtins, sys
    real = builtins.__import__
    def fake(name, *args, **kwargs):
        if name.startswith("PySide6.QtWidgets"):
            raise ImportError("libGL.so.1: cannot open shared object file: No such file or directory")
        return real(name, *args, **kwargs)
    builtins.__import__ = fake
    from gdchecker.gui.app import main
    sys.exit(main(sys.argv[1:]))
""")


@pytest.mark.skipif(not LINUX, reason="Linux libraries")
def test_the_desktop_program_without_libgl_says_what_to_install(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", FAKE_NO_LIBGL, "--selfcheck"], capture_output=True, text=True,
                       env=env, timeout=60)
    assert r.returncode == syslibs.EXIT_MISSING_LIBRARY, r.stderr
    assert "Traceback" not in r.stderr
    assert "缺少系统库 libGL.so.1（软件包 libgl1）" in r.stderr
    log = tmp_path / syslibs.LOG_NAME  # no terminal here: the message is left in the home folder, with the command
    assert "sudo apt-get install libgl1" in log.read_text(encoding="utf-8")


def test_the_resources_folder_resolves_without_going_through_gui():
    folder = fonts.resources_dir()
    assert ".." not in folder.split(os.sep)
    assert os.path.isdir(os.path.join(folder, "formats"))


@pytest.mark.skipif(not LINUX, reason="fontconfig")
def test_a_fonts_conf_only_where_the_machine_has_none(tmp_path, monkeypatch):
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    monkeypatch.delenv("FONTCONFIG_PATH", raising=False)
    bundled = tmp_path / "fonts" / "wqy-microhei.ttc"
    monkeypatch.setattr(fonts, "SYSTEM_FONTS_CONF", str(tmp_path / "etc-fonts.conf"))
    conf = fonts.fontconfig_file([str(bundled)], cache_root=str(tmp_path / "cache"))
    assert conf and f"<dir>{bundled.parent}</dir>" in open(conf, encoding="utf-8").read()
    (tmp_path / "etc-fonts.conf").write_text("<fontconfig/>")
    assert fonts.fontconfig_file([str(bundled)], cache_root=str(tmp_path / "cache")) is None
    monkeypatch.setenv("FONTCONFIG_FILE", "/somewhere/fonts.conf")
    (tmp_path / "etc-fonts.conf").unlink()
    assert fonts.fontconfig_file([str(bundled)], cache_root=str(tmp_path / "cache")) is None


@pytest.mark.skipif(not LINUX, reason="fontconfig")
def test_selfcheck_fails_where_no_font_draws_chinese(tmp_path):
    latin = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True).stdout
    if not latin or not os.path.exists(latin) or "dejavu" not in latin.lower():
        pytest.skip("no DejaVu Sans here")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<fontconfig><dir>{os.path.dirname(latin)}</dir><cachedir>{tmp_path / 'c'}</cachedir>"
                    "</fontconfig>")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FONTCONFIG_FILE=str(conf), XDG_CONFIG_HOME=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "gdchecker.gui.app", "--selfcheck"], capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "NO CHINESE" in r.stdout
