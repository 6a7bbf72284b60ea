"""Old Word/WPS (.doc/.wps), OpenDocument (.odt) and RTF files, converted to .docx by LibreOffice where it is on
the machine, then read by the .docx reader.

Each conversion runs `soffice --headless --convert-to docx` in a temporary folder of its own, with a throw-away
user profile (so it never clashes with a LibreOffice the user has open, and parallel checks never clash with each
other) whose settings forbid macros and linked content; no shell, a time limit after which the whole process group
is killed, the input's and the output's size checked. The folder is always removed.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gdchecker.model import Finding, Severity
from gdchecker.read.document import Document, ReadError
from gdchecker.read.limits import MiB, Package

TIMEOUT = 60.0  # seconds; a report converts in 2-3 s (the first run of a fresh profile included)
MAX_INPUT_BYTES = 64 * MiB  # a .doc report with pictures has some MB; LibreOffice needs many times that in memory
MAX_OUTPUT_BYTES = 200 * MiB
CODE = "reading.converted"
# what each sniffed kind is called inside the temporary folder: LibreOffice tells the format by the content, the
# name only helps (a Kingsoft .wps is a Word binary; named .wps it could be taken for Microsoft Works)
_NAME = {"ole": "report.doc", "odf": "report.odt", "rtf": "report.rtf"}
_DEFAULT_EXT = {"ole": ".doc", "odf": ".odt", "rtf": ".rtf"}
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
# the throw-away profile's settings: no macros, no linked images or other content fetched from anywhere
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse">\
<value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


def _candidates() -> list[str]:
    """The usual install places, where PATH does not name LibreOffice."""
    if sys.platform == "win32":
        roots = [os.environ.get(v) for v in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        return [os.path.join(r, "LibreOffice", "program", "soffice.exe") for r in dict.fromkeys(roots) if r]
    found = ["/usr/lib/libreoffice/program/soffice", "/usr/lib64/libreoffice/program/soffice",
             "/usr/local/lib/libreoffice/program/soffice"]
    found += sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)  # the newest version first
    found += ["/snap/bin/libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    return found


def find_soffice() -> str | None:
    """LibreOffice's soffice (or libreoffice) executable: on PATH, else in a usual install folder; None if absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _candidates() if os.path.isfile(p) and os.access(p, os.X_OK)), None)


def convertible(kind: str, data: bytes) -> bool:
    """Whether LibreOffice can make a Word document of it: an OLE file holding a WordDocument stream (Word 97-2003,
    Kingsoft WPS), an OpenDocument text (not a spreadsheet or slides), an RTF file."""
    if kind == "ole":
        return "WordDocument".encode("utf-16-le") in data[: 4 * MiB]
    if kind == "odf":
        try:
            pkg = Package(data, "OpenDocument 文档", part_cap=4096, total_cap=4096)
            try:
                return pkg.read("mimetype").strip().startswith(_ODF_TEXT)
            finally:
                pkg.close()
        except ReadError:
            return data[38:38 + len(_ODF_TEXT)] == _ODF_TEXT  # stored first and uncompressed, as ODF asks
    return kind == "rtf"


def source_ext(path: str, kind: str) -> str:
    """How the file is named in messages: its own suffix where that is one of the converted kinds."""
    from gdchecker.inputs import kind_of

    k = kind_of(path)
    return os.path.splitext(path)[1].lower() if k is not None and k.convert else _DEFAULT_EXT[kind]


def command(exe: str, src: str, outdir: str, profile: str) -> list[str]:
    """The conversion's command line (no shell)."""
    return [exe, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", outdir, src]


def _failed(ext: str, why: str) -> ReadError:
    return ReadError("convert_failed", f"用 LibreOffice 转换这份 {ext} 文件{why}；请用 Word/WPS 打开后另存为 .docx 或 PDF 再检查")


def _start(cmd: list[str]) -> subprocess.Popen[bytes]:
    quiet = subprocess.DEVNULL
    if sys.platform == "win32":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW  # type: ignore[attr-defined]
        return subprocess.Popen(cmd, stdin=quiet, stdout=quiet, stderr=quiet, creationflags=flags)
    return subprocess.Popen(cmd, stdin=quiet, stdout=quiet, stderr=quiet, start_new_session=True)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """End the process and every process it started (soffice starts soffice.bin)."""
    if sys.platform == "win32":
        if proc.poll() is not None:
            return  # ended by itself, and with it what it started
        try:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, timeout=10,
                           creationflags=subprocess.CREATE_NO_WINDOW, check=False)  # type: ignore[attr-defined]
        except (OSError, subprocess.SubprocessError):
            pass
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:  # the group is gone already
            pass
    if proc.poll() is None:
        proc.kill()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _run(cmd: list[str], ext: str, timeout: float) -> int:
    try:
        proc = _start(cmd)
    except OSError as e:
        raise _failed(ext, f"时无法启动 LibreOffice（{e.strerror or '系统错误'}）") from e
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise _failed(ext, f"超过 {timeout:.0f} 秒仍未完成，已停止") from None
    finally:
        _kill(proc)  # also after a normal end: nothing it started may outlive it and hold the folder


def _remove(folder: str) -> None:
    for _ in range(10):  # Windows may hold a file of a process just ended for a moment
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.exists(folder):
            return
        time.sleep(0.2)


def to_docx(data: bytes, kind: str, ext: str, exe: str, timeout: float | None = None) -> bytes:
    """The file converted to .docx bytes; ReadError (convert_failed, too_large) where that cannot be done."""
    if len(data) > MAX_INPUT_BYTES:
        raise ReadError("too_large", f"{ext} 文件太大（超过 {MAX_INPUT_BYTES // MiB} MB），无法转换，不像是一份年度报告")
    folder = tempfile.mkdtemp(prefix="gdchecker-convert-")
    try:
        src, out, profile = (os.path.join(folder, d) for d in ("src", "out", "profile"))
        for d in (src, out, os.path.join(profile, "user")):
            os.makedirs(d)
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
            f.write(_SETTINGS)
        name = os.path.join(src, _NAME[kind])
        with open(name, "wb") as f:
            f.write(data)
        code = _run(command(exe, name, out, profile), ext, TIMEOUT if timeout is None else timeout)
        result = os.path.join(out, os.path.splitext(_NAME[kind])[0] + ".docx")
        if not os.path.isfile(result):
            why = "没有成功（文件可能已损坏，或不是文字文档）" if code == 0 else f"没有成功（LibreOffice 返回 {code}）"
            raise _failed(ext, why)
        size = os.path.getsize(result)
        if size == 0:
            raise _failed(ext, "没有成功（转换结果是空文件）")
        if size > MAX_OUTPUT_BYTES:
            raise ReadError("too_large", f"{ext} 文件转换后超过 {MAX_OUTPUT_BYTES // MiB} MB，不像是一份年度报告")
        with open(result, "rb") as f:
            return f.read()
    except OSError as e:
        raise _failed(ext, f"时无法写入临时文件夹（{e.strerror or '系统错误'}）") from e
    finally:
        _remove(folder)


def read_converted(path: str, data: bytes, kind: str, exe: str) -> Document:
    """The file read as the .docx LibreOffice makes of it; the Document says it was converted."""
    from gdchecker.read import sniff
    from gdchecker.read.docx import read_docx

    ext = source_ext(path, kind)
    docx = to_docx(data, kind, ext, exe)
    if sniff(docx, "converted.docx") != "docx":
        raise _failed(ext, "没有成功（转换结果不是 Word 文档）")
    doc = read_docx(path, docx)
    doc.converted_from = ext
    return doc


def note(ext: str) -> Finding:
    """The reading note that tells the user the file was converted first."""
    return Finding(CODE, Severity.INFO, f"已用 LibreOffice 将 {ext} 文件转换为 .docx 后检查；转换可能改变个别排版，"
                                        "如有疑问请核对原文")
