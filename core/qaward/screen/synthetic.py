"""Generated organisations for the differential test and the benchmarks.

Dates fall on the boundaries the rules draw (the Nth anniversary and the days around it, 29
February), every event kind appears with its attributes known or unknown, and award histories,
sanctions (with and without explicit bans) and recommendations cross the levels.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import attrs

from qaward.catalog import Catalog
from qaward.creditcode import CHARSET, check_character
from qaward.dates import add_years
from qaward.model import (
    AccidentCategory,
    Attestations,
    DishonestyCategory,
    EntityType,
    ExportOutcome,
    Grade,
    Level,
    SanctionReason,
    Sector,
    Severity,
    Tier,
)

ATTESTATIONS = [f.name for f in attrs.fields(Attestations)]
_STANDARDS = ["GB/T 19001", "ISO 9001", "IATF 16949", "ISO 14001", "GB/T 45001", "ISO 50001"]
_STANDARDS += ["QC 080000", "GB/T 29490", "GB/T 19001-2016", "ISO 9001:2015", "XYZ 123"]


def credit_code(rng: random.Random) -> str:
    body = "91360" + "".join(rng.choice(CHARSET) for _ in range(12))
    return body + check_character(body)


class Generator:
    def __init__(self, as_of: dt.date, catalog: Catalog, seed: int = 1):
        self.as_of = as_of
        self.rng = random.Random(seed)
        self.regions = [*catalog.jurisdictions, "360733", "360702", "360100", "330703", "410700"]
        self.awards = list(catalog.awards)

    def past(self, years_back: float | None = None) -> dt.date:
        """A day as :meth:`day` gives, on or before the as-of date (history is not foretold)."""
        return min(self.day(years_back), self.as_of)

    def day(self, years_back: float | None = None) -> dt.date:
        """A day on or near an anniversary boundary before the as-of date, or any recent day."""
        rng = self.rng
        if rng.random() < 0.08:
            return dt.date(rng.choice([2016, 2020, 2024]), 2, 29)
        n = years_back if years_back is not None else rng.choice([0, 1, 2, 3, 4, 5, 6, 10, 11])
        base = add_years(self.as_of, -int(n))
        if rng.random() < 0.7:
            return base + dt.timedelta(days=rng.choice([-2, -1, 0, 1, 2]))
        return base - dt.timedelta(days=rng.randrange(0, 400))

    def maybe(self, value: Any, p_none: float = 0.12) -> Any:
        return None if self.rng.random() < p_none else value

    def event(self) -> dict[str, Any]:
        rng = self.rng
        flag = lambda: self.maybe(rng.random() < 0.5, 0.2)  # noqa: E731
        kind = rng.choice(
            [
                "accident",
                "complaint",
                "quality_dispute",
                "spot_check_failure",
                "export_notice",
                "dishonesty",
                "violation",
                "quality_problem",
                "service_quality_problem",
            ]
        )
        e: dict[str, Any] = {"kind": kind, "date": self.past(rng.choice([0, 1, 2, 3, 5]))}
        if kind == "accident":
            e |= {
                "category": rng.choice(list(AccidentCategory)).value,
                "grade": rng.choice(list(Grade)).value,
                "deaths": rng.choice([0, 0, 1, 3]),
                "liable": flag(),
            }
        elif kind == "complaint":
            e |= {"major": flag(), "liable": flag()}
        elif kind == "quality_dispute":
            e |= {"liable": flag()}
        elif kind == "spot_check_failure":
            e |= {"level": rng.choice(list(Level)).value, "serious": flag()}
        elif kind == "dishonesty":
            e |= {
                "category": rng.choice(list(DishonestyCategory)).value,
                "severity": rng.choice(list(Severity)).value,
                "repaired": rng.random() < 0.3,
            }
        elif kind in ("violation", "service_quality_problem"):
            e |= {"serious": flag()}
        elif kind == "export_notice":
            e |= {
                "outcome": self.maybe(rng.choice(list(ExportOutcome)).value, 0.2),
                "serious_damage": flag(),
            }
        elif kind == "quality_problem":
            e |= {"verified": flag()}
        return {k: v for k, v in e.items() if v is not None}

    def organization(self) -> dict[str, Any]:
        rng, y = self.rng, self.as_of.year
        certs = [
            {
                "standard": rng.choice(_STANDARDS),
                "since": self.day(rng.choice([0, 1, 2, 3, 4])),
                **(
                    {"valid_until": self.day(0) + dt.timedelta(days=rng.choice([-1, 0, 1, 900]))}
                    if rng.random() < 0.5
                    else {}
                ),
            }
            for _ in range(rng.choice([0, 1, 1, 2]))
        ]
        fins = []
        for year in range(y - 4, y):
            if rng.random() < 0.9:
                profit = rng.choice([-5, 0, 10, 20, 30, 40, None])
                revenue = rng.choice([100, 200, 300, 400, None])
                fins.append(
                    {
                        "year": year,
                        **({"profit": profit * 1_000_000} if profit is not None else {}),
                        **({"revenue": revenue * 1_000_000} if revenue is not None else {}),
                    }
                )
        attest = {k: self.maybe(rng.random() < 0.85, 0.1) for k in ATTESTATIONS}
        doc: dict[str, Any] = {
            "name": f"测试企业{rng.randrange(10**6):06d}",
            "credit_code": credit_code(rng),
            "region": rng.choice(self.regions),
            "legal_person": self.maybe(rng.random() < 0.95, 0.05),
            "established_on": self.maybe(self.day(), 0.05),
            "sector": self.maybe(rng.choice(list(Sector)).value, 0.05),
            "entity_type": self.maybe(rng.choice(list(EntityType)).value, 0.1),
            "nonprofit": rng.random() < 0.1,
            "industrial": self.maybe(rng.random() < 0.6, 0.1),
            "certifications": certs,
            "excellence_model_since": self.maybe(self.day(rng.choice([0, 1, 2, 3])), 0.3),
            "chief_quality_officer": self.maybe(rng.random() < 0.8, 0.1),
            "safety_standardization_level": self.maybe(rng.choice([1, 2, 3]), 0.2),
            "financials": fins,
            "tax_per_mu": self.maybe(rng.choice([50_000, 100_000, 150_000, 300_000]), 0.2),
            "events": [self.event() for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3]))],
            "attestations": {k: v for k, v in attest.items() if v is not None},
            "awards": [self.award() for _ in range(rng.choice([0, 0, 0, 1, 2]))],
            "sanctions": [self.sanction() for _ in range(rng.choice([0, 0, 0, 0, 1]))],
            "recommendations": [
                {"award": rng.choice(self.awards), "by": "某镇人民政府"}
                for _ in range(rng.choice([0, 0, 1]))
            ],
        }
        if rng.random() < 0.6:  # mostly well qualified: a few conditions left to chance
            good = self.good()
            keep = rng.sample(sorted(good), k=rng.choice([0, 1, 1, 2, 3]))
            doc |= {k: v for k, v in good.items() if k not in keep}
        for absent in ("events", "awards", "sanctions", "certifications", "attestations"):
            if rng.random() < 0.03:  # a list or record left out: the contract's default
                doc.pop(absent)
        self.repeat_history(doc)
        return {k: v for k, v in doc.items() if v is not None}

    def repeat_history(self, doc: dict[str, Any]) -> None:
        """Sometimes the same record twice (same key, other fields differing), as a registry
        and an applicant's own copy would: ``History.of`` keeps the last one."""
        rng = self.rng
        if doc.get("awards") and rng.random() < 0.1:
            again = dict(doc["awards"][0], granted_on=self.past(rng.choice([0, 1, 2, 3, 6])))
            doc["awards"] = (
                [*doc["awards"], again] if rng.random() < 0.5 else [again, *doc["awards"]]
            )
        if doc.get("sanctions") and rng.random() < 0.3:
            again = dict(doc["sanctions"][0])
            if again.pop("bans", None) is None:
                again["bans"] = [{"award": rng.choice(self.awards), "until": self.day(-1)}]
            again["repaired"] = not again.get("repaired", False)
            doc["sanctions"] = [*doc["sanctions"], again]

    def good(self) -> dict[str, Any]:
        y, a = self.as_of.year, self.as_of
        return {
            "region": self.rng.choice(self.regions[:5]),
            "legal_person": True,
            "entity_type": "enterprise",
            "established_on": add_years(a, -8),
            "industrial": False,
            "certifications": [{"standard": "GB/T 19001", "since": add_years(a, -5)}],
            "excellence_model_since": add_years(a, -4),
            "chief_quality_officer": True,
            "safety_standardization_level": 2,
            "financials": [
                {"year": y - 4 + i, "revenue": (i + 1) * 10**8, "profit": (i + 1) * 10**7}
                for i in range(4)
            ],
            "attestations": dict.fromkeys(ATTESTATIONS, True),
            "events": [],
            "sanctions": [],
            "nonprofit": False,
            "recommendations": [{"award": r, "by": "某镇人民政府"} for r in self.regions[:5]],
        }

    def award(self) -> dict[str, Any]:
        rng = self.rng
        granted = self.past(rng.choice([0, 1, 2, 3, 4, 6]))
        rec = {
            "award": rng.choice(self.awards),
            "tier": rng.choice(
                [Tier.quality, Tier.quality, Tier.nomination, Tier.innovation]
            ).value,
            "year": granted.year - rng.choice([0, 0, 1]),
            "granted_on": granted,
        }
        if rng.random() < 0.1:
            rec["valid_until"] = self.day(0) + dt.timedelta(days=rng.choice([-1, 0, 1, 500]))
        return rec

    def sanction(self) -> dict[str, Any]:
        rng = self.rng
        s: dict[str, Any] = {
            "award": rng.choice(self.awards),
            "reason": rng.choice(list(SanctionReason)).value,
            "decided_on": self.past(rng.choice([0, 1, 2, 3, 5, 10])),
        }
        if rng.random() < 0.2:
            until = self.day(0) + dt.timedelta(days=rng.choice([-1, 0, 1, 700]))
            s["bans"] = [{"award": rng.choice(self.awards), "until": until}]
        if rng.random() < 0.3:
            s["repaired"] = True  # a repaired credit record (JD-3-4)
        return s

    def organizations(self, n: int) -> list[dict[str, Any]]:
        return [self.organization() for _ in range(n)]
