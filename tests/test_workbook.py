"""A cycle from an Excel workbook: the template ``qaward template`` writes, filled as a bureau
would (Chinese labels included), gives the same result as the YAML file; errors name the sheet,
row and column and exit 2."""

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from cyclekit import app
from openpyxl import load_workbook
from qaward import workbook
from qaward.faces.cli import cli

APPS = [app("ganzhou_kfq", n, score) for n, score in ((1, 820), (2, 790), (3, 760), (4, 700))]
TOP = {
    "award": "ganzhou_kfq",
    "year": 2026,
    "as_of": "2026-09-01",
    "publicity_starts": "2026-09-15",
}


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _get(data: dict, dotted: str):
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _cell(value, column):
    if isinstance(value, list):
        return "、".join(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if column.key == "sector" and value == "manufacturing":
        return "制造业"  # a Chinese label, as a reviewer writes it
    return value


def filled(tmp_path: Path, apps=APPS, top=TOP) -> Path:
    path = tmp_path / "cycle.xlsx"
    assert invoke("template", path).exit_code == 0
    wb = load_workbook(path)
    for row in wb[workbook.CYCLE_SHEET].iter_rows(min_row=2):
        key = {c.header: c.key for c in workbook.CYCLE_FIELDS}[row[0].value]
        row[1].value = top.get(key)
    for a in apps:
        org = a["organization"]
        code = org["credit_code"]
        wb[workbook.APPS_SHEET].append([code, {"quality": "质量奖"}[a["tier"]], a.get("score")])
        wb[workbook.ORGS_SHEET].append([_cell(_get(org, c.key), c) for c in workbook.ORG_COLUMNS])
        for f in org["financials"]:
            wb[workbook.FIN_SHEET].append([code, f["year"], f["revenue"], f["profit"]])
        for c in org["certifications"]:
            wb[workbook.CERT_SHEET].append([code, c["standard"], c["since"], c.get("valid_until")])
    wb.save(path)
    return path


def test_template_has_the_sheets_and_frozen_headers(tmp_path):
    path = tmp_path / "t.xlsx"
    out = invoke("template", path)
    assert out.exit_code == 0 and "qaward evaluate" in out.output
    wb = load_workbook(path)
    assert wb.sheetnames == ["评审", "申报", "组织", "财务", "认证"]
    assert [c.value for c in wb["申报"][1]][:3] == ["统一社会信用代码", "申报奖项", "总分"]
    assert all(wb[s].freeze_panes == "A2" for s in wb.sheetnames)
    assert invoke("template", path).exit_code == 2  # exists: not overwritten without --force


def test_workbook_gives_the_same_result_as_the_yaml_file(tmp_path):
    xlsx = filled(tmp_path)
    yml = tmp_path / "cycle.yaml"
    yml.write_text(yaml.safe_dump(dict(TOP, applications=APPS), allow_unicode=True), "utf-8")
    a = invoke("evaluate", yml, "--no-registry", "--format", "json")
    b = invoke("evaluate", xlsx, "--no-registry", "--format", "json")
    assert b.exit_code == 0, b.output
    assert json.loads(a.output) == json.loads(b.output)
    assert len(json.loads(b.output)["winners"]) == 3


def _edit(path: Path, sheet: str, cell: str, value) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


@pytest.mark.parametrize(
    "sheet, cell, value, expected",
    [
        ("申报", "C3", "八百", "工作表“申报”第3行C列（总分）"),
        ("组织", "F2", "化工", "工作表“组织”第2行F列（行业）"),
        ("组织", "L4", 5, "工作表“组织”第4行L列（安全生产标准化等级）"),
        ("财务", "C2", -5, "工作表“财务”第2行C列（营业收入（元））"),
        ("评审", "B3", "明年", "工作表“评审”第3行B列（年度）"),
        ("认证", "C2", "2018/5/10", "工作表“认证”第2行C列（取得日期）"),
    ],
)
def test_errors_name_sheet_row_and_column_and_exit_2(tmp_path, sheet, cell, value, expected):
    path = filled(tmp_path)
    _edit(path, sheet, cell, value)
    out = invoke("evaluate", path, "--no-registry")
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert expected in out.output, out.output


def test_an_application_without_its_organisation_is_named(tmp_path):
    path = filled(tmp_path)
    _edit(path, "申报", "A5", "91360703MA35T0009X")
    out = invoke("evaluate", path, "--no-registry")
    assert out.exit_code == 2 and "工作表“申报”第5行A列（统一社会信用代码）" in out.output


def test_an_unknown_column_is_named(tmp_path):
    path = filled(tmp_path)
    _edit(path, "组织", "AZ1", "备注")
    out = invoke("evaluate", path, "--no-registry")
    assert out.exit_code == 2 and "工作表“组织”第1行: 未知的列 备注" in out.output


def test_report_reads_a_workbook(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "r.html"
    assert invoke("report", filled(tmp_path), "--no-registry", "-o", out).exit_code == 0
    assert "申报组织01" in out.read_text(encoding="utf-8")
