"""The same screening on a Dask cluster (``qaward screen --scheduler ADDRESS``).

The input is cut into row ranges; Dask's scheduler hands each range to a worker, which reads it,
validates it, evaluates the compiled plans and writes its part of the output (a directory of
Parquet files), returning only its summary counts. Workers need qaward and the same plugins
installed, and the input and output paths visible to them (a shared or network file system).

Dask rather than Ray or Spark: the columnar path is polars in Python processes, and Dask's
distributed scheduler runs plain Python functions over partitions with no JVM and no second data
model, starts a local cluster in a test in seconds, and scales to a cluster with the same code.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

import polars as pl

from qaward.io import InputError
from qaward.screen import flat, frame, read, validate
from qaward.screen.report import Summary
from qaward.screen.run import CHUNK, default_chunk

FORMATS = ("parquet", "csv")


def parts(path: str | Path, chunk_size: int = CHUNK) -> list[tuple[int, int]]:
    """(first row, rows) ranges covering the input."""
    total = read.count(path) or 0
    return [(start, min(chunk_size, total - start)) for start in range(0, total, chunk_size)]


def _read_part(path: str, fmt: str, start: int, rows: int) -> pl.DataFrame:
    if fmt == "parquet":  # as read.chunks reads it, only the row groups holding the part
        return read.parquet_part(path, start, rows)
    batch = pl.scan_csv(path, infer_schema=False).slice(start, rows).collect()
    batch = batch.with_columns((pl.int_range(pl.len()) + start).alias(frame.ROW))
    df = flat.to_frame(batch, path, line0=start + 2)  # the part's first line in the file
    validate.check(df, path, line0=2)
    return df


@functools.lru_cache(maxsize=8)
def _evaluator(as_of: dt.date, jurisdictions: tuple[str, ...], close_days: int):
    """The plans and their queries, built once per worker process for all its parts."""
    from qaward.catalog import default_catalog
    from qaward.screen.columnar import Evaluator
    from qaward.screen.run import plans

    catalog = default_catalog()
    compiled = plans(as_of, jurisdictions or None, catalog)
    return compiled, Evaluator(compiled, catalog, close_days)


def screen_part(
    path: str,
    fmt: str,
    start: int,
    rows: int,
    out_dir: str,
    as_of: dt.date,
    jurisdictions: list[str] | None,
    close_days: int,
) -> Summary:
    """One range on one worker: read, screen, write ``part-<first row>.parquet``."""
    from qaward.screen.report import readable

    compiled, evaluate = _evaluator(as_of, tuple(jurisdictions or ()), close_days)
    df = _read_part(path, fmt, start, rows)
    results = evaluate(df)
    readable(results, compiled).write_parquet(Path(out_dir) / f"part-{start:012d}.parquet")
    summary = Summary()
    summary.add(results, compiled, df.height)
    return summary


def screen_on_cluster(
    scheduler: str,
    path: str | Path,
    output: str | Path,
    as_of: dt.date,
    jurisdictions: list[str] | None = None,
    *,
    chunk_size: int | None = None,
    close_days: int = 365,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Screen ``path`` (Parquet or CSV) on the Dask cluster at ``scheduler``, in parts of
    ``chunk_size`` organisations (by default :func:`default_chunk` for the awards screened); the
    results go to the directory ``output`` as Parquet parts, the merged summary is returned."""
    from dask.distributed import Client, as_completed

    from qaward.catalog import default_catalog

    awards = len(jurisdictions or default_catalog().jurisdictions)
    chunk_size = chunk_size or default_chunk(awards)

    fmt = read.format_of(path)
    if fmt not in FORMATS:
        raise InputError(str(path), ["集群筛查的输入应为 Parquet 或 CSV 文件"])
    if fmt == "csv" and read.encoding_of(Path(path)) != "utf-8":  # each worker reads the file
        raise InputError(
            str(path), ["集群筛查的 CSV 应为 UTF-8 编码：请另存为 UTF-8，或转为 Parquet"]
        )
    src = str(Path(path).resolve())
    out = Path(output).resolve()
    out.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    with Client(scheduler) as client:
        futures = [
            client.submit(
                screen_part,
                src,
                fmt,
                start,
                rows,
                str(out),
                as_of,
                jurisdictions,
                close_days,
                key=f"qaward-screen-{start}-{rows}-{as_of}",
                pure=False,
            )
            for start, rows in parts(src, chunk_size)
        ]
        for future in as_completed(futures):
            part = future.result()
            summary.merge(part)
            if progress:
                progress(part.organizations)
    return summary
