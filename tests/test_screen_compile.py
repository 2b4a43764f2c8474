"""The compiled columnar path's general devices: thresholds found once instead of date arithmetic
per record, derived values in stages, text judged once per distinct value."""

from __future__ import annotations

import datetime as dt

import pytest

pl = pytest.importorskip("polars", reason="the screen extra (polars) is not installed")

from qaward.dates import add_years  # noqa: E402
from qaward.screen import columnar  # noqa: E402
from qaward.screen.compile import _judged  # noqa: E402
from qaward.screen.periods import ban_from  # noqa: E402
from qaward.screen.reduce import Reduction, Reductions, series  # noqa: E402

_DAY = dt.timedelta(days=1)


@pytest.mark.parametrize("years", [1, 2, 3, 5, 10])
@pytest.mark.parametrize(
    "as_of",
    [dt.date(2026, 9, 1), dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2025, 3, 1)],
)
def test_ban_from_is_the_first_decision_whose_ban_is_not_over(years, as_of):
    """A ban of N years decided on d is in force on the as-of date a when add_years(d, N) >= a:
    the compiled path compares d with the first such day instead (29 February included)."""
    first = ban_from(as_of, years)
    assert add_years(first, years) >= as_of
    assert add_years(first - _DAY, years) < as_of
    for k in range(-400, 400):  # every day around it agrees with the comparison
        d = first + k * _DAY
        assert (d >= first) == (add_years(d, years) >= as_of)


def test_derived_values_reading_others_come_after_them():
    derived = {
        "c": (pl.col("b") + pl.col("a")).alias("c"),
        "a": (pl.col("x") * 2).alias("a"),
        "b": (pl.col("a") + 1).alias("b"),
        "d": (pl.col("x") - 1).alias("d"),
    }
    stages = columnar._stages(derived)
    names = [[e.meta.output_name() for e in stage] for stage in stages]
    assert names == [["a", "d"], ["b"], ["c"]]
    df = pl.DataFrame({"x": [1, 2]})
    for stage in stages:
        df = df.with_columns(*stage)
    assert df.get_column("c").to_list() == [2 * 1 + 1 + 2, 2 * 2 + 1 + 4]


def test_text_judged_once_per_value_across_chunks():
    asked = []

    def judge(value: str) -> bool | None:
        asked.append(value)
        return {"in": True, "out": False}.get(value)

    expr = _judged(pl.col("v"), judge)
    first = pl.DataFrame({"v": ["in", "out", None, "in", "?"]}).select(expr).to_series()
    assert first.to_list() == [True, False, None, True, None]
    second = pl.DataFrame({"v": ["out", "new", "in"]}).select(expr).to_series()
    assert second.to_list() == [False, None, True]
    assert sorted(asked) == ["?", "in", "new", "out"]  # each distinct value asked once


def _records(seed: int, n: int) -> pl.DataFrame:
    """Organisations with 0 to 4 records each, nulls and ties on purpose."""
    import random

    rng = random.Random(seed)
    day = dt.date(2020, 1, 1)
    rows = []
    for org in range(n):
        for _ in range(rng.choice([0, 0, 1, 2, 4])):
            rows.append(
                {
                    "org": org,
                    "flag": rng.choice([True, False, None]),
                    "value": rng.choice([None, *range(-3, 4)]),
                    "date": rng.choice([None, day, day + 5 * _DAY, day + 9 * _DAY]),
                    "text": rng.choice([None, "甲", "乙"]),
                }
            )
    schema = {"org": pl.Int64, "flag": pl.Boolean, "value": pl.Int64, "date": pl.Date}
    schema["text"] = pl.String
    return pl.DataFrame(rows, schema=schema)


REDUCTIONS = {
    "any": Reduction("any", pl.col("flag")),
    "any_all": Reduction("any"),
    "max": Reduction("max", pl.col("flag"), pl.col("date")),
    "min": Reduction("min", pl.col("value") > 0, pl.col("value")),
    "max_all": Reduction("max", None, pl.col("value")),
    "first": Reduction("first", pl.col("flag"), pl.col("value")),
    "first_date": Reduction("first", pl.col("flag"), pl.col("date")),
    "first_text": Reduction("first", pl.col("flag"), pl.col("text")),  # not held in numpy
    "first_flag": Reduction("first", pl.col("value") > 0, pl.col("flag")),
    "first_of_max": Reduction("first_of_max", pl.col("flag"), pl.col("value"), pl.col("date")),
    "first_of_max_text": Reduction("first_of_max", None, pl.col("text"), pl.col("value")),
}


@pytest.mark.parametrize("seed", range(5))
def test_numpy_reductions_equal_polars_group_by(seed):
    """Each plain aggregation reduced with numpy gives what its polars expression gives per
    organisation after a group_by joined back (organisations without records included)."""
    n = 300
    records = _records(seed, n)
    pos = records.get_column("org").to_numpy()
    by_group = pl.DataFrame({"org": range(n)}, schema={"org": pl.Int64}).join(
        records.group_by("org", maintain_order=True).agg(
            r.expr().alias(name) for name, r in REDUCTIONS.items()
        ),
        on="org",
        how="left",
        maintain_order="left",
    )
    reductions = Reductions(REDUCTIONS)
    # "flag", "value" and "date" each read once however many reductions read them
    assert len(reductions.inputs) < sum(len(r) for r in reductions.reads.values())
    got = series(reductions.reduced(records.select(reductions.columns()), pos, n))
    for name, column in zip(REDUCTIONS, got, strict=True):
        assert column.dtype == by_group.get_column(name).dtype, name
        assert column.equals(by_group.get_column(name)), name


def test_numpy_reductions_of_an_empty_chunk():
    records = _records(0, 0)
    reductions = Reductions(REDUCTIONS)
    pos = records.get_column("org").to_numpy()
    got = series(reductions.reduced(records.select(reductions.columns()), pos, 0))
    assert [column.len() for column in got] == [0] * len(REDUCTIONS)


def test_new_year_counted_in_days_is_polars_date():
    from qaward.screen.compile import _new_year

    years = pl.DataFrame({"y": [*range(1, 3001), None]}, schema={"y": pl.Int64})
    got = years.select(_new_year(pl.col("y"))).to_series()
    assert got.equals(years.select(pl.date(pl.col("y"), 1, 1)).to_series().alias(got.name))


@pytest.mark.parametrize("years", [1, 2, 3, 10])
def test_years_later_by_lookup_is_polars_offset(years):
    """Dates moved on by a lookup over the days they span equal polars' own offset: a span
    narrower than the values (the lookup), a wider one (directly), 29 February, nulls, none."""
    from qaward.screen.compile import _years_later

    leap = [dt.date(2024, 2, 29), dt.date(2023, 2, 28), dt.date(2024, 3, 1), None]
    dense = [dt.date(2020, 1, 1) + k * _DAY for k in range(0, 2000, 3)] + leap
    wide = [dt.date(1900, 1, 1), dt.date(2100, 12, 31), *leap]
    for days in (dense, wide, [None, None], []):
        dates = pl.Series("d", days, dtype=pl.Date)
        assert _years_later(dates, years).equals(dates.dt.offset_by(f"{years}y")), days[:3]
