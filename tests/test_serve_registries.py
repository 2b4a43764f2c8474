"""Registry writes over HTTP on each backend: a SQLite file and, when ``QAWARD_TEST_PG_URL`` names
a database, PostgreSQL (skipped with the reason otherwise; CI starts one, ``.ci/postgres.sh``).
Two service processes share one registry and take writes at the same time: nothing is lost,
every audit row names the token's holder, the chain verifies, and each service's reads see the
other's writes at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from servekit import AUTH, CASE, OPERATOR, ORG, start, stop

WRITES = 40


@pytest.fixture
def services(tmp_path, registry_url):
    """Two ``qaward serve`` processes on the same registry."""
    started = []
    try:
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
            started.append(start(tmp_path / name, registry=registry_url))
        clients = [httpx.Client(base_url=url, timeout=60) for _, url in started]
        yield clients
        for client in clients:
            client.close()
    finally:
        for proc, _ in started:
            stop(proc)


def _code(n: int) -> str:
    from cyclekit import code

    return code(9100 + n)


def _award(n: int) -> dict:
    return {"awards": [{"credit_code": _code(n), "award": "ganzhou_city", "tier": "quality",
                        "year": 2020, "granted_on": "2020-12-20"}]}  # fmt: skip


def _merged(client: httpx.Client) -> dict:
    r = client.post("/check", params={"as_of": "2026-09-01"}, json=ORG)
    assert r.status_code == 200, r.text
    return r.json()["registry"]["merged"]


def test_two_services_writing_one_registry_at_once_lose_nothing(services):
    a, b = services

    def post(n: int) -> httpx.Response:
        return (a, b)[n % 2].post("/registry/import", json=_award(n), headers=AUTH)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(post, range(WRITES)))
    assert [r.status_code for r in answers] == [200] * WRITES, [r.text for r in answers][:2]
    assert all(r.json()["changes"]["awards"] == {"inserted": 1} for r in answers)
    for n in range(WRITES):  # read on the service that did not write it
        assert (b, a)[n % 2].get(f"/registry/{_code(n)}").json()["awards"], n
    log = a.get("/registry/log", params={"limit": 1000}).json()["entries"]
    awarded = [e for e in log if e["table_name"] == "awards"]
    assert len(awarded) == WRITES and {e["operator"] for e in awarded} == {OPERATOR}
    assert a.get("/registry/verify").json()["ok"] and b.get("/registry/verify").json()["ok"]


def test_a_sanction_recorded_on_one_service_is_read_by_the_other(services):
    a, b = services
    assert _merged(b)["sanctions"] == 0
    r = a.post("/sanction/record", json=CASE, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["recorded"]["changes"]["sanctions"] == {"inserted": 1}
    assert _merged(b)["sanctions"] == 1 and _merged(a)["sanctions"] == 1
    assert b.get(f"/registry/{ORG['credit_code']}").json()["sanctions"]
