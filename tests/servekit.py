"""The real server for the tests: ``qaward serve`` as a process on a free loopback port, with a
registry of its own and a token file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from qaward import io
from registrykit import EXAMPLES

TOKEN = "tok-reviewer-0123456789abcdef"
OPERATOR = "王审核"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# the documents the service tests send (as JSON, the way a client posts them)
ORG = json.loads(io.dumps(io.read_document(EXAMPLES / "org_kfq_electronics.yaml")))
CASE = json.loads(io.dumps(io.read_document(EXAMPLES / "sanction_case_kfq_accident.yaml")))
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


# --- `qaward serve --workers N`: which process is which (Linux /proc) ----------------------------


def children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (the workers, and multiprocessing's resource tracker)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def owner(response: httpx.Response, pids: set[int]) -> int:
    """Which of ``pids`` holds the server's end of the keep-alive connection ``response`` came on."""
    client_port = response.extensions["network_stream"].get_extra_info("client_addr")[1]
    server_port = response.url.port
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = (int(part.split(":")[1], 16) for part in fields[1:3])
        if (local, remote) == (server_port, client_port):
            inodes.add(f"socket:[{fields[9]}]")
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) in inodes:
                    return pid
            except OSError:
                continue
    raise LookupError(f"no process of {pids} holds the connection from port {client_port}")
