"""Writing screening results chunk by chunk: CSV (UTF-8 with BOM, Chinese headers), Excel
(.xlsx, with the summary on a second sheet), Parquet or JSON Lines (English keys, lists kept)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

from qaward.io import InputError, refuse_overwriting
from qaward.screen.frame import ROW
from qaward.screen.report import HEADERS, Summary, for_people

OUTPUT_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet", ".jsonl": "jsonl"}
OUTPUT_FORMATS[".ndjson"] = "jsonl"
SHEET_ROWS = 1_048_576  # Excel's rows in a sheet, the header's included

SUMMARY_HEADERS = {
    "jurisdiction": "管辖区",
    "award": "奖项",
    "organizations": "组织数",
    "eligible": "符合",
    "close": "接近符合",
    "undetermined": "待定",
    "ineligible": "不符合",
    "clause": "条款",
    "citation": "依据",
    "share": "占比",
}


def output_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        known = " ".join(OUTPUT_FORMATS)
        raise InputError(
            str(path), [f"无法识别的输出类型 {suffix or '（无扩展名）'}，应为 {known}"]
        )
    return OUTPUT_FORMATS[suffix]


class Writer:
    """Append readable result chunks to one output file; ``close`` finishes it. ``inputs``:
    the files being read, which the output must not replace."""

    def __init__(self, path: str | Path, inputs: tuple[str | Path, ...] = ()):
        self.final = Path(path)
        self.format = output_format(path)
        _check_place(self.final, inputs)
        self.path = self.final.with_name(self.final.name + ".part")  # renamed when complete
        self._fh: Any = None
        self._parquet: Any = None
        self._book: Any = None
        self._sheet: Any = None
        self._sheets = 0  # result sheets begun
        self._rows = 0  # rows in the current one, its header included
        self._sunk = False

    def write(self, rows: pl.DataFrame) -> None:
        rows = rows.drop(ROW)
        if self.format == "csv":
            people = for_people(rows)
            if self._fh is None:
                self._fh = open(self.path, "wb")  # noqa: SIM115 (closed in close())
                people.write_csv(self._fh, include_bom=True)
            else:
                people.write_csv(self._fh, include_header=False)
        elif self.format == "jsonl":
            self._fh = self._fh or open(self.path, "wb")  # noqa: SIM115
            rows.write_ndjson(self._fh)
        elif self.format == "parquet":
            import pyarrow.parquet as pq

            table = rows.to_arrow()
            if self._parquet is None:
                # lz4: the fastest codec here; categorical texts stay dictionary-encoded
                self._parquet = pq.ParquetWriter(self.path, table.schema, compression="lz4")
            self._parquet.write_table(table)
        else:
            self._xlsx(for_people(rows))

    def sink(self, frames: Iterator[pl.DataFrame], schema: pl.Schema) -> None:
        """Write every frame ``frames`` yields; Parquet is pulled by polars' streaming engine,
        which writes one chunk while the next is evaluated (and twice as fast as pyarrow's
        writer here); other formats are written chunk by chunk."""
        if self.format != "parquet":
            for rows in frames:
                self.write(rows)
            return
        from polars.io.plugins import register_io_source

        def source(with_columns, predicate, n_rows, batch_size) -> Iterator[pl.DataFrame]:
            for rows in frames:
                rows = rows.drop(ROW)
                yield rows.select(with_columns) if with_columns else rows

        columns = pl.Schema({k: v for k, v in schema.items() if k != ROW})
        register_io_source(source, schema=columns).sink_parquet(self.path, compression="lz4")
        self._sunk = True

    def _xlsx(self, people: pl.DataFrame) -> None:
        """Rows onto the results sheet, a further one (筛查结果2, 3 …) each time Excel's
        1,048,576 rows are filled: a large population's results stay openable in Excel."""
        import openpyxl

        if self._book is None:
            self._book = openpyxl.Workbook(write_only=True)  # streams rows to disk
            self._next_sheet()
        for row in people.iter_rows():
            if self._rows == SHEET_ROWS:
                self._next_sheet()
            self._sheet.append(list(row))
            self._rows += 1

    def _next_sheet(self) -> None:
        self._sheets += 1
        title = "筛查结果" if self._sheets == 1 else f"筛查结果{self._sheets}"
        self._sheet = self._book.create_sheet(title)
        self._sheet.append(list(HEADERS.values()))
        self._rows = 1

    def close(self, summary: Summary | None = None) -> None:
        if self._fh is not None:
            self._fh.close()
        if self._parquet is not None:
            self._parquet.close()
        if self.format == "xlsx":
            if self._book is None:
                self._xlsx(pl.DataFrame(schema=dict.fromkeys(HEADERS.values(), pl.String)))
            if summary is not None:
                _summary_sheets(self._book, summary)
            self._book.save(self.path)
        elif self._fh is None and self._parquet is None and not self._sunk:  # still an output
            header = "\ufeff" + ",".join(HEADERS.values()) + "\n" if self.format == "csv" else ""
            self.path.write_text(header, encoding="utf-8")
        self.path.replace(self.final)

    def abort(self) -> None:
        """Leave no output behind (bad input found part-way)."""
        for handle in (self._fh, self._parquet):
            if handle is not None:
                handle.close()
        if self._book is not None:  # end each sheet's stream now, not when collected (a traceback)
            for sheet in self._book.worksheets:
                with contextlib.suppress(Exception):
                    sheet.close()
        self.path.unlink(missing_ok=True)


def _check_place(out: Path, inputs: tuple[str | Path, ...]) -> None:
    """Before anything is read: the output's folder exists, and the output is not one of the
    inputs (it would replace them once the screening is done)."""
    if not out.parent.is_dir():
        raise InputError(str(out), [f"输出目录不存在：{out.parent}"])
    if out.is_dir():
        raise InputError(str(out), ["输出路径是一个目录，应为文件"])
    refuse_overwriting(out, inputs)


def _summary_sheets(book, summary: Summary) -> None:
    for title, rows in (
        ("汇总", summary.jurisdictions()),
        ("常见不符合条款", summary.top_failing()),
    ):
        sheet = book.create_sheet(title)
        if not rows:
            continue
        sheet.append([SUMMARY_HEADERS.get(k, k) for k in rows[0]])
        for r in rows:
            sheet.append(list(r.values()))
