"""Used by gdchecker.spec (Linux): Qt's ICU data library (libicudata.so.73, 32 MB) cut to what a Chinese program
uses — the root, English and Chinese locales (collation by pinyin, time-zone and language names), the GB18030, GBK
and Big5 converters, line-break rules and dictionaries — about 10 MB.

Qt links ICU for QCollator, QTimeZone's names, locale-aware case mapping and QStringConverter's non-UTF encodings;
the locale data of the other ~200 languages, ~200 legacy code pages and the transliterators are never asked for by
this program. ICU falls back to the root locale for a locale whose data is gone.

Needs icupkg (Debian package icu-devtools) and gcc; without them the full library is kept (and the build says so).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

KEEP_LANGUAGES = {"root", "en", "zh", "yue"}  # yue: zh_Hant_HK's number spelling falls back to it
KEEP_CONVERTERS = {"gb18030.cnv", "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv", "windows-950-2000.cnv",
                   "ibm-1373_P100-2002.cnv"}
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")


def dropped(items: list[str]) -> list[str]:
    """The data items left out: other languages' locale data, other code pages, transliterators."""
    out = []
    for item in items:
        folder, _, name = item.rpartition("/")
        if name in ("res_index.res", "pool.res", "root.res"):
            continue
        if name.endswith(".cnv"):
            if name not in KEEP_CONVERTERS:
                out.append(item)
        elif folder == "translit":
            out.append(item)
        else:
            m = _LOCALE.match(name)
            if m and m.group(1) not in KEEP_LANGUAGES:
                out.append(item)
    return out


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def trim(library: str, workdir: str) -> str | None:
    """A smaller copy of an ICU data library in workdir, or None where it cannot be made here."""
    if not (shutil.which("icupkg") and shutil.which("gcc") and shutil.which("readelf")):
        print("spec: icupkg or gcc missing (apt-get install icu-devtools gcc): Qt's ICU data kept whole (32 MB)")
        return None
    symbols = _run("readelf", "--dyn-syms", "-W", library)
    m = re.search(r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+DEFAULT\s+(\d+)\s+(icudt(\d+)_dat)\s*$", symbols, re.M)
    if not m:
        print(f"spec: no ICU data symbol in {library}: kept whole")
        return None
    address, size, index, symbol, version = int(m.group(1), 16), int(m.group(2), 0), int(m.group(3)), m.group(4), m.group(5)
    sections = _run("readelf", "-S", "-W", library)
    sec = re.search(rf"^\s*\[\s*{index}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s", sections, re.M)
    if not sec:
        return None
    offset = address - int(sec.group(1), 16) + int(sec.group(2), 16)
    os.makedirs(os.path.join(workdir, "in"), exist_ok=True)
    os.makedirs(os.path.join(workdir, "out"), exist_ok=True)
    package = f"icudt{version}l"  # icupkg names the package after the file: keep ICU's own name
    full = os.path.join(workdir, "in", f"{package}.dat")
    small = os.path.join(workdir, "out", f"{package}.dat")
    with open(library, "rb") as f:
        f.seek(offset)
        data = f.read(size)
    with open(full, "wb") as f:
        f.write(data)
    items = [line.strip() for line in _run("icupkg", "-l", full).splitlines() if line.strip()]
    listing = os.path.join(workdir, "dropped.txt")
    with open(listing, "w") as f:
        f.write("\n".join(dropped(items)) + "\n")
    if os.path.exists(small):
        os.remove(small)
    _run("icupkg", "-r", listing, full, small)
    asm = os.path.join(workdir, "data.S")
    with open(asm, "w") as f:
        f.write(f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n{symbol}:\n"
                f'\t.incbin "{small}"\n\t.size {symbol}, . - {symbol}\n\t.section .note.GNU-stack,"",@progbits\n')
    name = os.path.basename(library)
    out = os.path.join(workdir, name)
    _run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{name}", "-o", out, asm)
    print(f"spec: {name} {size // 1_000_000} MB -> {os.path.getsize(out) // 1_000_000} MB "
          f"(root, English and Chinese locales kept)")
    return out
