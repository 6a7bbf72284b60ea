"""Write build/version_info.txt, the Windows version resource of both programs (run by build.ps1)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from gdchecker import __version__  # noqa: E402

parts = [int(x) for x in (__version__.split(".") + ["0", "0", "0"])[:4]]
TEMPLATE = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple(parts)}, prodvers={tuple(parts)}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'gdchecker'),
      StringStruct('FileDescription', '政府信息公开年报校验工具'),
      StringStruct('FileVersion', '{__version__}'),
      StringStruct('InternalName', 'gdchecker'),
      StringStruct('OriginalFilename', 'gdchecker.exe'),
      StringStruct('ProductName', '政府信息公开年报校验工具'),
      StringStruct('ProductVersion', '{__version__}')])]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""
(ROOT / "build" / "version_info.txt").write_text(TEMPLATE, encoding="utf-8")
