"""Every output that consulted a registry says which one and what it merged; --no-registry
turns it off (the same command must not answer differently on another machine unnoticed)."""

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from qaward.faces.cli import cli
from registrykit import EXAMPLES, ok

HUICHANG_ORG = EXAMPLES / "org_huichang_fluorine.yaml"
CHECK = ("check", str(HUICHANG_ORG), "-j", "huichang", "--as-of", "2026-09-01")


def invoke(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def filled(tmp_path: Path) -> str:
    reg = str(tmp_path / "registry.db")
    ok("registry", "init", registry=reg)
    ok("registry", "import", str(EXAMPLES / "registry_history.yaml"), registry=reg)
    return reg


def test_check_names_the_registry_and_what_it_merged(tmp_path):
    reg = filled(tmp_path)
    data = json.loads(invoke(*CHECK, "--registry", reg, "--format", "json").output)
    assert data["registry"]["state"] == "consulted" and data["registry"]["registry"].endswith(
        "registry.db"
    )
    assert data["registry"]["merged"]["awards"] >= 1
    text = invoke(*CHECK, "--registry", reg).output
    assert f"登记簿：sqlite:///{reg}（只读），合并获奖记录" in text


def test_no_registry_reads_none_and_says_so(tmp_path):
    reg = filled(tmp_path)
    barred = json.loads(invoke(*CHECK, "--registry", reg, "--format", "json").output)
    free = json.loads(invoke(*CHECK, "--registry", reg, "--no-registry", "--format", "json").output)
    assert barred["results"][0]["status"] == "ineligible"  # HC-13-6: a recorded city award
    assert free["results"][0]["status"] != "ineligible"
    assert free["registry"] == {"state": "disabled", "registry": None, "merged": None}
    assert "登记簿：未使用（--no-registry）" in invoke(*CHECK, "--no-registry").output


def test_a_missing_default_registry_is_named(tmp_path):
    out = invoke(*CHECK, env={"XDG_DATA_HOME": str(tmp_path), "QAWARD_REGISTRY": None}).output
    assert f"登记簿：未使用（{tmp_path}/qaward/registry.db 不存在）" in out


def test_evaluate_states_the_registry_in_every_format(tmp_path):
    reg = filled(tmp_path)
    cycle = EXAMPLES / "cycle_huichang.yaml"
    data = json.loads(invoke("evaluate", cycle, "--registry", reg, "--format", "json").output)
    assert data["registry"]["state"] == "consulted" and data["registry"]["merged"] is not None
    assert "登记簿：sqlite:///" in invoke("evaluate", cycle, "--registry", reg).output
    out = tmp_path / "ev.xlsx"
    invoke("evaluate", cycle, "--registry", reg, "--format", "xlsx", "-o", out)
    assert "登记簿：sqlite:///" in load_workbook(out)["说明"]["A1"].value
    csv = CliRunner().invoke(cli, ["evaluate", str(cycle), "--registry", reg, "--format", "csv"])
    assert "登记簿：sqlite:///" in csv.stderr and "登记簿" not in csv.stdout
