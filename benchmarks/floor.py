"""The floor: the same rules written as one plain Python function per jurisdiction.

Generated from the compiled plan (:mod:`qaward.plan`) so that it decides exactly the rules the
engine decides, with every threshold already a constant: what a programmer would write by hand
for one jurisdiction and one date, with no framework around it. ``benchmarks/bench_speed.py``
times the engine against it; ``check_floor`` asserts both give the same status first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from qaward import rules as r
from qaward.catalog import Catalog
from qaward.plan import Plan, _prepared, plan_for


class _Source:
    """Expressions over ``o`` (the organisation) with constants named c0, c1, ...; a rule whose
    logic is a table lookup (management-system standards) calls the plan's verdict on ``ctx``."""

    def __init__(self) -> None:
        self.constants: dict[str, Any] = {}

    def const(self, value: Any) -> str:
        name = f"c{len(self.constants)}"
        self.constants[name] = value
        return name

    def gate(self, sectors: frozenset | None, expr: str) -> str:
        if sectors is None:
            return expr
        s = self.const(sectors)
        return f"(({expr}) if o.sector in {s} else (None if o.sector is None else True))"

    def expr(self, rule: Any, plan: Plan, catalog: Catalog) -> str:  # noqa: PLR0911
        c, as_of, jid = self.const, plan.as_of, plan.jurisdiction.id
        t = _prepared(rule, as_of, plan.jurisdiction, catalog)[0]
        match rule:
            case r.Certified():  # the standards table: the plan's own verdict
                return f"{c(_prepared(rule, as_of, plan.jurisdiction, catalog)[1])}(ctx)"
            case r.Attested() if rule.sectors is not None:
                return f"{c(_prepared(rule, as_of, plan.jurisdiction, catalog)[1])}(ctx)"
            case r.EntityTypeIn():
                return f"(None if o.entity_type is None else o.entity_type in {c(rule.types)})"
            case r.OpenToAll() | r.CreditRepair():
                return "True"
            case r.Registered():
                inside = {a for a in catalog.awards if catalog.contains(jid, a)}
                inside |= {catalog.awards[a].division_code for a in inside} - {None}
                return f"(o.region in {c(frozenset(inside))})"
            case r.LegalPerson():
                return "o.legal_person"
            case r.YearsOfOperation():
                by = c(t["established_by"])
                return f"(None if o.established_on is None else o.established_on <= {by})"
            case r.ExcellenceModel():
                since = "o.excellence_model_since"
                ok = f"({since} is not None and {since} <= {c(t['since_by'])})"
                return self.gate(rule.sectors, ok)
            case r.ChiefQualityOfficer():
                return self.gate(rule.sectors, "o.chief_quality_officer")
            case r.SafetyStandardization():
                lv = "o.safety_standardization_level"
                return f"(True if o.nonprofit else ({lv} is not None and 1 <= {lv} <= {rule.worst_level}))"
            case r.ProfitableYears():
                profits = ", ".join(f"fy[{y}].profit" for y in t["years"])
                return f"(True if o.nonprofit else all(p > 0 for p in ({profits},)))"
            case r.SteadyGrowth():
                ys = t["years"]
                pairs = " and ".join(
                    f"fy[{b}].{a} > fy[{p}].{a}"
                    for a in ("revenue", "profit")
                    for p, b in zip(ys, ys[1:], strict=False)
                )
                return f"({pairs})"
            case r.NoCumulativeLoss():
                total = " + ".join(f"fy[{y}].profit" for y in t["years"])
                return f"(True if o.nonprofit else {total} >= 0)"
            case r.TaxPerMu():
                return (
                    "(None if o.industrial is None else True if not o.industrial else"
                    f" None if o.tax_per_mu is None else o.tax_per_mu >= {rule.min_yuan})"
                )
            case r.SectorIn():
                return f"(None if o.sector is None else o.sector in {c(rule.sectors)})"
            case r.Attested():
                value = f"o.attestations.{rule.attestation}"
                if rule.nonprofit_only:
                    return f"(True if not o.nonprofit else {value})"
                if rule.for_profit_only:
                    return f"(True if o.nonprofit else {value})"
                return value
            case r.NoEvents():
                tests = " or ".join(f"{c(x.matches)}(e)" for x in rule.tests)
                lo, hi = c(t["from"]), c(t["to"])
                return f"not any({lo} <= e.date <= {hi} and ({tests}) for e in o.events)"
            case r.RecommendationRequired():
                return f"any(x.award == {jid!r} for x in o.recommendations)"
            case r.RepeatGap():
                tiers = c(rule.terms.tiers)
                return f"not any(x.award == {jid!r} and x.tier in {tiers} for x in o.awards)"
            case r.NotHoldingHigherAward():
                return "not o.awards"
            case r.NoSanctionWithin():
                return f"not any(s.award == {jid!r} for s in o.sanctions)"
            case r.AnyOf():
                return "(" + " or ".join(self.expr(x, plan, catalog) for x in rule.rules) + ")"
        raise NotImplementedError(type(rule).__name__)


def floor_function(jurisdiction: str, as_of: dt.date, catalog: Catalog):
    """``f(org, ctx) -> status`` for one jurisdiction at one date, as plain Python."""
    plan = plan_for(jurisdiction, as_of, catalog)
    src = _Source()
    exprs = [src.expr(p.rule, plan, catalog) for p in plan.rules]
    body = ",\n        ".join(exprs)
    code = (
        "def floor(o, ctx):\n"
        "    fy = {f.year: f for f in o.financials}\n"
        f"    v = (\n        {body},\n    )\n"
        "    if False in v:\n        return 'ineligible'\n"
        "    return 'undetermined' if None in v else 'eligible'\n"
    )
    namespace = dict(src.constants)
    exec(compile(code, f"<floor {jurisdiction}>", "exec"), namespace)
    return namespace["floor"]


def check_floor(org: Any, as_of: dt.date, catalog: Catalog) -> list:
    """The floor functions of every jurisdiction, after checking they agree with the engine."""
    from qaward.engine import evaluate_all

    floors = [floor_function(j, as_of, catalog) for j in catalog.jurisdictions]
    results = evaluate_all(org, as_of, catalog=catalog)
    contexts = [res.ctx for res in results]
    plain = [f(org, ctx) for f, ctx in zip(floors, contexts, strict=True)]
    engine = [res.status.value for res in results]
    assert plain == engine, f"floor {plain} != engine {engine}"
    return list(zip(floors, contexts, strict=True))
