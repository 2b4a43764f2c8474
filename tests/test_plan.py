"""The compiled plan (qaward.plan): its verdicts equal each rule's ``check(ctx).passed`` over many
generated organisations — every rule kind, boundary days and 29 February included — so the fast
path and the meaning of each rule cannot drift apart. Also the plan's public shape."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from qaward import events as ev
from qaward import plan as plan_module
from qaward import rules as r
from qaward.catalog import default_catalog
from qaward.dates import add_years, within_years
from qaward.engine import Status, evaluate, evaluate_all, run_plan
from qaward.history import History
from qaward.model import (
    Accident,
    AccidentCategory,
    Attestations,
    AwardRecord,
    Certification,
    Complaint,
    Dishonesty,
    DishonestyCategory,
    EntityType,
    ExportNotice,
    Financial,
    Grade,
    Level,
    Organization,
    QualityDispute,
    QualityProblem,
    Recommendation,
    Sanction,
    SanctionReason,
    Sector,
    ServiceQualityProblem,
    Severity,
    SpotCheckFailure,
    Tier,
    Violation,
)
from qaward.plan import plan_for
from qaward.rules import Context
from qaward.standards import ANY_MANAGEMENT_SYSTEM, QUALITY_SYSTEMS
from qaward.terms import RepeatTerms

CODE = "91360703MA399JF903"
DAYS = [
    dt.date(2026, 9, 1),
    dt.date(2024, 2, 29),
    dt.date(2025, 2, 28),
    dt.date(2025, 3, 1),
    dt.date(2028, 2, 29),
    dt.date(2026, 12, 31),
    dt.date(2027, 1, 1),
]
STANDARDS = [
    "GB/T 19001",
    "ISO 9001:2015",
    "ISO 14001",
    "IATF 16949",
    "GB/T 23001",
    "GB/T 27341",
    "GB/T 99999",
]
ATTESTATIONS = [
    "policy_compliant",
    "licences_complete",
    "industry_leading",
    "credit_commitment_signed",
    "social_contribution",
    "quality_system_sound",
    "management_innovation",
]
SOME_SECTORS = frozenset({Sector.manufacturing, Sector.engineering})

# every rule kind, with parameters the plugins do not all use
EXTRA_RULES = [
    r.Registered("X", "x"),
    r.LegalPerson("X", "x"),
    *(r.YearsOfOperation("X", "x", n) for n in (0, 1, 3, 5)),
    r.Certified("X", "x", 0),
    r.Certified("X", "x", 3),
    r.Certified("X", "x", 2, scope=QUALITY_SYSTEMS, sectors=SOME_SECTORS),
    r.Certified("X", "x", 1, scope=ANY_MANAGEMENT_SYSTEM),
    r.Certified("X", "x", 0, scope=QUALITY_SYSTEMS, attestation="quality_system_sound"),
    r.Certified("X", "x", 2, attestation="quality_system_sound"),
    r.ExcellenceModel("X", "x", 0),
    r.ExcellenceModel("X", "x", 2, sectors=SOME_SECTORS),
    r.ChiefQualityOfficer("X", "x"),
    r.ChiefQualityOfficer("X", "x", sectors=SOME_SECTORS),
    *(r.SafetyStandardization("X", "x", n) for n in (1, 2, 3)),
    *(r.ProfitableYears("X", "x", n) for n in (1, 2, 3)),
    *(r.SteadyGrowth("X", "x", n) for n in (1, 2)),
    *(r.NoCumulativeLoss("X", "x", n) for n in (2, 3)),
    r.TaxPerMu("X", "x", 250000),
    r.SectorIn("X", "x", SOME_SECTORS, "制造业或工程"),
    r.EntityTypeIn("X", "x", frozenset({EntityType.enterprise}), "企业"),
    r.OpenToAll("X", "x", "不限"),
    r.CreditRepair("X", "x"),
    *(r.Attested("X", "x", a, "某项") for a in ATTESTATIONS[:2]),
    r.Attested("X", "x", "social_contribution", "某项", nonprofit_only=True),
    r.Attested("X", "x", "industry_leading", "某项", for_profit_only=True),
    r.Attested("X", "x", "management_innovation", "某项", sectors=SOME_SECTORS),
    *(
        r.NoEvents(
            "X",
            "x",
            (
                ev.AccidentTest(frozenset(AccidentCategory), Grade.larger, fatal=True),
                ev.AccidentTest(frozenset({AccidentCategory.quality}), liable=False),
                ev.ComplaintTest(),
                ev.ComplaintTest(major=False, liable=True),
                ev.DisputeTest(),
                ev.SpotCheckTest(frozenset({Level.national, Level.provincial})),
                ev.SpotCheckTest(serious=True),
                ev.DishonestyTest(),
                ev.DishonestyTest(min_severity=Severity.serious, count_repaired=False),
                ev.ViolationTest(serious=True),
                ev.ExportNoticeTest(),
                ev.QualityProblemTest(),
                ev.ServiceProblemTest(),
            )[k : k + 5],
            n,
        )
        for k in (0, 4, 8)
        for n in (1, 2, 3, 5)
    ),
    r.RecommendationRequired("X", "x", "乡镇人民政府"),
    *(r.NotHoldingHigherAward("X", "x", lv) for lv in (Level.county, Level.municipal)),
    r.RepeatGap("X", "x", RepeatTerms("X", "x", gap_cycles=1)),
    r.RepeatGap("X", "x", RepeatTerms("X", "x", after_validity=True)),
    *(r.NoSanctionWithin("X", "x", reason, 3) for reason in SanctionReason),
    r.AnyOf("X", "x", (r.ProfitableYears("X", "x", 2), r.SteadyGrowth("X", "x", 1))),
    r.AnyOf("X", "x", (r.LegalPerson("X", "x"), r.Attested("X", "x", "industry_leading", "某项"))),
]


class Gen:
    """Random organisations whose dates sit on and around the thresholds of ``day``."""

    def __init__(self, seed: int, day: dt.date, awards: list[str]):
        self.rnd, self.day, self.awards = random.Random(seed), day, awards

    def maybe(self, value, p=0.25):
        return None if self.rnd.random() < p else value

    def near(self) -> dt.date:
        """A date N years (0-6) before the as-of date, give or take two days, or a 29 February."""
        if self.rnd.random() < 0.1:
            return dt.date(self.rnd.choice([2016, 2020, 2024]), 2, 29)
        base = add_years(self.day, -self.rnd.randint(0, 6))
        return base + dt.timedelta(days=self.rnd.randint(-2, 2))

    def event(self):
        d, b = self.near(), lambda: self.rnd.choice([True, False, None])
        kind = self.rnd.randrange(9)
        return [
            lambda: Accident(
                d,
                self.rnd.choice(list(AccidentCategory)),
                self.rnd.choice(list(Grade)),
                self.rnd.choice([0, 1]),
                b(),
            ),
            lambda: Complaint(d, b(), b()),
            lambda: QualityDispute(d, b()),
            lambda: SpotCheckFailure(d, self.rnd.choice(list(Level)), b()),
            lambda: ExportNotice(d),
            lambda: Dishonesty(
                d,
                self.rnd.choice(list(DishonestyCategory)),
                self.rnd.choice(list(Severity)),
                self.rnd.random() < 0.3,
            ),
            lambda: Violation(d, b()),
            lambda: QualityProblem(d, b()),
            lambda: ServiceQualityProblem(d, b()),
        ][kind]()

    def financials(self) -> list[Financial]:
        rows, value = [], self.rnd.randint(-5, 20)
        for year in range(self.day.year - 5, self.day.year + 1):
            if self.rnd.random() < 0.15:
                continue
            value += self.rnd.randint(-6, 8)
            rows.append(Financial(year, self.maybe(100 + value, 0.1), self.maybe(value, 0.1)))
        return rows

    def organization(self) -> Organization:
        rnd, b = self.rnd, lambda: rnd.choice([True, False, None])
        n = rnd.randrange
        return Organization(
            name="甲",
            credit_code=CODE,
            region=rnd.choice([*self.awards, "360703", "360000", "110000", "361100"]),
            legal_person=b(),
            established_on=self.maybe(self.near(), 0.1),
            sector=self.maybe(rnd.choice(list(Sector)), 0.15),
            nonprofit=rnd.random() < 0.2,
            entity_type=self.maybe(rnd.choice(list(EntityType)), 0.2),
            industrial=b(),
            certifications=[
                Certification(
                    rnd.choice(STANDARDS),
                    self.near(),
                    self.maybe(self.day + dt.timedelta(days=rnd.randint(-2, 2)), 0.5),
                )
                for _ in range(n(3))
            ],
            excellence_model_since=self.maybe(
                rnd.choice([self.near(), self.day + dt.timedelta(days=1)]), 0.2
            ),
            chief_quality_officer=b(),
            safety_standardization_level=rnd.choice([None, 1, 2, 3]),
            financials=self.financials(),
            tax_per_mu=self.maybe(rnd.choice([249999, 250000, 300000, 100000]), 0.3),
            events=[self.event() for _ in range(n(4))],
            attestations=Attestations(**{a: b() for a in ATTESTATIONS}),
            awards=[self.award_record() for _ in range(n(3))],
            sanctions=[
                Sanction(rnd.choice(self.awards), rnd.choice(list(SanctionReason)), self.near())
                for _ in range(n(3) if rnd.random() < 0.4 else 0)
            ],
            recommendations=[
                Recommendation(rnd.choice(self.awards), "某镇人民政府") for _ in range(n(2))
            ],
        )

    def award_record(self) -> AwardRecord:
        granted = self.near()
        return AwardRecord(
            self.rnd.choice(self.awards),
            self.rnd.choice(list(Tier)),
            granted.year,
            granted,
        )


def _cases(seeds: range):
    catalog = default_catalog()
    awards = sorted(catalog.awards)
    for seed in seeds:
        day = DAYS[seed % len(DAYS)]
        yield catalog, day, Gen(seed, day, awards).organization()


def test_every_prepared_verdict_equals_check_over_generated_organisations():
    catalog = default_catalog()
    kinds_seen: set[type] = set()
    compared = 0
    for catalog, day, org in _cases(range(600)):
        history = History.of(org)
        for jid in catalog.jurisdictions:
            plan = plan_for(jid, day, catalog)
            ctx = Context(org, day, plan.jurisdiction, history, catalog, day.year, plan.cycle_years)
            extra = [
                (rule, plan_module._prepared(rule, day, plan.jurisdiction, catalog)[1])
                for rule in EXTRA_RULES
            ]
            for rule, verdict in [(p.rule, p.verdict) for p in plan.rules] + extra:
                expected = rule.check(ctx).passed
                assert verdict(ctx) is expected, (rule, day, org)
                kinds_seen.add(type(rule))
                compared += 1
    assert set(plan_module._COMPILERS) <= kinds_seen
    assert compared > 100_000


def test_status_and_findings_agree_with_a_full_evaluation():
    """The lazily built findings are the rules' own outcomes; the status is theirs too."""
    for catalog, day, org in _cases(range(300)):
        for result in evaluate_all(org, day, catalog=catalog):
            findings = result.findings  # built from check(); a differing verdict would raise
            if any(f.passed is False for f in findings):
                assert result.status is Status.ineligible
            elif any(f.passed is None for f in findings):
                assert result.status is Status.undetermined
            else:
                assert result.status is Status.eligible


def test_failed_builds_only_the_failed_findings_and_in_order():
    for catalog, day, org in _cases(range(100)):
        result = evaluate(org, "ganzhou_kfq", day, catalog=catalog)
        failed = result.failed
        assert result._findings is None or result.bans
        assert failed == [f for f in result.findings if f.passed is False]
        assert result.undetermined == [f for f in result.findings if f.passed is None]


@pytest.mark.parametrize(
    "day, years, by",
    [
        (dt.date(2026, 9, 1), 5, dt.date(2021, 9, 1)),
        (dt.date(2025, 2, 28), 1, dt.date(2024, 2, 29)),  # 2024-02-29 + 1 year = 2025-02-28
        (dt.date(2028, 2, 29), 4, dt.date(2024, 2, 29)),
        (dt.date(2026, 9, 1), 0, dt.date(2026, 9, 1)),
    ],
)
def test_years_thresholds_are_dates_on_the_boundary_day(day, years, by):
    rule = r.YearsOfOperation("X", "x", years)
    catalog = default_catalog()
    j = catalog.jurisdiction("ganzhou_kfq")
    thresholds, _ = plan_module._prepared(rule, day, j, catalog)
    assert thresholds == {"established_by": by}


def test_the_plan_s_public_shape():
    catalog = default_catalog()
    day = dt.date(2026, 9, 1)
    plan = plan_for("ganzhou_kfq", day, catalog)
    assert plan is plan_for("ganzhou_kfq", day, catalog)  # compiled once, cached
    assert plan.as_of == day and plan.jurisdiction.id == "ganzhou_kfq"
    assert plan.regulation.document == "赣经开政字〔2024〕12号"
    assert [p.clause for p in plan.rules] == [x.clause for x in plan.declarations.eligibility]
    for p in plan.rules:
        assert p.citation == f"{plan.regulation.document} {p.article}"
        assert p.kind == type(p.rule).__name__ and p.plugin.startswith("ganzhou_kfq")
    windows = [p.thresholds for p in plan.rules if p.kind == "NoEvents"]
    assert windows and all(w["to"] == day for w in windows)
    one = dt.timedelta(days=1)
    for w in windows:  # the first and the last day that within_years (the rules' own) counts
        assert within_years(w["from"], day, 3) and not within_years(w["from"] - one, day, 3)
        assert within_years(w["to"], day, 3) and not within_years(w["to"] + one, day, 3)


def test_a_draft_text_s_warnings_come_with_its_plan():
    catalog = default_catalog()
    result = evaluate_all(
        Gen(1, dt.date(2026, 9, 1), sorted(catalog.awards)).organization(),
        dt.date(2026, 9, 1),
        ["jindong"],
        catalog=catalog,
    )[0]
    assert result.warnings == plan_for("jindong", dt.date(2026, 9, 1), catalog).warnings
    assert result.warnings  # 金东's text is a draft


def test_history_is_merged_once_per_organisation(monkeypatch):
    calls = []
    real = History.of

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(History, "of", counting)
    catalog = default_catalog()
    org = Gen(2, dt.date(2026, 9, 1), sorted(catalog.awards)).organization()
    results = evaluate_all(org, dt.date(2026, 9, 1), catalog=catalog)
    assert len(results) == len(catalog.jurisdictions) and len(calls) == 1


def test_run_plan_is_what_evaluate_runs():
    catalog = default_catalog()
    day = dt.date(2026, 9, 1)
    org = Gen(3, day, sorted(catalog.awards)).organization()
    a = evaluate(org, "huichang", day, catalog=catalog)
    b = run_plan(plan_for("huichang", day, catalog), org, History.of(org), catalog)
    assert a.to_json() == b.to_json()


def test_a_financials_list_changed_in_place_is_read_again():
    catalog = default_catalog()
    day = dt.date(2026, 9, 1)
    org = Gen(5, day, sorted(catalog.awards)).organization()
    org.financials[:] = [Financial(y, 100 + y, -1) for y in range(2019, 2026)]
    before = [r.status for r in evaluate_all(org, day, catalog=catalog)]
    org.financials[:] = [Financial(y, 100 + y, 10 + y) for y in range(2019, 2026)]
    results = evaluate_all(org, day, catalog=catalog)
    for result in results:
        assert result.findings  # built by check(): a stale verdict would raise here
    assert before != [r.status for r in results] or all(s is Status.ineligible for s in before)
