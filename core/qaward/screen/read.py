"""Reading a population in chunks: JSON Lines, CSV, Excel (.xlsx) or Parquet.

Every reader gives conformed, validated frames of at most ``size`` organisations, so memory
stays flat whatever the file's size. JSON Lines documents are structured by the contract's own
converter, line by line; the tabular formats use the flat layout of :mod:`qaward.screen.flat`
(Parquet may also hold the nested layout, list and struct columns named as in the contract).

:func:`pieces` splits the work in two: reading a chunk's bytes, done in order as the iterator
advances, and finishing it (conforming and validating), a call that may run in a thread beside
other chunks' work (see :mod:`qaward.screen.pool`); :func:`chunks` does both in turn.

Parquet is read by pyarrow (``ParquetFile.iter_batches``): on nested lists of records it costs
half the CPU of polars' own reader (0.7 against 1.4 CPU-s per 1,000,000 organisations of the
benchmark's file) and its frames explode without copying. pyarrow does not check that text is
UTF-8 (polars would trust it), so each batch is checked in full before polars sees it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import itertools
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl

from qaward import textfile
from qaward.io import DuplicateKeyError, InputError, structure, unique_pairs
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


Piece = Callable[[], pl.DataFrame]  # a chunk read, to be conformed and validated


def chunks(
    path: str | Path,
    size: int = 25_000,
    linked: tuple[str | Path, ...] = (),
    encoding: str | None = None,
) -> Iterator[pl.DataFrame]:
    """Conformed, validated frames of the file's organisations, ``size`` at a time."""
    for piece in pieces(path, size, linked, encoding):
        yield piece()


def pieces(
    path: str | Path,
    size: int = 25_000,
    linked: tuple[str | Path, ...] = (),
    encoding: str | None = None,
) -> Iterator[Piece]:
    """The file's chunks, ``size`` organisations at a time, each read as the iterator advances
    and finished (conformed, validated: an :class:`InputError` naming row and field) when
    called. Calls may run in threads, side by side: each reads only its own chunk. Text files
    (JSON Lines, CSV) are UTF-8 or GB18030 (as Excel saves CSV on a Chinese Windows), found out
    over the whole file unless ``encoding`` says which."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), ["文件不存在"])
    fmt = format_of(path)
    tables = _linked(path, fmt, linked, encoding)
    if fmt == "jsonl":
        yield from _jsonl(path, size, encoding_of(path, encoding))
    elif fmt == "csv":
        with _utf8(path, encoding) as source, _malformed(str(path), "CSV"):
            batches = pl.scan_csv(source, infer_schema=False).collect_batches(chunk_size=size)
            yield from _tabular(batches, str(path), tables)
    elif fmt == "parquet":
        yield from _parquet(path, size, tables)
    else:
        with _malformed(str(path), "Excel（.xlsx）"):
            yield from _tabular(_xlsx_sheet(path, size), str(path), tables)


@contextlib.contextmanager
def _malformed(where: str, kind: str) -> Iterator[None]:
    """A file the reading library cannot parse (an empty CSV, a ragged or badly quoted line; a
    workbook that is no zip or whose parts are broken: openpyxl raises many kinds of error) as
    an :class:`InputError` (exit 2), never a traceback."""
    try:
        yield
    except InputError:
        raise
    except pl.exceptions.NoDataError:
        raise InputError(where, ["文件为空：至少应有表头行"]) from None
    except Exception as exc:
        if kind == "CSV" and not isinstance(exc, pl.exceptions.PolarsError):
            raise  # not the file's fault
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise InputError(where, [f"{kind} 文件格式错误：{detail}"]) from None


def encoding_of(path: Path, declared: str | None = None) -> str:
    """A text file's encoding (:func:`textfile.sniff`), or an :class:`InputError`."""
    try:
        return textfile.sniff(path, declared)
    except textfile.TextFileError as exc:
        raise InputError(str(path), [str(exc)]) from None


@contextlib.contextmanager
def _utf8(path: Path, declared: str | None) -> Iterator[Path]:
    """The text file itself when it is UTF-8, else a UTF-8 copy of it (removed afterwards):
    polars reads CSV in UTF-8 only, and would garble GB18030 names without a word."""
    encoding = encoding_of(path, declared)
    if encoding == "utf-8":
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="qaward-") as tmp:
        copy = Path(tmp) / path.name
        with (
            open(path, encoding=encoding, newline="") as src,
            open(copy, "w", encoding="utf-8", newline="") as dst,
        ):
            shutil.copyfileobj(src, dst, 1 << 20)
        yield copy


def _jsonl(path: Path, size: int, encoding: str) -> Iterator[Piece]:
    row = 0
    lines: list[bytes] = []
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            line = raw.decode(encoding)  # checked over the whole file already
            if number == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            where = f"{path} 第{number}行"
            try:
                doc = json.loads(line, object_pairs_hook=unique_pairs)
            except json.JSONDecodeError as exc:
                raise InputError(where, [f"JSON 格式错误：第{exc.colno}列：{exc.msg}"]) from None
            except DuplicateKeyError as exc:  # the later value would silently win
                raise InputError(where, [f"重复的键 {exc.key}"]) from None
            if not isinstance(doc, dict):
                raise InputError(where, [f"$: 应为对象，得到 {type(doc).__name__}"])
            structure(doc, Organization, where)  # the contract's converter, field paths included
            data = line.encode()  # UTF-8, as polars reads it
            lines.append(data if data.endswith(b"\n") else data + b"\n")
            if len(lines) == size:
                yield functools.partial(_jsonl_frame, lines, row)
                row += len(lines)
                lines = []
    if lines:
        yield functools.partial(_jsonl_frame, lines, row)


def _jsonl_frame(lines: list[bytes], first_row: int) -> pl.DataFrame:
    df = pl.read_ndjson(io.BytesIO(b"".join(lines)), schema=frame.schema())
    return frame.conform(df.with_columns((pl.int_range(pl.len()) + first_row).alias(frame.ROW)))


def _tabular(batches, where: str, tables: dict[str, pl.DataFrame]) -> Iterator[Piece]:
    row = 0
    for batch in batches:
        if batch.is_empty():
            continue
        yield functools.partial(_tabular_frame, batch, row, where, tables)
        row += batch.height


def _tabular_frame(
    batch: pl.DataFrame, row: int, where: str, tables: dict[str, pl.DataFrame]
) -> pl.DataFrame:
    batch = batch.with_columns((pl.int_range(pl.len()) + row).alias(frame.ROW))
    df = flat.to_frame(batch, where, line0=row + 2, linked=tables)
    validate.check(df, where, line0=2)
    return df


def _parquet(path: Path, size: int, tables: dict[str, pl.DataFrame]) -> Iterator[Piece]:
    nested = _layout(path)
    for piece in arrow_frames(path, size):
        yield functools.partial(_parquet_frame, piece, str(path), nested, tables)


def arrow_frames(path: str | Path, size: int) -> Iterator[Piece]:
    """A Parquet file's rows as plain polars frames numbered ``ROW``, ``size`` at a time: each
    batch read (by pyarrow) as the iterator advances, checked and made a frame when called. The
    reading part of :func:`pieces`, without the contract's checks."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    where = str(path)
    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=size)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(where, [f"不是可读的 Parquet 文件：{exc}"]) from None
    row = 0
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(where, [f"第{row + 1}行起无法读取：{exc}"]) from None
        if batch is None:
            return
        if batch.num_rows:
            yield functools.partial(_arrow_frame, batch, row, where)
            row += batch.num_rows


def parquet_part(path: str | Path, start: int, rows: int) -> pl.DataFrame:
    """Rows ``start`` to ``start + rows`` of a Parquet file, conformed and validated (a part
    for a cluster's worker): only the row groups holding them are read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    where = str(path)
    nested = _layout(path)
    try:
        source = pq.ParquetFile(path)
        meta = source.metadata
        sizes = [meta.row_group(k).num_rows for k in range(meta.num_row_groups)]
        bounds = list(itertools.accumulate(sizes, initial=0))  # where each row group begins
        overlap = [bounds[k] < start + rows and start < bounds[k + 1] for k in range(len(sizes))]
        groups = [k for k, hit in enumerate(overlap) if hit]
        offset = start - bounds[groups[0]] if groups else 0
        table = source.read_row_groups(groups).slice(offset, rows)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(where, [f"第{start + 1}行起无法读取：{exc}"]) from None
    piece = functools.partial(_arrow_frame, table, start, where)
    return _parquet_frame(piece, where, nested, {})


_PANDAS_INDEX = re.compile(r"^__index_level_\d+__$")  # pandas.to_parquet writes its index so


def _layout(path: Path | str) -> bool:
    """Whether a Parquet file holds the nested layout (else the flat one); an unknown column
    of the nested layout is an error before anything is read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        arrow = pq.read_schema(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(str(path), [f"不是可读的 Parquet 文件：{exc}"]) from None
    names = arrow.names
    nested = any(n in ("events", "certifications", "attestations") for n in names) or not any(
        "." in n for n in names
    )
    if not nested:
        return False
    unknown = [n for n in names if n not in frame.schema() and n != frame.ROW]
    unknown = [n for n in unknown if not _PANDAS_INDEX.match(n)]  # pandas' index: left aside
    if unknown:
        raise InputError(str(path), [f"未知的列 {', '.join(unknown)}"])
    given = pl.from_arrow(arrow.empty_table()).schema  # type: ignore[union-attr]
    problems = frame.type_problems(dict(given))
    if problems:
        raise InputError(str(path), problems[:10])
    return True


def _arrow_frame(batch, row: int, where: str) -> pl.DataFrame:
    """A pyarrow batch (or table) as a polars frame, its rows numbered from ``row``."""
    import pyarrow as pa

    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        try:  # text that is not UTF-8 (pyarrow does not check it on reading; polars trusts it)
            column.validate(full=True)
        except pa.ArrowInvalid as exc:
            rows = f"第{row + 1}至{row + batch.num_rows}行"
            what = "文本不是有效的 UTF-8 编码" if "UTF8" in str(exc) else f"数据无效：{exc}"
            raise InputError(where, [f"{rows}：列 {name} 的{what}"]) from None
    df = pl.from_arrow(batch)
    assert isinstance(df, pl.DataFrame)
    return df.with_columns((pl.int_range(pl.len()) + row).alias(frame.ROW))


def _parquet_frame(piece: Piece, where: str, nested: bool, tables) -> pl.DataFrame:
    df = piece()
    if nested:
        try:
            df = frame.conform(df)
        except pl.exceptions.PolarsError as exc:
            raise InputError(where, [f"列类型与数据约定不符：{exc}"]) from None
    else:
        first = df.item(0, frame.ROW) if df.height else 0
        df = flat.to_frame(df, where, line0=first + 1, linked=tables)
    validate.check(df, where, line0=1)
    return df


def _linked(
    path: Path, fmt: str, extra: tuple[str | Path, ...], encoding: str | None = None
) -> dict[str, pl.DataFrame]:
    """Second tables: the workbook's other sheets, and any files given (named by their stem)."""
    out: dict[str, pl.DataFrame] = {}
    if fmt == "xlsx":
        for name in _sheet_names(path)[1:]:
            sheet = pl.concat(list(_xlsx_sheet(path, 100_000, name)), how="vertical")
            out[name] = flat.linked_table(sheet, name, f"{path}[{name}]")
    for p in map(Path, extra):
        f = format_of(p)
        if not p.exists():
            raise InputError(str(p), ["文件不存在"])
        if f == "csv":
            with _utf8(p, encoding) as source, _malformed(str(p), "CSV"):
                df = pl.read_csv(source, infer_schema=False)
        elif f == "parquet":
            with _malformed(str(p), "Parquet"):
                df = pl.read_parquet(p)
        elif f == "xlsx":
            with _malformed(str(p), "Excel（.xlsx）"):
                df = pl.concat(list(_xlsx_sheet(p, 100_000)), how="vertical")
        else:
            raise InputError(str(p), ["附表应为 CSV、Excel 或 Parquet 文件"])
        out[p.stem] = flat.linked_table(df, p.stem, str(p))
    return out


def _workbook(path: Path, **kwargs):
    """The workbook, read-only (streamed); one that is not an .xlsx is an InputError."""
    import openpyxl

    with _malformed(str(path), "Excel（.xlsx）"):
        return openpyxl.load_workbook(path, read_only=True, **kwargs)


def _sheet_names(path: Path) -> list[str]:
    wb = _workbook(path)
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
    wb = _workbook(path, data_only=True)
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
