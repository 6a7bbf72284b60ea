"""What every reader produces: lines of positioned pieces, in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field

from gdchecker.model import Box


@dataclass
class Piece:
    """A run of text in one place: a table cell, a tab field, or a word group on a PDF line.

    x is where it sits across the line: the grid column for tables from Word and web pages, the field number
    for tab- or pipe-separated text, the horizontal centre in points for PDF.
    """

    text: str
    x: float = 0.0
    box: Box | None = None
    cut: bool = False  # the page's edge cuts through the cell: its text is not there to read
    conf: float | None = None  # how sure an OCR reading of it is (0 to 1); None: read from a text layer


@dataclass
class Line:
    """One line of the source: a table row (from a grid, or pieces placed side by side) or a line of text."""

    pieces: list[Piece]
    page: int | None = None
    grid: int | None = None  # which table of the source the line is a row of (None: running text)
    geometric: bool = False  # x is a real position (PDF), not an index
    src: int | None = None  # for lines the locator derived: the index of the document line they came from
    stacked: bool = False  # a row the locator joined from one-cell-a-line text (each value was a line of its own)
    cut: bool = False  # a table row that runs on past the page's right edge: the cells beyond are not printed
    after_break: bool = False  # the first row of a table on a page, under the columns of the last page's last row

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass
class Document:
    """What a reader made of one file: its lines in reading order, and how it was read."""

    path: str
    kind: str  # pdf | docx | html | text | xlsx
    lines: list[Line] = field(default_factory=list)
    pages: int | None = None
    title: str | None = None  # the title the source declares (HTML <title>), if any
    converted_from: str | None = None  # the suffix of a file LibreOffice converted to .docx first (".doc"), if any
    ocr: bool = False  # read from pictures by OCR (a scan): what is not found may be the reading's failure
    turns: dict[int, int] = field(default_factory=dict)  # page -> quarter turns anticlockwise that put it upright

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class ReadError(Exception):
    """A file that cannot be read at all; code is stable, message is Chinese."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):  # noqa: ANN204 - kept whole when sent between processes (batch checks)
        return (ReadError, (self.code, self.message))
