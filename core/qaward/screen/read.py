"""Reading a population in chunks: JSON Lines, CSV, Excel (.xlsx) or Parquet.

Every reader yields conformed, validated frames of at most ``size`` organisations, so memory
stays flat whatever the file's size. JSON Lines documents are structured by the contract's own
converter, line by line; the tabular formats use the flat layout of :mod:`qaward.screen.flat`
(Parquet may also hold the nested layout, list and struct columns named as in the contract).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from qaward.io import InputError, structure
from qaward.model import Organization
from qaward.screen import flat, frame, validate

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".xlsx": "xlsx"}
FORMATS[".parquet"] = "parquet"


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = " ".join(FORMATS)
        raise InputError(
            str(path), [f"无法识别的文件类型 {suffix or '（无扩展名）'}，应为 {known}"]
        )
    return FORMATS[suffix]


def count(path: str | Path) -> int | None:
    """How many organisations the file holds, when that is cheap to know (for progress)."""
    fmt = format_of(path)
    if fmt == "parquet":
        return pl.scan_parquet(path).select(pl.len()).collect().item()
    if fmt in ("jsonl", "csv"):
        with open(path, "rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        return lines - (1 if fmt == "csv" else 0)
    return None


def chunks(
    path: str | Path, size: int = 25_000, linked: tuple[str | Path, ...] = ()
) -> Iterator[pl.DataFrame]:
    """Conformed, validated frames of the file's organisations, ``size`` at a time."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), ["文件不存在"])
    fmt = format_of(path)
    tables = _linked(path, fmt, linked)
    if fmt == "jsonl":
        yield from _jsonl(path, size)
    elif fmt == "csv":
        yield from _tabular(
            pl.scan_csv(path, infer_schema=False, encoding="utf8-lossy").collect_batches(
                chunk_size=size
            ),
            str(path),
            tables,
        )
    elif fmt == "parquet":
        yield from _parquet(path, size, tables)
    else:
        yield from _tabular(_xlsx_sheet(path, size), str(path), tables)


def _jsonl(path: Path, size: int) -> Iterator[pl.DataFrame]:
    row = 0
    lines: list[bytes] = []
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path} 第{number}行"
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(where, [f"JSON 格式错误：第{exc.colno}列：{exc.msg}"]) from None
            if not isinstance(doc, dict):
                raise InputError(where, [f"$: 应为对象，得到 {type(doc).__name__}"])
            structure(doc, Organization, where)  # the contract's converter, field paths included
            lines.append(line if line.endswith(b"\n") else line + b"\n")
            if len(lines) == size:
                yield _jsonl_frame(lines, row)
                row += len(lines)
                lines = []
    if lines:
        yield _jsonl_frame(lines, row)


def _jsonl_frame(lines: list[bytes], first_row: int) -> pl.DataFrame:
    df = pl.read_ndjson(io.BytesIO(b"".join(lines)), schema=frame.schema())
    return frame.conform(df.with_columns((pl.int_range(pl.len()) + first_row).alias(frame.ROW)))


def _tabular(batches, where: str, tables: dict[str, pl.DataFrame]) -> Iterator[pl.DataFrame]:
    row = 0
    for batch in batches:
        if batch.is_empty():
            continue
        batch = batch.with_columns((pl.int_range(pl.len()) + row).alias(frame.ROW))
        df = flat.to_frame(batch, where, line0=row + 2, linked=tables)
        validate.check(df, where, line0=2)
        row += batch.height
        yield df


def _parquet(path: Path, size: int, tables: dict[str, pl.DataFrame]) -> Iterator[pl.DataFrame]:
    names = list(pl.read_parquet_schema(path))
    nested = any(n in ("events", "certifications", "attestations") for n in names) or not any(
        "." in n for n in names
    )
    row = 0
    for batch in pl.scan_parquet(path).collect_batches(chunk_size=size):
        if batch.is_empty():
            continue
        batch = batch.with_columns((pl.int_range(pl.len()) + row).alias(frame.ROW))
        if nested:
            unknown = [c for c in batch.columns if c not in frame.schema() and c != frame.ROW]
            if unknown:
                raise InputError(str(path), [f"未知的列 {', '.join(unknown)}"])
            try:
                df = frame.conform(batch)
            except pl.exceptions.PolarsError as exc:
                raise InputError(str(path), [f"列类型与数据约定不符：{exc}"]) from None
        else:
            df = flat.to_frame(batch, str(path), line0=row + 1, linked=tables)
        validate.check(df, str(path), line0=1)
        row += batch.height
        yield df


def _linked(path: Path, fmt: str, extra: tuple[str | Path, ...]) -> dict[str, pl.DataFrame]:
    """Second tables: the workbook's other sheets, and any files given (named by their stem)."""
    out: dict[str, pl.DataFrame] = {}
    if fmt == "xlsx":
        for name in _sheet_names(path)[1:]:
            sheet = pl.concat(list(_xlsx_sheet(path, 100_000, name)), how="vertical")
            out[name] = flat.linked_table(sheet, name, f"{path}[{name}]")
    for p in map(Path, extra):
        f = format_of(p)
        if f == "csv":
            df = pl.read_csv(p, infer_schema=False)
        elif f == "parquet":
            df = pl.read_parquet(p)
        elif f == "xlsx":
            df = pl.concat(list(_xlsx_sheet(p, 100_000)), how="vertical")
        else:
            raise InputError(str(p), ["附表应为 CSV、Excel 或 Parquet 文件"])
        out[p.stem] = flat.linked_table(df, p.stem, str(p))
    return out


def _sheet_names(path: Path) -> list[str]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return wb.sheetnames
    finally:
        wb.close()


def _cell(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_sheet(path: Path, size: int, sheet: str | None = None) -> Iterator[pl.DataFrame]:
    """A sheet's rows as text frames (openpyxl read-only mode streams the file)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = [str(h).strip() for h in next(rows, ()) if h is not None]
        batch: list[list[str | None]] = []
        for values in rows:
            cells = [_cell(v) for v in values[: len(header)]]
            if not any(cells):
                continue
            batch.append(cells + [None] * (len(header) - len(cells)))
            if len(batch) == size:
                yield pl.DataFrame(batch, schema=dict.fromkeys(header, pl.String), orient="row")
                batch = []
        if batch or not header:
            yield pl.DataFrame(batch, schema=dict.fromkeys(header, pl.String), orient="row")
    finally:
        wb.close()
