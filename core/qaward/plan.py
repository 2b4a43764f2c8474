"""Compile once, evaluate many: a jurisdiction's declarations at a date, prepared as a plan.

Everything that depends only on (jurisdiction, as-of date) is worked out once and cached in the
catalogue: the regulation version and its warnings, each eligibility rule's citation and its
thresholds turned into dates (``established_by``, ``since_by``, an event window), and a *verdict*
function that answers what ``rule.check(ctx).passed`` answers without building the message or
the facts. The engine runs the verdicts per organisation and builds findings (``check``, the
meaning of each rule) only when somebody reads them.

The public shape, for other engines (e.g. a columnar screen of a whole population)::

    plan = plan_for("ganzhou_kfq", dt.date(2026, 9, 1), catalog)
    plan.jurisdiction, plan.declarations, plan.regulation, plan.warnings, plan.as_of
    for r in plan.rules:        # in article order
        r.clause, r.article, r.citation, r.plugin, r.kind   # kind = the rule class name
        r.rule                  # the declaration itself (its fields: min_years, tests, ...)
        r.thresholds            # {} or the prepared values below
        r.verdict(ctx)          # True / False / None, equal to r.rule.check(ctx).passed

Thresholds by kind (dates inclusive; a rule passes when the organisation's date is on or before a
``*_by`` date):

- ``YearsOfOperation``: ``established_by``
- ``Certified``: ``since_by``, ``valid_on`` (a certificate's ``valid_until`` must be on or after),
  ``standards`` (every normalised name the scope accepts: compare with
  ``qaward.standards.normalize``; a name the table lacks is undetermined), ``scope``, ``sectors``,
  ``attestation`` (decides when no certificate counts)
- ``ExcellenceModel``: ``since_by``, ``sectors``
- ``NoEvents``: ``from``, ``to`` (events dated in the window count), ``tests``
- ``ProfitableYears``: ``years`` (the complete years whose profit must be > 0);
  ``SteadyGrowth``, ``NoCumulativeLoss``: ``years`` (the complete years compared or summed)
- ``Registered``, ``RecommendationRequired``, ``RepeatGap``, ``NoSanctionWithin``:
  ``jurisdiction``
- ``EntityTypeIn``: ``types``
- other kinds: the rule's own fields (``r.rule``) say everything; ``thresholds`` is empty.

A kind without a prepared verdict here uses ``rule.check(ctx).passed`` (correct, only slower);
``tests/test_plan.py`` compares every verdict with ``check`` over many generated organisations,
boundary days included, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from qaward import rules as r
from qaward.dates import full_years_reached, last_complete_years, within_years

if TYPE_CHECKING:
    from qaward.catalog import Catalog
    from qaward.rules import Context
    from qaward.terms import Declarations, Jurisdiction, Regulation

Verdict = Callable[["Context"], "bool | None"]
ONE_DAY = dt.timedelta(days=1)
MAX_PLANS = 4096  # cached (jurisdiction, date) plans per catalogue; cleared when full


@frozen
class PlannedRule:
    """One eligibility rule prepared for a date: where it is written and how it is decided."""

    rule: Any  # the declaration; ``rule.check(ctx)`` gives the message and facts
    clause: str
    article: str
    citation: str  # 文号 + 条款
    plugin: str
    kind: str  # the rule class name, e.g. "YearsOfOperation"
    thresholds: Mapping[str, Any]
    verdict: Verdict


@frozen
class Plan:
    """A jurisdiction's eligibility at one as-of date, prepared once (see the module doc)."""

    jurisdiction: Jurisdiction
    as_of: dt.date
    declarations: Declarations
    warnings: tuple[str, ...]
    rules: tuple[PlannedRule, ...]

    @property
    def regulation(self) -> Regulation:
        return self.declarations.regulation

    @property
    def cycle_years(self) -> int:
        quota = self.declarations.quota
        return quota.cycle_years if quota else 1


def plan_for(jurisdiction: str, as_of: dt.date, catalog: Catalog) -> Plan:
    """The plan of ``jurisdiction`` at ``as_of``, compiled on first use and cached in ``catalog``."""
    cache = catalog.plans
    key = (jurisdiction, as_of)
    plan = cache.get(key)
    if plan is None:
        if len(cache) >= MAX_PLANS:
            cache.clear()
        plan = cache[key] = compile_plan(jurisdiction, as_of, catalog)
    return plan


def compile_plan(jurisdiction: str, as_of: dt.date, catalog: Catalog) -> Plan:
    decl, warnings = catalog.declarations(jurisdiction, as_of)
    j = decl.jurisdiction
    planned = []
    for rule in decl.eligibility:
        thresholds, verdict = _prepared(rule, as_of, j, catalog)
        planned.append(
            PlannedRule(
                rule=rule,
                clause=rule.clause,
                article=rule.article,
                citation=decl.citation(rule.article),
                plugin=j.plugin,
                kind=type(rule).__name__,
                thresholds=thresholds,
                verdict=verdict,
            )
        )
    return Plan(j, as_of, decl, tuple(warnings), tuple(planned))


def _prepared(rule: Any, as_of: dt.date, j: Jurisdiction, catalog: Catalog) -> tuple[dict, Verdict]:
    compiler = _COMPILERS.get(type(rule))
    prepared = compiler(rule, as_of, j, catalog) if compiler else None
    return prepared or ({}, _by_check(rule))


def _by_check(rule: Any) -> Verdict:
    check = rule.check
    return lambda ctx: check(ctx).passed


# --- thresholds as dates, found with the rules' own date functions ---------------------------


def _last_true(pred: Callable[[dt.date], bool], guess: dt.date) -> dt.date | None:
    """The last day around ``guess`` on which ``pred`` (true up to a day, then false) holds.
    Probing the rule's own date function keeps 29 February and 以上/以内 conventions exact."""
    day = guess
    for _ in range(8):
        if pred(day):
            break
        day -= ONE_DAY
    else:
        return None
    for _ in range(8):
        if not pred(day + ONE_DAY):
            return day
        day += ONE_DAY
    return None


def _first_true(pred: Callable[[dt.date], bool], guess: dt.date) -> dt.date | None:
    """The first day around ``guess`` on which ``pred`` (false up to a day, then true) holds."""
    day = guess
    for _ in range(8):
        if pred(day):
            break
        day += ONE_DAY
    else:
        return None
    for _ in range(8):
        if not pred(day - ONE_DAY):
            return day
        day -= ONE_DAY
    return None


def _reached_by(as_of: dt.date, years: int) -> dt.date | None:
    """The last start date from which ``years`` full years are reached on ``as_of``."""
    guess = as_of.replace(year=as_of.year - years, day=min(as_of.day, 28))
    return _last_true(lambda d: full_years_reached(d, as_of, years), guess)


_last_financials: tuple = (None, {})  # (organisation, its rows by year): the last one read


def _by_year(org: Any) -> dict:
    """``org.financial`` as a dict (the first row of a year wins, as there). Kept for the last
    organisation read, since ``evaluate_all`` asks every jurisdiction about the same one; one
    tuple, swapped whole, so threads never see one organisation's rows under another's."""
    global _last_financials
    last_org, rows = _last_financials
    if last_org is not org:
        rows = {f.year: f for f in reversed(org.financials)}
        _last_financials = (org, rows)
    return rows


def forget_organisation() -> None:
    """Start a new evaluation: the rows kept by :func:`_by_year` are not reused across calls
    (an organisation's ``financials`` list could have been changed in place in between)."""
    global _last_financials
    _last_financials = (None, {})


def _column(by_year: dict, years: list[int], attr: str) -> list | None:
    """The figures of ``years`` in order, or None when one is missing (rules._figures)."""
    out = []
    for y in years:
        row = by_year.get(y)
        value = getattr(row, attr) if row is not None else None
        if value is None:
            return None
        out.append(value)
    return out


def _sector_gate(sectors: frozenset | None, org: Any) -> tuple[bool, bool | None]:
    """(applies, verdict when it does not): the rules' sector scope (rules._sector_gate)."""
    if sectors is None or org.sector in sectors:
        return True, None
    return False, (None if org.sector is None else True)


# --- one compiler per rule kind: (rule, as_of, jurisdiction, catalog) -> (thresholds, verdict) -


def _registered(rule, as_of, j, catalog):
    inside: dict[str, bool] = {}

    def verdict(ctx):
        region = ctx.org.region
        got = inside.get(region)
        if got is None:
            if len(inside) >= 10_000:  # regions come from input: keep the memo bounded
                inside.clear()
            got = inside[region] = catalog.contains(j.id, region)
        return got

    return {"jurisdiction": j.id}, verdict


def _legal_person(rule, as_of, j, catalog):
    return {}, lambda ctx: ctx.org.legal_person


def _years_of_operation(rule, as_of, j, catalog):
    by = _reached_by(as_of, rule.min_years)
    if by is None:
        return None

    def verdict(ctx):
        since = ctx.org.established_on
        return None if since is None else since <= by

    return {"established_by": by}, verdict


def _certified(rule, as_of, j, catalog):
    by = _reached_by(as_of, rule.min_years)
    if by is None or by > as_of:
        return None
    scope, sectors = rule.scope, rule.sectors
    attested = operator.attrgetter(rule.attestation) if rule.attestation else None
    counts: dict[str, bool | None] = {}  # standard name -> whether the scope accepts it

    def accepts(name: str) -> bool | None:
        if name not in counts:
            counts[name] = scope.judge(name)[0]
        return counts[name]

    def certificates(org) -> bool | None:
        long_ok = short_ok = long_unknown = unknown = False
        for c in org.certifications:
            if c.since > as_of or (c.valid_until is not None and c.valid_until < as_of):
                continue
            ok = accepts(c.standard)
            if ok is None:
                unknown = True
                long_unknown = long_unknown or c.since <= by
            elif ok:
                if c.since <= by:
                    long_ok = True
                else:
                    short_ok = True
        if long_ok:
            return True
        if short_ok:
            return None if long_unknown else False
        return None if unknown else False

    def verdict(ctx):
        org = ctx.org
        if sectors is not None:
            applies, other = _sector_gate(sectors, org)
            if not applies:
                return other
        found = certificates(org)
        if found is True or attested is None:
            return found
        return attested(org.attestations)

    thresholds = {
        "since_by": by,
        "valid_on": as_of,
        "standards": scope.accepted_names(),
        "scope": scope,
        "sectors": sectors,
        "attestation": rule.attestation,
    }
    return thresholds, verdict


def _excellence_model(rule, as_of, j, catalog):
    by = _reached_by(as_of, rule.min_years)
    if by is None or by > as_of:
        return None
    sectors = rule.sectors

    def verdict(ctx):
        org = ctx.org
        if sectors is not None:
            applies, other = _sector_gate(sectors, org)
            if not applies:
                return other
        since = org.excellence_model_since
        return since is not None and since <= by

    return {"since_by": by, "sectors": sectors}, verdict


def _chief_quality_officer(rule, as_of, j, catalog):
    sectors = rule.sectors

    def verdict(ctx):
        org = ctx.org
        if sectors is not None:
            applies, other = _sector_gate(sectors, org)
            if not applies:
                return other
        return org.chief_quality_officer

    return {"sectors": sectors}, verdict


def _safety(rule, as_of, j, catalog):
    worst = rule.worst_level

    def verdict(ctx):
        org = ctx.org
        if org.nonprofit:
            return True
        level = org.safety_standardization_level
        return level is not None and 1 <= level <= worst

    return {}, verdict


def _profitable_years(rule, as_of, j, catalog):
    years = tuple(last_complete_years(as_of, rule.years))

    def verdict(ctx):
        org = ctx.org
        if org.nonprofit:
            return True
        by_year, known = _by_year(org), 0
        for y in years:
            f = by_year.get(y)
            if f is not None and f.profit is not None:
                if f.profit <= 0:
                    return False
                known += 1
        return True if known == len(years) else None

    return {"years": years}, verdict


def _tax_per_mu(rule, as_of, j, catalog):
    least = rule.min_yuan

    def verdict(ctx):
        org = ctx.org
        if org.industrial is None:
            return None
        if not org.industrial:
            return True
        return None if org.tax_per_mu is None else org.tax_per_mu >= least

    return {}, verdict


def _sector_in(rule, as_of, j, catalog):
    sectors = rule.sectors

    def verdict(ctx):
        sector = ctx.org.sector
        return None if sector is None else sector in sectors

    return {}, verdict


def _steady_growth(rule, as_of, j, catalog):
    span = last_complete_years(as_of, rule.years + 1)

    def verdict(ctx):
        by_year = _by_year(ctx.org)
        revenue, profit = _column(by_year, span, "revenue"), _column(by_year, span, "profit")
        if revenue is None or profit is None:
            return None
        return all(f[i] > f[i - 1] for f in (revenue, profit) for i in range(1, len(span)))

    return {"years": tuple(span)}, verdict


def _no_cumulative_loss(rule, as_of, j, catalog):
    years = last_complete_years(as_of, rule.years)

    def verdict(ctx):
        if ctx.org.nonprofit:
            return True
        profits = _column(_by_year(ctx.org), years, "profit")
        return None if profits is None else sum(profits) >= 0

    return {"years": tuple(years)}, verdict


def _any_of(rule, as_of, j, catalog):
    alternatives = tuple(_prepared(sub, as_of, j, catalog)[1] for sub in rule.rules)

    def verdict(ctx):
        got = [v(ctx) for v in alternatives]
        if True in got:
            return True
        return None if None in got else False

    return {}, verdict


def _entity_type_in(rule, as_of, j, catalog):
    types = rule.types

    def verdict(ctx):
        kind = ctx.org.entity_type
        return None if kind is None else kind in types

    return {"types": types}, verdict


def _always(rule, as_of, j, catalog):
    """OpenToAll never bars; CreditRepair only cites the exception it applies."""
    return {}, lambda ctx: True


def _attested(rule, as_of, j, catalog):
    value = operator.attrgetter(rule.attestation)
    if rule.sectors is not None:
        return None  # rare (KFQ-11-3a): decided by the rule itself
    if rule.nonprofit_only or rule.for_profit_only:
        only_np, only_fp = rule.nonprofit_only, rule.for_profit_only

        def verdict(ctx):
            org = ctx.org
            if (only_np and not org.nonprofit) or (only_fp and org.nonprofit):
                return True
            return value(org.attestations)

        return {}, verdict
    return {}, lambda ctx: value(ctx.org.attestations)


def _no_events(rule, as_of, j, catalog):
    n = rule.within_years
    inside = lambda d: within_years(d, as_of, n)  # noqa: E731
    last = _last_true(inside, as_of)
    first = _first_true(inside, as_of.replace(year=as_of.year - n, day=min(as_of.day, 28)))
    if first is None or last is None:
        return None
    matchers = tuple(t.matches for t in rule.tests)

    def verdict(ctx):
        unknown = False
        for e in ctx.org.events:
            if first <= e.date <= last:
                for matches in matchers:
                    m = matches(e)
                    if m:
                        return False
                    if m is None:
                        unknown = True
        return None if unknown else True

    return {"from": first, "to": last, "tests": rule.tests}, verdict


def _recommendation(rule, as_of, j, catalog):
    jid = j.id
    return {"jurisdiction": jid}, lambda ctx: any(
        rec.award == jid for rec in ctx.history.recommendations
    )


def _repeat_gap(rule, as_of, j, catalog):
    jid, tiers, check = j.id, rule.terms.tiers, rule.check

    def verdict(ctx):
        for rec in ctx.history.awards:
            if rec.award == jid and rec.tier in tiers:
                return check(ctx).passed  # a former winner: rare, decided by the rule itself
        return True

    return {"jurisdiction": jid}, verdict


def _not_holding_higher(rule, as_of, j, catalog):
    check = rule.check
    return {}, lambda ctx: check(ctx).passed if ctx.history.awards else True


def _no_sanction_within(rule, as_of, j, catalog):
    check = rule.check
    return {"jurisdiction": j.id}, lambda ctx: check(ctx).passed if ctx.history.sanctions else True


_COMPILERS: dict[type, Callable] = {
    r.Registered: _registered,
    r.LegalPerson: _legal_person,
    r.YearsOfOperation: _years_of_operation,
    r.Certified: _certified,
    r.ExcellenceModel: _excellence_model,
    r.ChiefQualityOfficer: _chief_quality_officer,
    r.SafetyStandardization: _safety,
    r.ProfitableYears: _profitable_years,
    r.TaxPerMu: _tax_per_mu,
    r.SectorIn: _sector_in,
    r.SteadyGrowth: _steady_growth,
    r.NoCumulativeLoss: _no_cumulative_loss,
    r.AnyOf: _any_of,
    r.Attested: _attested,
    r.EntityTypeIn: _entity_type_in,
    r.OpenToAll: _always,
    r.CreditRepair: _always,
    r.NoEvents: _no_events,
    r.RecommendationRequired: _recommendation,
    r.RepeatGap: _repeat_gap,
    r.NotHoldingHigherAward: _not_holding_higher,
    r.NoSanctionWithin: _no_sanction_within,
}
