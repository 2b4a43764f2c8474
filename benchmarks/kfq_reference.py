"""Two references for the screening benchmark: 赣州经开区's eligibility written by hand in polars,
and the same conditions as an OpenFisca-Core model. Same scope as qaward's compiled plan for
``ganzhou_kfq`` at 2026-09-01: the 18 declarations of KFQ-11-1 … KFQ-11-6 and KFQ-24, the bans of
KFQ-25 and KFQ-28 and explicit bans on a sanction record, three-valued (a missing fact is
"undetermined"), duplicate history records merged like ``History.of``. Output per organisation:
status, failing and undetermined clause ids (no gap dates, no citations). Both are checked to give
qaward's verdicts on every row by ``bench_screen.py``.

:func:`facts` turns the lists of records (certificates, financial years, events, awards,
sanctions) into one row of facts per organisation with polars; :func:`hand` judges them in
polars; :data:`SYSTEM` judges the same facts in OpenFisca (which has no list of records per entity
short of a group-entity model, so the lists are aggregated before it runs).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from qaward.standards import INTERNATIONAL

AS_OF = dt.date(2026, 9, 1)
KFQ = "ganzhou_kfq"
CLAUSES = (
    "KFQ-11-1",
    "KFQ-11-2",
    "KFQ-11-3",
    "KFQ-11-3a",
    "KFQ-11-4",
    "KFQ-11-6",
    "KFQ-24",
    "KFQ-25",
    "KFQ-28",
    "sanction-record",
)
ESTABLISHED_BY = dt.date(2023, 9, 1)  # 3 years of operation
CERTIFIED_BY = dt.date(2024, 9, 1)  # a certificate running 2 years
EXCELLENCE_BY = dt.date(2025, 9, 1)  # the excellence model for 1 year
WINDOW = (dt.date(2023, 9, 1), AS_OF)  # KFQ-11-6: the last 3 years
MAJOR_CATEGORIES = ["quality", "environment", "public_health", "food_safety"]


# The rows are numbered in ascending order and stay so when a list is exploded: told so, polars
# groups the records and joins them back by slicing instead of hashing (qaward does the same).
ROW = pl.col("row").set_sorted()


def _items(df: pl.DataFrame, name: str) -> pl.DataFrame:
    return df.select(ROW, name).explode(name).drop_nulls(name).unnest(name)


def _last_distinct(items: pl.DataFrame, *keys: str) -> pl.DataFrame:
    """``History.of``: one record per key, the last one given wins."""
    return items.filter(pl.struct("row", *keys).is_last_distinct())


def facts(df: pl.DataFrame) -> pl.DataFrame:
    """One row per organisation: the scalar fields and the aggregates of its lists."""
    a = AS_OF
    c = pl.col
    certs = _items(df, "certifications")
    ok = c("standard").replace_strict(
        {n: INTERNATIONAL.judge(n)[0] for n in certs["standard"].unique().drop_nulls()},
        default=None,
        return_dtype=pl.Boolean,
    )
    current = (c("since") <= a) & (c("valid_until").is_null() | (c("valid_until") >= a))
    old = c("since") <= CERTIFIED_BY
    certs = certs.group_by("row", maintain_order=True).agg(
        (current & ok & old).fill_null(False).any().alias("cert_long"),
        (current & ok & ~old).fill_null(False).any().alias("cert_short"),
        (current & ok.is_null() & old).fill_null(False).any().alias("cert_long_unknown"),
        (current & ok.is_null()).fill_null(False).any().alias("cert_unknown"),
    )
    years = (2023, 2024, 2025)
    fin = (
        _items(df, "financials")
        .group_by("row", maintain_order=True)
        .agg(
            *[c("profit").filter(c("year") == y).first().alias(f"profit_{y}") for y in years],
            *[c("revenue").filter(c("year") == y).first().alias(f"revenue_{y}") for y in years],
        )
    )
    kind, category, grade = c("kind"), c("category"), c("grade")
    severity = c("severity")
    tests = [
        pl.when(
            (kind == "accident")
            & category.is_in(MAJOR_CATEGORIES)
            & grade.is_in(["major", "especially_major"])
        )
        .then(c("liable"))
        .otherwise(False),
        pl.when(
            (kind == "accident")
            & (category == "production_safety")
            & grade.is_in(["general", "larger", "major", "especially_major"])
        )
        .then(c("liable"))
        .otherwise(False),
        pl.when(kind == "complaint").then(c("major")).otherwise(False),
        pl.when(kind == "quality_dispute").then(c("liable")).otherwise(False),
        pl.when(
            (kind == "spot_check_failure")
            & c("level").is_in(["county", "municipal", "provincial", "national"])
        )
        .then(True)
        .otherwise(False),
        pl.when(
            (kind == "dishonesty")
            & (
                ((category == "labor") & severity.is_in(["larger", "serious", "major"]))
                | ((category == "statistics") & severity.is_in(["serious", "major"]))
                | ((category == "tax") & (severity == "major"))
            )
        )
        .then(True)
        .otherwise(False),
        kind == "violation",
    ]
    inside = c("date").is_between(*WINDOW)
    events = (
        _items(df, "events")
        .filter(inside)
        .group_by("row", maintain_order=True)
        .agg(
            pl.any_horizontal(*[t.fill_null(False) for t in tests]).any().alias("event_hit"),
            pl.any_horizontal(*[t.is_null() for t in tests]).any().alias("event_unknown"),
        )
    )
    wins = (
        _last_distinct(_items(df, "awards"), "award", "tier", "year")
        .filter((c("award") == KFQ) & (c("tier") == "quality"))
        .group_by("row", maintain_order=True)
        .agg(
            c("year")
            .sort_by("granted_on", descending=True, nulls_last=False, maintain_order=True)
            .first()
            .alias("last_win_year")
        )
    )
    day = c("decided_on")
    implicit = c("bans").is_null() & (c("award") == KFQ) & (day <= a)
    own_ban = c("bans").list.eval(
        (pl.element().struct.field("award") == KFQ) & (pl.element().struct.field("until") >= a)
    )
    bans = (
        _last_distinct(_items(df, "sanctions"), "award", "reason", "decided_on")
        .group_by("row", maintain_order=True)
        .agg(
            (implicit & (c("reason") == "fraud") & (day.dt.offset_by("10y") >= a))
            .fill_null(False)
            .any()
            .alias("banned_fraud"),
            (implicit & (c("reason") == "revocation") & (day.dt.offset_by("5y") >= a))
            .fill_null(False)
            .any()
            .alias("banned_revocation"),
            (c("bans").is_not_null() & (day <= a) & own_ban.list.any().fill_null(False))
            .fill_null(False)
            .any()
            .alias("banned_record"),
        )
    )
    att = c("attestations").struct
    out = df.select(
        ROW,
        (c("region") == KFQ).alias("in_region"),
        "legal_person",
        "established_on",
        *[
            att.field(n).alias(n)
            for n in (
                "policy_compliant",
                "licences_complete",
                "management_innovation",
                "industry_leading",
                "social_contribution",
            )
        ],
        (c("sector") == "manufacturing").alias("manufacturing"),
        "nonprofit",
        "excellence_model_since",
        "chief_quality_officer",
        "safety_standardization_level",
    )
    for agg in (certs, fin, events, wins, bans):
        out = out.join(agg.with_columns(ROW), on="row", how="left", maintain_order="left")
    flags = [n for n in certs.columns + events.columns + bans.columns if n != "row"]
    return out.with_columns(c(n).fill_null(False) for n in flags)


def _clause(*steps: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(failing, undetermined) of a clause from its steps' verdicts (null: a fact missing)."""
    return (
        pl.any_horizontal(*[(s == False).fill_null(False) for s in steps]),  # noqa: E712
        pl.any_horizontal(*[s.is_null() for s in steps]),
    )


def _gate(rule: pl.Expr) -> pl.Expr:
    """Manufacturing only: outside it the rule passes, an unknown sector is unknown."""
    m = pl.col("manufacturing")
    return pl.when(m).then(rule).when(m.is_null()).then(None).otherwise(True)


def hand(f: pl.DataFrame) -> pl.DataFrame:
    """The hand-written judgement: row, status, failing and undetermined clause ids."""
    c = pl.col
    nonprofit = c("nonprofit")
    certificate = (
        pl.when(c("cert_long"))
        .then(True)
        .when(c("cert_short"))
        .then(pl.when(c("cert_long_unknown")).then(None).otherwise(False))
        .when(c("cert_unknown"))
        .then(None)
        .otherwise(False)
    )
    excellence = c("excellence_model_since").is_not_null() & (
        c("excellence_model_since") <= EXCELLENCE_BY
    )
    p24, p25 = c("profit_2024"), c("profit_2025")
    profitable = (
        pl.when(nonprofit)
        .then(True)
        .when((p24 <= 0).fill_null(False) | (p25 <= 0).fill_null(False))
        .then(False)
        .when(p24.is_null() | p25.is_null())
        .then(None)
        .otherwise(True)
    )
    figures = [c(f"{k}_{y}") for k in ("revenue", "profit") for y in (2023, 2024, 2025)]
    growth = (
        pl.when(pl.any_horizontal(*[x.is_null() for x in figures]))
        .then(None)
        .otherwise(
            (c("revenue_2024") > c("revenue_2023"))
            & (c("revenue_2025") > c("revenue_2024"))
            & (c("profit_2024") > c("profit_2023"))
            & (c("profit_2025") > c("profit_2024"))
        )
    )
    either = (
        pl.when(profitable.fill_null(False) | growth.fill_null(False))
        .then(True)
        .when(profitable.is_null() | growth.is_null())
        .then(None)
        .otherwise(False)
    )
    clauses = {
        "KFQ-11-1": _clause(
            c("in_region"), c("legal_person"), c("established_on") <= ESTABLISHED_BY
        ),
        "KFQ-11-2": _clause(c("policy_compliant"), c("licences_complete")),
        "KFQ-11-3": _clause(
            _gate(certificate), _gate(excellence), _gate(c("chief_quality_officer"))
        ),
        "KFQ-11-3a": _clause(_gate(c("management_innovation"))),
        "KFQ-11-4": _clause(
            pl.when(nonprofit).then(True).otherwise(c("industry_leading")),
            nonprofit | c("safety_standardization_level").is_between(1, 3).fill_null(False),
            either,
            pl.when(nonprofit).then(c("social_contribution")).otherwise(True),
        ),
        "KFQ-11-6": _clause(
            pl.when(c("event_hit")).then(False).when(c("event_unknown")).then(None).otherwise(True)
        ),
        "KFQ-24": _clause(c("last_win_year").is_null() | (c("last_win_year") <= AS_OF.year - 6)),
        "KFQ-25": _clause(~c("banned_fraud")),
        "KFQ-28": _clause(~c("banned_revocation")),
        "sanction-record": _clause(~c("banned_record")),
    }
    return f.select("row", *_assemble({k: (fl, un) for k, (fl, un) in clauses.items()}))


def _assemble(clauses: dict[str, tuple[pl.Expr, pl.Expr]]) -> list[pl.Expr]:
    def ids(i: int) -> pl.Expr:
        parts = [pl.when(v[i]).then(pl.lit(k)) for k, v in clauses.items()]
        return pl.concat_str(parts, separator=",", ignore_nulls=True)

    failing, undetermined = ids(0), ids(1)
    status = (
        pl.when(failing != "")
        .then(pl.lit("ineligible"))
        .when(undetermined != "")
        .then(pl.lit("undetermined"))
        .otherwise(pl.lit("eligible"))
    )
    return [status.alias("status"), failing.alias("failing"), undetermined.alias("undetermined")]


# --- the same judgement as an OpenFisca-Core model -------------------------------------------------
# OpenFisca variables hold no nulls: each fact that may be missing comes with ``<fact>_known``.
# Verdicts are ints: 1 passed, 0 failed, -1 a fact missing (undetermined).

BOOLS = (
    "in_region",
    "legal_person",
    "policy_compliant",
    "licences_complete",
    "management_innovation",
    "industry_leading",
    "social_contribution",
    "manufacturing",
    "chief_quality_officer",
    "nonprofit",
    "cert_long",
    "cert_short",
    "cert_long_unknown",
    "cert_unknown",
    "event_hit",
    "event_unknown",
    "banned_fraud",
    "banned_revocation",
    "banned_record",
)
DAYS = ("established_on", "excellence_model_since")  # days since 1970-01-01
INTS = ("safety_standardization_level", "last_win_year")
MONEY = tuple(f"{k}_{y}" for k in ("profit", "revenue") for y in (2023, 2024, 2025))
NULLABLE = (
    *BOOLS[1:9],
    *DAYS,
    *INTS,
    *MONEY,
)


def inputs(f: pl.DataFrame) -> dict[str, object]:
    """The facts as OpenFisca inputs: numpy arrays without nulls, ``_known`` flags beside."""
    c = pl.col
    cols = [c(n).fill_null(False) for n in BOOLS]
    cols += [c(n).cast(pl.Int32).fill_null(0) for n in DAYS + INTS]
    cols += [c(n).cast(pl.Float64).fill_null(0) for n in MONEY]
    cols += [c(n).is_not_null().alias(f"{n}_known") for n in NULLABLE]
    return {k: v.to_numpy() for k, v in f.select(cols).to_dict().items()}


def system():
    """The OpenFisca model: its variables and formulas, and the names of the clause variables."""
    import numpy as np
    from openfisca_core.entities import build_entity
    from openfisca_core.periods import DateUnit
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    entity = build_entity(key="organisation", plural="organisations", label="组织", is_person=True)

    def variable(name: str, kind: type, formula=None) -> type:
        body = {
            "value_type": kind,
            "entity": entity,
            "definition_period": DateUnit.MONTH,
            "label": name,
        }
        if formula is not None:
            body["formula"] = formula  # OpenFisca reads it from the class dict
        return type(name, (Variable,), body)

    def tri(o, p, name):
        return np.where(o(f"{name}_known", p), o(name, p).astype(np.int8), -1)

    def gate(o, p, verdict):
        m = o("manufacturing", p)
        return np.where(o("manufacturing_known", p), np.where(m, verdict, 1), -1)

    def either(a, b):
        return np.where((a == 1) | (b == 1), 1, np.where((a == -1) | (b == -1), -1, 0))

    def clause(*steps):  # bit 1: failing, bit 2: undetermined
        failing = np.any([s == 0 for s in steps], axis=0)
        return failing.astype(np.int8) + 2 * np.any([s == -1 for s in steps], axis=0)

    epoch = dt.date(1970, 1, 1)
    days = {d: (d - epoch).days for d in (ESTABLISHED_BY, EXCELLENCE_BY)}

    def kfq_11_1(o, p):
        est = np.where(
            o("established_on_known", p), o("established_on", p) <= days[ESTABLISHED_BY], -1
        )
        return clause(o("in_region", p).astype(np.int8), tri(o, p, "legal_person"), est)

    def kfq_11_2(o, p):
        return clause(tri(o, p, "policy_compliant"), tri(o, p, "licences_complete"))

    def kfq_11_3(o, p):
        cert = np.where(
            o("cert_long", p),
            1,
            np.where(
                o("cert_short", p),
                np.where(o("cert_long_unknown", p), -1, 0),
                np.where(o("cert_unknown", p), -1, 0),
            ),
        )
        excellence = o("excellence_model_since_known", p) & (
            o("excellence_model_since", p) <= days[EXCELLENCE_BY]
        )
        return clause(
            gate(o, p, cert),
            gate(o, p, excellence.astype(np.int8)),
            gate(o, p, tri(o, p, "chief_quality_officer")),
        )

    def kfq_11_3a(o, p):
        return clause(gate(o, p, tri(o, p, "management_innovation")))

    def kfq_11_4(o, p):
        nonprofit = o("nonprofit", p)
        known = {n: o(f"{n}_known", p) for n in MONEY}
        v = {n: o(n, p) for n in MONEY}
        loss = (known["profit_2024"] & (v["profit_2024"] <= 0)) | (
            known["profit_2025"] & (v["profit_2025"] <= 0)
        )
        gap = ~known["profit_2024"] | ~known["profit_2025"]
        profitable = np.where(nonprofit, 1, np.where(loss, 0, np.where(gap, -1, 1)))
        rising = (
            (v["revenue_2024"] > v["revenue_2023"])
            & (v["revenue_2025"] > v["revenue_2024"])
            & (v["profit_2024"] > v["profit_2023"])
            & (v["profit_2025"] > v["profit_2024"])
        )
        growth = np.where(np.all(list(known.values()), axis=0), rising, -1)
        level = o("safety_standardization_level", p)
        safety = nonprofit | (
            o("safety_standardization_level_known", p) & (level >= 1) & (level <= 3)
        )
        return clause(
            np.where(nonprofit, 1, tri(o, p, "industry_leading")),
            safety.astype(np.int8),
            either(profitable, growth),
            np.where(nonprofit, tri(o, p, "social_contribution"), 1),
        )

    def kfq_11_6(o, p):
        return clause(np.where(o("event_hit", p), 0, np.where(o("event_unknown", p), -1, 1)))

    def kfq_24(o, p):
        last = o("last_win_year", p)
        return clause((~o("last_win_year_known", p) | (last <= AS_OF.year - 6)).astype(np.int8))

    def banned(name):
        return lambda o, p: clause((~o(name, p)).astype(np.int8))

    formulas = {
        "kfq_11_1": kfq_11_1,
        "kfq_11_2": kfq_11_2,
        "kfq_11_3": kfq_11_3,
        "kfq_11_3a": kfq_11_3a,
        "kfq_11_4": kfq_11_4,
        "kfq_11_6": kfq_11_6,
        "kfq_24": kfq_24,
        "kfq_25": banned("banned_fraud"),
        "kfq_28": banned("banned_revocation"),
        "sanction_record": banned("banned_record"),
    }

    def status(o, p):  # 0 eligible, 1 undetermined, 2 ineligible
        codes = [o(n, p) for n in formulas]
        failing = np.any([(x & 1) > 0 for x in codes], axis=0)
        unknown = np.any([(x & 2) > 0 for x in codes], axis=0)
        return np.where(failing, 2, np.where(unknown, 1, 0))

    system = TaxBenefitSystem([entity])
    system.add_variables(
        *(variable(n, bool) for n in BOOLS),
        *(variable(n, int) for n in DAYS + INTS),
        *(variable(n, float) for n in MONEY),
        *(variable(f"{n}_known", bool) for n in NULLABLE),
        *(variable(n, int, f) for n, f in formulas.items()),
        variable("status", int, status),
    )
    return system, tuple(formulas)


MONTH = "2026-09"


def openfisca(arrays: dict[str, object], system) -> dict[str, object]:
    """One OpenFisca simulation over the arrays: the status and every clause's code."""
    from openfisca_core.simulations import SimulationBuilder

    model, names = system
    n = len(next(iter(arrays.values())))
    sim = SimulationBuilder().build_default_simulation(model, n)
    for name, values in arrays.items():
        sim.set_input(name, MONTH, values)
    out = {"status": sim.calculate("status", MONTH)}
    out |= {name: sim.calculate(name, MONTH) for name in names}
    return out


def openfisca_frame(rows, result: dict[str, object]) -> pl.DataFrame:
    """OpenFisca's answer in the shape of :func:`hand`'s (for the check, not timed)."""
    names = [n for n in result if n != "status"]
    codes = pl.DataFrame({n: result[n] for n in names})
    words = ["eligible", "undetermined", "ineligible"]
    clauses = {
        k: ((pl.col(n) & 1) > 0, (pl.col(n) & 2) > 0) for k, n in zip(CLAUSES, names, strict=True)
    }
    return codes.select(*_assemble(clauses)).with_columns(
        pl.Series("row", rows),
        pl.Series("status", [words[s] for s in result["status"]]),
    )
