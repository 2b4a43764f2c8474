"""``qaward serve``: the real server process on a loopback port, talked to with httpx. Every
documented response validates against its published schema; bad input is 4xx with the CLI's
field paths; writes need a token and record its holder; concurrent writes lose nothing."""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from jsonschema import Draft202012Validator
from qaward import io
from qaward.ops.schemas import output_schema
from registrykit import EXAMPLES
from servekit import OPERATOR, QAWARD, TOKEN, start, stop

ORG = io.read_document(EXAMPLES / "org_kfq_electronics.yaml")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def plain(data):
    return json.loads(io.dumps(data))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, url = start(tmp_path_factory.mktemp("serve"), "--max-body", "200000")
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def valid(name: str, response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    data = response.json()
    errors = [e.message for e in Draft202012Validator(output_schema(name)).iter_errors(data)]
    assert not errors, errors[:3]
    return data


def problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def test_health_openapi_and_offline_docs(http):
    assert http.get("/health").json()["status"] == "ok"
    spec = http.get("/openapi.json").json()
    assert spec["openapi"] == "3.1.0" and "/check/batch" in spec["paths"]
    assert "/screen" in spec["paths"]
    for name, schema in spec["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema), name
    page = http.get("/docs").text
    assert "/docs/static/swagger-ui-bundle.js" in page and "http" not in page.split("<body>")[1]
    assert http.get("/docs/static/swagger-ui-bundle.js").status_code == 200
    assert (
        "access-control-allow-origin"
        not in http.get("/health", headers={"Origin": "http://x"}).headers
    )


def test_check_trace_and_reads_follow_their_schemas(http):
    params = {"as_of": "2026-09-01", "jurisdiction": ["ganzhou_kfq", "ganzhou_city"]}
    data = valid("check", http.post("/check", params=params, json=plain(ORG)))
    assert [r["jurisdiction"] for r in data["results"]] == ["ganzhou_kfq", "ganzhou_city"]
    assert data["registry"]["state"] == "consulted"
    traced = valid("trace", http.post("/trace", params=params, json=plain(ORG)))
    assert all(
        f["article"]
        for r in traced["results"]
        for f in r["findings"]
        if f["rule"] != "sanction-record"
    )
    valid("jurisdictions", http.get("/jurisdictions"))
    valid("clauses", http.get("/clauses", params={"jurisdiction": "hongqi"}))
    valid("compare", http.get("/compare", params={"as_of": "2026-09-01"}))


def test_batch_takes_a_json_array_or_json_lines(http):
    bad = dict(plain(ORG), sector="mining")
    array = valid("check_batch", http.post("/check/batch?as_of=2026-09-01", json=[plain(ORG), bad]))
    assert array["count"] == 2 and array["items"][1]["errors"]
    lines = "\n".join(json.dumps(d, ensure_ascii=False) for d in (plain(ORG), bad, plain(ORG)))
    ndjson = http.post(
        "/check/batch?as_of=2026-09-01",
        content=lines.encode(),
        headers={"content-type": "application/x-ndjson"},
    )
    assert valid("check_batch", ndjson)["count"] == 3


def test_screen_takes_a_json_array_or_json_lines(http):
    params = {"as_of": "2026-09-01", "jurisdiction": "ganzhou_kfq"}
    data = valid("screen", http.post("/screen", params=params, json=[plain(ORG), plain(ORG)]))
    assert data["count"] == 2 and {r["jurisdiction"] for r in data["results"]} == {"ganzhou_kfq"}
    lines = "\n".join(json.dumps(plain(ORG), ensure_ascii=False) for _ in range(3))
    ndjson = http.post(
        "/screen",
        params=params,
        content=lines.encode(),
        headers={"content-type": "application/x-ndjson"},
    )
    assert valid("screen", ndjson)["summary"]["organizations"] == 3
    p = problem(http.post("/screen", json=[plain(ORG), dict(plain(ORG), sector="mining")]), 422)
    assert p["where"] == "$[1]" and any(e.endswith("@ $.sector") for e in p["errors"])
    assert problem(http.post("/screen", json={"not": "a list"}), 422)


def test_bad_input_is_a_problem_with_the_cli_message(http):
    p = problem(http.post("/check", json=dict(plain(ORG), credit_code="91360703MA399JF904")), 422)
    assert any(e.endswith("@ $.credit_code") and "校验位" in e for e in p["errors"])
    assert problem(http.post("/check", content=b"{not json"), 422)["errors"][0].startswith("JSON")
    assert problem(http.post("/check", content=b"\xff\xfe"), 422)
    assert problem(http.post("/check?as_of=2026-13-01", json=plain(ORG)), 422)["errors"] == [
        "as_of: 应为日期（YYYY-MM-DD），得到 '2026-13-01'"
    ]
    assert problem(http.post("/check", json=plain(ORG), params={"jurisdiction": "x"}), 422)
    assert problem(http.get("/nowhere"), 404) and problem(http.get("/check"), 405)
    assert problem(http.post("/check", content=b"x" * 300_000), 413)


def test_a_cycle_over_http_may_not_name_a_server_file(http):
    cycle = plain(io.unstructure(io.load_cycle(EXAMPLES / "cycle_ganzhou_city.yaml")))
    valid("evaluate", http.post("/evaluate", json=cycle))
    cycle["applications"][0] = {"organization_file": "/etc/passwd", "tier": "quality"}
    p = problem(http.post("/evaluate", json=cycle), 422)
    assert p["errors"] == [
        "$.applications[0].organization_file: 此处不接受文件路径，请在 organization 中直接给出组织"
    ]


def test_writes_need_a_token_and_record_its_holder(http):
    history = plain(io.read_document(EXAMPLES / "registry_history.yaml"))
    assert problem(http.post("/registry/import", json=history), 401)
    wrong = {"Authorization": "Bearer tok-wrong-0123456789abcdef"}
    assert problem(http.post("/registry/import", json=history, headers=wrong), 401)
    valid("registry_changes", http.post("/registry/import", json=history, headers=AUTH))
    case = plain(io.read_document(EXAMPLES / "sanction_case_kfq_accident.yaml"))
    assert valid("sanction", http.post("/sanction", json=case))["recorded"] is None
    done = valid("sanction", http.post("/sanction/record", json=case, headers=AUTH))
    assert done["recorded"]["changes"]["sanctions"] == {"inserted": 1}
    body = {"from": "ganzhou_kfq", "to": "ganzhou_city", "as_of": "2026-09-01", "dry_run": True}
    valid("recommend", http.post("/recommend", json=body, headers=AUTH))
    log = valid("registry_log", http.get("/registry/log", params={"limit": 200}))["entries"]
    assert {e["operator"] for e in log if e["command"] != "registry init"} == {OPERATOR}
    shown = valid("registry_show", http.get("/registry/91360703MA399JF903"))
    assert shown["sanctions"]
    assert valid("registry_verify", http.get("/registry/verify"))["ok"]


def test_concurrent_writes_lose_nothing(http):
    def award(n: int) -> dict:
        code = _code(n)
        return {"awards": [{"credit_code": code, "award": "ganzhou_city", "tier": "quality",
                            "year": 2020, "granted_on": "2020-12-20"}]}  # fmt: skip

    with ThreadPoolExecutor(8) as pool:
        codes = list(
            pool.map(
                lambda n: http.post("/registry/import", json=award(n), headers=AUTH), range(24)
            )
        )
    assert [r.status_code for r in codes] == [200] * 24
    for n in range(24):
        assert http.get(f"/registry/{_code(n)}").json()["awards"], n
    assert http.get("/registry/verify").json()["ok"]


def _code(n: int) -> str:
    from cyclekit import code

    return code(9000 + n)


def test_a_check_sees_every_registry_write_at_once(tmp_path):
    """The service keeps the recorded histories in memory (checks need no read); a commit by
    the service itself or by another process on the same file is seen by the very next check."""
    proc, url = start(tmp_path)
    try:
        with httpx.Client(base_url=url, timeout=30) as http:

            def merged() -> int:
                r = http.post("/check", params={"as_of": "2026-09-01"}, json=plain(ORG))
                return valid("check", r)["registry"]["merged"]["awards"]

            def award(year: int) -> dict:
                return {"awards": [{"credit_code": ORG["credit_code"], "award": "ganzhou_kfq",
                                    "tier": "quality", "year": year,
                                    "granted_on": f"{year}-12-20"}]}  # fmt: skip

            assert merged() == 0
            r = http.post("/registry/import", json=award(2022), headers=AUTH)
            assert r.status_code == 200, r.text
            assert merged() == 1
            other = tmp_path / "other.json"
            other.write_text(json.dumps(award(2019)), encoding="utf-8")
            registry = str(tmp_path / "registry.db")
            subprocess.run([*QAWARD, "registry", "import", str(other), "--registry", registry],
                           check=True, capture_output=True)  # fmt: skip
            assert merged() == 2
    finally:
        stop(proc)


def test_a_read_past_the_timeout_is_answered_504(tmp_path):
    """--timeout bounds how long a caller waits for a read: a batch far larger than the time
    allows is answered 504 problem+json (its worker is left to finish, its answer dropped), and
    the service goes on answering."""
    proc, url = start(tmp_path, "--timeout", "0.1", "--max-body", "20000000")
    try:
        with httpx.Client(base_url=url, timeout=60) as http:
            batch = [plain(ORG)] * 5000  # seconds of work on any machine, against 0.1 s
            p = problem(http.post("/check/batch", params={"as_of": "2026-09-01"}, json=batch), 504)
            assert p["title"] == "处理超过 0.1 秒，已停止等待" and p["status"] == 504
            assert http.get("/health").json()["status"] == "ok"
            valid("check", http.post("/check", params={"as_of": "2026-09-01"}, json=plain(ORG)))
    finally:
        stop(proc)
