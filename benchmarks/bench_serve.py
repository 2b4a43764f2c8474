"""Load on ``qaward serve`` over loopback, beside the CLI process and the in-process call.

A bounded run (about 40 s with the defaults): the real server as a process (uvicorn, one worker,
a SQLite registry holding the examples' history), loaded by ``benchmarks/loadgen.py`` in a
process of its own: open loop, a fixed arrival rate, latency from each request's scheduled send
time (so queueing is never hidden), keep-alive connections. Client and server share the machine.

1. a single check (one organisation, five awards) at 250, 500 and 750 requests/s;
2. a batch of 100 organisations (``/check/batch``) at 2 and 5 batches/s;
3. in the same run, the CLI as a process (``qaward check``) and ``qaward.ops.check`` in process
   (with the same registry histories), the references the server's figures are read against;
4. with ``--before REF``, the server of git REF (``git archive`` on PYTHONPATH) beside this one,
   row by row, interleaved;
5. a mixed load, single checks at 500/s while batches of 100 arrive at 3/s (two load generators at
   once), on servers of 1 and of 2 worker processes (``--workers``) started side by side, rows
   interleaved.

Each load row: achieved rate, p50 / p99 / max latency, failures, the server's CPU time per
request (Linux: /proc) and the client's CPU share. The machine's load average at the start is
printed first; on a shared machine, repeat (``--rounds``) and read the ratios.

Usage: python benchmarks/bench_serve.py [--seconds 5] [--rounds 1] [--rates 250,500,750]
                                       [--batch-rates 2,5] [--mixed-workers 1,2] [--before REF]
(an empty list, e.g. ``--rates ''``, leaves those rows out)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from qaward import io, ops

ROOT = Path(__file__).resolve().parent.parent
ORG_FILE = ROOT / "examples" / "org_kfq_electronics.yaml"
HISTORY = ROOT / "examples" / "registry_history.yaml"
LOADGEN = Path(__file__).resolve().parent / "loadgen.py"
QAWARD = [sys.executable, "-c", "from qaward.faces.cli import main; main()"]
AS_OF = "2026-09-01"


def pct(ordered: list[float], p: float) -> float:
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:7.2f}"


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of a process (Linux), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float | None:
    """CPU seconds of a server and its live children (``--workers``: the worker processes)."""
    own = cpu_seconds(pid)
    if own is None:
        return None
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                own += cpu_seconds(int(stat.parent.name)) or 0.0
        except (OSError, ValueError):
            continue
    return own


def tree(ref: str, into: Path) -> dict[str, str]:
    """The environment running git REF's code: its tree extracted, put first on PYTHONPATH."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True,
                             check=True).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    paths = [into / "core", *sorted(p for p in (into / "plugins").iterdir() if p.is_dir())]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, paths))}


def start(
    tmp: Path, env: dict[str, str] | None = None, workers: int = 1
) -> tuple[subprocess.Popen, str]:
    reg = str(tmp / "registry.db")
    for args in (["registry", "init"], ["registry", "import", str(HISTORY)]):
        run = [*QAWARD, *args, "--registry", reg]
        subprocess.run(run, check=True, capture_output=True, env=env)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = ["serve", "--port", str(port), "--registry", reg]
    if workers != 1:  # an older tree (--before) has no --workers
        serve += ["--workers", str(workers)]
    proc = subprocess.Popen([*QAWARD, *serve], env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{url}/health").status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit("server did not start")


def load(proc, url: str, path: str, body: Path, rate: float, seconds: float) -> dict:
    return loads(proc, url, [(path, body, rate)], seconds)[0]


def loads(proc, url: str, streams: list[tuple[str, Path, float]], seconds: float) -> list[dict]:
    """One load generator per (path, body, rate), all at once; each result carries the server's
    CPU time over them all (``server_cpu``, with ``server_sent`` when several ran)."""
    before = tree_cpu(proc.pid)
    gens = [
        subprocess.Popen(
            [sys.executable, str(LOADGEN), url, path, str(body), str(rate), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for path, body, rate in streams
    ]
    results = [json.loads(gen.communicate()[0]) for gen in gens]
    if any(gen.returncode for gen in gens):
        raise SystemExit("the load generator failed")
    after = tree_cpu(proc.pid)
    for result in results:
        result["server_cpu"] = None if before is None or after is None else after - before
        if len(results) > 1:
            result["server_sent"] = sum(r["sent"] for r in results)
    return results


def row(name: str, r: dict, per: int = 1) -> None:
    lat, done = r["latencies"], len(r["latencies"])
    cpu = r["server_cpu"]
    if cpu is None:
        server = "   n/a  /req"
    elif "server_sent" in r:  # a mixed row: the server's CPU over both loads, in cores
        server = f"{cpu / r['seconds']:4.2f} cores"
    else:
        server = f"{cpu / r['sent'] * 1e3:5.2f} ms/req"
    failed = sum(r["failures"].values())
    print(
        f"{name:<44} {done * per / r['seconds']:7.0f}/s  p50 {ms(pct(lat, 50))}  p99 "
        f"{ms(pct(lat, 99))}  max {ms(lat[-1] if lat else float('nan'))} ms  "
        f"failed {failed:>3}  server CPU {server}  client CPU "
        f"{r['client_cpu'] / r['seconds']:4.0%}"
    )


def references() -> None:
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([*QAWARD, "check", str(ORG_FILE), "--as-of", AS_OF, "--format", "json",
                        "--no-registry"], check=True, capture_output=True)  # fmt: skip
        runs.append(time.perf_counter() - t)
    runs.sort()
    print(f"{'CLI process (qaward check)':<44} median {statistics.median(runs):.3f} s"
          f"  ({runs[0]:.3f}–{runs[-1]:.3f} s, 5 runs)")  # fmt: skip
    doc, on = io.read_document(ORG_FILE), dt.date.fromisoformat(AS_OF)
    with tempfile.TemporaryDirectory() as tmp:
        reg = str(Path(tmp) / "registry.db")
        for args in (["registry", "init"], ["registry", "import", str(HISTORY)]):
            subprocess.run([*QAWARD, *args, "--registry", reg], check=True, capture_output=True)
        registry = ops.open_registry(reg)
        registry.keep_histories()  # as the service holds them
        for name, kw in (("", {}), (", registry in memory", {"registry": registry})):
            ops.check(doc, on, **kw)
            lat = []
            for _ in range(2000):
                t = time.perf_counter()
                ops.check(doc, on, **kw)
                lat.append(time.perf_counter() - t)
            lat.sort()
            print(f"{'ops.check in process' + name:<44} p50 {ms(pct(lat, 50))}  p99 "
                  f"{ms(pct(lat, 99))} ms  (2000 calls)")  # fmt: skip
        registry.close()


def numbers(text: str) -> list[float]:
    return [float(part) for part in text.split(",") if part.strip()]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=5.0, help="per load row")
    p.add_argument("--rounds", type=int, default=1, help="repeat the load rows, interleaved")
    p.add_argument("--rates", default="250,500,750", help="single-check rates, requests/s")
    p.add_argument("--batch-rates", default="2,5", help="batches of 100 a second")
    p.add_argument("--mixed-workers", default="1,2", help="--workers of the mixed-load servers")
    p.add_argument("--before", metavar="REF", help="also load git REF's server, interleaved")
    a = p.parse_args()
    load1, load5, load15 = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average "
        f"{load1:.2f} {load5:.2f} {load15:.2f} at the start; client and server share the cores"
    )
    org = json.loads(io.dumps(io.read_document(ORG_FILE)))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        one, batch = tmp / "one.json", tmp / "batch.json"
        one.write_text(json.dumps(org, ensure_ascii=False), encoding="utf-8")
        batch.write_text(json.dumps([org] * 100, ensure_ascii=False), encoding="utf-8")
        servers = []  # (label, process, url)
        mixed = []  # (workers, process, url)
        try:
            (tmp / "now").mkdir()
            servers.append(("", *start(tmp / "now")))
            for workers in numbers(a.mixed_workers):
                (tmp / f"mixed{workers}").mkdir()
                mixed.append((int(workers), *start(tmp / f"mixed{workers}", None, int(workers))))
            if a.before:
                (tmp / "before").mkdir()
                env = tree(a.before, tmp / "before")
                servers.append((f" [{a.before}]", *start(tmp / "before", env)))
            for _, proc, url in servers + mixed:  # warm up (plans compiled, in every worker)
                load(proc, url, f"/check?as_of={AS_OF}", one, 200, 2)
            for n in range(a.rounds):
                for workers, proc, url in mixed[:: -1 if n % 2 else 1]:  # alternate the order
                    streams = [(f"/check?as_of={AS_OF}", one, 500.0),
                               (f"/check/batch?as_of={AS_OF}", batch, 3.0)]  # fmt: skip
                    checks, batches = loads(proc, url, streams, a.seconds)
                    row(f"mixed, --workers {workers}: checks at 500/s", checks)
                    row(f"mixed, --workers {workers}: + batches of 100, 3/s", batches, 100)
                for rate in numbers(a.rates):
                    for label, proc, url in servers:
                        r = load(proc, url, f"/check?as_of={AS_OF}", one, rate, a.seconds)
                        row(f"single check, open loop {rate:.0f}/s{label}", r)
                for rate in numbers(a.batch_rates):
                    for label, proc, url in servers:
                        path = f"/check/batch?as_of={AS_OF}"
                        r = load(proc, url, path, batch, rate, a.seconds)
                        row(f"batch of 100, {rate:g}/s (orgs/s){label}", r, 100)
        finally:
            for _, proc, _ in servers + mixed:
                proc.terminate()
                proc.wait()
    references()


if __name__ == "__main__":
    main()
