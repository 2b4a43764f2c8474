"""Registry writes: init, import, record (an evaluation's winners), recommend.

Each is one audited transaction (:meth:`qaward.registry.Registry.writing`): the audit rows name
the command, the sha256 of its input and the operator (经办人) the face passes on: the CLI's
``--operator`` / ``QAWARD_OPERATOR``, the service's authenticated caller. Bad input is rejected
whole before anything is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from qaward import io
from qaward.catalog import Catalog
from qaward.ops.common import Doc, catalog_of, day, document, open_registry


def input_digest(data: Any) -> str:
    """sha256 of the input: of its bytes, else of its canonical JSON (what the audit records)."""
    from qaward.registry.audit import canonical, digest

    if isinstance(data, bytes):
        return digest(data)
    return digest(canonical(io.unstructure(data)).encode())


def _changes(reg, w) -> Doc:
    from qaward.registry import shown

    return document(registry=shown(reg.url), changes=w.summary(), audit_head=w.chain.last_hash)


def _mapping(data: Any, where: str) -> dict:
    if not isinstance(data, dict):
        raise io.InputError(where, [f"$: 应为映射（键: 值），得到 {type(data).__name__}"])
    return data


def init(*, registry: Any = None, operator: str | None = None) -> Doc:
    """Create the registry or upgrade its schema (audited)."""
    from qaward.registry import migrate, shown

    reg = open_registry(registry)
    before, after = reg.init(
        input_digest({"command": "registry init", "revision": migrate.head()}), operator
    )
    return document(registry=shown(reg.url), **{"from": before, "to": after})


def import_records(
    data: dict,
    *,
    correct: bool = False,
    registry: Any = None,
    operator: str | None = None,
    digest: str | None = None,
    catalog: Catalog | None = None,
    where: str = "<input>",
) -> Doc:
    """Award, sanction and recommendation records (each with its credit_code): conflicts are
    looked for first, then the records are written in batches (other writers wait seconds)."""
    from qaward.registry import shown
    from qaward.registry.records import ImportFile, check_import, import_in_batches

    catalog = catalog_of(catalog)
    records = io.structure(_mapping(data, where), ImportFile, where)
    check_import(records, catalog, where)
    reg = open_registry(registry)
    digest = digest or input_digest(data)
    changes, head = import_in_batches(reg, records, catalog, digest, where, correct, operator)
    return document(registry=shown(reg.url), changes=changes, audit_head=head)


def record(
    evaluation: dict,
    *,
    granted_on: dt.date | None = None,
    correct: bool = False,
    registry: Any = None,
    operator: str | None = None,
    digest: str | None = None,
    catalog: Catalog | None = None,
    where: str = "<input>",
) -> Doc:
    """The winners of an ``evaluate`` document: tier, money, validity and obligations;
    ``granted_on`` (the actual grant date) recomputes validity and due dates."""
    from qaward.registry.records import (
        Evaluation,
        check_evaluation,
        evaluation_data,
        record_evaluation,
        regrant,
    )

    catalog = catalog_of(catalog)
    ev = io.structure(evaluation_data(_mapping(evaluation, where)), Evaluation, where)
    if granted_on is not None and ev.award in catalog.jurisdictions:
        ev = regrant(ev, granted_on, catalog)
    check_evaluation(ev, catalog, where)
    reg = open_registry(registry)
    with reg.writing("registry record", digest or input_digest(evaluation), operator) as w:
        record_evaluation(w, ev, correct)
        if w.conflicts:
            raise io.InputError(where, w.conflicts + ["（加 --correct 可按输入更正）"])
    return _changes(reg, w)


def recommend(
    from_award: str,
    to_award: str,
    as_of: dt.date | None = None,
    by: str | None = None,
    *,
    dry_run: bool = False,
    registry: Any = None,
    operator: str | None = None,
    catalog: Catalog | None = None,
    where: str = "<input>",
) -> Doc:
    """Valid winners of ``from_award`` put forward for ``to_award`` by its declared route (e.g.
    KFQ-21), recorded as recommendations unless ``dry_run``."""
    from qaward.recommend import candidates, route
    from qaward.registry import queries

    catalog = catalog_of(catalog)
    on = day(as_of)
    for field, award in (("from", from_award), ("to", to_award)):
        if catalog.award(award) is None and award not in catalog.jurisdictions:
            raise io.InputError(where, [f"$.{field}: 未知的奖项 {award!r}"])
    if from_award not in catalog.jurisdictions:
        raise io.InputError(where, [f"$.from: {from_award} 没有已安装的规章，无法推荐"])
    try:
        route(catalog, from_award, to_award, on)
    except KeyError as exc:
        raise io.InputError(where, [f"$.to: {exc.args[0]}"]) from None
    by = by or catalog.jurisdiction(from_award).name
    reg = open_registry(registry)
    recorded = None
    if dry_run:
        with reg.reading() as conn:
            found = candidates(
                catalog,
                queries.winners_of(conn, from_award, catalog, revoked=False),
                from_award,
                to_award,
                on,
            )
    else:
        from qaward.registry.records import record_recommendations

        digest = input_digest(
            {"command": "recommend", "source": from_award, "to": to_award, "on": str(on), "by": by}
        )
        with reg.writing("recommend", digest, operator) as w:
            found = candidates(
                catalog,
                queries.winners_of(w.conn, from_award, catalog, revoked=False),
                from_award,
                to_award,
                on,
            )
            record_recommendations(w, found, to_award, by, on)
        recorded = w.summary()
    return document(
        **{"from": from_award, "to": to_award},
        as_of=on,
        by=by,
        candidates=[
            {
                "credit_code": c.record.credit_code,
                "name": c.record.name,
                "year": c.record.year,
                "last_day": c.valid_until,
                "valid": c.valid,
                "clause": c.route.clause,
                "citation": c.citation,
            }
            for c in found
        ],
        recorded=recorded,
    )
