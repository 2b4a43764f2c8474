"""The real server for the tests: ``qaward serve`` as a process on a free loopback port, with a
registry of its own and a token file."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

TOKEN = "tok-reviewer-0123456789abcdef"
OPERATOR = "王审核"
QAWARD = [sys.executable, "-c", "from qaward.faces.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(tmp: Path, *extra: str, registry: str | None = None) -> tuple[subprocess.Popen, str]:
    """The server on ``registry`` (a SQLite path or a database URL; default a new file in
    ``tmp``), initialised first, and a token file in ``tmp``."""
    registry = registry or str(tmp / "registry.db")
    subprocess.run([*QAWARD, "registry", "init", "--registry", registry], check=True,
                   capture_output=True)  # fmt: skip
    tokens = tmp / "tokens.yaml"
    tokens.write_text(f"{OPERATOR}: {TOKEN}\n", encoding="utf-8")
    port = free_port()
    args = ["serve", "--port", str(port), "--registry", registry, "--tokens", str(tokens)]
    proc = subprocess.Popen([*QAWARD, *args, *extra], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"qaward serve did not start: {proc.stderr.read() if proc.stderr else ''}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
