"""The engine: an organisation, a date and a jurisdiction in; findings and a status out.

Rules come from the catalogue (collected once); no hook is called here. Besides the plugin's own
rules the core enforces every ban that any award's sanction placed on this award (cross-level).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from attrs import frozen

from qaward.catalog import Catalog, default_catalog
from qaward.history import History
from qaward.model import Organization
from qaward.rules import Context, Outcome
from qaward.terms import Declarations


class Status(StrEnum):
    eligible = "eligible"
    ineligible = "ineligible"
    undetermined = "undetermined"


STATUS_ZH = {Status.eligible: "符合", Status.ineligible: "不符合", Status.undetermined: "待定"}


@frozen
class Finding:
    rule: str  # the clause id
    passed: bool | None
    citation: str
    message: str
    facts: dict[str, Any]
    plugin: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "passed": self.passed,
            "citation": self.citation,
            "message": self.message,
            "facts": self.facts,
            "plugin": self.plugin,
        }


@frozen
class Result:
    jurisdiction: str
    award: str
    document: str
    status: Status
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...]

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if f.passed is False]

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "award": self.award,
            "document": self.document,
            "status": self.status.value,
            "findings": [f.to_json() for f in self.findings],
            "warnings": list(self.warnings),
        }


def status_of(findings: list[Finding]) -> Status:
    if any(f.passed is False for f in findings):
        return Status.ineligible
    if any(f.passed is None for f in findings):
        return Status.undetermined
    return Status.eligible


def evaluate(
    org: Organization,
    jurisdiction: str,
    as_of: dt.date,
    *,
    history: History | None = None,
    cycle_year: int | None = None,
    catalog: Catalog | None = None,
) -> Result:
    """Judge ``org`` against one jurisdiction's award as of a date.

    ``history`` is merged with the organisation's inline history (e.g. from the registry);
    ``cycle_year`` is the cycle applied for (default: the as-of year).
    """
    catalog = catalog or default_catalog()
    decl, warnings = catalog.declarations(jurisdiction, as_of)
    merged = History.of(org, history) if history else History.of(org)
    ctx = Context(
        org=org,
        as_of=as_of,
        jurisdiction=decl.jurisdiction,
        history=merged,
        catalog=catalog,
        cycle_year=cycle_year or as_of.year,
        cycle_years=decl.quota.cycle_years if decl.quota else 1,
    )
    findings = [_finding(decl, rule, rule.check(ctx)) for rule in decl.eligibility]
    findings.extend(ban_findings(ctx, catalog))
    return Result(
        jurisdiction=decl.jurisdiction.id,
        award=decl.jurisdiction.award_name,
        document=decl.regulation.document,
        status=status_of(findings),
        findings=tuple(findings),
        warnings=tuple(warnings),
    )


def evaluate_all(
    org: Organization,
    as_of: dt.date,
    jurisdictions: list[str] | None = None,
    *,
    history: History | None = None,
    catalog: Catalog | None = None,
) -> list[Result]:
    catalog = catalog or default_catalog()
    ids = jurisdictions or list(catalog.jurisdictions)
    return [evaluate(org, j, as_of, history=history, catalog=catalog) for j in ids]


def _finding(decl: Declarations, rule, outcome: Outcome) -> Finding:
    return Finding(
        rule=rule.clause,
        passed=outcome.passed,
        citation=decl.citation(rule.article),
        message=outcome.message,
        facts=outcome.facts,
        plugin=decl.jurisdiction.plugin,
    )


def ban_findings(ctx: Context, catalog: Catalog) -> list[Finding]:
    """Every ban naming this award, from any award's sanction (cross-level), as findings cited
    with the sanctioning clause. Expired bans are reported as passed, so the history shows."""
    out = []
    target = ctx.jurisdiction.id
    for sanction in ctx.history.sanctions:
        for ban, term in catalog.bans(sanction):
            if ban.award != target or sanction.decided_on > ctx.as_of:
                continue
            source = catalog.award(sanction.award)
            source_name = source.name if source else sanction.award
            in_force = ctx.as_of <= ban.until  # the last day of the ban is inside it
            if term is not None:
                decl = catalog.declarations(sanction.award, sanction.decided_on)[0]
                citation, clause, plugin = (
                    decl.citation(term.article),
                    term.clause,
                    decl.jurisdiction.plugin,
                )
                span = f"{term.ban_years}年内"
            else:
                citation, clause, plugin, span = (
                    f"{source_name}处理记录",
                    "sanction-record",
                    "core",
                    "",
                )
            verdict = "不得申报" if in_force else "禁止期已满"
            message = (
                f"{sanction.decided_on.isoformat()}因{source_name}{_REASON_ZH[sanction.reason.value]}"
                f"被处理，{span}{verdict}（至{ban.until.isoformat()}）"
            )
            facts = {
                "sanction_award": sanction.award,
                "reason": sanction.reason.value,
                "decided_on": sanction.decided_on.isoformat(),
                "last_day": ban.until.isoformat(),
            }
            out.append(Finding(clause, not in_force, citation, message, facts, plugin))
    return out


_REASON_ZH = {"fraud": "弄虚作假", "revocation": "获奖后发生撤销情形", "misuse": "奖金挪作他用"}
