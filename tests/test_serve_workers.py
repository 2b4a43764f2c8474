"""``qaward serve --workers 2``: uvicorn's worker processes, each with its own registry pool and
history snapshot (SQLite; on PostgreSQL each check reads its own transaction). The real server on
a loopback port, talked to with httpx over connections whose worker is known
(``servekit.owner``): a write through one worker is seen by the next check in the other,
concurrent writes through both lose nothing and the audit chain verifies, the tokens are in no
process's arguments, a killed worker is replaced with the same settings, and SIGTERM or SIGINT
leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from servekit import AUTH, CASE, OPERATOR, ORG, QAWARD, TOKEN, alive, children, owner, start, stop

PER_WORKER = 4  # connections held on each worker for the concurrent writes
WRITES = 40


@pytest.fixture
def served(tmp_path, registry_url):
    """Two workers on a SQLite file or (with ``QAWARD_TEST_PG_URL``) a PostgreSQL schema."""
    proc, url = start(tmp_path, "--workers", "2", registry=registry_url)
    yield proc, url
    stop(proc)


def workers(proc: subprocess.Popen) -> set[int]:
    """The two worker processes (the parent's other child is multiprocessing's resource tracker,
    which holds no socket)."""
    pids = {pid for pid in children(proc.pid) if "spawn_main" in _cmdline(pid)}
    assert len(pids) == 2, pids
    return pids


def _cmdline(pid: int) -> str:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().replace(b"\0", b" ").decode()


def pinned(url: str, pids: set[int], per_worker: int) -> dict[int, list[httpx.Client]]:
    """``per_worker`` clients on each worker: each holds one keep-alive connection, opened until
    the kernel has handed enough of them to every worker (which worker accepts is its choice)."""
    held: dict[int, list[httpx.Client]] = {pid: [] for pid in pids}
    for _ in range(400):
        if all(len(clients) >= per_worker for clients in held.values()):
            return held
        client = httpx.Client(base_url=url, timeout=60)
        clients = held[owner(client.get("/health"), pids)]
        if len(clients) < per_worker:
            clients.append(client)
        else:
            client.close()
    raise AssertionError(
        f"connections never reached every worker: { {p: len(c) for p, c in held.items()} }"
    )


def _merged(client: httpx.Client) -> dict:
    r = client.post("/check", params={"as_of": "2026-09-01"}, json=ORG)
    assert r.status_code == 200, r.text
    return r.json()["registry"]["merged"]


def _award(n: int) -> dict:
    from cyclekit import code

    return {"awards": [{"credit_code": code(9300 + n), "award": "ganzhou_city", "tier": "quality",
                        "year": 2020, "granted_on": "2020-12-20"}]}  # fmt: skip


def test_two_workers_answer_and_keep_the_tokens_out_of_the_process_list(served):
    proc, url = served
    pids = workers(proc)
    held = pinned(url, pids, 1)
    for (client,) in held.values():
        assert client.get("/health").json()["status"] == "ok"
        r = client.post("/check", params={"as_of": "2026-09-01"}, json=ORG)
        assert r.status_code == 200 and r.json()["results"], r.text
        client.close()
    for pid in {proc.pid, *children(proc.pid)}:
        assert TOKEN not in _cmdline(pid)


def test_a_write_through_one_worker_is_seen_by_the_next_check_in_the_other(served):
    proc, url = served
    (a,), (b,) = pinned(url, workers(proc), 1).values()
    assert _merged(a)["sanctions"] == 0 and _merged(b)["sanctions"] == 0  # both snapshots loaded
    r = a.post("/sanction/record", json=CASE, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["recorded"]["changes"]["sanctions"] == {"inserted": 1}
    assert _merged(b)["sanctions"] == 1 and _merged(a)["sanctions"] == 1
    r = b.post("/registry/import", json=_award(0), headers=AUTH)
    assert r.status_code == 200, r.text
    assert a.get(f"/registry/{_award(0)['awards'][0]['credit_code']}").json()["awards"]
    a.close()
    b.close()


def test_concurrent_writes_through_both_workers_lose_nothing_and_the_chain_verifies(served):
    proc, url = served
    held = pinned(url, workers(proc), PER_WORKER)
    clients = [client for group in held.values() for client in group]
    per_client = WRITES // len(clients)

    def write(k: int) -> list[httpx.Response]:
        client = clients[k]
        return [client.post("/registry/import", json=_award(k * per_client + i), headers=AUTH)
                for i in range(per_client)]  # fmt: skip

    with ThreadPoolExecutor(len(clients)) as pool:
        answers = [r for rs in pool.map(write, range(len(clients))) for r in rs]
    assert [r.status_code for r in answers] == [200] * WRITES, [r.text for r in answers][:2]
    assert all(r.json()["changes"]["awards"] == {"inserted": 1} for r in answers)
    for group in held.values():  # every worker reads every write, and verifies the chain
        client = group[0]
        for n in range(WRITES):
            assert client.get(f"/registry/{_award(n)['awards'][0]['credit_code']}").json()["awards"]
        assert client.get("/registry/verify").json()["ok"]
        log = client.get("/registry/log", params={"limit": 1000}).json()["entries"]
        awarded = [e for e in log if e["table_name"] == "awards"]
        assert len(awarded) == WRITES and {e["operator"] for e in awarded} == {OPERATOR}
    for client in clients:
        client.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_every_worker_and_leaves_no_process_behind(tmp_path, sig):
    proc, url = start(tmp_path, "--workers", "2")
    try:
        left = children(proc.pid)
        assert len(workers(proc)) == 2
        proc.send_signal(sig)
        assert proc.wait(20) == 0
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in left) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in left if alive(pid)]
        with pytest.raises(httpx.TransportError):
            httpx.get(f"{url}/health", timeout=2)
    finally:
        stop(proc)


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_workers_must_be_a_whole_number_of_at_least_one(tmp_path, value):
    out = subprocess.run([*QAWARD, "serve", "--workers", value, "--registry",
                          str(tmp_path / "r.db")], capture_output=True, text=True, timeout=60)  # fmt: skip
    assert out.returncode == 2
    assert "--workers" in out.stderr and "Traceback" not in out.stderr


def test_a_worker_that_dies_is_replaced_with_the_same_settings(served):
    proc, url = served
    old = workers(proc)
    dead = min(old)
    os.kill(dead, signal.SIGKILL)
    deadline = time.monotonic() + 60  # the parent looks every half second
    while time.monotonic() < deadline:
        now = {pid for pid in children(proc.pid) if "spawn_main" in _cmdline(pid)}
        if len(now) == 2 and dead not in now:
            break
        time.sleep(0.1)
    new = workers(proc)
    assert dead not in new and len(new - old) == 1
    held = pinned(url, new, 1)
    client = held[(new - old).pop()][0]  # the new worker: same tokens, same registry
    r = client.post("/registry/import", json=_award(0), headers=AUTH)
    assert r.status_code == 200 and r.json()["changes"]["awards"] == {"inserted": 1}, r.text
    assert client.get("/registry/log").json()["entries"][0]["operator"] == OPERATOR
    for (c,) in held.values():
        c.close()
