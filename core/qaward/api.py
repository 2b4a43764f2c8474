"""The embedding API, re-exported by ``import qaward``: read a document, judge an organisation
against one or every jurisdiction, evaluate a cycle, with or without a registry.

Every failure is a :class:`qaward.errors.QawardError`: :class:`InputError` (a document, with the
field paths), :class:`UnknownJurisdiction`, :class:`PluginUnavailable` (its plugin is broken or
disabled), :class:`InvalidDate` (e.g. the string ``"2026-09-01"`` where a ``date`` is wanted),
:class:`RegistryError`. None of them is a bare ``KeyError`` or ``TypeError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from qaward import io
from qaward.catalog import Catalog, default_catalog
from qaward.cycle.run import CycleResult, evaluate_cycle
from qaward.engine import Result
from qaward.engine import evaluate as _evaluate
from qaward.errors import InvalidDate
from qaward.history import History
from qaward.model import Cycle, Organization, SanctionCase

T = TypeVar("T")
Source = Mapping[str, Any] | str | Path  # a parsed document, or the path of a YAML/JSON file


def _read(source: Source, cls: type[T]) -> T:
    if isinstance(source, Mapping):
        return io.structure(dict(source), cls)
    if isinstance(source, str | Path):
        return io.load(source, cls)
    raise io.InputError("<input>", [f"$: 应为映射或文件路径，得到 {type(source).__name__}"])


def organization(source: Source) -> Organization:
    """An organisation from a dict (the data contract's shape) or a YAML/JSON file."""
    return _read(source, Organization)


def cycle(source: Source) -> Cycle:
    """An award cycle from a dict or a file (``organization_file:`` is read beside the file)."""
    if isinstance(source, str | Path):
        return io.load_cycle(source)
    return _read(source, Cycle)


def sanction_case(source: Source) -> SanctionCase:
    """A sanction case from a dict or a file."""
    return _read(source, SanctionCase)


def as_date(value: object, what: str = "as_of") -> dt.date:
    """``value`` if it is a calendar date; a ``datetime`` or a string is an :class:`InvalidDate`."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    hint = f"（可用 datetime.date.fromisoformat({value!r})）" if isinstance(value, str) else ""
    raise InvalidDate(f"{what} 应为 datetime.date，得到 {type(value).__name__} {value!r:.40}{hint}")


def history_from(registry: str | None, catalog: Catalog) -> Callable[[str], History] | None:
    """``history_of(credit_code)`` from the registry at ``registry`` (a URL or a SQLite file),
    read-only; None when that file does not exist yet."""
    from qaward.registry import history_reader

    history_of, _reg = history_reader(registry, catalog)
    return history_of


def check(
    org: Organization | Source,
    as_of: dt.date,
    jurisdictions: str | Sequence[str] | None = None,
    *,
    registry: str | None = None,
    history: History | None = None,
    catalog: Catalog | None = None,
) -> list[Result]:
    """Judge an organisation against one jurisdiction (an id), several, or all (None), as of a
    date. ``registry`` adds the award, sanction and recommendation records a registry holds for
    it; ``history`` adds records from elsewhere. Each :class:`Result` has the status, the
    findings with clause and citation, and ``to_json()`` (the ``check`` JSON)."""
    day = as_date(as_of)
    catalog = catalog or default_catalog()
    org = org if isinstance(org, Organization) else organization(org)
    ids = [jurisdictions] if isinstance(jurisdictions, str) else list(jurisdictions or [])
    for jid in ids:
        catalog.jurisdiction(jid)  # UnknownJurisdiction / PluginUnavailable before any work
    extra = history
    if registry is not None:
        history_of = history_from(registry, catalog)
        stored = history_of(org.credit_code) if history_of else None
        extra = _both(stored, history) if stored and history else (stored or history)
    return [
        _evaluate(org, jid, day, history=extra, catalog=catalog)
        for jid in ids or list(catalog.jurisdictions)
    ]


def _both(a: History, b: History) -> History:
    """Two sources of records; the engine removes duplicates (the later source wins)."""
    return History(
        a.awards + b.awards, a.sanctions + b.sanctions, a.recommendations + b.recommendations
    )


def evaluate(
    source: Cycle | Source,
    *,
    as_of: dt.date | None = None,
    registry: str | None = None,
    catalog: Catalog | None = None,
) -> CycleResult:
    """Evaluate a whole award cycle (eligibility, ranking, winners, money, validity, publicity);
    ``registry`` adds what the registry knows of each applicant."""
    day = as_date(as_of) if as_of is not None else None
    catalog = catalog or default_catalog()
    c = source if isinstance(source, Cycle) else cycle(source)
    catalog.jurisdiction(c.award)
    history_of = history_from(registry, catalog) if registry is not None else None
    return evaluate_cycle(c, catalog=catalog, history_of=history_of, as_of=day)
