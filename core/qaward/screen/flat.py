"""The flat column layout of CSV and Excel files (and flat Parquet), to and from the frame.

One row per organisation. Scalar fields are columns named as in the data contract
(``established_on``); the attestations are ``attestations.<name>``; ``preferences`` is one cell,
values separated by ``;``; each list of records is repeated columns ``<list>.<n>.<field>``
numbered from 1 (``certifications.1.standard``, ``certifications.1.since``, ``events.2.kind`` ...),
or a second sheet / file named after the list (``events``, ``certifications``, ``financials``,
``awards``, ``sanctions``, ``recommendations``) with a ``credit_code`` column and one row per
record. Cells are text (dates ``YYYY-MM-DD``, booleans ``true``/``false`` or ``是``/``否``).
"""

from __future__ import annotations

import re
import typing
from typing import Any

import polars as pl

from qaward.io import InputError
from qaward.screen import frame

_TRUE = ["true", "是", "1", "yes", "y"]
_FALSE = ["false", "否", "0", "no", "n"]
_REPEATED = re.compile(r"^(?P<list>[a-z_]+)\.(?P<n>\d+)\.(?P<field>[a-z_]+)$")


def _record_lists() -> dict[str, pl.Struct]:
    return {
        k: v.inner
        for k, v in frame.schema().items()
        if isinstance(v, pl.List) and isinstance(v.inner, pl.Struct)
    }


def _attestations() -> pl.Struct:
    return typing.cast(pl.Struct, frame.schema()["attestations"])


def _label(dtype: pl.DataType) -> str:
    if dtype == pl.Date:
        return "日期（YYYY-MM-DD）"
    if dtype == pl.Boolean:
        return "true/false（是/否）"
    if dtype == pl.Int64:
        return "整数"
    return "文本"


def parse(col: str, dtype: pl.DataType) -> pl.Expr:
    """A text column as ``dtype`` (empty cells are null); a bad cell becomes null, see
    :func:`bad_cells`."""
    s = pl.col(col).cast(pl.String).str.strip_chars()
    s = pl.when(s == "").then(None).otherwise(s)
    if dtype == pl.Date:
        return s.str.to_date("%Y-%m-%d", strict=False)
    if dtype == pl.Boolean:
        low = s.str.to_lowercase()
        return pl.when(low.is_in(_TRUE)).then(True).when(low.is_in(_FALSE)).then(False)
    if dtype == pl.Int64:
        return s.cast(pl.Int64, strict=False)
    return s


def bad_cells(df: pl.DataFrame, types: dict[str, Any], where: str, line0: int) -> None:
    """Raise :class:`InputError` naming the first cells (row, column) that do not parse."""
    checks = [
        (pl.col(c).cast(pl.String).str.strip_chars().fill_null("") != "") & parse(c, t).is_null()
        for c, t in types.items()
    ]
    if not checks:
        return
    flagged = df.select(
        pl.int_range(pl.len()).alias("_i"),
        *[c.alias(n) for c, n in zip(checks, types, strict=True)],
    )
    problems = []
    for name, dtype in types.items():
        rows = flagged.filter(pl.col(name)).get_column("_i").head(3).to_list()
        for i in rows:
            value = df.get_column(name)[i]
            problems.append(f"第{line0 + i}行 {name}: 应为{_label(dtype)}，得到 {value!r}")
    if problems:
        raise InputError(where, problems[:10])


_TWICE = re.compile(r"^(?P<name>.+)_duplicated_\d+$")  # polars' name for a repeated header


def check_columns(columns: list[str], where: str) -> None:
    twice = sorted({m["name"] for c in columns if (m := _TWICE.match(c)) and m["name"] in columns})
    if twice:  # which of two same-named columns holds the value is anyone's guess
        raise InputError(where, [f"列名重复：{', '.join(twice)}"])
    schema, lists = frame.schema(), _record_lists()
    attest = _attestations().to_schema()
    unknown = []
    for c in columns:
        m = _REPEATED.match(c)
        if c in schema and c not in lists and c != "attestations" or c == frame.ROW:
            continue
        if c.startswith("attestations.") and c.split(".", 1)[1] in attest:
            continue
        if m and m["list"] in lists and m["field"] in lists[m["list"]].to_schema():
            continue
        unknown.append(c)
    if unknown:
        raise InputError(
            where, [f"未知的列 {', '.join(unknown)}（列名见 qaward screen --template）"]
        )


def to_frame(
    df: pl.DataFrame, where: str, line0: int = 2, linked: dict[str, pl.DataFrame] | None = None
) -> pl.DataFrame:
    """A flat chunk (text cells, or typed Parquet columns) as a conformed frame."""
    check_columns(df.columns, where)
    schema, lists = frame.schema(), _record_lists()
    types: dict[str, Any] = {}
    out: list[pl.Expr] = []
    for name, dtype in schema.items():
        if name in df.columns and name not in lists and name != "preferences":
            types[name] = dtype
            out.append(_typed(df, name, dtype).alias(name))
    attest = [c for c in df.columns if c.startswith("attestations.")]
    if attest:
        for c in attest:
            types[c] = pl.Boolean()
        out.append(
            pl.struct(
                *[_typed(df, c, pl.Boolean()).alias(c.split(".", 1)[1]) for c in attest]
            ).alias("attestations")
        )
    if "preferences" in df.columns:
        prefs = (
            pl.col("preferences")
            .cast(pl.String)
            .str.split(";")
            .list.eval(pl.element().str.strip_chars().filter(pl.element().str.strip_chars() != ""))
        )
        out.append(prefs.alias("preferences"))
    for name, inner in lists.items():
        fields = inner.to_schema()
        numbers = sorted(
            {int(m["n"]) for c in df.columns if (m := _REPEATED.match(c)) and m["list"] == name}
        )
        if not numbers:
            continue
        items = []
        for n in numbers:
            parts = []
            for f, t in fields.items():
                col = f"{name}.{n}.{f}"
                if col in df.columns:
                    types[col] = t
                    parts.append(_typed(df, col, t).alias(f))
                else:
                    parts.append(pl.lit(None, dtype=t).alias(f))
            present = pl.any_horizontal(*[p.is_not_null() for p in parts])
            items.append(pl.when(present).then(pl.struct(*parts)))
        out.append(pl.concat_list(items).list.drop_nulls().alias(name))
    bad_cells(df, {c: t for c, t in types.items() if df.schema[c] == pl.String}, where, line0)
    keep = [frame.ROW] if frame.ROW in df.columns else []
    result = df.select(*keep, *out)
    for name, table in (linked or {}).items():
        result = _attach(result, name, table)
    return frame.conform(result)


def _typed(df: pl.DataFrame, col: str, dtype: Any) -> pl.Expr:
    if df.schema[col] == pl.String:
        return parse(col, dtype)
    return pl.col(col).cast(dtype)


def linked_table(df: pl.DataFrame, name: str, where: str) -> pl.DataFrame:
    """A second sheet or file of one list (``events`` ...): credit_code + the record's fields,
    as credit_code → list of records."""
    lists = _record_lists()
    if name not in lists:
        raise InputError(where, [f"无法识别的附表 {name}（应为 {' | '.join(lists)}）"])
    fields = lists[name].to_schema()
    unknown = [c for c in df.columns if c != "credit_code" and c not in fields]
    if "credit_code" not in df.columns or unknown:
        problem = f"未知的列 {', '.join(unknown)}" if unknown else "缺少 credit_code 列"
        raise InputError(where, [problem])
    types = {c: fields[c] for c in df.columns if c in fields and df.schema[c] == pl.String}
    bad_cells(df, types, where, 2)
    record = pl.struct(
        *[
            (_typed(df, f, t) if f in df.columns else pl.lit(None, dtype=t)).alias(f)
            for f, t in fields.items()
        ]
    )
    return df.group_by(pl.col("credit_code").cast(pl.String), maintain_order=True).agg(
        record.alias(name)
    )


def _attach(df: pl.DataFrame, name: str, table: pl.DataFrame) -> pl.DataFrame:
    joined = df.join(table.rename({name: "_linked"}), on="credit_code", how="left")
    linked = pl.col("_linked").fill_null(pl.lit([], dtype=pl.List(_record_lists()[name])))
    if name in df.columns:
        linked = pl.col(name).list.concat(linked)
    return joined.with_columns(linked.alias(name)).drop("_linked")


def template_columns(repeat: int = 2) -> list[str]:
    """Every column of the flat layout, lists repeated ``repeat`` times."""
    schema, lists = frame.schema(), _record_lists()
    cols: list[str] = []
    for name in schema:
        if name == "attestations":
            cols += [f"attestations.{a}" for a in _attestations().to_schema()]
        elif name in lists:
            fields = [f for f in lists[name].to_schema() if f not in ("credit_code", "name")]
            cols += [f"{name}.{n}.{f}" for n in range(1, repeat + 1) for f in fields]
        else:
            cols.append(name)
    return cols


def example_row() -> dict[str, Any]:
    """The template's example organisation."""
    return {
        "name": "赣州示例电子有限公司",
        "credit_code": "91360703MA399JF903",
        "region": "ganzhou_kfq",
        "legal_person": "true",
        "established_on": "2016-03-01",
        "sector": "manufacturing",
        "nonprofit": "false",
        "industrial": "true",
        "excellence_model_since": "2021-01-01",
        "chief_quality_officer": "true",
        "safety_standardization_level": "2",
        "tax_per_mu": "260000",
        "preferences": "key_industry_chain;sme_innovative",
        "attestations.policy_compliant": "true",
        "attestations.licences_complete": "true",
        "attestations.industry_leading": "true",
        "certifications.1.standard": "GB/T 19001",
        "certifications.1.since": "2018-05-10",
        "certifications.1.valid_until": "2027-05-09",
        "financials.1.year": "2024",
        "financials.1.revenue": "530000000",
        "financials.1.profit": "26000000",
        "financials.2.year": "2025",
        "financials.2.revenue": "610000000",
        "financials.2.profit": "30000000",
        "events.1.kind": "spot_check_failure",
        "events.1.date": "2024-08-15",
        "events.1.level": "municipal",
        "events.1.serious": "false",
    }
