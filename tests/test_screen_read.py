"""Reading a population from Parquet (pyarrow's batches checked before polars sees them) and
working on chunks side by side (:mod:`qaward.screen.pool`): bad files give a clear message
and exit code 2 and write nothing; results come in the input's order, however the chunks fall."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time

import pytest

pl = pytest.importorskip("polars", reason="the screen extra (polars) is not installed")
pa = pytest.importorskip("pyarrow", reason="the screen extra (pyarrow) is not installed")
import pyarrow.parquet as pq  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from qaward.catalog import default_catalog  # noqa: E402
from qaward.faces.cli import cli  # noqa: E402
from qaward.io import InputError  # noqa: E402
from qaward.screen import frame, pool, read, screen_file, screen_frame, synthetic  # noqa: E402

AS_OF = dt.date(2026, 9, 1)


@pytest.fixture(scope="module")
def orgs():
    docs = synthetic.Generator(AS_OF, default_catalog(), seed=5).organizations(120)
    return frame.from_documents(docs)


@pytest.fixture(scope="module")
def parquet(orgs, tmp_path_factory):
    """The population in row groups of 7, so that chunks and parts straddle them."""
    path = tmp_path_factory.mktemp("read") / "orgs.parquet"
    orgs.drop(frame.ROW).write_parquet(path, row_group_size=7)
    return path


def screen(path, tmp_path):
    out = tmp_path / "out.csv"
    res = CliRunner().invoke(cli, ["screen", str(path), "--as-of", str(AS_OF), "-o", str(out)])
    return res, out


@pytest.mark.parametrize("size", [1, 10, 25, 1000])
def test_chunks_equal_the_file_whatever_their_size(orgs, parquet, size):
    got = pl.concat(read.chunks(parquet, size))
    assert got.equals(orgs)
    assert [c.height for c in read.chunks(parquet, size)][0] == min(size, orgs.height)


@pytest.mark.parametrize(("start", "rows"), [(0, 7), (5, 10), (14, 7), (100, 50), (119, 1)])
def test_a_part_for_a_cluster_worker_reads_its_rows(orgs, parquet, start, rows):
    part = read.parquet_part(parquet, start, rows)
    assert part.equals(orgs.slice(start, rows))


def test_results_in_input_order_with_chunks_in_flight(orgs, parquet, tmp_path):
    out = tmp_path / "r.parquet"
    summary = screen_file(parquet, AS_OF, output=out, chunk_size=9)  # 14 chunks, 2 at a time
    whole = screen_frame(orgs, AS_OF).drop("row", strict=False)
    assert pl.read_parquet(out).equals(whole)
    assert summary.organizations == orgs.height


def test_not_a_parquet_file(tmp_path):
    path = tmp_path / "orgs.parquet"
    path.write_bytes(b"name,credit_code\n\xff\xfe")
    res, out = screen(path, tmp_path)
    assert res.exit_code == 2, res.output
    assert "不是可读的 Parquet 文件" in res.output and "Traceback" not in res.output
    assert not out.exists()


def test_text_that_is_not_utf8_names_the_column(orgs, tmp_path):
    table = orgs.drop(frame.ROW).head(3).to_arrow()
    names = pa.array([b"\xff\xfe bad", b"ok", b"ok"], pa.large_binary()).view(pa.large_string())
    table = table.set_column(table.schema.get_field_index("name"), "name", names)
    path = tmp_path / "orgs.parquet"
    pq.write_table(table, path)
    res, out = screen(path, tmp_path)
    assert res.exit_code == 2, res.output
    assert "第1至3行：列 name 的文本不是有效的 UTF-8 编码" in res.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (pl.lit("red").alias("colour"), "未知的列 colour"),
        (pl.lit(20160101).alias("established_on"), "established_on: 应为日期，文件中为整数"),
        (pl.lit(2.5).alias("safety_standardization_level"), "应为整数，文件中为小数"),
        (
            pl.col("events").list.eval(pl.element().struct.with_fields(date=pl.lit("2024-01-01"))),
            "events[].date: 应为日期，文件中为文本",
        ),
        (
            pl.col("events").list.eval(pl.element().struct.with_fields(colour=pl.lit("red"))),
            "events[].colour: 未知的字段",
        ),
        (pl.lit("91360703MA399JF904").alias("credit_code"), "校验位"),
        (pl.lit("mining").alias("sector"), "sector: 取值无效"),
    ],
)
def test_contract_checks_on_parquet_input(orgs, tmp_path, change, expected):
    path = tmp_path / "orgs.parquet"
    orgs.drop(frame.ROW).head(20).with_columns(change).write_parquet(path)
    res, out = screen(path, tmp_path)
    assert res.exit_code == 2, res.output
    assert expected in res.output and "Traceback" not in res.output
    assert not out.exists()


def test_a_bad_row_is_named_by_its_line_in_a_later_chunk(orgs, tmp_path):
    bad = pl.when(pl.int_range(pl.len()) == 57).then(pl.lit("mining")).otherwise("sector")
    path = tmp_path / "orgs.parquet"
    orgs.drop(frame.ROW).with_columns(bad.alias("sector")).write_parquet(path, row_group_size=7)
    with pytest.raises(InputError, match="第58行"):
        screen_file(path, AS_OF, chunk_size=10)


def test_in_order_keeps_the_order_of_tasks_that_finish_out_of_order():
    def task(k):
        def run():
            time.sleep(0.02 if k % 2 == 0 else 0.0)  # even tasks finish after the next one
            return k

        return run

    assert list(pool.in_order((task(k) for k in range(9)), width=2)) == list(range(9))
    assert list(pool.in_order((task(k) for k in range(3)), width=1)) == [0, 1, 2]


def test_in_order_raises_at_the_failing_task_and_leaves_nothing_running():
    started, done = [], []
    lock = threading.Lock()

    def task(k):
        def run():
            with lock:
                started.append(k)
            if k == 3:
                raise InputError("orgs", [f"第{k}块有误"])
            time.sleep(0.01)
            with lock:
                done.append(k)
            return k

        return run

    got = []
    with pytest.raises(InputError, match="第3块有误"):
        for value in pool.in_order((task(k) for k in range(50)), width=2):
            got.append(value)
    assert got == [0, 1, 2]  # everything before the failing task, in order
    assert len(started) < 50  # the tasks after it were not all started
    finished = set(done)
    time.sleep(0.05)
    assert set(done) == finished  # and none still runs after the error reached the caller


def test_in_order_reads_the_next_task_while_the_threads_work():
    """Taking a task from the iterator (reading a chunk) overlaps the running tasks."""
    events = []

    def tasks():
        for k in range(4):
            events.append(("read", k))

            def work(k=k):
                time.sleep(0.05)
                events.append(("done", k))
                return k

            yield work

    assert list(pool.in_order(tasks(), width=2)) == [0, 1, 2, 3]
    assert events.index(("read", 2)) < events.index(("done", 0))


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet", ".csv", ".jsonl"])
def test_a_bad_row_late_in_the_file_writes_nothing_in_any_format(orgs, tmp_path, suffix):
    """Found while results are being written (several chunks in): exit 2, the message, no
    output file and not a word of traceback, also once the process ends."""
    bad = pl.when(pl.int_range(pl.len()) == 100).then(pl.lit("mining")).otherwise("sector")
    path = tmp_path / "orgs.parquet"
    orgs.drop(frame.ROW).with_columns(bad.alias("sector")).write_parquet(path, row_group_size=7)
    out = tmp_path / f"out{suffix}"
    args = ["screen", str(path), "--as-of", str(AS_OF), "--chunk-size", "9", "-o", str(out)]
    code = "import sys; from qaward.faces.cli import main; sys.argv[0] = 'qaward'; main()"
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "第101行 sector" in proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    assert list(tmp_path.glob("out*")) == []


def test_a_pandas_index_column_is_left_aside(orgs, tmp_path):
    """pandas writes a frame's index into Parquet as ``__index_level_0__``: not the contract's,
    not an error either."""
    table = orgs.drop(frame.ROW).head(5).to_arrow()
    table = table.append_column("__index_level_0__", pa.array([10, 11, 12, 13, 14]))
    pq.write_table(table, tmp_path / "orgs.parquet")
    got = pl.concat(read.chunks(tmp_path / "orgs.parquet", 100))
    assert got.equals(orgs.head(5))
