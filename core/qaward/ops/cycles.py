"""evaluate: a whole award cycle (the ``evaluate`` document)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qaward import io
from qaward.catalog import Catalog
from qaward.cycle import evaluate_cycle
from qaward.cycle.calendar import CalendarError
from qaward.model import Cycle
from qaward.notices import as_json
from qaward.ops.common import Doc, catalog_of, document, reader


def cycle(data: Any, where: str = "<input>", base: Path | None = None) -> Cycle:
    """A cycle from the contract's mapping. ``organization_file:`` entries are read relative to
    ``base`` (the cycle file's folder); without one (over HTTP) they are refused."""
    if isinstance(data, Cycle):
        return data
    return io.structure_cycle(data, where, base)


def evaluate(
    cycle_doc: Cycle | dict,
    *,
    registry: Any = None,
    catalog: Catalog | None = None,
    where: str = "<input>",
    base: Path | None = None,
) -> Doc:
    """Eligibility, ranking, winners, money, validity, obligations, publicity and warnings of a
    cycle (keys: :mod:`qaward.cycle.run`); ``registry`` adds recorded history, read-only."""
    catalog = catalog_of(catalog)
    c = cycle(cycle_doc, where, base)
    read, use = reader(registry, catalog)
    try:
        result = evaluate_cycle(c, catalog=catalog, history_of=read, source=where)
    except CalendarError as exc:
        raise io.InputError(where, [f"$.publicity_starts: {exc}"]) from None
    data = result.to_json()
    data["warnings"] = as_json(result.warnings)
    data["registry"] = use.to_json()
    return document(**data)
