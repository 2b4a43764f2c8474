"""The registry under hostile conditions: bad URLs named clearly, ``?mode=ro`` honoured, readers
never locked out by a long write (SQLite WAL), a registry left by a killed writer readable at once
by the read-only commands, ``registry init`` run four times at once."""

import os
import signal
import sqlite3
import time

import pytest
from registrykit import BACKENDS, EXAMPLES, as_json, fresh_registry, ok, run, spawn
from test_registry_concurrency import _in_write, awards_file, code, finish

ORG = str(EXAMPLES / "org_kfq_electronics.yaml")


@pytest.mark.parametrize(
    "url, words",
    [
        ("sqlite://", "缺少文件路径"),
        ("sqlite:///:memory:", "缺少文件路径"),
        ("sqlite+aiosqlite:///{dir}/r.db", "不支持异步驱动"),
        ("postgresql+asyncpg://u@localhost/db", "不支持异步驱动"),
        ("sqlite:///{dir}/r.db?mode=rw", "只接受 ?mode=ro"),
        ("mysql://u@localhost/db", "只支持 SQLite 与 PostgreSQL"),
    ],
)
def test_a_bad_registry_url_is_named_and_creates_nothing(tmp_path, monkeypatch, url, words):
    monkeypatch.chdir(tmp_path)
    result = run("registry", "init", registry=url.format(dir=tmp_path))
    assert result.exit_code == 1 and words in result.output
    assert list(tmp_path.iterdir()) == []  # no file named None, no r.db


def test_a_file_that_is_not_sqlite_is_named(tmp_path):
    path = tmp_path / "registry.db"
    path.write_text("这不是数据库\n" * 100, encoding="utf-8")
    for args in (("registry", "verify"), ("check", ORG)):
        result = run(*args, registry=str(path))
        assert result.exit_code == 1 and "不是 SQLite 登记簿" in result.output


def test_mode_ro_reads_and_refuses_writes(tmp_path):
    path = tmp_path / "registry.db"
    ok("registry", "init", registry=str(path))
    ro = f"sqlite:///{path}?mode=ro"
    assert as_json("registry", "verify", registry=ro)["ok"]
    result = run("registry", "import", str(EXAMPLES / "registry_history.yaml"), registry=ro)
    assert result.exit_code == 1 and "只读" in result.output
    assert as_json("registry", "verify", registry=str(path))["audit_rows"] == 1


@pytest.fixture
def big_write(tmp_path):
    """A registry and a 4,000-record import running in its own process, inside its write."""
    path = str(tmp_path / "registry.db")
    ok("registry", "init", registry=path)
    proc = spawn(
        "registry", "import", awards_file(tmp_path / "big.yaml", range(4000)), "--registry", path
    )
    deadline = time.monotonic() + 120
    while not _in_write(path):
        assert proc.poll() is None, finish(proc)
        assert time.monotonic() < deadline
        time.sleep(0.005)
    yield path, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_readers_are_not_locked_out_by_a_long_write(tmp_path):
    path = str(tmp_path / "registry.db")
    ok("registry", "init", registry=path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA cache_size = 10")  # spills to the file at once, as a long import does
    writer.execute("BEGIN IMMEDIATE")
    writer.executemany(
        "INSERT INTO audit (id, at, command, input_digest, table_name, row_key, action, "
        "content, prev_hash, hash) VALUES (?, '', '', '', '', '', '', ?, '', ?)",
        [(i, "x" * 200, f"h{i}") for i in range(100, 20_100)],
    )
    try:  # the write lock is held and pages are written: readers still read
        assert ok("check", ORG, "--as-of", "2026-09-01", registry=path)
        assert as_json("registry", "show", "91360703MA399JF903", registry=path)["awards"] == []
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_registry_left_by_a_killed_writer_is_readable_at_once(big_write):
    path, proc = big_write
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # the read-only commands first, before any writer has run
    assert ok("check", ORG, "--as-of", "2026-09-01", registry=path)
    assert ok("evaluate", str(EXAMPLES / "cycle_ganzhou_kfq.yaml"), registry=path)
    verified = as_json("registry", "verify", registry=path)
    assert verified["ok"] and verified["data_rows"] == 0


def test_the_registry_file_is_in_wal_mode(tmp_path):
    path = tmp_path / "registry.db"
    ok("registry", "init", registry=str(path))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("backend", BACKENDS)
def test_four_concurrent_inits_all_succeed(backend, tmp_path):
    for url in fresh_registry(backend, tmp_path):
        procs = [spawn("registry", "init", "--registry", url) for _ in range(4)]
        results = [finish(p) for p in procs]
        assert [rc for rc, _ in results] == [0] * 4, results
        verified = as_json("registry", "verify", registry=url)
        assert verified["ok"] and verified["audit_rows"] == 1  # one init created it, once


def test_a_long_import_commits_in_batches_and_checks_conflicts_first(tmp_path, monkeypatch):
    from qaward.registry import records

    path = str(tmp_path / "registry.db")
    ok("registry", "init", registry=path)
    monkeypatch.setattr(records, "BATCH", 3)
    first = awards_file(tmp_path / "a.yaml", range(10))
    ok("registry", "import", first, registry=path)
    log = as_json("registry", "log", "--limit", "100", registry=path)["entries"]
    writes = {e["at"] for e in log if e["command"] == "registry import"}
    assert len(writes) == 4  # 3 + 3 + 3 + 1 records, one transaction each
    # a conflict in the last batch is found before the first batch is written
    later = awards_file(tmp_path / "b.yaml", range(10, 20))
    with open(later, "a", encoding="utf-8") as f:
        f.write(
            f"  - {{credit_code: {code(0)}, award: ganzhou_kfq, tier: quality, year: 2024,"
            " granted_on: 2024-12-19}\n"
        )
    result = run("registry", "import", later, registry=path)
    assert result.exit_code == 2 and "不一致" in result.output
    verified = as_json("registry", "verify", registry=path)
    assert verified["ok"] and verified["data_rows"] == 10
