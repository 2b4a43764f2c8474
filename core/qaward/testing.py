"""Helpers for testing jurisdiction plugins, shipped with the core so an out-of-tree plugin's
tests use the same vocabulary as the built-in ones.

``Baseline`` is a well-qualified manufacturer (certified, excellence model, profitable, no adverse
events) registered where the caller says; a test varies one fact and asks for one clause's
verdicts: ``fails(baseline.judge("hongqi", events=[...]), "HQ-11")``.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from qaward.engine import Result, evaluate
from qaward.io import structure
from qaward.model import Organization

AS_OF = dt.date(2026, 9, 1)

SAMPLE: dict[str, Any] = {
    "name": "赣州示例电子有限公司",
    "credit_code": "91360703MA399JF903",
    "legal_person": True,
    "established_on": "2016-03-01",
    "sector": "manufacturing",
    "nonprofit": False,
    "entity_type": "enterprise",
    "industrial": True,
    "certifications": [
        {"standard": "GB/T 19001", "since": "2018-05-10", "valid_until": "2027-05-09"}
    ],
    "excellence_model_since": "2021-01-01",
    "chief_quality_officer": True,
    "safety_standardization_level": 2,
    "financials": [
        {"year": 2023, "revenue": 480_000_000, "profit": 21_000_000},
        {"year": 2024, "revenue": 530_000_000, "profit": 26_000_000},
        {"year": 2025, "revenue": 610_000_000, "profit": 30_000_000},
    ],
    "tax_per_mu": 260_000,
    "events": [],
    "attestations": {
        "policy_compliant": True,
        "licences_complete": True,
        "industry_leading": True,
        "credit_commitment_signed": True,
        "management_innovation": True,
        "social_responsibility": True,
        "excellence_results": True,
    },
    "preferences": ["key_industry_chain", "sme_innovative"],
}


class Baseline:
    """The sample organisation in ``region``, judged at ``as_of`` unless a test says otherwise."""

    def __init__(self, region: str, as_of: dt.date = AS_OF, **overrides: Any):
        self.as_of = as_of
        self.data_ = copy.deepcopy(SAMPLE) | {"region": region} | overrides

    def data(self, **changes: Any) -> dict[str, Any]:
        return copy.deepcopy(self.data_) | changes

    def org(self, **changes: Any) -> Organization:
        return structure(self.data(**changes), Organization)

    def judge(self, jurisdiction: str, as_of: dt.date | None = None, **changes: Any) -> Result:
        return evaluate(self.org(**changes), jurisdiction, as_of or self.as_of)


def verdicts(result: Result, clause: str) -> list[bool | None]:
    found = [f.passed for f in result.findings if f.rule == clause]
    assert found, f"no finding for {clause} in {result.jurisdiction}"
    return found


def passes(result: Result, clause: str) -> bool:
    return all(v is True for v in verdicts(result, clause))


def fails(result: Result, clause: str) -> bool:
    return any(v is False for v in verdicts(result, clause))


def undetermined(result: Result, clause: str) -> bool:
    """No failure, but a missing fact."""
    v = verdicts(result, clause)
    return False not in v and None in v
