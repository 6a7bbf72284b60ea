"""Limits a reader checks before the work, so that a small hostile file cannot cost minutes or gigabytes.

Zip packages (.docx, .xlsx): how many members, and each part's size both as its headers declare it and as it
really inflates (read by streaming with a cap, never trusting the header). Tables: the work of laying merged
cells out on a grid, counted from the spans (clipped to the rows that exist) before the grid is built.
Every refusal is a ReadError with a stable code and a Chinese message saying what was too big.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from gdchecker.read.document import ReadError

MiB = 1024 * 1024
MAX_ZIP_MEMBERS = 10_000  # a report's package has some tens of parts (a few hundred with many pictures)
MAX_PART_BYTES = 64 * MiB  # one XML part, inflated (a 300-page report's document.xml is some 10 MB)
MAX_PACKAGE_BYTES = 256 * MiB  # all the parts a reader reads, inflated
MAX_XML_TAGS = 2_000_000  # elements of one parsed XML part (lxml needs some 100 bytes an element)
MAX_MARKUP_TAGS = 200_000  # a web page's tags (a report page has some thousands; walking 200 000 takes seconds)
MAX_GRID_WORK = 4_000_000  # grid columns and rows that the merged cells of all tables of a file cover
_READ_CHUNK = MiB
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError)
_CENTRAL_RECORD = b"PK\x01\x02"

Rows = list[list[tuple[str, int, int]]]  # rows of (text, rowspan, colspan)


def _mb(n: int) -> str:
    return f"{n / MiB:.0f} MB" if n >= MiB else f"{n / 1024:.0f} KB"


def _short(name: str) -> str:
    return name if len(name) <= 40 else name[:37] + "…"


def unsupported(what: str) -> ReadError:
    """A zip feature Python's zipfile lacks (Deflate64, PPMd, strong encryption, a newer zip version)."""
    return ReadError("corrupt", f"{what}使用了本工具不支持的压缩格式，无法打开；请用原程序打开后重新保存（另存为）")


def corrupt(what: str) -> ReadError:
    return ReadError("corrupt", f"{what}已损坏或不完整，无法打开；请重新下载，或用原程序打开后重新保存")


def _open(data: bytes, what: str) -> zipfile.ZipFile | None:
    """The zip, or None when it is broken. zipfile builds an object for every central directory record, so these
    are counted in the bytes first; a format newer than zipfile knows is refused as such."""
    members = data.count(_CENTRAL_RECORD)
    if members > MAX_ZIP_MEMBERS:
        raise ReadError("too_large", f"{what}里有 {members} 个部件（上限 {MAX_ZIP_MEMBERS} 个），不像是一份年度报告")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError as e:  # e.g. "zip file version 9.9"
        raise unsupported(what) from e
    except _ZIP_ERRORS:
        return None


def zip_names(data: bytes, what: str = "压缩文件") -> list[str] | None:
    """The member names of a zip package, or None when it is broken; ReadError for too many members or a zip
    format zipfile lacks."""
    z = _open(data, what)
    if z is None:
        return None
    with z:
        return z.namelist()


class Package:
    """Parts of one zip package read with a cap on each and on all together: a part's headers may declare any
    size, so the cap holds on what really comes out of the inflater."""

    def __init__(self, data: bytes, what: str, broken: str | None = None, part_cap: int = MAX_PART_BYTES,
                 total_cap: int = MAX_PACKAGE_BYTES) -> None:
        """Open the package (its members counted first); broken: the message for a corrupt one."""
        self.what, self.part_cap, self.total_cap = what, part_cap, total_cap
        self.broken = broken or corrupt(what).message
        z = _open(data, what)
        if z is None:
            raise ReadError("corrupt", self.broken)
        self.z = z
        self.total = 0

    def _refuse(self, name: str, size: int, declared: bool) -> ReadError:
        if size <= self.part_cap:
            return ReadError("too_large", f"{self.what}的各部分解压后共超过 {_mb(self.total_cap)}，可能是“压缩炸弹”，"
                                          "不像是一份年度报告")
        how = f"按文件头声明解压后有 {_mb(size)}" if declared else f"解压后超过 {_mb(self.part_cap)}"
        return ReadError("too_large", f"{self.what}中的 {_short(name)} {how}（上限 {_mb(self.part_cap)}），"
                                      "可能是“压缩炸弹”，不像是一份年度报告")

    def _over(self, size: int) -> bool:
        return size > self.part_cap or self.total + size > self.total_cap

    def _chunks(self, name: str) -> Iterator[bytes]:
        """The part inflated a chunk at a time, refused as soon as it passes a cap (first as declared)."""
        try:
            info = self.z.getinfo(name)
        except KeyError as e:
            raise ReadError("corrupt", self.broken) from e
        if self._over(info.file_size):
            raise self._refuse(name, info.file_size, declared=True)
        size = 0
        try:
            with self.z.open(info) as f:
                while chunk := f.read(_READ_CHUNK):
                    size += len(chunk)
                    if self._over(size):
                        raise self._refuse(name, size, declared=False)
                    yield chunk
        except (NotImplementedError, RuntimeError) as e:  # an unknown method; an encrypted member
            raise unsupported(self.what) from e
        except _ZIP_ERRORS as e:  # a bad CRC, a broken deflate stream, a truncated member
            raise ReadError("corrupt", self.broken) from e
        self.total += size

    def read(self, name: str) -> bytes:
        return b"".join(self._chunks(name))

    def drain(self, name: str) -> int:
        """Inflate the part to nothing, for a library that reads it itself once it is known to fit the caps; the
        number of its tags."""
        return sum(chunk.count(b"<") for chunk in self._chunks(name))

    def names(self) -> list[str]:
        return self.z.namelist()

    def close(self) -> None:
        self.z.close()


def check_tags(xml: bytes, what: str, name: str, cap: int = MAX_XML_TAGS) -> None:
    """Before parsing: a part with millions of elements would take gigabytes as a tree."""
    tags = xml.count(b"<")
    if tags > cap:
        raise ReadError("too_large", f"{what}中的 {_short(name)} 有约 {tags // 10000} 万个 XML 标签（上限 "
                                     f"{cap // 10000} 万），不像是一份年度报告")


def clip_rowspans(rows: Rows) -> Rows:
    """A rowspan reaches at most the table's last row (the layout is the same: rows below do not exist)."""
    n = len(rows)
    return [[(text, min(rs, n - r), cs) for text, rs, cs in row] for r, row in enumerate(rows)]


def grid_work(rows: Rows) -> int:
    """The work of laying the (clipped) rows out: the columns and rows every cell spans."""
    return sum(rs + cs for row in rows for _, rs, cs in row)


def check_grid_work(work: int, what: str) -> None:
    if work > MAX_GRID_WORK:
        raise ReadError("too_large", f"{what}中表格的合并单元格（跨行、跨列）铺开后约有 {work // 10000} 万格"
                                     f"（上限 {MAX_GRID_WORK // 10000} 万），不像是年度报告的表格")
