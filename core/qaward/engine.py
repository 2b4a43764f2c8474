"""The engine: an organisation, a date and a jurisdiction in; findings and a status out.

Rules come from the catalogue (collected once) through a plan per jurisdiction and date
(:mod:`qaward.plan`, compiled once and cached); no hook is called here. Besides the plugin's own
rules the core enforces every ban that any award's sanction placed on this award (cross-level).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from attrs import frozen

from qaward import labels
from qaward.catalog import Catalog, default_catalog
from qaward.history import History
from qaward.labels import SANCTION_REASON as _REASON_ZH
from qaward.model import Organization, Sanction
from qaward.plan import Plan, forget_organisation, plan_for
from qaward.rules import Context

STATUS_ZH = labels.CHECK_STATUS  # the catalogue's (qaward.labels)


class Status(StrEnum):
    eligible = "eligible"
    ineligible = "ineligible"
    undetermined = "undetermined"


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


class Result:
    """One organisation judged against one award at a date.

    The status comes from the plan's verdicts; the findings (messages, facts: most of the cost,
    and mostly for passed rules nobody reads) are built from each rule's ``check`` when first
    read, and ``failed`` / ``undetermined`` build only those. The output is the same as if all
    findings had been built at once."""

    __slots__ = ("plan", "ctx", "verdicts", "bans", "notes", "status", "_findings")

    def __init__(
        self, plan: Plan, ctx: Context, verdicts: list, bans: list, notes: tuple[str, ...] = ()
    ):
        self.plan, self.ctx, self.verdicts, self.bans = plan, ctx, verdicts, bans
        self.notes = notes  # warnings about this organisation (e.g. a ban under a repealed text)
        self.status = _status(verdicts, bans)
        self._findings: tuple[Finding, ...] | None = None

    @property
    def jurisdiction(self) -> str:
        return self.plan.jurisdiction.id

    @property
    def award(self) -> str:
        return self.plan.jurisdiction.award_name

    @property
    def document(self) -> str:
        return self.plan.regulation.document

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.plan.warnings + self.notes

    @property
    def findings(self) -> tuple[Finding, ...]:
        if self._findings is None:
            rules = [self._rule_finding(i) for i in range(len(self.verdicts))]
            self._findings = (*rules, *ban_findings(self.ctx, self.ctx.catalog))
        return self._findings

    def where(self, passed: bool | None) -> list[Finding]:
        """The findings whose ``passed`` is ``passed``, building only those."""
        if self._findings is not None or passed in self.bans:
            return [f for f in self.findings if f.passed is passed]
        return [self._rule_finding(i) for i, v in enumerate(self.verdicts) if v is passed]

    @property
    def failed(self) -> list[Finding]:
        return self.where(False)

    @property
    def undetermined(self) -> list[Finding]:
        return self.where(None)

    def _rule_finding(self, i: int) -> Finding:
        planned = self.plan.rules[i]
        outcome = planned.rule.check(self.ctx)
        if outcome.passed is not self.verdicts[i]:
            raise RuntimeError(
                f"{planned.clause}：规则的快速判断（{self.verdicts[i]}）与 check（{outcome.passed}）"
                "不一致，这是 qaward 的缺陷，请报告"
            )
        return Finding(
            planned.clause,
            outcome.passed,
            planned.citation,
            outcome.message,
            outcome.facts,
            planned.plugin,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "award": self.award,
            "document": self.document,
            "status": self.status.value,
            "findings": [f.to_json() for f in self.findings],
            "warnings": list(self.warnings),
        }

    def __repr__(self) -> str:
        return f"Result({self.jurisdiction!r}, {self.status.value!r})"


def _status(verdicts: list, bans: list) -> Status:
    if False in verdicts or False in bans:
        return Status.ineligible
    if None in verdicts or None in bans:
        return Status.undetermined
    return Status.eligible


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
    merged = History.of(org, history) if history else History.of(org)
    forget_organisation()
    return run_plan(plan_for(jurisdiction, as_of, catalog), org, merged, catalog, cycle_year)


def evaluate_all(
    org: Organization,
    as_of: dt.date,
    jurisdictions: list[str] | None = None,
    *,
    history: History | None = None,
    catalog: Catalog | None = None,
) -> list[Result]:
    """``org`` against every jurisdiction (or those listed); the history is merged once."""
    catalog = catalog or default_catalog()
    ids = jurisdictions or list(catalog.jurisdictions)
    merged = History.of(org, history) if history else History.of(org)
    forget_organisation()
    return [run_plan(plan_for(j, as_of, catalog), org, merged, catalog) for j in ids]


def run_plan(
    plan: Plan,
    org: Organization,
    history: History,
    catalog: Catalog,
    cycle_year: int | None = None,
) -> Result:
    """The plan's verdicts for one organisation (``history`` already merged): comparisons only."""
    as_of = plan.as_of
    ctx = Context(
        org, as_of, plan.jurisdiction, history, catalog, cycle_year or as_of.year, plan.cycle_years
    )
    verdicts = [rule.verdict(ctx) for rule in plan.rules]
    bans: list[bool | None] = []
    notes: list[str] = []
    if history.sanctions:
        target = plan.jurisdiction.id
        for sanction in history.sanctions:
            if sanction.decided_on > as_of:
                continue
            for ban, _term in catalog.bans(sanction):
                if ban.award == target:
                    bans.append(as_of > ban.until)  # as ban_findings decides: last day inside
                    note = repealed_text_note(sanction, catalog)
                    if note and note not in notes:
                        notes.append(note)
    return Result(plan, ctx, verdicts, bans, tuple(notes))


def repealed_text_note(sanction: Sanction, catalog: Catalog) -> str | None:
    """A ban from a sanction decided before the sanctioning award's current text took effect is
    still enforced, with a warning that the repealed text governed the decision (KFQ-32,
    CITY-34; as ``qaward sanction`` warns)."""
    if sanction.award not in catalog.jurisdictions:
        return None
    reg = catalog.declarations(sanction.award, sanction.decided_on)[0].regulation
    if reg.effective_from is None or sanction.decided_on >= reg.effective_from:
        return None
    old = f"已废止的{reg.repeals}" if reg.repeals else "此前的文本"
    return (
        f"{sanction.decided_on.isoformat()}的处理决定早于{reg.document}施行"
        f"（{reg.effective_from.isoformat()}），当时适用{old}；禁止期仍按现行文本执行，"
        f"请核对原处理决定（{reg.clause}）"
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
            if not in_force:
                verdict = f"{span}禁止期已满（至{ban.until.isoformat()}）"
            elif term is not None:  # the ban in the article's words
                verdict = (
                    f"{term.ban_text(ctx.jurisdiction.award_name)}（禁止至{ban.until.isoformat()}）"
                )
            else:
                verdict = f"不得申报（禁止至{ban.until.isoformat()}）"
            message = (
                f"{sanction.decided_on.isoformat()}因{source_name}{_REASON_ZH[sanction.reason.value]}"
                f"被处理，{verdict}"
            )
            facts = {
                "sanction_award": sanction.award,
                "reason": sanction.reason.value,
                "decided_on": sanction.decided_on.isoformat(),
                "last_day": ban.until.isoformat(),
            }
            out.append(Finding(clause, not in_force, citation, message, facts, plugin))
    return out
