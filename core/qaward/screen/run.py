"""Screening a population: the plans compiled once, the input read chunk by chunk, each chunk
evaluated column-wise, written and counted, so memory stays flat whatever the size.

polars runs each chunk's expressions on all cores (its own thread pool), and two chunks are
worked on at once (:mod:`qaward.screen.pool`) while the next one is read; ``scheduler`` sends
the chunks to a Dask cluster instead (:mod:`qaward.screen.distributed`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import polars as pl

from qaward.catalog import Catalog, default_catalog
from qaward.screen import pool, read
from qaward.screen.columnar import Evaluator, Results
from qaward.screen.compile import ColumnarPlan, compile_plan
from qaward.screen.frame import from_documents
from qaward.screen.report import Summary, readable
from qaward.screen.write import Writer

CHUNK = 25_000  # organisations per chunk for the five awards: 1,000,000 peak about 600 MB
RESULTS_PER_CHUNK = 5 * CHUNK  # results (organisation x award) a chunk holds: bounds memory
MAX_CHUNK = 100_000


def default_chunk(awards: int) -> int:
    """Organisations per chunk when screening for this many awards: about as many results per
    chunk whatever the number, so memory stays bounded; for fewer awards the chunks are larger,
    which pays polars' fixed cost per query (planning, starting each operation) less often."""
    return min(MAX_CHUNK, RESULTS_PER_CHUNK // max(awards, 1))


def plans(
    as_of: dt.date, jurisdictions: Iterable[str] | None = None, catalog: Catalog | None = None
) -> list[ColumnarPlan]:
    """Each jurisdiction's declarations compiled for one as-of date (once per screening)."""
    catalog = catalog or default_catalog()
    ids = list(jurisdictions or catalog.jurisdictions)
    for j in ids:
        catalog.jurisdiction(j)  # an unknown id is a KeyError naming the known ones
    return [compile_plan(catalog, j, as_of) for j in ids]


def screen_frame(
    df: pl.DataFrame,
    as_of: dt.date,
    jurisdictions: Iterable[str] | None = None,
    *,
    close_days: int = 365,
    catalog: Catalog | None = None,
    compiled: list[ColumnarPlan] | None = None,
) -> pl.DataFrame:
    """Readable results (one row per organisation and jurisdiction) of a conformed frame."""
    catalog = catalog or default_catalog()
    compiled = compiled or plans(as_of, jurisdictions, catalog)
    return readable(Evaluator(compiled, catalog, close_days)(df), compiled)


def screen_documents(
    documents: list[dict[str, Any]],
    as_of: dt.date,
    jurisdictions: Iterable[str] | None = None,
    **kwargs: Any,
) -> pl.DataFrame:
    """The Python API for documents in the contract's shape (dicts as read from JSON/YAML)."""
    from qaward.io import structure
    from qaward.model import Organization

    for i, doc in enumerate(documents):
        structure(doc, Organization, f"documents[{i}]")
    return screen_frame(from_documents(documents), as_of, jurisdictions, **kwargs)


def evaluated(
    path: str | Path,
    evaluate: Evaluator,
    size: int,
    linked: tuple[str | Path, ...] = (),
    render: Callable[[Results], pl.DataFrame] | None = None,
    encoding: str | None = None,
) -> Iterator[tuple[Results, pl.DataFrame | None, int]]:
    """Each chunk of a file evaluated, in order: its results, their ``render``-ing when given,
    and how many organisations it held. Chunks are read here and finished (validated,
    evaluated, rendered) two at a time in threads (:func:`pool.in_order`)."""

    def work(piece: read.Piece) -> tuple[Results, pl.DataFrame | None, int]:
        chunk = piece()
        raw = evaluate(chunk)
        return raw, render(raw) if render else None, chunk.height

    pieces = read.pieces(path, size, linked, encoding)
    tasks = (functools.partial(work, piece) for piece in pieces)
    return pool.in_order(tasks)


def screen_file(
    path: str | Path,
    as_of: dt.date,
    jurisdictions: Iterable[str] | None = None,
    *,
    output: str | Path | None = None,
    linked: tuple[str | Path, ...] = (),
    chunk_size: int | None = None,
    close_days: int = 365,
    progress: Callable[[int], None] | None = None,
    catalog: Catalog | None = None,
    encoding: str | None = None,
) -> Summary:
    """Screen a file chunk by chunk (``chunk_size`` organisations, by default
    :func:`default_chunk` for the awards screened); results go to ``output`` (by its extension),
    the summary is returned. ``progress(n)`` is told how many organisations each chunk held;
    ``encoding`` (utf-8, gb18030 or gbk) is a text file's, found out when not given."""
    catalog = catalog or default_catalog()
    compiled = plans(as_of, jurisdictions, catalog)
    size = chunk_size or default_chunk(len(compiled))
    evaluate = Evaluator(compiled, catalog, close_days)
    summary = Summary()

    render = functools.partial(readable, plans=compiled) if output else None

    def results() -> Iterator[pl.DataFrame | None]:
        for raw, table, height in evaluated(path, evaluate, size, linked, render, encoding):
            summary.add(raw, compiled, height)  # in order: counting is not shared by threads
            if progress:
                progress(height)
            yield table

    if output:
        writer = Writer(output, inputs=(path, *linked))
        empty = readable(Results.empty(), compiled)
        try:
            writer.sink((t for t in results() if t is not None), empty.schema)
        except BaseException:
            writer.abort()
            raise
    else:
        for _ in results():
            pass
    if not summary.awards:
        summary.awards = {p.jurisdiction: p.award for p in compiled}
    if output:
        writer.close(summary)
    return summary


SCHEMA_VERSION = 1


def screen_json(
    documents: list[dict[str, Any]],
    as_of: dt.date,
    jurisdictions: Iterable[str] | None = None,
    *,
    close_days: int = 365,
    catalog: Catalog | None = None,
) -> dict[str, Any]:
    """The screening as one JSON-able document (for the service and other systems): a result
    per organisation and award, and the summary tables."""
    from qaward.io import structure
    from qaward.model import Organization

    for i, doc in enumerate(documents):
        structure(doc, Organization, f"documents[{i}]")
    catalog = catalog or default_catalog()
    compiled = plans(as_of, jurisdictions, catalog)
    raw = Evaluator(compiled, catalog, close_days)(from_documents(documents))
    summary = Summary()
    summary.add(raw, compiled, len(documents))
    rows = readable(raw, compiled)
    results = [{k: _jsonable(v) for k, v in r.items() if k != "row"} for r in rows.to_dicts()]
    return {"schema_version": SCHEMA_VERSION, "as_of": as_of.isoformat(), "results": results} | {
        "summary": summary.to_json()
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value
