"""In-process time of `check`: one organisation against every installed jurisdiction.

Run: `make bench` (or .venv/bin/python benchmarks/bench_check.py [N]). Prints the catalogue
collection time (all hooks, once) and the time per organisation checked against every
jurisdiction, with a realistic organisation carrying events and award history.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from qaward.catalog import Catalog, plugin_manager
from qaward.engine import evaluate_all
from qaward.io import structure
from qaward.model import Organization

ORG = {
    "name": "基准测试电子有限公司",
    "credit_code": "91360703MA399JF903",
    "region": "ganzhou_kfq",
    "legal_person": True,
    "established_on": "2016-03-01",
    "sector": "manufacturing",
    "industrial": True,
    "certifications": [{"standard": "GB/T 19001", "since": "2018-05-10"}],
    "excellence_model_since": "2021-01-01",
    "chief_quality_officer": True,
    "safety_standardization_level": 2,
    "financials": [{"year": y, "revenue": 100 + y, "profit": 10 + y} for y in range(2019, 2026)],
    "tax_per_mu": 260000,
    "events": [
        {"kind": "spot_check_failure", "date": "2024-08-15", "level": "municipal"},
        {"kind": "complaint", "date": "2025-02-01", "major": False, "liable": False},
        {"kind": "dishonesty", "date": "2022-01-01", "category": "tax", "severity": "general"},
    ],
    "attestations": {"policy_compliant": True, "licences_complete": True, "industry_leading": True},
    "awards": [
        {"award": "ganzhou_kfq", "tier": "quality", "year": 2020, "granted_on": "2020-12-20"}
    ],
    "sanctions": [{"award": "ganzhou_city", "reason": "revocation", "decided_on": "2019-05-01"}],
    "recommendations": [{"award": "huichang", "by": "某镇人民政府"}],
}


def main(n: int = 2000) -> None:
    t0 = time.perf_counter()
    catalog = Catalog.collect(plugin_manager())
    collect_ms = (time.perf_counter() - t0) * 1000
    org = structure(ORG, Organization)
    day = dt.date(2026, 9, 1)
    k = len(catalog.jurisdictions)
    evaluate_all(org, day, catalog=catalog)  # warm up
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n):
            evaluate_all(org, day, catalog=catalog)
        runs.append((time.perf_counter() - t) / n * 1e6)
    per_org = statistics.median(runs)
    t = time.perf_counter()
    for _ in range(n):
        structure(ORG, Organization)
    parse_us = (time.perf_counter() - t) / n * 1e6
    print(f"python {sys.version.split()[0]}, {k} jurisdictions, {n} checks x 5 runs")
    print(f"catalogue collection (all hooks, once): {collect_ms:.1f} ms")
    print(
        f"check one organisation against all {k}: {per_org:.0f} µs (median); {per_org / k:.0f} µs per jurisdiction"
    )
    print(f"structuring the organisation document: {parse_us:.0f} µs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
