"""CSV (UTF-8 with a byte-order mark, so Excel reads Chinese) and Excel (.xlsx) from sheets.

openpyxl is imported only when an .xlsx is written: other commands start without it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from qaward.reports.sheets import Sheet
from qaward.textwidth import width

A4 = 9  # openpyxl's paperSize code for A4
MAX_COLUMN = 48  # characters: longer text wraps inside its cell rather than widening the page
PORTRAIT = 100  # total width (characters) that still prints upright on A4


def csv_bytes(sheets: Sequence[Sheet], lang: str = "zh") -> bytes:
    """One table; several sheets follow each other, each under its title, a blank line between."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    many = len(sheets) > 1
    for i, sheet in enumerate(sheets):
        if many:
            if i:
                writer.writerow([])
            writer.writerow([sheet.title])
        writer.writerow(sheet.headers(lang))
        writer.writerows(sheet.rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _width(value: object) -> int:
    lines = str(value).splitlines() or [""]
    return max(max(width(line), len(line)) for line in lines)


def xlsx_bytes(sheets: Sequence[Sheet], lang: str = "zh", note: str = "") -> bytes:
    """A workbook, one worksheet per sheet: bold frozen header row repeated on every printed
    page, column widths from the content (capped, long text wrapped), A4 fitted to page width.
    ``note``, if given, goes in a last worksheet "说明" (e.g. the registry consulted)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(_sheet_name(sheet.title))
        ws.append(sheet.headers(lang))
        for row in sheet.rows:
            ws.append([_cell(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        total = 0
        for idx, header in enumerate(sheet.headers(lang), 1):
            natural = max([_width(header), *(_width(r[idx - 1]) for r in sheet.rows)]) + 2
            width = min(natural, MAX_COLUMN)
            total += width
            letter = ws.cell(row=1, column=idx).column_letter
            ws.column_dimensions[letter].width = width
            if natural > MAX_COLUMN:
                for (cell,) in ws.iter_rows(min_row=2, min_col=idx, max_col=idx):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.page_setup.paperSize = A4
        ws.page_setup.orientation = "portrait" if total <= PORTRAIT else "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
    if note:
        ws = wb.create_sheet("说明" if lang == "zh" else "notes")
        for line in note.splitlines():
            ws.append([line])
        ws.column_dimensions["A"].width = 100
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_name(title: str) -> str:
    return "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, int | float | str):
        return value
    return str(value)
