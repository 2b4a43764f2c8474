"""``qaward screen --scheduler``: the same screening on a real Dask LocalCluster (worker
processes, a TCP scheduler), compared row by row with the local run."""

from __future__ import annotations

import datetime as dt

import pytest

pl = pytest.importorskip("polars", reason="the screen extra (polars) is not installed")
distributed = pytest.importorskip(
    "dask.distributed", reason="the distributed extra (dask[distributed]) is not installed"
)

from click.testing import CliRunner  # noqa: E402
from qaward.catalog import default_catalog  # noqa: E402
from qaward.faces.cli import cli  # noqa: E402
from qaward.screen import frame, screen_file, synthetic  # noqa: E402

AS_OF = dt.date(2026, 9, 1)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as c:
        yield c


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    path = tmp_path_factory.mktemp("dask") / "orgs.parquet"
    docs = synthetic.Generator(AS_OF, default_catalog(), seed=3).organizations(900)
    frame.from_documents(docs).drop(frame.ROW).write_parquet(path)
    return path


def test_cluster_run_equals_local_run(cluster, population, tmp_path):
    res = CliRunner().invoke(
        cli,
        [
            "screen",
            str(population),
            "--as-of",
            AS_OF.isoformat(),
            "--scheduler",
            cluster.scheduler_address,
            "-o",
            str(tmp_path / "out"),
            "--chunk-size",
            "250",
            "--format",
            "json",
        ],
    )
    assert res.exit_code == 0, res.output
    parts = sorted((tmp_path / "out").glob("part-*.parquet"))
    assert len(parts) == 4  # 900 rows in ranges of 250
    remote = pl.read_parquet(parts).sort("row", "jurisdiction")
    local_summary = screen_file(population, AS_OF, output=tmp_path / "local.parquet")
    local = pl.read_parquet(tmp_path / "local.parquet")
    assert remote.drop("row").equals(local)
    import json

    summary = json.loads(res.output)
    assert summary["organizations"] == 900
    assert summary["jurisdictions"] == local_summary.jurisdictions()
    assert len(cluster.workers) == 2  # separate worker processes wrote the parts


def test_cluster_input_must_be_columnar(cluster, tmp_path):
    path = tmp_path / "orgs.jsonl"
    path.write_text("{}\n")
    res = CliRunner().invoke(
        cli,
        ["screen", str(path), "--scheduler", cluster.scheduler_address, "-o", str(tmp_path / "o")],
    )
    assert res.exit_code == 2 and "Parquet 或 CSV" in res.output


def test_a_csv_not_in_utf8_is_refused_before_the_cluster_is_asked(tmp_path):
    """Every worker reads the file itself, as UTF-8: a GB18030 CSV is refused with advice
    (the local run converts it), before any connection is made."""
    from qaward.io import InputError
    from qaward.screen.distributed import screen_on_cluster

    (tmp_path / "orgs.csv").write_bytes(
        "name,credit_code\n赣州示例,91360703MA399JF903\n".encode("gbk")
    )
    with pytest.raises(InputError, match="集群筛查的 CSV 应为 UTF-8 编码"):
        screen_on_cluster("tcp://127.0.0.1:9", tmp_path / "orgs.csv", tmp_path / "out", AS_OF)
