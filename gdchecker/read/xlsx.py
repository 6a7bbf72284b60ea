"""Excel workbooks laid out like the official tables (our own export, or a hand-made one): every sheet in order."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from gdchecker.read.document import Document, Line, Piece, ReadError

# sheets of our own export that hold no table of the report
SKIP_SHEETS = ("校验结果", "修改记录", "说明", "汇总")
MAX_CELLS = 200_000


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return str(v).strip()


def read_xlsx(path: str, data: bytes) -> Document:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise ReadError("corrupt", "Excel 文件已损坏或不完整，无法打开；请用 Excel/WPS 打开后重新保存") from e
    except Exception as e:  # openpyxl raises several kinds for broken parts
        raise ReadError("corrupt", "Excel 文件已损坏或不完整，无法打开；请用 Excel/WPS 打开后重新保存") from e
    if "汇总" in wb.sheetnames and any(n.startswith("2-") for n in wb.sheetnames):
        raise ReadError("multi_report", "这是多份报告的汇总工作簿；请打开其中各份报告的原文件，或分别导出单份报告后再检查")
    doc = Document(path, "xlsx")
    seen = 0
    for gid, ws in enumerate(wb.worksheets, 1):
        if any(ws.title.endswith(s) for s in SKIP_SHEETS) or ws.sheet_state != "visible":
            continue
        covered = set()
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered.add((r, c))
        for row in ws.iter_rows():
            pieces = []
            for cell in row:
                seen += 1
                if (cell.row, cell.column) in covered:
                    continue
                pieces.append(Piece(_text(cell.value), float(cell.column)))
            while pieces and not pieces[-1].text:
                pieces.pop()
            if seen > MAX_CELLS:
                raise ReadError("too_large", "Excel 工作簿太大，不像是年度报告的统计表")
            if not any(p.text for p in pieces):
                continue
            texts = [p for p in pieces if p.text]
            if len(texts) == 1 and len(pieces) == texts[0].x:  # a title or note alone in its row: running text
                doc.lines.append(Line([Piece(texts[0].text)]))
            else:
                doc.lines.append(Line(pieces, grid=gid))
    if not doc.lines:
        raise ReadError("empty", "Excel 工作簿中没有任何内容")
    return doc
