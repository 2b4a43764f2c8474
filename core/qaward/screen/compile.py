"""Compile a jurisdiction's declarations at an as-of date to polars expressions.

Each eligibility rule of the vocabulary (:mod:`qaward.rules`, with the event tests of
:mod:`qaward.events`) becomes a *verdict* expression over the organisation frame (true, false,
or null where the row engine says ``passed: None``) and, for conditions time alone satisfies, a
*gap* expression: the first as-of date from which that rule passes if nothing else changes.
Bans from sanctions (any award's, cross-level) are compiled the same way. The expressions are
the same for every chunk (a judgement by the catalog, of a region or a standard, is asked once per
distinct value and remembered), so they are built once per plan.

A rule this module does not know (a plugin's ``Custom`` function, a class added to the vocabulary
later, or a known class with fields this compiler has not seen) is left to the row engine for
every row: nothing is ever skipped, and the differential test keeps both paths equal.
"""

from __future__ import annotations

import datetime as dt
import itertools
import typing
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
import polars as pl

from qaward import events as ev
from qaward import rules as r
from qaward.catalog import Catalog
from qaward.dates import add_years, last_complete_years
from qaward.model import ExportOutcome, Grade, Severity
from qaward.plan import plan_for
from qaward.screen import periods
from qaward.screen.reduce import How, Reduction
from qaward.terms import Declarations

E = pl.element()
_NAMES = itertools.count()
_DAY = pl.duration(days=1)


class NotCompiled(Exception):
    """This declaration is evaluated by the row engine."""


@attrs.frozen
class Step:
    """One declaration of a plan: a rule (``index`` in the eligibility list) or a ban clause
    (``index`` -1). ``verdict`` None means the row engine evaluates ``rule``."""

    index: int
    clause: str
    text: str
    citation: str
    verdict: pl.Expr | None  # Boolean
    gap: pl.Expr | None = None  # Date, read only where the verdict is false (else any value)
    rule: Any = None
    reason: str = ""  # why the row engine evaluates it
    aggs: tuple = ()  # (list column, name, aggregation) computed per chunk before the verdict
    derived: tuple = ()  # (list column, name, expression) on each record, before aggregating


@attrs.frozen
class Env:
    as_of: dt.date
    jurisdiction: str
    catalog: Catalog
    cycle_years: int
    thresholds: Any = attrs.field(factory=dict)  # the engine Plan's, for the rule compiled
    aggs: list = attrs.field(factory=list)  # (list column, name, aggregation) the rule needs
    derived: list = attrs.field(factory=list)  # (list column, name, expression) it reads

    def threshold(self, name: str) -> Any:
        return self.thresholds.get(name)

    def agg(self, column: str, expr: pl.Expr | Reduction, name: str | None = None) -> pl.Expr:
        """An aggregation per organisation over the exploded ``column`` (one row per record,
        its fields as columns), computed once per chunk; the result column to use."""
        name = name or f"_{column}_{next(_NAMES)}"
        self.aggs.append((column, name, expr))
        return pl.col(name)

    def reduce(
        self,
        column: str,
        how: How,
        where: pl.Expr | None = None,
        value: pl.Expr | None = None,
        key: pl.Expr | None = None,
        name: str | None = None,
    ) -> pl.Expr:
        """A plain aggregation per organisation (see :class:`Reduction`): computed without a
        ``group_by`` when every aggregation of ``column`` is one."""
        return self.agg(column, Reduction(how, where, value, key), name)

    def derive(self, column: str, name: str, expr: pl.Expr) -> pl.Expr:
        """A value of each record of ``column`` that several aggregations read, computed once per
        chunk (``name`` says what it is, so plans that derive the same value share it)."""
        self.derived.append((column, name, expr))
        return pl.col(name)


def _tri(fails: pl.Expr, unknown: pl.Expr | bool = False) -> pl.Expr:
    """passed: False where ``fails``, else None where ``unknown``, else True."""
    unknown = pl.lit(unknown) if isinstance(unknown, bool) else unknown
    return (
        pl.when(fails.fill_null(False))
        .then(pl.lit(False))
        .when(unknown.fill_null(False))
        .then(pl.lit(None, dtype=pl.Boolean))
        .otherwise(pl.lit(True))
    )


def _field(name: str) -> pl.Expr:
    return E.struct.field(name)


def _offset(expr: pl.Expr, years: int, few: bool = False) -> pl.Expr:
    """``add_years`` column-wise (29 February falls to 28 February, like polars' offset). Dates
    ``few`` in a chunk (a rare record's) take polars' calendar offset directly: the lookup's
    Python call costs more than the offset of a few dates."""
    if not years:
        return expr
    if few:
        return expr.dt.offset_by(f"{years}y")
    return expr.map_batches(
        lambda dates: _years_later(dates, years), return_dtype=pl.Date, is_elementwise=True
    )


def _years_later(dates: pl.Series, years: int) -> pl.Series:
    """Each date ``years`` later: polars' calendar offset applied once per day of the span the
    dates cover, then looked up (a chunk's dates span fewer days than it has values, and the
    offset costs some twenty times a lookup); directly when the span is wider."""
    days = dates.to_physical()
    if days.null_count() == len(days) or days.max() - days.min() > len(days):  # type: ignore[operator]
        return dates.dt.offset_by(f"{years}y")
    first = typing.cast(int, days.min())
    span = pl.Series(np.arange(first, typing.cast(int, days.max()) + 1, dtype=np.int32))
    later = span.cast(pl.Date).dt.offset_by(f"{years}y")
    return later.gather(days - first).alias(dates.name)


def _anniversary(expr: pl.Expr, years: int, shift, few: bool = False) -> pl.Expr:
    """The first day a period of ``years`` from ``expr`` is over, by the convention that
    ``shift(years, leap)`` reads from :mod:`qaward.dates` (29 February on its own)."""
    base = _offset(expr, years, few)
    leap, other = shift(years, True), shift(years, False)
    if leap == other:  # the shifts are known now: no per-row test when they agree
        return base + dt.timedelta(days=other) if other else base
    clipped = (expr.dt.month() == 2) & (expr.dt.day() == 29) & (base.dt.day() == 28)
    days = pl.when(clipped).then(pl.lit(dt.timedelta(days=leap)))
    return base + days.otherwise(pl.lit(dt.timedelta(days=other)))


def _expect(rule: Any, names: set[str]) -> None:
    """Compile a class only with the fields this compiler was written for."""
    got = {f.name for f in attrs.fields(type(rule))}
    if got != names:
        raise NotCompiled(f"{type(rule).__name__} 的字段已变化（{sorted(got ^ names)}）")


def _one_of(expr: pl.Expr, values: list) -> pl.Expr:
    """``expr.is_in(values)``; a comparison when there is one value (several times cheaper)."""
    return expr == values[0] if len(values) == 1 else expr.is_in(values)


def _sector_gate(sectors, rule_expr: pl.Expr) -> pl.Expr:
    """A rule limited to some sectors: outside them it passes; an unknown sector is unknown."""
    if sectors is None:
        return rule_expr
    sector = pl.col("sector")
    return (
        pl.when(_one_of(sector, [s.value for s in sectors]))
        .then(rule_expr)
        .when(sector.is_null())
        .then(pl.lit(None, dtype=pl.Boolean))
        .otherwise(pl.lit(True))
    )


# --- the rule vocabulary -----------------------------------------------------------------------


def _judged(expr: pl.Expr, judge: Callable[[str], bool | None]) -> pl.Expr:
    """``judge`` of each text value (null: null), asked once per distinct value and remembered:
    the values judged by the catalog (regions, standards' names) are few and repeat."""
    known: dict[str, int] = {}  # value -> 1 true, 0 false, 2 unknown (3: not judged yet)

    def judged(values: pl.Series) -> pl.Series:
        # one pass over the text (finding the chunk's distinct values first costs another)
        codes = values.replace_strict(known, default=3, return_dtype=pl.Int8)
        if (codes == 3).any():
            for v in values.filter(codes == 3).drop_nulls().unique().to_list():
                got = judge(v)
                known[v] = 2 if got is None else 1 if got else 0
            codes = values.replace_strict(known, default=3, return_dtype=pl.Int8)
        c = pl.col(values.name)
        out = codes.to_frame(values.name).select(
            pl.when(c == 1).then(True).when(c == 0).then(False)
        )
        return out.to_series()

    return expr.map_batches(judged, return_dtype=pl.Boolean, is_elementwise=True)


def _registered(rule, env: Env):
    _expect(rule, {"clause", "article", "text"})
    inside = _judged(pl.col("region"), lambda x: env.catalog.contains(env.jurisdiction, x))
    return inside, None


def _legal_person(rule, env: Env):
    _expect(rule, {"clause", "article", "text"})
    return pl.col("legal_person"), None


def _leap_years_before(year: pl.Expr | int) -> pl.Expr | int:
    before = year - 1
    return before // 4 - before // 100 + before // 400


def _new_year(year: pl.Expr) -> pl.Expr:
    """1 January of ``year`` (``pl.date(year, 1, 1)``), counted in days from 1970 (a date is
    that count): whole-column arithmetic, several times cheaper than building dates."""
    days = 365 * (year - 1970) + _leap_years_before(year) - _leap_years_before(1970)
    return days.cast(pl.Int32).cast(pl.Date)


def _failing(fails: pl.Expr, value: pl.Expr) -> pl.Expr:
    """``value`` where the rule fails, else null: a gap is read only there, and date arithmetic
    on nulls costs next to nothing (most rows pass)."""
    return pl.when(fails).then(value)


def _years(rule, env: Env):
    _expect(rule, {"clause", "article", "min_years"})
    since = pl.col("established_on")
    cutoff = env.threshold("established_by") or periods.latest_start(env.as_of, rule.min_years)
    fails = since > cutoff
    v = _tri(fails, since.is_null())
    return v, _anniversary(_failing(fails, since), rule.min_years, periods.reach_shift)


def _certified(rule, env: Env):
    _expect(
        rule,
        {"clause", "article", "min_years", "scope", "sectors", "attestation", "attested_text"},
    )
    a = env.as_of
    by = env.threshold("since_by") or periods.latest_start(a, rule.min_years)
    since, until = pl.col("since"), pl.col("valid_until")
    current = (since <= a) & (until.is_null() | (until >= a))
    old = since <= by
    # whether the scope accepts each certificate's standard: judged once per record, read by
    # every aggregation below (and shared by plans with the same scope)
    judge = rule.scope.judge
    ok = env.derive(
        "certifications",
        f"_standard_ok {rule.scope!r}",
        _judged(pl.col("standard"), lambda name: judge(name)[0]),
    )

    def some(cond: Callable[[pl.Expr], pl.Expr]) -> pl.Expr:
        return env.reduce("certifications", "any", current & cond(ok)).fill_null(False)

    long_ok, short_ok = some(lambda ok: ok & old), some(lambda ok: ok & ~old)
    long_unknown, unknown = some(lambda ok: ok.is_null() & old), some(lambda ok: ok.is_null())
    found = (
        pl.when(long_ok)
        .then(pl.lit(True))
        .when(short_ok)
        .then(pl.when(long_unknown).then(pl.lit(None, pl.Boolean)).otherwise(False))
        .when(unknown)
        .then(pl.lit(None, pl.Boolean))
        .otherwise(pl.lit(False))
    )
    if rule.attestation:
        attested = pl.col("attestations").struct.field(rule.attestation)
        found = pl.when(found.fill_null(False)).then(pl.lit(True)).otherwise(attested)
    v = _sector_gate(rule.sectors, found)

    # the first day a certificate the scope accepts has run N years while still valid (only
    # those: date arithmetic on the others' nulls costs next to nothing)
    accepted = ok.fill_null(False)
    reach = env.derive(
        "certifications",
        f"_cert_reach_{rule.min_years} {rule.scope!r}",
        _anniversary(pl.when(accepted).then(since), rule.min_years, periods.reach_shift),
    )
    counts = accepted & (until.is_null() | (until >= reach))
    return v, env.reduce("certifications", "min", counts, reach)


def _excellence(rule, env: Env):
    _expect(rule, {"clause", "article", "min_years", "sectors"})
    since = pl.col("excellence_model_since")
    cutoff = env.threshold("since_by") or periods.latest_start(env.as_of, rule.min_years)
    late = (since > env.as_of) | (since > cutoff)
    v = _sector_gate(rule.sectors, _tri(since.is_null() | late))
    since = _failing(late, since)  # a null start has no gap date either
    gap = pl.max_horizontal(since, _anniversary(since, rule.min_years, periods.reach_shift))
    return v, gap


def _cqo(rule, env: Env):
    _expect(rule, {"clause", "article", "sectors"})
    v = _sector_gate(rule.sectors, pl.col("chief_quality_officer"))
    return v, None


def _safety(rule, env: Env):
    _expect(rule, {"clause", "article", "worst_level"})
    level = pl.col("safety_standardization_level")
    ok = level.is_not_null() & (level >= 1) & (level <= rule.worst_level)
    v = pl.when(pl.col("nonprofit")).then(pl.lit(True)).otherwise(ok)
    return v, None


def _figure(env: Env, year: int, attr: str) -> pl.Expr:
    """``org.financial(year).attr``: the first row for that year."""
    return env.reduce(
        "financials", "first", pl.col("year") == year, pl.col(attr), name=f"_fin_{attr}_{year}"
    )


def _profitable(rule, env: Env):
    _expect(rule, {"clause", "article", "years"})
    profits = [_figure(env, y, "profit") for y in last_complete_years(env.as_of, rule.years)]
    loss = pl.any_horizontal(*[(p <= 0).fill_null(False) for p in profits])
    gap = pl.any_horizontal(*[p.is_null() for p in profits])
    v = pl.when(pl.col("nonprofit")).then(pl.lit(True)).otherwise(_tri(loss, gap))
    return v, None


def _growth(rule, env: Env):
    _expect(rule, {"clause", "article", "years"})
    span = last_complete_years(env.as_of, rule.years + 1)
    figures = {(a, y): _figure(env, y, a) for a in ("revenue", "profit") for y in span}
    missing = pl.any_horizontal(*[f.is_null() for f in figures.values()])
    rising = pl.all_horizontal(
        *[figures[a, y] > figures[a, y - 1] for a in ("revenue", "profit") for y in span[1:]]
    )
    v = pl.when(missing).then(pl.lit(None, dtype=pl.Boolean)).otherwise(rising)
    return v, None


def _cumulative(rule, env: Env):
    _expect(rule, {"clause", "article", "years"})
    profits = [_figure(env, y, "profit") for y in last_complete_years(env.as_of, rule.years)]
    missing = pl.any_horizontal(*[p.is_null() for p in profits])
    total = pl.sum_horizontal(*profits)
    v = (
        pl.when(pl.col("nonprofit"))
        .then(pl.lit(True))
        .when(missing)
        .then(pl.lit(None, dtype=pl.Boolean))
        .otherwise(total >= 0)
    )
    return v, None


def _tax(rule, env: Env):
    _expect(rule, {"clause", "article", "min_yuan"})
    industrial, tax = pl.col("industrial"), pl.col("tax_per_mu")
    v = (
        pl.when(industrial.is_null())
        .then(pl.lit(None, dtype=pl.Boolean))
        .when(~industrial)
        .then(pl.lit(True))
        .otherwise(tax >= rule.min_yuan)
    )
    return v, None


def _sector_in(rule, env: Env):
    _expect(rule, {"clause", "article", "sectors", "text"})
    v = _one_of(pl.col("sector"), [s.value for s in rule.sectors])
    return v, None


def _attested(rule, env: Env):
    _expect(
        rule,
        {
            "clause",
            "article",
            "attestation",
            "text",
            "nonprofit_only",
            "for_profit_only",
            "sectors",
        },
    )
    value = pl.col("attestations").struct.field(rule.attestation)
    nonprofit = pl.col("nonprofit")
    exempt = pl.lit(False)
    if rule.nonprofit_only:
        exempt = exempt | ~nonprofit
    if rule.for_profit_only:
        exempt = exempt | nonprofit
    v = pl.when(exempt).then(pl.lit(True)).otherwise(_sector_gate(rule.sectors, value))
    return v, None


def _any_of(rule, env: Env):
    _expect(rule, {"clause", "article", "rules"})
    parts = [compile_rule(sub, env) for sub in rule.rules]
    vs = [verdict for verdict, _ in parts]
    passed = pl.any_horizontal(*[x.fill_null(False) for x in vs])
    unknown = pl.any_horizontal(*[x.is_null() for x in vs])
    verdict = (
        pl.when(passed)
        .then(pl.lit(True))
        .when(unknown)
        .then(pl.lit(None, dtype=pl.Boolean))
        .otherwise(pl.lit(False))
    )
    gaps = [gap for _, gap in parts if gap is not None]
    if not gaps or len(gaps) < len(parts):
        return verdict, None
    return verdict, pl.min_horizontal(*gaps)


# --- adverse events ------------------------------------------------------------------------------


def _at_least(value: pl.Expr, scale: type[Grade] | type[Severity], rank: int) -> pl.Expr:
    """Whether a grade or severity is ranked ``rank`` or above (null or unknown: false), by
    membership of the few values that are (cheaper than ranking every value)."""
    return _one_of(value, [v.value for v in scale if v.rank >= rank]).fill_null(False)


def _needs(flag: pl.Expr, required: bool) -> pl.Expr:
    return flag if required else pl.lit(True)


def _event_match(test: Any, f: Callable[[str], pl.Expr] = pl.col) -> pl.Expr:
    """The event test on one event (``pl.element()``): true, false or null like ``matches``."""
    kind = f("kind")
    if isinstance(test, ev.AccidentTest):
        _expect(test, {"categories", "min_grade", "fatal", "liable"})
        scope = (
            (kind == "accident")
            & _one_of(f("category"), [c.value for c in test.categories])
            & _at_least(f("grade"), Grade, test.min_grade.rank)
        )
        if test.fatal:
            scope = scope & (f("deaths").fill_null(0) >= 1)
        return pl.when(scope).then(_needs(f("liable"), test.liable)).otherwise(False)
    if isinstance(test, ev.ComplaintTest):
        _expect(test, {"major", "liable"})
        major = _needs(f("major"), test.major)
        then = (
            pl.when(major.is_null())
            .then(pl.lit(None, dtype=pl.Boolean))
            .when(~major)
            .then(pl.lit(False))
            .otherwise(_needs(f("liable"), test.liable))
        )
        return pl.when(kind == "complaint").then(then).otherwise(False)
    if isinstance(test, ev.SpotCheckTest):
        _expect(test, {"levels", "serious"})
        scope = (kind == "spot_check_failure") & _one_of(
            f("level"), [lv.value for lv in test.levels]
        )
        return pl.when(scope).then(_needs(f("serious"), test.serious)).otherwise(False)
    if isinstance(test, ev.DishonestyTest):
        _expect(test, {"categories", "min_severity", "count_repaired"})
        scope = (
            (kind == "dishonesty")
            & _one_of(f("category"), [c.value for c in test.categories])
            & _at_least(f("severity"), Severity, test.min_severity.rank)
        )
        counts = pl.lit(True) if test.count_repaired else ~f("repaired").fill_null(False)
        return pl.when(scope).then(counts).otherwise(False)
    if isinstance(test, ev.ViolationTest):
        _expect(test, {"serious"})
        serious = _needs(f("serious"), test.serious)
        return pl.when(kind == "violation").then(serious).otherwise(False)
    flagged = {  # ``isinstance(e, K) and e.flag``: the flag, null included
        ev.DisputeTest: ("quality_dispute", "liable"),
        ev.QualityProblemTest: ("quality_problem", "verified"),
        ev.ServiceProblemTest: ("service_quality_problem", "serious"),
    }
    if type(test) in flagged:
        _expect(test, set())
        k, flag = flagged[type(test)]
        return pl.when(kind == k).then(f(flag)).otherwise(False)
    if isinstance(test, ev.ExportNoticeTest):
        _expect(test, {"outcomes", "serious_damage"})
        if test.outcomes == frozenset(ExportOutcome):
            listed = pl.lit(True)
        else:
            listed = _one_of(f("outcome"), [o.value for o in test.outcomes])
        damage = _needs(f("serious_damage"), test.serious_damage)
        both = (
            pl.when((listed == False) | (damage == False))  # noqa: E712 (null: unknown)
            .then(pl.lit(False))
            .when(listed.is_null() | damage.is_null())
            .then(pl.lit(None, pl.Boolean))
            .otherwise(pl.lit(True))
        )
        return pl.when(kind == "export_notice").then(both).otherwise(False)
    if isinstance(test, ev.FraudTest | ev.OperatingLossTest):
        return pl.lit(False)  # sanction-case kinds never appear among an organisation's events
    raise NotCompiled(f"事件检验 {type(test).__name__} 尚无列式编译")


def _no_events(rule, env: Env):
    _expect(rule, {"clause", "article", "tests", "within_years"})
    first = env.threshold("from") or periods.window(env.as_of, rule.within_years)[0]
    last = env.threshold("to") or periods.window(env.as_of, rule.within_years)[1]
    date = pl.col("date")
    inside = (date >= first) & (date <= last)
    matches = [_event_match(t) for t in rule.tests]
    n = next(_NAMES)  # each event's match computed once, read by three aggregations
    hit = env.derive(
        "events", f"_hit_{n}", pl.any_horizontal(*[m.fill_null(False) for m in matches])
    )
    unknown = env.derive(
        "events", f"_unknown_{n}", pl.any_horizontal(*[m.is_null() for m in matches])
    )
    hits = env.reduce("events", "any", inside & hit)
    unknowns = env.reduce("events", "any", inside & unknown)
    v = _tri(hits, unknowns)
    # every matching event not yet expired (one dated after the as-of date counts later), its
    # date moved on only for those (date arithmetic on the others' nulls costs next to nothing;
    # disqualifying events are few, so by polars' own offset)
    counted = (date >= first) & (hit | unknown)
    leaves = env.derive(
        "events",
        f"_leaves_{n}",
        _anniversary(pl.when(counted).then(date), rule.within_years, periods.leave_shift, True),
    )
    gap = env.reduce("events", "max", counted, leaves)
    return v, gap


# --- history: recommendations, awards, sanctions -------------------------------------------------


def _recommended(rule, env: Env):
    _expect(rule, {"clause", "article", "by"})
    v = pl.col("recommendations").list.eval(_field("award") == env.jurisdiction).list.any()
    return v, None


def _validity_end(env: Env, f: Callable[[str], pl.Expr] = _field) -> pl.Expr:
    """``Catalog.valid_until`` of an award record (fields read by ``f``): its own date, else the
    term of the regulation in force on its grant date (piecewise by grant date), else null."""
    award, granted = f("award"), f("granted_on")
    out = pl.lit(None, dtype=pl.Date)
    for award_id in env.catalog.awards:
        for start, end, years in _segments(env.catalog, award_id, _validity_years):
            if years is None:
                continue
            cond = (award == award_id) & (granted >= start) & (granted <= end)
            out = pl.when(cond).then(_offset(granted, years)).otherwise(out)
    return pl.when(f("valid_until").is_not_null()).then(f("valid_until")).otherwise(out)


def _validity_years(catalog: Catalog, award_id: str, day: dt.date) -> int | None:
    """Years of validity of an award granted on ``day``, read through ``Catalog.valid_until``."""
    from qaward.model import AwardRecord, Tier, Year

    until = catalog.valid_until(AwardRecord(award_id, Tier.quality, Year(day.year), day))
    if until is None:
        return None
    years = until.year - day.year
    if add_years(day, years) != until:
        raise NotCompiled(f"{award_id} 的有效期不是整年（{day} 至 {until}）")
    return years


def _segments(catalog: Catalog, award_id: str, value: Callable) -> list[tuple]:
    """(first day, last day, value) over the dates where the regulation chosen may change."""
    cuts = {dt.date(1900, 1, 1)}
    j = catalog.jurisdictions.get(award_id)
    for reg in j.regulations if j else ():
        if reg.effective_from:
            cuts.add(reg.effective_from)
        if reg.effective_until:
            cuts.add(reg.effective_until + dt.timedelta(days=1))
    starts = sorted(cuts)
    ends = [s - dt.timedelta(days=1) for s in starts[1:]] + [dt.date(2999, 12, 31)]
    return [(s, e, value(catalog, award_id, s)) for s, e in zip(starts, ends, strict=True)]


def _not_holding(rule, env: Env):
    _expect(rule, {"clause", "article", "min_level", "tiers"})
    levels = [a.id for a in env.catalog.awards.values() if a.level.rank >= rule.min_level.rank]
    until = env.derive("awards", "_award_valid_until", _validity_end(env, pl.col))
    a = env.as_of
    counts = _one_of(pl.col("award"), levels) & _one_of(
        pl.col("tier"), [t.value for t in rule.tiers]
    )
    held = (counts & until.is_not_null() & (pl.col("granted_on") <= a) & (a <= until)).fill_null(
        False
    )
    v = _tri(
        env.reduce("awards", "any", held).fill_null(False),
        env.reduce("awards", "any", counts & until.is_null()).fill_null(False),
    )
    gap = env.reduce("awards", "max", held, until) + _DAY
    return v, gap


def _repeat_gap(rule, env: Env):
    _expect(rule, {"clause", "article", "terms"})
    terms = rule.terms
    own = (pl.col("award") == env.jurisdiction) & _one_of(
        pl.col("tier"), [t.value for t in terms.tiers]
    )
    own = own.fill_null(False)

    def newest(expr: pl.Expr) -> pl.Expr:
        """``max`` by grant date (never null in valid input): the first of equals."""
        return env.reduce("awards", "first_of_max", own, expr, pl.col("granted_on"))

    none = ~env.reduce("awards", "any", own).fill_null(False)
    if terms.after_validity:
        ends = env.derive("awards", "_award_valid_until", _validity_end(env, pl.col))
        until = newest(ends)
        v = pl.when(none).then(pl.lit(True)).otherwise(_tri(until >= env.as_of, until.is_null()))
        return v, until + _DAY
    first_year = newest(pl.col("year")) + (terms.gap_cycles + 1) * env.cycle_years
    v = pl.when(none).then(pl.lit(True)).otherwise(env.as_of.year >= first_year)
    gap = _new_year(first_year)
    return v, gap


def _no_sanction(rule, env: Env):
    _expect(rule, {"clause", "article", "reason", "within_years", "label", "repair_lifts"})
    first, last = periods.window(env.as_of, rule.within_years)
    day = pl.col("decided_on")
    mine = (pl.col("award") == env.jurisdiction) & (pl.col("reason") == rule.reason.value)
    if rule.repair_lifts:  # a repaired credit record no longer counts (JD-3-4)
        mine = mine & ~pl.col("repaired").fill_null(False)
    found = mine & (day >= first) & (day <= last)
    v = ~env.reduce("sanctions", "any", found).fill_null(False)
    leaves = _anniversary(day, rule.within_years, periods.leave_shift)
    gap = env.reduce("sanctions", "max", mine & (day >= first), leaves)
    return v, gap


def _entity_type(rule, env: Env):
    _expect(rule, {"clause", "article", "types", "text"})
    v = _one_of(pl.col("entity_type"), [t.value for t in rule.types])
    return v, None


def _always(rule, env: Env):
    """Clauses that never bar: OpenToAll (no sector excluded), CreditRepair (it only cites the
    exception for records the bar itself already leaves out)."""
    fields = {"clause", "article", "text"} if isinstance(rule, r.OpenToAll) else None
    _expect(rule, fields or {"clause", "article", "within_years", "min_severity"})
    return pl.lit(True), None


COMPILERS: dict[type, Callable] = {
    r.EntityTypeIn: _entity_type,
    r.OpenToAll: _always,
    r.CreditRepair: _always,
    r.Registered: _registered,
    r.LegalPerson: _legal_person,
    r.YearsOfOperation: _years,
    r.Certified: _certified,
    r.ExcellenceModel: _excellence,
    r.ChiefQualityOfficer: _cqo,
    r.SafetyStandardization: _safety,
    r.ProfitableYears: _profitable,
    r.SteadyGrowth: _growth,
    r.AnyOf: _any_of,
    r.NoCumulativeLoss: _cumulative,
    r.TaxPerMu: _tax,
    r.SectorIn: _sector_in,
    r.Attested: _attested,
    r.NoEvents: _no_events,
    r.RecommendationRequired: _recommended,
    r.NotHoldingHigherAward: _not_holding,
    r.RepeatGap: _repeat_gap,
    r.NoSanctionWithin: _no_sanction,
}


def compile_rule(rule: Any, env: Env) -> tuple[pl.Expr, pl.Expr | None]:
    compiler = COMPILERS.get(type(rule))
    if compiler is None:
        raise NotCompiled(f"{type(rule).__name__} 由逐行引擎判断")
    try:
        return compiler(rule, env)
    except (pl.exceptions.PolarsError, AttributeError, KeyError) as exc:
        raise NotCompiled(f"{type(rule).__name__}: {exc}") from exc


# --- bans (cross-level) ----------------------------------------------------------------------------


def ban_steps(env: Env) -> list[Step]:
    """Every way a sanction can bar this award, one step per clause: explicit bans on a sanction
    record ("sanction-record"), and the bans of every award's sanction terms that name it.
    Each is an aggregation over the chunk's exploded sanction records."""
    a, target = env.as_of, env.jurisdiction
    day, field = pl.col("decided_on"), pl.col
    explicit = field("bans").is_not_null()
    by_clause: dict[str, list[tuple[pl.Expr, int, str]]] = {}
    for award_id in env.catalog.jurisdictions:
        for reason_term in _ban_terms(env.catalog, award_id):
            start, end, reason, term = reason_term
            for ban in term.bans(start):
                if ban.award != target:
                    continue
                # decided on or before the as-of date, its ban not over on it: the decision
                # dates that means are found once (rather than each ban's end computed)
                years = term.ban_years
                cond = (
                    ~explicit
                    & (field("award") == award_id)
                    & (field("reason") == reason)
                    & (day >= max(start, periods.ban_from(a, years)))
                    & (day <= min(end, a))
                )
                decl_k = env.catalog.declarations(award_id, start)[0]
                by_clause.setdefault(term.clause, []).append(
                    (cond, years, decl_k.citation(term.article))
                )

    def step(clause: str, citation: str, in_force: pl.Expr, until: pl.Expr) -> Step:
        """``in_force`` and ``until`` computed on each record, so that the aggregations per
        organisation are plain ones."""
        first_agg, first_derived = len(env.aggs), len(env.derived)
        n = next(_NAMES)
        in_force = env.derive("sanctions", f"_in_force_{n}", in_force)
        v = ~env.reduce("sanctions", "any", in_force).fill_null(False)
        until = env.derive("sanctions", f"_until_{n}", until)
        gap = env.reduce("sanctions", "max", in_force, until)
        aggs, derived = tuple(env.aggs[first_agg:]), tuple(env.derived[first_derived:])
        return Step(-1, clause, "禁止申报期", citation, v, gap, aggs=aggs, derived=derived)

    steps = []
    for clause in sorted(by_clause):
        parts = by_clause[clause]
        in_force = pl.any_horizontal(*[c for c, _, _ in parts]).fill_null(False)
        # the day after the last ban in force ends: date arithmetic on those records only (few:
        # decisions in force), once per length of ban (of two bans as long, the later decided
        # ends later or the same day)
        lengths = sorted({years for _, years, _ in parts})
        ends = [
            _offset(
                pl.max_horizontal(*[pl.when(c).then(day) for c, y, _ in parts if y == n]), n, True
            )
            for n in lengths
        ]
        steps.append(step(clause, parts[0][2], in_force, pl.max_horizontal(*ends) + _DAY))
    e = pl.element().struct.field
    own = field("bans").list.eval((e("award") == target) & (e("until") >= a)).list.any()
    rec_in_force = (explicit & (day <= a) & own.fill_null(False)).fill_null(False)
    bans = pl.when(rec_in_force).then(field("bans"))
    rec_until = bans.list.eval(e("until").filter(e("award") == target)).list.max() + _DAY
    steps.append(step("sanction-record", "处理记录", rec_in_force, rec_until))
    return steps


def _ban_terms(catalog: Catalog, award_id: str):
    """(first day, last day, reason, term) for each sanction term of an award, by decision date."""
    out: list[tuple] = []
    for start, end, decl in _segments(catalog, award_id, _decl_at):
        first: dict = {}  # ``Catalog.sanction_term``: the first term declared for a reason
        for term in decl.sanctions:
            first.setdefault(term.reason, term)
        out.extend((start, end, reason.value, t) for reason, t in first.items() if t.ban_years)
    return out


def _decl_at(catalog: Catalog, award_id: str, day: dt.date) -> Declarations:
    return catalog.declarations(award_id, day)[0]


# --- a whole jurisdiction ----------------------------------------------------------------------------


@attrs.frozen
class ColumnarPlan:
    """One jurisdiction's declarations at one as-of date, compiled."""

    jurisdiction: str
    award: str
    document: str
    as_of: dt.date
    warnings: tuple[str, ...]
    steps: tuple[Step, ...]  # eligibility rules in article order, then ban clauses

    @property
    def row_steps(self) -> list[Step]:
        return [s for s in self.steps if s.verdict is None]


def compile_plan(catalog: Catalog, jurisdiction: str, as_of: dt.date) -> ColumnarPlan:
    """Compile from the engine's own :class:`qaward.plan.Plan` (the regulation version, the
    citations and the thresholds as dates, prepared once per jurisdiction and date)."""
    plan = plan_for(jurisdiction, as_of, catalog)
    j = plan.jurisdiction
    steps = []
    for i, planned in enumerate(plan.rules):
        rule = planned.rule
        env = Env(as_of, j.id, catalog, plan.cycle_years, planned.thresholds)
        text = getattr(rule, "text", "")
        try:
            verdict, gap = compile_rule(rule, env)
            step = Step(
                i,
                rule.clause,
                text,
                planned.citation,
                verdict,
                gap,
                rule,
                "",
                tuple(env.aggs),
                tuple(env.derived),
            )
        except NotCompiled as exc:
            step = Step(i, rule.clause, text, planned.citation, None, None, rule, str(exc))
        steps.append(step)
    steps.extend(ban_steps(Env(as_of, j.id, catalog, plan.cycle_years)))
    return ColumnarPlan(
        j.id, j.award_name, plan.regulation.document, as_of, plan.warnings, tuple(steps)
    )


__all__ = ["ColumnarPlan", "NotCompiled", "Step", "compile_plan"]
