"""Nothing lost, nothing half-written: two processes importing into one registry at once lose
nothing, and a process killed (SIGKILL) in the middle of a write leaves the registry consistent,
with that write wholly absent. On SQLite always, on PostgreSQL when QAWARD_TEST_PG_URL is set."""

import os
import signal
import time
from pathlib import Path

import pytest
from qaward.creditcode import check_character
from registrykit import BACKENDS, as_json, count, fresh_registry, ok, spawn


@pytest.fixture(params=BACKENDS)
def reg(request, tmp_path):
    for url in fresh_registry(request.param, tmp_path):
        ok("registry", "init", registry=url)
        yield url


def code(i: int) -> str:
    first17 = f"91360703MA35{i:05d}"
    return first17 + check_character(first17)


def awards_file(path: Path, numbers: range) -> str:
    lines = ["awards:"]
    lines += [
        f"  - {{credit_code: {code(i)}, award: ganzhou_kfq, tier: quality, year: 2024,"
        " granted_on: 2024-12-20}"
        for i in numbers
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def finish(proc, timeout=300) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out + err


def test_two_processes_importing_at_once_lose_nothing(reg, tmp_path):
    a = awards_file(tmp_path / "a.yaml", range(0, 600))
    b = awards_file(tmp_path / "b.yaml", range(450, 1050))  # 150 records in both files
    procs = [spawn("registry", "import", f, "--registry", reg) for f in (a, b)]
    results = [finish(p) for p in procs]
    assert [rc for rc, _ in results] == [0, 0], results
    assert count(reg, "awards") == 1050
    verified = as_json("registry", "verify", registry=reg)
    assert verified["ok"], verified["problems"]
    assert verified["audit_rows"] == 1 + 1050  # the init, then each record inserted once


def _in_write(reg: str) -> bool:
    """Whether the importing process is inside its write transaction."""
    if "://" not in reg:  # SQLite (WAL): the write lock is held, so a probe cannot take it
        import sqlite3

        probe = sqlite3.connect(reg, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:  # database is locked
            return True
        finally:
            probe.close()
    from registrykit import pg_engine
    from sqlalchemy import text

    engine, _ = pg_engine()
    try:
        with engine.connect() as conn:
            query = text(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'qaward-kill-test'"
                " AND xact_start IS NOT NULL AND backend_xid IS NOT NULL"
            )
            return conn.execute(query).scalar() > 0
    finally:
        engine.dispose()


def test_a_process_killed_mid_write_leaves_the_registry_consistent(reg, tmp_path):
    from sqlalchemy.engine import make_url

    big = awards_file(tmp_path / "big.yaml", range(0, 4000))
    target = reg
    if "://" in reg:
        target = (
            make_url(reg)
            .update_query_dict({"application_name": "qaward-kill-test"})
            .render_as_string(hide_password=False)
        )
    before = as_json("registry", "verify", registry=reg)
    proc = spawn("registry", "import", big, "--registry", target)
    deadline = time.monotonic() + 120
    while not _in_write(reg):
        assert proc.poll() is None, finish(proc)
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.005)
    time.sleep(0.2)  # well inside the transaction: rows are being written
    assert proc.poll() is None, "the import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after = as_json("registry", "verify", registry=reg)
    assert after["ok"], after["problems"]
    # whole batches only (an import commits every records.BATCH records): no partial batch
    from qaward.registry.records import BATCH

    written = count(reg, "awards")
    assert written % BATCH == 0
    assert after["audit_rows"] == before["audit_rows"] + written
    # the registry takes the same write afterwards, whole
    ok("registry", "import", big, registry=reg)
    assert count(reg, "awards") == 4000
    assert as_json("registry", "verify", registry=reg)["ok"]
