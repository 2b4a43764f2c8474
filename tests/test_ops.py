"""The layer of operations (qaward.ops): every output document validates against its published
JSON Schema, warnings carry stable codes, the CLI prints exactly what the operation returns, the
registry's audit names the operator (经办人), and a cycle read from a request names no file."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from qaward import io, ops
from qaward.notices import CODES, Notice
from qaward.ops.schemas import OUTPUTS, output_schema
from registrykit import EXAMPLES, as_json, ok, run

D = dt.date(2026, 9, 1)
ORGS = sorted(EXAMPLES.glob("org_*.yaml"))
CYCLES = sorted(EXAMPLES.glob("cycle_*.yaml"))
CASES = sorted(EXAMPLES.glob("sanction_case_*.yaml"))


def valid(name: str, doc: dict[str, Any]) -> dict[str, Any]:
    """The document as JSON, after checking it against the schema ``qaward schema NAME`` prints."""
    data = json.loads(io.dumps(doc))
    validator = Draft202012Validator(
        output_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors[:5]
    assert data["schema_version"] == ops.SCHEMA_VERSION
    return data


def test_every_output_schema_is_a_valid_json_schema():
    for name in OUTPUTS:
        Draft202012Validator.check_schema(output_schema(name))


@pytest.mark.parametrize("path", ORGS, ids=lambda p: p.stem)
def test_check_and_trace_documents_follow_their_schemas(path):
    data = valid("check", ops.check(io.read_document(path), D, where=str(path)))
    assert {r["jurisdiction"] for r in data["results"]} >= {"ganzhou_city", "ganzhou_kfq"}
    traced = valid("trace", ops.trace(io.read_document(path), D, where=str(path)))
    finding = traced["results"][0]["findings"][0]
    assert finding["article"] and finding["clause_summary"] and "facts" in finding


def test_batch_checks_each_item_and_reports_bad_items_by_path():
    good = io.read_document(EXAMPLES / "org_kfq_electronics.yaml")
    bad = dict(good, credit_code="91360703MA399JF904", sector="mining")
    data = valid("check_batch", ops.check_batch([good, bad, 7], D, ["ganzhou_kfq"], where="$"))
    assert data["count"] == 3 and data["items"][0]["results"][0]["jurisdiction"] == "ganzhou_kfq"
    assert any(e.endswith("@ $.credit_code") for e in data["items"][1]["errors"])
    assert any(e.endswith("@ $.sector") for e in data["items"][1]["errors"])
    assert data["items"][2]["errors"] == ["$: 应为映射（键: 值），得到 int"]


@pytest.mark.parametrize("path", CYCLES, ids=lambda p: p.stem)
def test_evaluate_documents_follow_the_schema_and_warnings_carry_codes(path):
    data = valid(
        "evaluate", ops.evaluate(io.read_document(path), where=str(path), base=path.parent)
    )
    for w in data["warnings"]:
        assert w["code"] in CODES and w["code"] != "other", w


def test_warning_codes_name_what_happened():
    path = EXAMPLES / "cycle_ganzhou_city.yaml"
    data = ops.evaluate(io.read_document(path), where=str(path), base=path.parent)
    codes = {w["code"] for w in data["warnings"]}
    assert {"tie", "vacancy", "granted_on_estimated"} <= codes
    draft = ops.check(io.read_document(EXAMPLES / "org_jindong_machinery.yaml"), D, ["jindong"])
    assert [w["code"] for w in draft["results"][0]["warnings"]] == ["regulation_not_in_force"]
    with pytest.raises(ValueError):
        Notice("no_such_code", "…")
    import pickle

    again = pickle.loads(pickle.dumps(Notice("tie", "并列")))
    assert (again, again.code) == ("并列", "tie")


def test_a_cycle_from_a_request_may_not_name_a_server_file():
    doc = io.read_document(EXAMPLES / "cycle_ganzhou_city.yaml")
    doc["applications"][0] = {"organization_file": "/etc/passwd", "tier": "quality"}
    with pytest.raises(io.InputError) as exc:
        ops.evaluate(doc, where="request")
    assert exc.value.problems == [
        "$.applications[0].organization_file: 此处不接受文件路径，请在 organization 中直接给出组织"
    ]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_sanction_documents_follow_the_schema(path):
    data = valid("sanction", ops.sanction(io.read_document(path), where=str(path)))
    assert data["case"]["event"]["text"] and data["recorded"] is None


def test_catalogue_documents_follow_their_schemas():
    data = valid("compare", ops.compare(None, D))
    cell = next(r for r in data["rows"] if r["term"] == "监督抽查范围")["values"]["ganzhou_kfq"]
    assert cell == {"text": "各级质量监督抽查不合格（KFQ-11-6）", "clauses": ["KFQ-11-6"]}
    valid("clauses", ops.clauses())
    valid("jurisdictions", ops.jurisdictions())
    with pytest.raises(io.InputError):
        ops.compare(["nowhere"], D)


def test_registry_documents_follow_their_schemas_and_name_the_operator(tmp_path):
    reg = str(tmp_path / "r.db")
    valid("registry_init", ops.init(registry=reg, operator="王审核"))
    history = io.read_document(EXAMPLES / "registry_history.yaml")
    valid("registry_changes", ops.import_records(history, registry=reg, operator="王审核"))
    case = io.read_document(EXAMPLES / "sanction_case_kfq_accident.yaml")
    done = valid("sanction", ops.sanction(case, record=True, registry=reg, operator="李经办"))
    assert done["recorded"]["changes"]["sanctions"] == {"inserted": 1}
    valid("recommend", ops.recommend("ganzhou_kfq", "ganzhou_city", D, registry=reg))
    shown = valid("registry_show", ops.show("91360703MA399JF903", D, registry=reg))
    assert shown["sanctions"] and shown["bans"]
    assert valid("registry_verify", ops.verify(registry=reg))["ok"]
    entries = valid("registry_log", ops.log(registry=reg, limit=500))["entries"]
    by_command = {(e["command"], e["operator"]) for e in entries}
    assert {("registry init", "王审核"), ("registry import", "王审核")} <= by_command
    assert ("sanction --record", "李经办") in by_command


def test_the_operator_is_part_of_the_audit_chain(tmp_path):
    """Changing who is recorded as 经办人 breaks the chain, like changing any audited field."""
    reg = str(tmp_path / "r.db")
    ops.init(registry=reg)
    ops.import_records(
        io.read_document(EXAMPLES / "registry_history.yaml"), registry=reg, operator="王审核"
    )
    with sqlite3.connect(reg) as conn:
        conn.execute("UPDATE audit SET operator = '张冒名' WHERE id = 3")
    problems = ops.verify(registry=reg)["problems"]
    assert problems == ["审计记录 #3 的内容与其哈希不符（已被修改）"]


def test_cli_takes_the_operator_from_option_or_environment(tmp_path, monkeypatch):
    reg = str(tmp_path / "r.db")
    ok("registry", "init", registry=reg)
    ok("registry", "import", str(EXAMPLES / "registry_history.yaml"), "--operator", "赵科长",
       registry=reg)  # fmt: skip
    monkeypatch.setenv("QAWARD_OPERATOR", "钱科员")
    ok("sanction", str(EXAMPLES / "sanction_case_kfq_accident.yaml"), "--record", registry=reg)
    entries = as_json("registry", "log", "--limit", "100", registry=reg)["entries"]
    assert {e["operator"] for e in entries if e["command"] == "registry import"} == {"赵科长"}
    assert {e["operator"] for e in entries if e["command"] == "sanction --record"} == {"钱科员"}
    assert "钱科员" in run("registry", "log", registry=reg).output


def test_an_old_registry_upgrades_and_its_chain_still_verifies(tmp_path):
    """A registry written before the operator column (schema 0001) upgrades in place."""
    from alembic import command
    from qaward.registry import migrate

    reg = ops.open_registry(str(tmp_path / "old.db"))
    with reg.engine.begin() as conn:
        command.upgrade(migrate._config(conn), "0001")
    assert ops.init(registry=reg)["from"] == "0001"
    ops.import_records(io.read_document(EXAMPLES / "registry_history.yaml"), registry=reg)
    assert ops.verify(registry=reg)["ok"]


@pytest.mark.parametrize(
    "argv",
    [
        ["check", str(EXAMPLES / "org_kfq_electronics.yaml"), "--as-of", "2026-09-01"],
        ["evaluate", str(EXAMPLES / "cycle_hongqi.yaml")],
        ["sanction", str(EXAMPLES / "sanction_case_kfq_fraud.yaml")],
        ["compare", "--as-of", "2026-09-01", "-j", "hongqi"],
    ],
    ids=lambda a: a[0],
)
def test_the_cli_prints_what_the_operation_returns(argv, tmp_path):
    registry = None if argv[0] == "compare" else str(tmp_path / "no.db")
    printed = json.loads(run(*argv, "--format", "json", registry=registry).output)
    path = Path(argv[1]) if len(argv) > 1 and argv[1].endswith(".yaml") else None
    direct = {
        "check": lambda: ops.check(io.read_document(path), D, registry=registry, where=str(path)),
        "evaluate": lambda: ops.evaluate(
            io.read_document(path), registry=registry, base=path.parent
        ),
        "sanction": lambda: ops.sanction(io.read_document(path)),
        "compare": lambda: ops.compare(["hongqi"], D),
    }[argv[0]]()
    assert printed == json.loads(io.dumps(direct))


@pytest.mark.parametrize("name", ["check", "evaluate", "compare", "registry_show", "problem"])
def test_qaward_schema_prints_the_output_schemas(name):
    printed = json.loads(run("schema", name).output)
    assert printed["title"] == name and printed["$defs"]


def test_the_cli_offers_every_output_schema():
    from qaward.faces.cli.declarations import OUTPUTS as LISTED

    assert set(LISTED) == set(OUTPUTS)


def test_screen_follows_its_schema_and_agrees_with_check():
    docs = [io.read_document(p) for p in ORGS]
    data = valid("screen", ops.screen(docs, D, where="$"))
    assert data["count"] == len(ORGS) == data["summary"]["organizations"]
    screened = {(r["credit_code"], r["jurisdiction"]): r for r in data["results"]}
    for doc in docs:
        for r in ops.check(doc, D)["results"]:
            row = screened[doc["credit_code"], r["jurisdiction"]]
            failing = [f["rule"] for f in r["findings"] if f["passed"] is False]
            assert row["status"] == r["status"], (doc["name"], r["jurisdiction"])
            assert sorted(set(row["failing"])) == sorted(set(failing)), row
            assert all(c.split(" ", 1)[1] for c in row["citations"])


def test_screen_refuses_a_bad_organisation_by_its_path():
    good = io.read_document(EXAMPLES / "org_kfq_electronics.yaml")
    bad = dict(good, sector="mining")
    with pytest.raises(io.InputError) as exc:
        ops.screen([good, bad], D, ["ganzhou_kfq"], where="$")
    assert exc.value.where == "$[1]" and any(e.endswith("@ $.sector") for e in exc.value.problems)
    with pytest.raises(io.InputError, match="jurisdictions"):
        ops.screen([good], D, ["nowhere"], where="$")
