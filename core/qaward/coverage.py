"""``qaward clauses``: every clause id of every regulation -> what encodes it and which tests
exercise it, or why nothing does (attested / out-of-scope / not yet)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from qaward.catalog import Catalog, clause_carriers

CLAUSE_TESTS = "clause_tests.json"  # written by ``make clause-map`` from the test markers


def clause_tests() -> dict[str, list[str]]:
    try:
        text = resources.files("qaward").joinpath(CLAUSE_TESTS).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text)


def case_tests(catalog: Catalog) -> dict[str, list[str]]:
    """Clause id -> the YAML cases (``file::case``) the installed plugins ship in ``cases/``,
    so an out-of-tree plugin's tests count too."""
    from qaward.cases import shipped_cases

    out: dict[str, list[str]] = {}
    for case in shipped_cases(catalog):
        for clause in case.clauses:
            out.setdefault(clause, []).append(f"{case.file.name}::{case.name}")
    return out


def coverage(catalog: Catalog) -> list[dict[str, Any]]:
    tests = clause_tests()
    for clause_id, cases in case_tests(catalog).items():
        tests = tests | {clause_id: [*tests.get(clause_id, []), *cases]}
    rows = []
    for decl in catalog.all_declarations():
        carriers = clause_carriers(decl)
        for clause in decl.regulation.clauses:
            encoded = sorted({type(o).__name__ for o in carriers if o.clause == clause.id})
            if encoded:
                status, reason = "encoded", ""
            elif clause.disposition is not None:
                status, reason = clause.disposition.value, clause.reason
            else:
                status, reason = "not yet", "没有声明编码此条款"
            rows.append(
                {
                    "clause": clause.id,
                    "jurisdiction": decl.jurisdiction.id,
                    "document": decl.regulation.document,
                    "article": clause.article,
                    "tags": clause.tags,
                    "summary": clause.summary,
                    "status": status,
                    "encoded_by": encoded,
                    "tests": tests.get(clause.id, []),
                    "reason": reason,
                }
            )
    return rows
