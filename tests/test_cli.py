"""The command line, through click's runner and once as a real subprocess."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from conftest import org_data
from qaward.faces.cli import cli

EXAMPLE = Path(__file__).parent.parent / "examples" / "org_kfq_electronics.yaml"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def write(tmp_path, data, name="org.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_jurisdictions_table_and_json():
    table = run("jurisdictions")
    assert table.exit_code == 0 and "赣州经开区主任质量奖" in table.output
    rows = json.loads(run("jurisdictions", "--format", "json").output)["jurisdictions"]
    kfq = next(r for r in rows if r["id"] == "ganzhou_kfq")
    assert kfq["document"] == "赣经开政字〔2024〕12号" and kfq["parent"] == "ganzhou_city"
    assert kfq["effective_from"] == "2024-03-01" and kfq["status"] == "in_force"


def test_check_json_follows_the_data_contract():
    out = run("check", EXAMPLE, "--as-of", "2026-09-01", "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["as_of"] == "2026-09-01" and data["organization"] == "赣州示例电子有限公司"
    by_id = {r["jurisdiction"]: r for r in data["results"]}
    assert by_id["ganzhou_city"]["status"] == "eligible"
    kfq = by_id["ganzhou_kfq"]
    assert kfq["status"] == "ineligible" and kfq["award"] == "赣州经开区主任质量奖"
    failed = [f for f in kfq["findings"] if f["passed"] is False]
    assert [f["rule"] for f in failed] == ["KFQ-11-6"]
    assert failed[0]["citation"] == "赣经开政字〔2024〕12号 第十一条（六）"
    assert set(failed[0]) >= {"rule", "passed", "citation", "message", "facts", "plugin"}
    assert kfq["warnings"] == []


def test_check_one_jurisdiction_table():
    out = run("check", EXAMPLE, "--as-of", "2026-09-01", "-j", "ganzhou_city")
    assert out.exit_code == 0
    assert "赣州市市长质量奖" in out.output and "赣州经开区主任质量奖" not in out.output
    assert "CITY-13-6" in out.output and "赣市府发〔2022〕15号 第十三条（六）" in out.output


def test_undetermined_status_in_json(tmp_path):
    path = write(tmp_path, org_data(established_on=None))
    data = json.loads(
        run("check", path, "-j", "ganzhou_city", "--as-of", "2026-09-01", "--format", "json").output
    )
    result = data["results"][0]
    assert result["status"] == "undetermined"
    missing = [f for f in result["findings"] if f["passed"] is None]
    assert missing[0]["facts"]["missing"] == "established_on"


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"credit_code": "91360703MA399JF904"}, "$.credit_code"),
        ({"colour": "red"}, "未知字段 colour"),
        ({"established_on": "2016-13-01"}, "$.established_on"),
        ({"region": "atlantis"}, "$.region"),
        ({"safety_standardization_level": "two"}, "$.safety_standardization_level"),
    ],
)
def test_bad_input_exits_2_with_path_and_no_traceback(tmp_path, changes, words):
    path = write(tmp_path, org_data(**changes))
    out = run("check", path)
    assert out.exit_code == 2
    assert words in out.output and str(path) in out.output
    assert "Traceback" not in out.output


def test_malformed_yaml_exits_2(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: 甲\n  credit_code: [\n", encoding="utf-8")
    out = run("check", path)
    assert out.exit_code == 2 and "YAML 格式错误" in out.output


def test_unknown_jurisdiction_and_bad_date_exit_2():
    assert run("check", EXAMPLE, "-j", "atlantis").exit_code == 2
    out = run("check", EXAMPLE, "--as-of", "2026-02-30")
    assert out.exit_code == 2 and "YYYY-MM-DD" in out.output


def test_compare_json_rows_cite_clauses():
    data = json.loads(run("compare", "--format", "json", "--as-of", "2026-09-01").output)
    rows = {r["term"]: {j: c["text"] for j, c in r["values"].items()} for r in data["rows"]}
    cells = {r["term"]: r["values"] for r in data["rows"]}
    assert cells["监督抽查范围"]["ganzhou_city"]["clauses"] == ["CITY-13-6"]
    assert rows["名额"]["ganzhou_kfq"].startswith("质量奖≤3")
    assert "CITY-6" in rows["类别限额"]["ganzhou_city"]
    assert rows["监督抽查范围"]["ganzhou_city"] == "国家、省级质量监督抽查不合格（CITY-13-6）"
    assert rows["监督抽查范围"]["ganzhou_kfq"] == "各级质量监督抽查不合格（KFQ-11-6）"
    assert "10年内不得申报" in rows["弄虚作假处理"]["ganzhou_kfq"]


def test_clauses_json_lists_every_ganzhou_clause():
    rows = json.loads(run("clauses", "--format", "json").output)["clauses"]
    ids = {r["clause"] for r in rows}
    assert {"KFQ-11-6", "KFQ-21", "CITY-30", "CITY-34"} <= ids
    for r in rows:
        assert r["status"] in {"encoded", "attested", "out-of-scope", "not yet"}
        assert r["encoded_by"] or r["reason"], r["clause"]


# Commands that write files or run a server: they print no document to format.
NO_DOCUMENT = {"new-plugin", "report", "serve", "template"}


def test_every_command_offers_format_json():
    ctx = click.Context(cli)
    names = cli.list_commands(ctx)  # every command, imported or not yet (the group is lazy)
    assert set(names) >= NO_DOCUMENT
    for name in sorted(set(names) - NO_DOCUMENT):
        command = cli.get_command(ctx, name)
        subs = command.commands.values() if hasattr(command, "commands") else [command]
        for sub in subs:
            options = {o for p in sub.params for o in getattr(p, "opts", [])}
            assert "--format" in options, f"{name} {sub.name}"


def test_schema_describes_the_contract():
    data = json.loads(run("schema").output)
    org = data["$defs"]["Organization"]
    assert org["additionalProperties"] is False
    assert {"name", "credit_code", "region"} <= set(org["required"])
    assert data["$defs"]["Accident"]["properties"]["kind"] == {"const": "accident"}
    assert "Application" in json.loads(run("schema", "cycle").output)["$defs"]


def test_real_subprocess():
    exe = shutil.which("qaward") or str(Path(sys.executable).parent / "qaward")
    done = subprocess.run(
        [exe, "check", str(EXAMPLE), "--as-of", "2026-09-01", "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"]
    bad = subprocess.run(
        [exe, "check", "/nonexistent.yaml"], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_an_output_into_a_missing_folder_exits_2_naming_it(tmp_path):
    """A file the command writes (here the printable report) where no folder is: the path and
    the reason, exit 2, not a traceback."""
    out = tmp_path / "missing" / "report.html"
    res = run("report", EXAMPLE, "-o", out)
    assert res.exit_code == 2, res.output
    assert f"{out}: 无法读写文件" in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["report"], "cycle_ganzhou_kfq.yaml"),
        (["evaluate", "--format", "xlsx"], "cycle_ganzhou_kfq.yaml"),
        (["check", "--format", "csv"], "org_kfq_electronics.yaml"),
    ],
)
def test_an_output_naming_the_input_is_refused_and_the_input_kept(tmp_path, command, name):
    """`qaward report cycle.yaml -o cycle.yaml` replaced the reviewer's cycle file with the
    report: an output naming one of the command's input files is refused before it is written."""
    shutil.copytree(EXAMPLE.parent, tmp_path, dirs_exist_ok=True)  # a cycle names its org files
    path = tmp_path / name
    before = path.read_bytes()
    res = run(command[0], path, *command[1:], "-o", tmp_path / "." / name)
    assert res.exit_code == 2, res.output
    assert "输出文件就是输入文件" in res.output
    assert path.read_bytes() == before
    res = run(command[0], path, *command[1:], "-o", tmp_path / f"out-{name}.out")
    assert res.exit_code == 0, res.output  # another name is written as before
