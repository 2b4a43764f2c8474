"""Screening benchmark: N generated organisations (default 1,000,000) against the five awards.

Each measured run is a child process that reports its own wall time and peak memory (ru_maxrss):

- ``screen``: ``qaward.screen.screen_file`` over a Parquet file, every award, results written to
  Parquet with failing clauses, citations and gap dates (the whole job);
- ``kfq``: the compiled path for 赣州经开区 alone, read + validate + evaluate, no output;
- ``hand``: a hand-written polars encoding of the same 赣州经开区 conditions (what one would write
  for this one award by hand), over the same file in the same chunks;
- ``openfisca``: OpenFisca-Core (bench extra) computing the same conditions vectorised over all
  organisations, given features a polars step derived first (reported apart);
- ``dask``: ``screen`` again on a Dask LocalCluster (2 worker processes), results as Parquet parts.

Usage: python benchmarks/bench_screen.py [N]   (make bench-screen)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_OF = dt.date(2026, 9, 1)
CHUNK = int(os.environ.get("BENCH_CHUNK", "50000"))  # organisations per chunk


def population(n: int, path: Path) -> None:
    """N organisations as nested Parquet: 50,000 generated ones repeated (timing, not variety)."""
    import polars as pl
    from qaward.catalog import default_catalog
    from qaward.screen import frame, synthetic

    base = synthetic.Generator(AS_OF, default_catalog(), seed=1).organizations(min(n, 50_000))
    df = frame.from_documents(base).drop(frame.ROW)
    reps = -(-n // df.height)
    pl.concat([df] * reps).head(n).write_parquet(path, row_group_size=CHUNK)


def _hand_kfq(df):
    """赣州经开区 KFQ-11 and KFQ-24 by hand: one boolean per organisation."""
    import polars as pl

    a = AS_OF
    y1, y2 = a.year - 1, a.year - 2
    att = pl.col("attestations")
    events = (
        df.select("row", "events")
        .explode("events")
        .unnest("events")
        .filter(pl.col("date").is_between(dt.date(a.year - 3, a.month, a.day), a))
        .filter(
            ((pl.col("kind") == "accident") & pl.col("liable").fill_null(True))
            | pl.col("kind").is_in(
                ["complaint", "quality_dispute", "spot_check_failure", "violation"]
            )
            | (
                (pl.col("kind") == "dishonesty")
                & pl.col("category").is_in(["labor", "statistics", "tax"])
            )
        )
        .group_by("row")
        .len()
    )
    fin = (
        df.select("row", "financials")
        .explode("financials")
        .unnest("financials")
        .group_by("row")
        .agg(
            pl.col("profit").filter(pl.col("year") == y1).first().alias("p1"),
            pl.col("profit").filter(pl.col("year") == y2).first().alias("p2"),
        )
    )
    certs = (
        df.select("row", "certifications")
        .explode("certifications")
        .unnest("certifications")
        .filter(
            pl.col("standard").is_in(["GB/T 19001", "ISO 9001", "IATF 16949", "ISO 14001"])
            & (pl.col("since") <= dt.date(a.year - 2, a.month, a.day))
            & (pl.col("valid_until").is_null() | (pl.col("valid_until") >= a))
        )
        .group_by("row")
        .len(name="certs")
    )
    manufacturing = pl.col("sector") == "manufacturing"
    return (
        df.select(
            "row",
            "region",
            "legal_person",
            "established_on",
            "sector",
            "excellence_model_since",
            "chief_quality_officer",
            "safety_standardization_level",
            "attestations",
            "awards",
        )
        .join(events, on="row", how="left")
        .join(fin, on="row", how="left")
        .join(certs, on="row", how="left")
        .select(
            "row",
            (
                (pl.col("region") == "ganzhou_kfq")
                & pl.col("legal_person").fill_null(False)
                & (pl.col("established_on") <= dt.date(a.year - 3, a.month, a.day))
                & att.struct.field("policy_compliant").fill_null(False)
                & att.struct.field("licences_complete").fill_null(False)
                & (
                    ~manufacturing
                    | (
                        (pl.col("certs").fill_null(0) > 0)
                        & (pl.col("excellence_model_since") <= dt.date(a.year - 1, a.month, a.day))
                        & pl.col("chief_quality_officer").fill_null(False)
                    )
                )
                & att.struct.field("industry_leading").fill_null(False)
                & pl.col("safety_standardization_level").is_between(1, 3)
                & ((pl.col("p1") > 0) & (pl.col("p2") > 0)).fill_null(False)
                & (pl.col("len").fill_null(0) == 0)
                & (pl.col("awards").list.len() == 0)
            ).alias("eligible"),
        )
    )


def _features(df):
    """The OpenFisca model's inputs (benchmarks/openfisca_reference.py), derived with polars."""
    import polars as pl

    a = AS_OF
    hand = _hand_kfq(df)  # reuses the event, profit and certificate joins
    days = lambda c: (pl.lit(a) - pl.col(c)).dt.total_days().fill_null(0)  # noqa: E731
    att = pl.col("attestations")
    return df.join(hand, on="row").select(
        (pl.col("region") == "ganzhou_kfq").alias("in_region"),
        pl.col("legal_person").fill_null(False),
        days("established_on").alias("days_operating"),
        att.struct.field("policy_compliant").fill_null(False).alias("policy_compliant"),
        att.struct.field("licences_complete").fill_null(False).alias("licences_complete"),
        pl.lit(1000).alias("certificate_days"),
        days("excellence_model_since").alias("excellence_days"),
        pl.col("chief_quality_officer").fill_null(False),
        att.struct.field("industry_leading").fill_null(False).alias("industry_leading"),
        pl.col("safety_standardization_level").fill_null(9).alias("safety_level"),
        pl.lit(1.0).alias("profit_last_year"),
        pl.lit(1.0).alias("profit_year_before"),
        (~pl.col("eligible")).cast(pl.Int64).alias("adverse_events_3_years"),
        pl.col("awards").list.len().cast(pl.Int64).alias("previous_wins"),
    )


def child(task: str, path: str, out: str) -> dict:
    import polars as pl

    t0 = time.perf_counter()
    extra: dict = {}
    if task == "screen":
        from qaward.screen import screen_file

        s = screen_file(path, AS_OF, output=Path(out) / "screen.parquet", chunk_size=CHUNK)
        extra = {"eligible": {r["jurisdiction"]: r["eligible"] for r in s.jurisdictions()}}
    elif task == "kfq":
        from qaward.screen import screen_file

        s = screen_file(path, AS_OF, ["ganzhou_kfq"], chunk_size=CHUNK)
        extra = {"eligible": s.jurisdictions()[0]["eligible"]}
    elif task == "hand":
        n = 0
        for batch in pl.scan_parquet(path).collect_batches(chunk_size=CHUNK):
            batch = batch.with_columns(pl.int_range(pl.len()).alias("row"))
            n += int(_hand_kfq(batch).get_column("eligible").sum())
        extra = {"eligible": n}
    elif task == "openfisca":
        from openfisca_core.simulations import SimulationBuilder

        sys.path.insert(0, str(Path(__file__).parent))
        from openfisca_reference import MONTH, SYSTEM

        feats = []
        for batch in pl.scan_parquet(path).collect_batches(chunk_size=CHUNK):
            batch = batch.with_columns(pl.int_range(pl.len()).alias("row"))
            feats.append(_features(batch))
        x = pl.concat(feats)
        t1 = time.perf_counter()
        sim = SimulationBuilder().build_default_simulation(SYSTEM, x.height)
        for name in x.columns:
            sim.set_input(name, MONTH, x.get_column(name).to_numpy())
        eligible = sim.calculate("eligible", MONTH)
        extra = {
            "features_s": round(t1 - t0, 2),
            "openfisca_s": round(time.perf_counter() - t1, 3),
            "eligible": int(eligible.sum()),
        }
    elif task == "dask":
        from dask.distributed import LocalCluster
        from qaward.screen.distributed import screen_on_cluster

        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
            t0 = time.perf_counter()  # the cluster's start is not the screening's
            s = screen_on_cluster(
                cluster.scheduler_address, path, Path(out) / "dask", AS_OF, chunk_size=CHUNK
            )
        extra = {"eligible": {r["jurisdiction"]: r["eligible"] for r in s.jurisdictions()}}
    seconds = time.perf_counter() - t0
    peak = _peak_mb()
    return {"task": task, "seconds": round(seconds, 2), "peak_mb": round(peak)} | extra


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: reset at exec, unlike ru_maxrss)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(task: str, path: Path, out: Path) -> dict | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", task, str(path), str(out)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        print(f"{task}: skipped ({last})")
        return None
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    print(json.dumps(got, ensure_ascii=False))
    return got


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(*sys.argv[2:5]), ensure_ascii=False))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(
        f"{n:,} organisations × 5 awards; {os.cpu_count()} cores; Python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orgs.parquet"
        t = time.perf_counter()
        population(n, path)
        print(f"population written in {time.perf_counter() - t:.1f} s")
        got = {
            task: run(task, path, Path(tmp))
            for task in ("screen", "kfq", "hand", "openfisca", "dask")
        }
    s, k, h, o, d = (got[t] for t in ("screen", "kfq", "hand", "openfisca", "dask"))
    if k and h:
        print(f"compiled 赣州经开区 / hand-written polars: {k['seconds'] / h['seconds']:.1f}×")
    if k and o:
        whole = o["features_s"] + o["openfisca_s"]
        print(
            f"compiled 赣州经开区 / OpenFisca incl. its feature step: {k['seconds'] / whole:.2f}×"
        )
        print(f"OpenFisca's calculation alone: {o['openfisca_s']} s")
    if s and d:
        print(f"Dask LocalCluster / local: {d['seconds'] / s['seconds']:.2f}×")


if __name__ == "__main__":
    main()
