"""In-process time of `evaluate`: a synthetic cycle of N applicants (default 500) per award.

Run: .venv/bin/python benchmarks/bench_cycle.py [N]. For each installed award, builds a cycle of
N applications (mixed sectors, scores with ties, a few ineligible, some repeat winners, votes for
红旗), structures it as a cycle file would be, and times structuring, evaluation (eligibility,
ranking, selection, money, terms, publicity) and the JSON report. Prints the time per application.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from qaward.catalog import default_catalog
from qaward.creditcode import check_character
from qaward.cycle import evaluate_cycle
from qaward.io import structure
from qaward.model import Cycle

REGION = {
    "ganzhou_kfq": "ganzhou_kfq",
    "ganzhou_city": "360702",
    "huichang": "360733",
    "hongqi": "410702",
    "jindong": "330703",
}
SECTORS = ("manufacturing", "service", "engineering", "medical")


def organization(award: str, n: int) -> dict:
    first17 = f"91360703MA3B{n:05d}"
    org = {
        "name": f"基准测试组织{n:05d}",
        "credit_code": first17 + check_character(first17),
        "region": REGION[award],
        "legal_person": True,
        "established_on": "2012-03-01",
        "sector": SECTORS[n % len(SECTORS)],
        "industrial": n % 4 == 0,
        "certifications": [{"standard": "GB/T 19001", "since": "2018-05-10"}],
        "excellence_model_since": "2020-01-01",
        "chief_quality_officer": True,
        "safety_standardization_level": 2,
        "financials": [
            {"year": y, "revenue": 1000 + y, "profit": 10 + y} for y in range(2021, 2026)
        ],
        "tax_per_mu": 260_000,
        "events": [{"kind": "complaint", "date": "2025-02-01", "major": False, "liable": False}],
        "attestations": {
            "policy_compliant": True,
            "licences_complete": True,
            "industry_leading": True,
            "credit_commitment_signed": True,
        },
        "preferences": ["sme_innovative", "specialized_sme", "high_tech"][: n % 3],
        "recommendations": [{"award": award, "by": "某镇人民政府"}],
    }
    if n % 10 == 0:  # ineligible: an own-fault quality dispute
        org["events"].append({"kind": "quality_dispute", "date": "2025-05-01", "liable": True})
    if n % 25 == 0:  # a former winner
        org["awards"] = [
            {"award": award, "tier": "quality", "year": 2018, "granted_on": "2018-12-20"}
        ]
    return org


def cycle_data(award: str, n: int, tiers: list[str]) -> dict:
    return {
        "award": award,
        "year": 2026,
        "as_of": "2026-09-01",
        "voters": 15,
        "publicity_starts": "2026-09-24",
        "applications": [
            {
                "organization": organization(award, i),
                "tier": tiers[i % len(tiers)],
                "score": 600 + (i * 37) % 350,  # repeats: ties
                "votes_for": 8 + i % 8,
            }
            for i in range(n)
        ],
    }


def main(n: int = 500) -> None:
    catalog = default_catalog()
    print(f"{n} applications per cycle; best of 3 runs")
    for award in catalog.jurisdictions:
        decl, _ = catalog.declarations(award, dt.date(2026, 9, 1))
        tiers = [t.tier.value for t in decl.quota.tiers]
        data = cycle_data(award, n, tiers)
        best = {"structure": [], "evaluate": [], "report": []}
        for _ in range(3):
            t0 = time.perf_counter()
            cycle = structure(data, Cycle)
            t1 = time.perf_counter()
            result = evaluate_cycle(cycle, catalog=catalog)
            t2 = time.perf_counter()
            result.to_json()
            t3 = time.perf_counter()
            best["structure"].append(t1 - t0)
            best["evaluate"].append(t2 - t1)
            best["report"].append(t3 - t2)
        per = {k: min(v) / n * 1e6 for k, v in best.items()}
        total = sum(per.values())
        winners = len(result.selection.winners)
        print(
            f"{award:13s} structure {per['structure']:6.1f} µs  evaluate {per['evaluate']:6.1f} µs"
            f"  report {per['report']:5.1f} µs  = {total:6.1f} µs per application"
            f"  ({total * n / 1000:.0f} ms per cycle, {winners} winners)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
