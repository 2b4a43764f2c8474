"""An open-loop HTTP/1.1 load generator, lean enough not to be the bottleneck on a shared machine.

Requests are sent at a fixed arrival rate whatever the server does (open loop); each request's
latency runs from its *scheduled* send time to the last byte of its answer, so a server (or a
client) that falls behind shows as latency instead of being hidden by sending later
(coordinated omission). Keep-alive connections are reused from a pool; a request finding none
idle opens another (up to ``--connections``), so a slow answer does not hold the next back.

Plain asyncio streams with the request bytes built once: about 40 µs of client CPU a request, so
at 750/s the client takes a few per cent of one core (it reports its own CPU time). Run it in a
process of its own: ``python benchmarks/loadgen.py URL PATH BODY_FILE RATE SECONDS``; prints
one JSON object (latencies in seconds, sorted, plus counts).

Why not wrk or vegeta: wrk is closed-loop (wrk2, its open-loop fork, is in neither Debian nor
PyPI); vegeta is not packaged for Debian; httpx costs ~0.3 ms of client CPU a request, which
on two shared cores competes with the server at 500/s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from urllib.parse import urlsplit


def request_bytes(host: str, path: str, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nhost: {host}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> int:
    """The status of one response (its body read and dropped); needs a content-length."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = next(
        (
            int(line.split(b":", 1)[1])
            for line in lines
            if line.lower().startswith(b"content-length:")
        ),
        None,
    )
    if length is None:
        raise RuntimeError("response without content-length")
    await reader.readexactly(length)
    return status


async def run(
    url: str, path: str, body: bytes, rate: float, seconds: float, connections: int
) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    raw = request_bytes(f"{host}:{port}", path, body)
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    opened = 0
    free = asyncio.Semaphore(connections)
    latencies: list[float] = []
    failures: dict[str, int] = {}
    send_lag: list[float] = []

    async def one(scheduled: float) -> None:
        nonlocal opened
        async with free:
            send_lag.append(time.perf_counter() - scheduled)
            if idle:
                conn = idle.pop()
            else:
                conn = await asyncio.open_connection(host, port)
                opened += 1
            reader, writer = conn
            try:
                writer.write(raw)
                status = await read_response(reader)
            except (OSError, asyncio.IncompleteReadError, RuntimeError) as exc:
                failures[type(exc).__name__] = failures.get(type(exc).__name__, 0) + 1
                writer.close()
                return
            latencies.append(time.perf_counter() - scheduled)
            if status != 200:
                failures[str(status)] = failures.get(str(status), 0) + 1
            idle.append(conn)

    n = int(rate * seconds)
    cpu = time.process_time()
    begin = time.perf_counter()
    tasks = []
    for i in range(n):
        scheduled = begin + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(scheduled)))
    await asyncio.gather(*tasks)
    took = time.perf_counter() - begin
    for _, writer in idle:
        writer.close()
    send_lag.sort()
    return {
        "rate": rate,
        "sent": n,
        "seconds": took,
        "latencies": sorted(latencies),
        "failures": failures,
        "connections": opened,
        "client_cpu": time.process_time() - cpu,
        "max_send_lag": send_lag[-1] if send_lag else 0.0,
    }


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("url")
    p.add_argument("path")
    p.add_argument("body_file")
    p.add_argument("rate", type=float)
    p.add_argument("seconds", type=float)
    p.add_argument("--connections", type=int, default=256)
    a = p.parse_args(argv)
    with open(a.body_file, "rb") as f:
        body = f.read()
    result = asyncio.run(run(a.url, a.path, body, a.rate, a.seconds, a.connections))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
