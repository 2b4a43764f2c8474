"""Shared fixtures: a baseline organisation that meets every Ganzhou condition, and helpers to
vary it. Tests are marked ``@pytest.mark.clause("ID", ...)`` with the clause ids they exercise;
``tests/clausemap.py`` turns the markers into ``core/clause_tests.json`` for ``qaward clauses``."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from qaward.catalog import default_catalog
from qaward.engine import Result, evaluate
from qaward.io import structure
from qaward.model import Organization

AS_OF = dt.date(2026, 9, 1)

BASE: dict[str, Any] = {
    "name": "赣州示例电子有限公司",
    "credit_code": "91360703MA399JF903",
    "region": "ganzhou_kfq",
    "legal_person": True,
    "established_on": "2016-03-01",
    "sector": "manufacturing",
    "nonprofit": False,
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
    },
    "preferences": ["key_industry_chain", "sme_innovative"],
}


def org_data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def make_org(**changes: Any) -> Organization:
    return structure(org_data(**changes), Organization)


def judge(jurisdiction: str, as_of: dt.date = AS_OF, **changes: Any) -> Result:
    return evaluate(make_org(**changes), jurisdiction, as_of)


def verdicts(result: Result, clause: str) -> list[bool | None]:
    found = [f.passed for f in result.findings if f.rule == clause]
    assert found, f"no finding for {clause} in {result.jurisdiction}"
    return found


def passes(result: Result, clause: str) -> bool:
    return all(v is True for v in verdicts(result, clause))


def fails(result: Result, clause: str) -> bool:
    return any(v is False for v in verdicts(result, clause))


def open_(result: Result, clause: str) -> bool:
    """Undetermined: no failure, but a missing fact."""
    v = verdicts(result, clause)
    return False not in v and None in v


@pytest.fixture(scope="session")
def catalog():
    return default_catalog()


@pytest.fixture(autouse=True)
def _no_user_registry(monkeypatch, tmp_path_factory):
    """Commands never read the developer's own registry (``$XDG_DATA_HOME/qaward``) in tests."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.delenv("QAWARD_REGISTRY", raising=False)
