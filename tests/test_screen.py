"""Screening (qaward screen): the compiled columnar path against the row engine, gap dates,
the fallback for Custom rules, input layouts and outputs."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

pl = pytest.importorskip("polars", reason="the screen extra (polars) is not installed")

from qaward.catalog import Catalog, default_catalog, plugin_manager  # noqa: E402
from qaward.dates import add_years  # noqa: E402
from qaward.engine import evaluate  # noqa: E402
from qaward.io import structure  # noqa: E402
from qaward.model import Level, Organization  # noqa: E402
from qaward.plugin import JurisdictionPlugin  # noqa: E402
from qaward.rules import Custom, Outcome, YearsOfOperation  # noqa: E402
from qaward.screen import (  # noqa: E402
    columnar,
    frame,
    rowpath,
    screen_documents,
    screen_file,
    synthetic,
)
from qaward.screen.compile import compile_plan  # noqa: E402
from qaward.screen.rowpath import context  # noqa: E402
from qaward.terms import Clause, Jurisdiction, Regulation, Status  # noqa: E402
from qaward.testing import SAMPLE  # noqa: E402

AS_OF = dt.date(2026, 9, 1)
N = 10_000


@pytest.fixture(scope="module")
def population():
    catalog = default_catalog()
    docs = synthetic.Generator(AS_OF, catalog, seed=20261123).organizations(N)
    df = frame.from_documents(docs)
    plans = [compile_plan(catalog, j, AS_OF) for j in catalog.jurisdictions]
    results = columnar.lists(columnar.evaluate_plans(df, plans, catalog))
    return catalog, docs, df, plans, results


def _order(plans):
    return {p.jurisdiction: {s.clause: i for i, s in enumerate(p.steps)} for p in plans}


def test_columnar_path_equals_row_engine(population):
    """Every row and jurisdiction: the same status and the same failing and undetermined
    clause ids as engine.evaluate, on 10,000 generated organisations."""
    catalog, docs, df, plans, results = population
    assert all(not p.row_steps for p in plans), "every built-in declaration compiles"
    reference = rowpath.screen_rows(df, list(catalog.jurisdictions), AS_OF, catalog)
    order = _order(plans)
    got = {
        (r["row"], r["jurisdiction"]): r
        for r in results.select(
            "row", "jurisdiction", "status", "failing", "undetermined"
        ).iter_rows(named=True)
    }
    assert len(got) == len(reference) == N * len(plans)
    mismatches = []
    for ref in reference:
        mine = got[ref["row"], ref["jurisdiction"]]
        key = order[ref["jurisdiction"]].__getitem__
        for field in ("failing", "undetermined"):
            ref[field] = sorted(ref[field], key=key)
        if any(mine[f] != ref[f] for f in ("status", "failing", "undetermined")):
            mismatches.append((ref, mine, docs[ref["row"]]))
    assert not mismatches, mismatches[:3]
    statuses = Counter(r["status"] for r in reference)
    assert min(statuses.values()) > 100, statuses  # all three statuses well represented


def test_generated_population_exercises_every_declaration(population):
    """Each rule and ban clause both passes and fails somewhere, so the differential test
    covers it."""
    _, _, df, plans, _ = population
    df = columnar.with_aggregates(df, plans)
    for plan in plans:
        cols = [s.verdict.alias(f"v{k}") for k, s in enumerate(plan.steps)]
        verdicts = df.select(cols)
        for k, step in enumerate(plan.steps):
            if type(step.rule).__name__ in ("OpenToAll", "CreditRepair"):
                continue  # clauses that never bar (they cite an opening or an exception)
            seen = set(verdicts.get_column(f"v{k}").unique().to_list())
            assert {True, False} <= seen, (plan.jurisdiction, step.clause, step.text, seen)


def _day_before(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=1)


def test_gap_dates_are_the_first_passing_day(population):
    """A failing rule's gap date is the first day it passes if nothing else changes: the row
    engine's own rule fails the day before and passes on that day."""
    catalog, docs, df, plans, results = population
    steps = {(p.jurisdiction, k): (p, s) for p in plans for k, s in enumerate(p.steps)}
    gaps = (  # tokens step:F:date of failing rules time alone cures
        results.select("row", "jurisdiction", columnar.split("gaps"))
        .explode("gaps")
        .drop_nulls("gaps")
        .with_columns(pl.col("gaps").str.split_exact(":", 2).struct.rename_fields(["k", "f", "d"]))
        .unnest("gaps")
        .filter((pl.col("f") == "F") & (pl.col("d") != ""))
        .select("row", "jurisdiction", pl.col("k").cast(pl.Int64), pl.col("d").str.to_date())
    )
    checked = Counter()
    for row, j, k, day in gaps.head(2000).iter_rows():
        plan, step = steps[j, k]
        clause = step.clause
        org = structure(docs[row], Organization)
        if step.rule is None:  # a ban clause: judged by the whole engine on those days
            on = {f.rule: f.passed for f in evaluate(org, j, day, catalog=catalog).findings}
            before = evaluate(org, j, _day_before(day), catalog=catalog).findings
            assert on.get(clause) is not False, (row, j, clause, day)
            assert any(f.rule == clause and f.passed is False for f in before)
        else:
            on = step.rule.check(context(org, j, day, catalog)).passed
            before = step.rule.check(context(org, j, _day_before(day), catalog)).passed
            # on that day it fails no longer; the day before it did not pass (an unknown fact
            # no time resolves may leave it undetermined on one side)
            changed = on is True or before is False
            assert on is not False and before is not True and changed, (row, j, step.text, day)
        checked[type(step.rule).__name__] += 1
    assert len(checked) >= 6, checked  # years, certificate, excellence, events, awards, bans


@pytest.mark.clause("KFQ-11-1")
def test_years_of_operation_gap_is_the_anniversary():
    doc = SAMPLE | {"region": "ganzhou_kfq", "established_on": "2024-02-29"}
    out = screen_documents([doc], AS_OF, ["ganzhou_kfq"]).row(0, named=True)
    assert out["failing"] == ["KFQ-11-1"]
    assert out["status"] == "ineligible"
    (gap,) = [g for g in out["gaps"] if g["passed"] is False]
    first = add_years(dt.date(2024, 2, 29), 3)  # 2027-02-28
    assert gap["from"] == out["qualifies_from"] == first
    assert out["close"] is True  # within a year, and time alone cures it
    assert "赣经开政字〔2024〕12号 第十一条（一）" in out["citations"][0]


@pytest.mark.clause("KFQ-11-6", "KFQ-25")
def test_event_window_and_ban_gaps():
    spot = {"kind": "spot_check_failure", "date": "2024-08-15", "level": "municipal"}
    sanction = {"award": "ganzhou_kfq", "reason": "fraud", "decided_on": "2020-03-01"}
    doc = SAMPLE | {"region": "ganzhou_kfq", "events": [spot], "sanctions": [sanction]}
    rows = screen_documents([doc], AS_OF, ["ganzhou_kfq", "ganzhou_city"])
    kfq = rows.filter(pl.col("jurisdiction") == "ganzhou_kfq").row(0, named=True)
    assert kfq["failing"] == ["KFQ-11-6", "KFQ-25"]
    dates = {g["clause"]: g["from"] for g in kfq["gaps"] if g["passed"] is False}
    org = structure(doc, Organization)
    for clause, day in dates.items():  # the row engine agrees on both sides of each date
        before = evaluate(org, "ganzhou_kfq", _day_before(day)).findings
        on = evaluate(org, "ganzhou_kfq", day).findings
        assert any(f.rule == clause and f.passed is False for f in before)
        assert all(f.passed is not False for f in on if f.rule == clause)
    assert kfq["qualifies_from"] == max(dates.values())
    city = rows.filter(pl.col("jurisdiction") == "ganzhou_city").row(0, named=True)
    assert city["failing"] == ["KFQ-25"]  # the KFQ sanction bars the city award (cross-level)


def _catalog_with_custom():
    """The five plugins and a test county whose rule the vocabulary cannot express."""
    reg = Regulation(
        "TC-9",
        "第九条",
        "测试〔2026〕1号",
        "测试县质量奖管理办法",
        Status.in_force,
        dt.date(2026, 1, 1),
        clauses=(
            Clause("TC-1", "第一条", "elig", "经营3年以上"),
            Clause("TC-2", "第二条", "elig", "名称含“质量”"),
            Clause("TC-9", "第九条", "meta", "施行"),
        ),
    )
    j = Jurisdiction("test_county", "测试县", "测试县质量奖", Level.county, (reg,), "ganzhou_city")

    def named_quality(ctx):
        ok = "质量" in ctx.org.name
        return Outcome(ok, "名称含“质量”" if ok else "名称不含“质量”")

    plugin = JurisdictionPlugin.of(
        j,
        eligibility=(
            YearsOfOperation("TC-1", "第一条", min_years=3),
            Custom("TC-2", "第二条", "名称含“质量”", named_quality),
        ),
    )
    return Catalog.collect(plugin_manager(extra=[plugin]))


def test_custom_rule_falls_back_to_the_row_engine():
    catalog = _catalog_with_custom()
    plan = compile_plan(catalog, "test_county", AS_OF)
    assert [s.clause for s in plan.row_steps] == ["TC-2"]
    assert "Custom" in plan.row_steps[0].reason
    docs = synthetic.Generator(AS_OF, catalog, seed=7).organizations(300)
    for i, d in enumerate(docs):
        if i % 3 == 0:
            d["name"] = "质量" + d["name"]
    df = frame.from_documents(docs)
    results = columnar.lists(columnar.evaluate_plans(df, [plan], catalog))
    reference = rowpath.screen_rows(df, ["test_county"], AS_OF, catalog)
    mine = results.select("status", "failing", "undetermined").to_dicts()
    theirs = [{k: r[k] for k in ("status", "failing", "undetermined")} for r in reference]
    assert mine == theirs
    assert sum("TC-2" in r["failing"] for r in mine) > 50


def test_custom_rule_in_chunks_judged_side_by_side(tmp_path):
    """``screen_file`` works on two chunks at once, in threads: a plugin's ``Custom`` function
    is then called from both, and the rows still come out in order with the row engine's
    verdicts."""
    catalog = _catalog_with_custom()
    docs = synthetic.Generator(AS_OF, catalog, seed=8).organizations(200)
    for i, d in enumerate(docs):
        if i % 3 == 0:
            d["name"] = "质量" + d["name"]
    df = frame.from_documents(docs)
    df.drop(frame.ROW).write_parquet(tmp_path / "orgs.parquet", row_group_size=16)
    out = tmp_path / "out.jsonl"
    screen_file(
        tmp_path / "orgs.parquet",
        AS_OF,
        ["test_county"],
        output=out,
        chunk_size=13,
        catalog=catalog,
    )
    mine = pl.read_ndjson(out).select("status", "failing", "undetermined").to_dicts()
    reference = rowpath.screen_rows(df, ["test_county"], AS_OF, catalog)
    theirs = [{k: r[k] for k in ("status", "failing", "undetermined")} for r in reference]
    assert mine == theirs


def test_documents_api_validates_like_check():
    bad = SAMPLE | {"region": "ganzhou_kfq", "sector": "mining"}
    from qaward.io import InputError

    with pytest.raises(InputError) as err:
        screen_documents([bad], AS_OF)
    assert "documents[0]" in err.value.where and "sector" in err.value.problems[0]


def test_jsonl_lines_are_documents(tmp_path):
    path = tmp_path / "orgs.jsonl"
    doc = SAMPLE | {"region": "ganzhou_kfq"}
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n\n" + json.dumps(doc) + "\n")
    summary = screen_file(path, AS_OF, ["ganzhou_kfq"])
    assert summary.organizations == 2
    status = evaluate(structure(doc, Organization), "ganzhou_kfq", AS_OF).status.value
    assert summary.by_status["ganzhou_kfq", status] == 2


def test_json_document_for_the_service():
    from qaward.screen import screen_json

    docs = [
        SAMPLE | {"region": "ganzhou_kfq"},
        SAMPLE
        | {
            "region": "ganzhou_kfq",
            "events": [{"kind": "spot_check_failure", "date": "2025-01-02", "level": "county"}],
        },
    ]
    out = screen_json(docs, AS_OF, ["ganzhou_kfq"])
    json.dumps(out, ensure_ascii=False)  # JSON-able as it is
    assert out["schema_version"] == 1 and len(out["results"]) == 2
    assert out["results"][1]["failing"] == ["KFQ-11-6"]
    (kfq,) = out["summary"]["jurisdictions"]
    assert kfq["organizations"] == 2 and kfq["ineligible"] + kfq["close"] == 1
    assert out["summary"]["top_failing"][0]["clause"] == "KFQ-11-6"


def test_event_profile_finds_what_the_per_kind_checks_find(population):
    """Valid input skips the events' per-kind checks when their profile per kind is clean: on
    randomly broken events (a field of another kind, a required field missing, a value outside
    its enumeration, an unknown or missing kind) both must agree, and a problem must still be
    reported with its row and field path."""
    import random

    from qaward.io import InputError
    from qaward.screen import validate

    events = validate._items(population[2].head(300), "events").collect()
    columns = ["kind", *validate._event_columns()]
    texts = {v for values in validate._ENUMERATED.values() for v in values}
    candidates = sorted(texts | set(validate._KINDS) | {"earthquake"})
    rng = random.Random(7)
    caught = 0
    for _ in range(300):
        broken = events.clone()
        for _ in range(rng.choice([1, 1, 2])):
            i, c = rng.randrange(broken.height), rng.choice(columns)
            dtype = broken.schema[c]
            if dtype == pl.String:
                value = rng.choice([None, *candidates])
            elif dtype == pl.Boolean:
                value = rng.choice([None, True])
            elif dtype == pl.Date:
                value = rng.choice([None, AS_OF])
            else:
                value = rng.choice([None, 1])
            broken = broken.with_columns(
                pl.when(pl.int_range(pl.len()) == i)
                .then(pl.lit(value, dtype))
                .otherwise(c)
                .alias(c)
            )
        lf = broken.lazy()
        detailed = any(lf.select(c.any()).collect().item() for c, _, _ in validate._event_checks())
        clean = validate._events_clean(validate._event_profile(lf).collect())
        assert clean is not detailed
        if detailed:
            caught += 1
            problems = validate._problems(lf, validate._event_checks(), 1)
            assert problems and all("events[" in p for p in problems)
    assert caught > 100
    with pytest.raises(InputError, match=r"第2行 events\[accident\]\.level"):
        bad = {"kind": "accident", "date": "2025-01-01", "category": "quality", "grade": "major"}
        doc = SAMPLE | {"events": [bad | {"level": "county"}]}
        validate.check(frame.from_documents([SAMPLE, doc]), "x", line0=1)


def test_default_chunk_bounds_the_results_per_chunk():
    """Fewer awards, larger chunks; never more results (organisation x award) per chunk than
    for the five awards in chunks of 25,000."""
    from qaward.screen.run import CHUNK, RESULTS_PER_CHUNK, default_chunk

    assert default_chunk(5) == CHUNK and RESULTS_PER_CHUNK == 5 * CHUNK
    assert default_chunk(1) > default_chunk(2) > default_chunk(5)
    assert all(default_chunk(n) * n <= RESULTS_PER_CHUNK for n in range(1, 20))


def test_credit_code_check_column_wise_equals_the_row_check():
    """The numpy pass over a column of codes agrees with ``validate_credit_code`` on random
    codes (about one in 31 right), codes with characters outside the charset in any place,
    lower case, full-width digits, wrong lengths and nulls."""
    import random

    from qaward.creditcode import CHARSET, CreditCodeError, validate_credit_code
    from qaward.screen.validate import _credit_codes_ok

    rng = random.Random(11)
    codes = [None, "", "91360703MA399JF903", "91360703ma399JF903", "9136070３MA399JF903"]
    codes += ["".join(rng.choice(CHARSET) for _ in range(18)) for _ in range(5000)]
    for _ in range(500):  # one character outside the charset, anywhere
        code = list(rng.choice(codes[5:]))
        code[rng.randrange(18)] = rng.choice("IOSVZ*a ")
        codes.append("".join(code))
    codes += ["".join(rng.choice(CHARSET) for _ in range(n)) for n in (17, 19)]

    def valid(code):
        try:
            validate_credit_code(code)
        except CreditCodeError:
            return False
        return code is not None

    expected = [valid(c) for c in codes]
    assert _credit_codes_ok(pl.Series(codes, dtype=pl.String)).to_list() == expected
    assert sum(expected) > 100


def test_results_are_dictionary_encoded(population):
    """Per chunk each distinct result is assembled once and every row holds its index; the
    rows come organisation by organisation, jurisdictions in plan order."""
    catalog, _, df, plans, _ = population
    evaluate = columnar.Evaluator(plans, catalog)
    for chunk in (df.head(3000), df.slice(3000, 1000)):
        got = evaluate(chunk)
        combos, rows = got.combos, got.rows
        assert combos.get_column("combo").to_list() == list(range(combos.height))
        assert combos.drop("combo").n_unique() == combos.height  # each result once
        assert combos.height < rows.height / 2  # far fewer than rows
        assert rows.height == chunk.height * len(plans)
        index = rows.get_column("combo")
        assert index.null_count() == 0 and index.max() < combos.height
        assert rows.get_column("row").to_list() == [
            r for r in chunk.get_column("row").to_list() for _ in plans
        ]
        full = got.frame()
        assert full.schema == pl.Schema(columnar.RESULT_SCHEMA)
        jurisdictions = [p.jurisdiction for p in plans] * chunk.height
        assert full.get_column("jurisdiction").to_list() == jurisdictions
        # the text frame is the rows with their combination's result, row by row
        by_combo = {r["combo"]: r for r in combos.iter_rows(named=True)}
        for r, f in zip(rows.iter_rows(named=True), full.iter_rows(named=True), strict=True):
            assert f == {k: r[k] for k in ("row", "credit_code", "name")} | {
                k: v for k, v in by_combo[r["combo"]].items() if k != "combo"
            }


def test_readable_rows_equal_a_rendering_row_by_row(population):
    """What every output shows (award, clause lists, citations, gaps in words), rendered per
    combination by polars, equals each row rendered alone from its text result."""
    from qaward.screen.report import Summary, readable

    catalog, _, df, plans, _ = population
    got = columnar.Evaluator(plans, catalog)(df.head(2000))
    shown = readable(got, plans)
    assert shown.columns == [
        "row", "credit_code", "name", "jurisdiction", "award", "status", "close", "failing",
        "undetermined", "citations", "qualifies_from", "gaps",
    ]  # fmt: skip
    by_j = {p.jurisdiction: p for p in plans}
    cite = {(p.jurisdiction, s.clause): s.citation for p in plans for s in p.steps}

    def words(plan, token):
        k, f, d = token.split(":")
        step = plan.steps[int(k)]
        rule = f"{step.clause} {step.text}"
        day = dt.date.fromisoformat(d) if d else None
        if f == "U":
            text = rule + "：缺少判断所需的事实，待补充或确认"
        elif day:
            text = f"{rule}：自{day}起满足"
        else:
            text = rule + "：尚不满足（时间不能解决）"
        passed = False if f == "F" else None
        return {"clause": step.clause, "rule": rule, "passed": passed, "from": day, "text": text}

    def ids(text):
        return text.split(",") if text else []

    expected = []
    for r in got.frame().iter_rows(named=True):
        plan = by_j[r["jurisdiction"]]
        clauses = list(dict.fromkeys(ids(r["failing"]) + ids(r["undetermined"])))
        expected.append(
            {k: r[k] for k in ("row", "credit_code", "name", "jurisdiction")}
            | {"award": plan.award, "status": r["status"], "close": r["close"]}
            | {"failing": ids(r["failing"]), "undetermined": ids(r["undetermined"])}
            | {"citations": [f"{c} {cite[plan.jurisdiction, c]}" for c in clauses]}
            | {"qualifies_from": r["qualifies_from"]}
            | {"gaps": [words(plan, t) for t in ids(r["gaps"])]}
        )
    assert shown.to_dicts() == expected
    assert any(g["from"] for r in expected for g in r["gaps"])  # dated gaps are covered
    # the summary counts per combination what the rows hold
    summary = Summary()
    summary.add(got, plans, 2000)
    full = got.frame()
    assert summary.by_status == Counter(zip(full["jurisdiction"], full["status"], strict=True))
    failing = Counter(
        (j, c) for j, f in zip(full["jurisdiction"], full["failing"], strict=True) for c in ids(f)
    )
    assert summary.failing == failing
    close = full.filter(pl.col("close") & (pl.col("status") == "ineligible"))
    assert summary.close == Counter(close["jurisdiction"])
