"""A long import against readers and another writer (SQLite, WAL): how long one batch holds the
write lock (which sets ``BUSY_TIMEOUT`` and ``records.BATCH``), how long a reader waits, how long
a one-record import waits behind the long one.

    python benchmarks/bench_registry_batches.py [RECORDS]   # default 20000
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from qaward.catalog import default_catalog
from qaward.creditcode import check_character
from qaward.registry import Registry, queries, resolve_url
from qaward.registry.records import BATCH
from qaward.registry.store import BUSY_TIMEOUT

QAWARD = [sys.executable, "-c", "from qaward.faces.cli import main; main()"]


def awards(path: Path, numbers: range) -> Path:
    def code(i: int) -> str:
        first17 = f"91360703MA3{i:06d}"
        return first17 + check_character(first17)

    lines = ["awards:"] + [
        f"  - {{credit_code: {code(i)}, award: ganzhou_kfq, tier: quality, year: 2024,"
        " granted_on: 2024-12-20}"
        for i in numbers
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([*QAWARD, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = str(work / "registry.db")
        run("registry", "init", "--registry", db)
        big = awards(work / "big.yaml", range(n))
        one = [awards(work / f"one{i}.yaml", range(n + i, n + i + 1)) for i in range(50)]
        alone = run("registry", "import", str(one[0]), "--registry", db)  # uncontended
        catalog = default_catalog()
        reg = Registry(resolve_url(db)[0], readonly=True)
        reads: list[float] = []
        stop = threading.Event()

        def reader() -> None:
            while not stop.is_set():
                start = time.perf_counter()
                with reg.reading() as conn:
                    queries.history(conn, "91360703MA399JF903", catalog)
                reads.append(time.perf_counter() - start)
                time.sleep(0.01)

        thread = threading.Thread(target=reader)
        thread.start()
        start = time.perf_counter()
        proc = subprocess.Popen([*QAWARD, "registry", "import", str(big), "--registry", db])
        waits = []
        for path in one[1:]:
            if proc.poll() is not None:
                break
            waits.append(run("registry", "import", str(path), "--registry", db) - alone)
        proc.wait()
        total = time.perf_counter() - start
        stop.set()
        thread.join()
        with Registry(resolve_url(db)[0]).reading() as conn:
            log = queries.audit_rows(conn, None, 10 * n)
        starts = sorted(
            {
                dt.datetime.fromisoformat(e["at"][:-1])
                for e in log
                if e["command"] == "registry import"
            }
        )
        gaps = [(b - a).total_seconds() for a, b in zip(starts, starts[1:], strict=False)]
        print(
            json.dumps(
                {
                    "records": n,
                    "batch": BATCH,
                    "import_s": round(total, 2),
                    "batches_and_small_writes": len(starts),
                    "longest_gap_between_write_transactions_s": round(max(gaps, default=0), 2),
                    "busy_timeout_s": BUSY_TIMEOUT,
                    "reads": len(reads),
                    "read_max_ms": round(1000 * max(reads, default=0), 1),
                    "read_median_ms": round(1000 * sorted(reads)[len(reads) // 2], 1)
                    if reads
                    else None,
                    "small_writes_during_import": len(waits),
                    "small_write_extra_wait_max_s": round(max(waits, default=0), 2),
                    "small_write_alone_s": round(alone, 2),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
