"""``qaward compare``: every jurisdiction side by side, each cell from the plugin's declarations
and citing its clause; a term the regulation leaves open says so."""

import json
import re

import pytest
from click.testing import CliRunner
from conftest import AS_OF
from qaward.compare import OPEN, comparison
from qaward.faces.cli import cli

CITES = re.compile(r"（[A-Z]+-[0-9A-Z-]+）")
UNCITED_ROWS = {"级别", "文件"}  # facts about the jurisdiction, not clauses


@pytest.fixture(scope="module")
def table(catalog):
    ids, rows = comparison(catalog, as_of=AS_OF)
    return {label: dict(zip(ids, cells, strict=True)) for label, cells in rows}


def test_every_installed_jurisdiction_has_a_column(catalog, table):
    for cells in table.values():
        assert list(cells) == list(catalog.jurisdictions)


def test_every_cell_cites_its_clause_or_says_it_is_open(table):
    for label, cells in table.items():
        for jid, cell in cells.items():
            assert cell.strip(), (label, jid)
            if label in UNCITED_ROWS:
                continue
            assert CITES.search(cell) or cell.startswith(OPEN) or cell == "不分类别", (
                label,
                jid,
                cell,
            )


@pytest.mark.clause("CITY-6", "CITY-8", "CITY-23", "CITY-27")
def test_ganzhou_city_cells(table):
    col = {k: v["ganzhou_city"] for k, v in table.items()}
    assert col["评审周期"] == "每2年评审1次（CITY-6）"
    assert col["名额"] == "质量奖≤5、提名奖≤5，可空缺（CITY-6）"
    assert "质量奖50万元（CITY-8）" in col["奖金"]
    assert col["有效期"] == "3年（CITY-23）"
    assert col["再次申报"].startswith("间隔2届后可再申报") and "CITY-27" in col["再次申报"]
    for row in ("现场评审", "评分门槛", "推荐", "亩均税收", "上级奖项奖励"):
        assert col[row] == OPEN, row


@pytest.mark.clause("KFQ-5", "KFQ-7", "KFQ-18", "KFQ-25")
def test_ganzhou_kfq_cells(table):
    col = {k: v["ganzhou_kfq"] for k, v in table.items()}
    assert col["名额"] == "质量奖≤3，可空缺（KFQ-5）"
    assert col["类别限额"] == "不分类别"
    assert "质量奖20万元（KFQ-7）" in col["奖金"]
    assert col["公示"] == "10天（KFQ-18）"
    assert col["弄虚作假处理"].startswith("10年内不得申报") and "（KFQ-25）" in col["弄虚作假处理"]
    assert col["评分门槛"] == OPEN


@pytest.mark.clause(
    "JD-1-4", "JD-1-5", "JD-3-2-7", "JD-4-2", "JD-5-3-2", "JD-6-1", "JD-6-2", "JD-7-4", "JD-7-5"
)
def test_jindong_cells(table):
    col = {k: v["jindong"] for k, v in table.items()}
    assert (
        col["文件"].endswith("（征求意见稿）") and "（征求意见稿）（征求意见稿）" not in col["文件"]
    )
    assert col["施行"] == "公布之日起30日后施行（JD-8）"
    assert col["评审周期"] == "每年评审1次（JD-1-5）"
    assert col["名额"] == "质量奖≤3、创新奖≤3，可空缺（JD-1-5）"
    assert col["现场评审"] == "进入现场评审≤8家（JD-5-3-2）"
    assert col["评分门槛"] == "质量奖≥610分（JD-4-2）；创新奖≥600分（JD-4-2）"
    assert col["推荐"] == "须经所在乡镇人民政府、街道办事处推荐（JD-1-4）"
    assert col["亩均税收"] == "工业企业上年度亩均税收≥20万元（JD-3-2-7）"
    assert "质量奖（创新奖获得者再获）35万元（JD-6-1）" in col["奖金"]
    assert "创新奖（再获）无奖金（JD-6-1）" in col["奖金"]
    assert "获金华市人民政府质量奖奖励100万元（JD-6-2）" in col["上级奖项奖励"]
    assert "获浙江省人民政府质量奖奖励，文本未定金额（JD-6-2）" in col["上级奖项奖励"]
    assert col["有效期"].startswith(OPEN) and "（JD-7-4）" in col["有效期"]
    assert col["再次申报"].startswith(OPEN) and "（JD-6-1）" in col["再次申报"]
    assert col["撤销情形时限"] == "获奖后2年内发生所列情形（JD-7-5）"
    assert "无禁止申报期限" in col["弄虚作假处理"]


@pytest.mark.clause("JD-3-4")
def test_jindong_dishonesty_scope_shows_repair(table):
    assert "已修复并经确认的除外" in table["失信记录范围"]["jindong"]
    assert "已修复" not in table["失信记录范围"]["ganzhou_city"]


def test_cli_compare_json_has_the_new_rows():
    out = CliRunner().invoke(cli, ["compare", "--as-of", "2026-09-01", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)["rows"]
    rows = {r["term"]: {j: c["text"] for j, c in r["values"].items()} for r in data}
    assert {"现场评审", "评分门槛", "推荐", "亩均税收", "上级奖项奖励", "撤销情形时限"} <= set(rows)
    assert rows["现场评审"]["jindong"] == "进入现场评审≤8家（JD-5-3-2）"


@pytest.mark.clause("KFQ-21")
def test_kfq_21_recommendation_route_is_shown(table, catalog):
    cell = table["向上推荐"]["ganzhou_kfq"]
    assert "KFQ-21" in cell and "赣州市市长质量奖" in cell and "不以有效期为限" in cell
    assert table["向上推荐"]["hongqi"].startswith(OPEN)


@pytest.mark.clause("KFQ-21")
def test_kfq_21_is_encoded_not_yet_gone(catalog):
    from qaward.coverage import coverage

    (row,) = [r for r in coverage(catalog) if r["clause"] == "KFQ-21"]
    assert row["status"] == "encoded"


@pytest.mark.clause("JD-1-23")
def test_jd_1_23_sector_row_says_no_sector_is_excluded(table):
    assert "不限行业" in table["行业范围"]["jindong"] and "JD-1-23" in table["行业范围"]["jindong"]
