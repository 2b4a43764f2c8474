"""Load on ``qaward serve`` over loopback, beside the CLI process and the in-process call.

A bounded run (about a minute): the real server as a process (uvicorn, one worker, a SQLite
registry), an asyncio httpx client on the same machine (so client and server share the cores).

1. single check, open loop at RATE requests/s for SECONDS: achieved rate, p50 / p99 latency;
2. single check, closed loop with 8 concurrent clients: throughput, p50 / p99;
3. batch of 100 organisations (``/check/batch``), closed loop with 2 clients;
4. the CLI as a process (``qaward check``) and ``qaward.ops.check`` in process, same input.

Usage: python benchmarks/bench_serve.py [RATE] [SECONDS]
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from qaward import io, ops

ROOT = Path(__file__).resolve().parent.parent
ORG_FILE = ROOT / "examples" / "org_kfq_electronics.yaml"
ORG = json.loads(io.dumps(io.read_document(ORG_FILE)))
QAWARD = [sys.executable, "-c", "from qaward.faces.cli import main; main()"]
PARAMS = {"as_of": "2026-09-01"}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def line(name: str, lat: list[float], seconds: float, unit: int = 1) -> None:
    rate = len(lat) / seconds
    print(
        f"{name:<42} {rate * unit:>9.0f}/s  p50 {pct(lat, 50) * 1e3:7.2f} ms"
        f"  p99 {pct(lat, 99) * 1e3:7.2f} ms  (n={len(lat)})"
    )


def start(tmp: Path, registry: bool = True) -> tuple[subprocess.Popen, str]:
    reg = tmp / ("registry.db" if registry else "absent.db")
    if registry:
        init = [*QAWARD, "registry", "init", "--registry", str(reg)]
        subprocess.run(init, check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*QAWARD, "serve", "--port", str(port), "--registry", str(reg)])
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{url}/health").status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit("server did not start")


async def open_loop(url: str, rate: float, seconds: float) -> tuple[list[float], float]:
    lat: list[float] = []
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def one() -> None:
            t = time.perf_counter()
            r = await client.post("/check", params=PARAMS, json=ORG)
            assert r.status_code == 200, r.text
            lat.append(time.perf_counter() - t)

        tasks = []
        begin = time.perf_counter()
        n = int(rate * seconds)
        for i in range(n):
            delay = begin + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one()))
        await asyncio.gather(*tasks)
        return lat, time.perf_counter() - begin


async def closed_loop(
    url: str, path: str, body, n: int, clients: int, **kw
) -> tuple[list[float], float]:
    lat: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:

        async def worker(count: int) -> None:
            for _ in range(count):
                t = time.perf_counter()
                r = await client.post(path, params=PARAMS, content=body, **kw)
                assert r.status_code == 200, r.text
                lat.append(time.perf_counter() - t)

        begin = time.perf_counter()
        await asyncio.gather(*(worker(n // clients) for _ in range(clients)))
        return lat, time.perf_counter() - begin


def main() -> None:
    rate = float(sys.argv[1]) if len(sys.argv) > 1 else 500
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; client and server share them"
    )
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start(Path(tmp))
        try:
            body = json.dumps(ORG, ensure_ascii=False).encode()
            headers = {"content-type": "application/json"}
            asyncio.run(closed_loop(url, "/check", body, 200, 4, headers=headers))  # warm up
            lat, took = asyncio.run(open_loop(url, rate, seconds))
            line(f"HTTP check, open loop at {rate:.0f}/s", lat, took)
            lat, took = asyncio.run(closed_loop(url, "/check", body, 2000, 8, headers=headers))
            line("HTTP check, 8 clients (closed loop)", lat, took)
            batch = json.dumps([ORG] * 100, ensure_ascii=False).encode()
            lat, took = asyncio.run(closed_loop(url, "/check/batch", batch, 60, 2, headers=headers))
            line("HTTP batch of 100, 2 clients (orgs/s)", lat, took, 100)
        finally:
            proc.terminate()
            proc.wait()
        proc, url = start(Path(tmp), registry=False)
        try:
            asyncio.run(closed_loop(url, "/check", body, 200, 4, headers=headers))  # warm up
            lat, took = asyncio.run(closed_loop(url, "/check", body, 2000, 8, headers=headers))
            line("HTTP check, no registry, 8 clients", lat, took)
        finally:
            proc.terminate()
            proc.wait()
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([*QAWARD, "check", str(ORG_FILE), "--as-of", "2026-09-01", "--format", "json",
                        "--no-registry"], check=True, capture_output=True)  # fmt: skip
        runs.append(time.perf_counter() - t)
    line("CLI process (qaward check)", runs, sum(runs))
    doc, on = io.read_document(ORG_FILE), dt.date(2026, 9, 1)
    ops.check(doc, on)
    lat = []
    begin = time.perf_counter()
    for _ in range(2000):
        t = time.perf_counter()
        ops.check(doc, on)
        lat.append(time.perf_counter() - t)
    line("in process (qaward.ops.check)", lat, time.perf_counter() - begin)


if __name__ == "__main__":
    main()
