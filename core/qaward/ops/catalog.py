"""Reads of the installed jurisdictions: jurisdictions, clauses, compare, schema."""

from __future__ import annotations

import datetime as dt
import re

from qaward import io
from qaward.catalog import Catalog
from qaward.ops.common import Doc, catalog_of, day, document, jurisdiction_ids


def jurisdictions(*, catalog: Catalog | None = None) -> Doc:
    """One row per jurisdiction and regulation version."""
    catalog = catalog_of(catalog)
    rows = [
        {
            "id": j.id,
            "name": j.name,
            "award": j.award_name,
            "level": j.level.value,
            "parent": j.parent,
            "division_code": j.division_code,
            "province": j.province,
            "document": r.document,
            "title": r.title,
            "status": r.status.value,
            "effective_from": r.effective_from,
            "effective_until": r.effective_until,
            "plugin": j.plugin,
        }
        for j in catalog.jurisdictions.values()
        for r in j.regulations
    ]
    return document(jurisdictions=rows)


def clauses(
    jurisdictions: list[str] | None = None,
    statuses: list[str] | None = None,
    *,
    catalog: Catalog | None = None,
) -> Doc:
    """Every clause id -> what encodes it and the tests that exercise it, or attested /
    out-of-scope / not yet with the reason."""
    from qaward.coverage import coverage

    catalog = catalog_of(catalog)
    ids = jurisdiction_ids(catalog, jurisdictions, "jurisdiction")
    rows = [
        r
        for r in coverage(catalog)
        if (not ids or r["jurisdiction"] in ids) and (not statuses or r["status"] in statuses)
    ]
    return document(clauses=rows)


_CLAUSE_ID = re.compile(r"[A-Z]{2,6}(?:-[0-9A-Za-z]+)+")


def compare(
    jurisdictions: list[str] | None = None,
    as_of: dt.date | None = None,
    *,
    catalog: Catalog | None = None,
) -> Doc:
    """The jurisdictions' terms side by side; every cell is ``{text, clauses}``: the text for
    people and the clause ids it rests on (those of the jurisdiction's regulation it names)."""
    from qaward.compare import comparison

    catalog = catalog_of(catalog)
    on = day(as_of)
    ids, rows = comparison(
        catalog, jurisdiction_ids(catalog, jurisdictions, "jurisdiction") or None, on
    )
    known = {j: _clause_ids(catalog, j, on) for j in ids}
    return document(
        as_of=on,
        jurisdictions=ids,
        rows=[
            {
                "term": term,
                "values": {
                    j: {"text": text, "clauses": _cited(text, known[j])}
                    for j, text in zip(ids, cells, strict=True)
                },
            }
            for term, cells in rows
        ],
    )


def _clause_ids(catalog: Catalog, jid: str, on: dt.date) -> set[str]:
    decl, _ = catalog.declarations(jid, on)
    return {c.id for c in decl.regulation.clauses}


def _cited(text: str, known: set[str]) -> list[str]:
    return list(dict.fromkeys(m for m in _CLAUSE_ID.findall(text) if m in known))


def schema(name: str) -> Doc:
    """The JSON Schema of an input document (organization, cycle, sanction_case, ...) or of an
    output document (check, evaluate, ...): see :data:`qaward.ops.schemas.OUTPUTS`."""
    from qaward.ops.schemas import OUTPUTS, output_schema
    from qaward.schema import DOCUMENTS
    from qaward.schema import schema as input_schema

    if name in DOCUMENTS:
        return input_schema(DOCUMENTS[name])
    if name in OUTPUTS:
        return output_schema(name)
    known = "、".join([*DOCUMENTS, *OUTPUTS])
    raise io.InputError("schema", [f"$.name: 未知的文档 {name!r}，应为 {known}"])
