"""check (one organisation), check_batch (many) and trace (the why, clause by clause)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from qaward import io
from qaward.catalog import Catalog
from qaward.engine import Result, evaluate_all
from qaward.history import History
from qaward.model import Organization
from qaward.notices import as_json
from qaward.ops.common import Doc, catalog_of, day, document, jurisdiction_ids, parse, reader


def organization(data: Any, where: str = "<input>", catalog: Catalog | None = None) -> Organization:
    """An organisation from the contract's mapping, its region checked against the catalogue."""
    catalog = catalog_of(catalog)
    org = parse(data, Organization, where)
    if not catalog.is_region(org.region):
        known = "、".join(catalog.awards)
        raise io.InputError(
            where,
            [f"$.region: 未知的区域 {org.region!r}，应为管辖区 id（{known}）或6位行政区划代码"],
        )
    return org


def result_json(r: Result) -> dict[str, Any]:
    return r.to_json() | {"warnings": as_json(r.warnings)}


def _results(org, as_of, ids, read, catalog) -> list[Result]:
    history: History | None = read(org.credit_code) if read else None
    return evaluate_all(org, as_of, ids or None, history=history, catalog=catalog)


def check(
    org: Organization | dict,
    as_of: dt.date | None = None,
    jurisdictions: list[str] | None = None,
    *,
    registry: Any = None,
    catalog: Catalog | None = None,
    where: str = "<input>",
) -> Doc:
    """One organisation against every jurisdiction (or those named): the ``check`` document.
    ``registry`` (a Registry, path or URL; None: none) adds its recorded history, read-only,
    and the document says which registry it read and what it merged (``registry``)."""
    catalog = catalog_of(catalog)
    ids = jurisdiction_ids(catalog, jurisdictions, where)
    org = organization(org, where, catalog)
    on = day(as_of)
    read, use = reader(registry, catalog)
    results = _results(org, on, ids, read, catalog)
    return document(
        as_of=on,
        organization=org.name,
        credit_code=org.credit_code,
        results=[result_json(r) for r in results],
        registry=use.to_json(),
    )


def check_batch(
    orgs: Iterable[Any],
    as_of: dt.date | None = None,
    jurisdictions: list[str] | None = None,
    *,
    registry: Any = None,
    catalog: Catalog | None = None,
    where: str = "<input>",
) -> Doc:
    """Many organisations: one item per input, in order, each a check or the input's errors
    (a bad organisation does not stop the others)."""
    catalog = catalog_of(catalog)
    ids = jurisdiction_ids(catalog, jurisdictions, where)
    on = day(as_of)
    read, use = reader(registry, catalog)
    items = []
    for i, data in enumerate(orgs):
        at = f"{where}[{i}]"
        try:
            org = organization(data, at, catalog)
        except io.InputError as exc:
            items.append({"index": i, "errors": exc.problems})
            continue
        results = _results(org, on, ids, read, catalog)
        items.append(
            {
                "index": i,
                "organization": org.name,
                "credit_code": org.credit_code,
                "results": [result_json(r) for r in results],
            }
        )
    return document(as_of=on, count=len(items), items=items, registry=use.to_json())


def trace(
    org: Organization | dict,
    as_of: dt.date | None = None,
    jurisdictions: list[str] | None = None,
    *,
    registry: Any = None,
    catalog: Catalog | None = None,
    where: str = "<input>",
) -> Doc:
    """The check with its reasons spelled out: per jurisdiction the regulation applied; per
    finding the article, what the clause says, the facts used and the citation; and the award,
    sanction and recommendation history the rules read (inline and recorded)."""
    catalog = catalog_of(catalog)
    ids = jurisdiction_ids(catalog, jurisdictions, where)
    org = organization(org, where, catalog)
    on = day(as_of)
    read, use = reader(registry, catalog)
    recorded = read(org.credit_code) if read else None
    merged = History.of(org, recorded) if recorded else History.of(org)
    results = evaluate_all(org, on, ids or None, history=recorded, catalog=catalog)
    return document(
        as_of=on,
        organization=org.name,
        credit_code=org.credit_code,
        history={
            "awards": [io.unstructure(a) for a in merged.awards],
            "sanctions": [io.unstructure(s) for s in merged.sanctions],
            "recommendations": [io.unstructure(r) for r in merged.recommendations],
            "from_registry": recorded is not None,
        },
        results=[_traced(r, on, catalog) for r in results],
        registry=use.to_json(),
    )


def _traced(r: Result, on: dt.date, catalog: Catalog) -> dict[str, Any]:
    decl, _ = catalog.declarations(r.jurisdiction, on)
    reg = decl.regulation
    clauses = {c.id: c for c in reg.clauses}
    out = result_json(r)
    out["regulation"] = {
        "document": reg.document,
        "title": reg.title,
        "status": reg.status.value,
        "effective_from": reg.effective_from,
        "effective_until": reg.effective_until,
    }
    for f in out["findings"]:
        c = clauses.get(f["rule"])
        f["article"] = c.article if c else None
        f["clause_summary"] = c.summary if c else None
    return out
