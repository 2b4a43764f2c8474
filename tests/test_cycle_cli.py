"""``qaward evaluate`` through click's runner: the examples, the three formats, exit codes, and
bad cycle input (exit 2 naming the file and the field path)."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from cyclekit import app
from qaward.faces.cli import cli

EXAMPLES = Path(__file__).parent.parent / "examples"
CYCLES = sorted(EXAMPLES.glob("cycle_*.yaml"))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def write(tmp_path, data, name="cycle.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def cycle_doc(award="ganzhou_kfq", apps=None, **top):
    doc = {"award": award, "year": 2026, "as_of": "2026-09-01"}
    doc.update(top)
    doc["applications"] = apps if apps is not None else [app(award, 1, 900)]
    return doc


def test_every_jurisdiction_has_an_example_cycle():
    assert {p.stem for p in CYCLES} == {
        f"cycle_{j}" for j in ("ganzhou_city", "ganzhou_kfq", "hongqi", "huichang", "jindong")
    }


@pytest.mark.parametrize("path", CYCLES, ids=lambda p: p.stem)
def test_example_cycles_are_realistic(path):
    out = run("evaluate", path, "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    statuses = [a["status"] for a in data["applications"]]
    assert 8 <= len(statuses) <= 15 and "ineligible" in statuses
    assert any(r["tie_break"] for r in data["ranking"]) or data["ties"]  # one tie
    repeat = [m for m in data["rewards"] if m["yuan"] == 0 and m["tier"] != "nomination"]
    assert repeat, "one repeat winner"
    assert data["publicity"] is not None


@pytest.mark.parametrize("path", CYCLES, ids=lambda p: p.stem)
def test_example_cycle_tables_print_every_section(path):
    out = run("evaluate", path)
    assert out.exit_code == 0, out.output
    for section in ("资格审查", "评分与排名", "获奖名单", "奖金", "有效期", "公示", "提示"):
        assert section in out.output


def test_city_example_table_shows_what_the_committee_needs():
    out = run("evaluate", EXAMPLES / "cycle_ganzhou_city.yaml").output
    assert "CITY-13-3" in out and "并列待定" in out and "否（再次获奖不占名额）" in out
    assert "奖金合计：2,000,000 元" in out
    assert "公示期 2026-09-25 至 2026-10-08" in out


def test_csv_has_one_row_per_application():
    """UTF-8 with a byte-order mark (Excel reads the Chinese), Chinese headers and labels,
    numbered from 1."""
    out = run("evaluate", EXAMPLES / "cycle_ganzhou_kfq.yaml", "--format", "csv")
    assert out.exit_code == 0
    assert out.stdout_bytes.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(out.stdout_bytes.decode("utf-8-sig"))))
    assert len(rows) == 9 and [r["序号"] for r in rows] == [str(i) for i in range(1, 10)]
    winners = [r for r in rows if r["结果"] == "获奖"]
    assert len(winners) == 3 and {r["奖金（元）"] for r in winners} == {"200000", "0"}
    assert next(r for r in rows if r["结论"] == "不符合")["理由"].startswith("KFQ-")


def test_csv_in_english_with_lang_en():
    out = run("evaluate", EXAMPLES / "cycle_ganzhou_kfq.yaml", "--format", "csv", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(out.stdout_bytes.decode("utf-8-sig"))))
    winners = [r for r in rows if r["outcome"] == "winner"]
    assert len(winners) == 3 and {r["prize (yuan)"] for r in winners} == {"200000", "0"}
    assert rows[0]["No."] == "1" and rows[0]["tier"] == "quality"


def test_organization_file_is_read_relative_to_the_cycle(tmp_path):
    (tmp_path / "orgs").mkdir()
    write(tmp_path, app("ganzhou_kfq", 1)["organization"], "orgs/a.yaml")
    doc = cycle_doc(apps=[{"organization_file": "orgs/a.yaml", "tier": "quality", "score": 800}])
    out = run("evaluate", write(tmp_path, doc), "--format", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["winners"][0]["name"] == "申报组织01"


def expect_input_error(tmp_path, doc, *fragments):
    out = run("evaluate", write(tmp_path, doc))
    assert out.exit_code == 2, out.output
    assert "Traceback" not in out.output and "cycle.yaml" in out.output
    for fragment in fragments:
        assert fragment in out.output, out.output


def test_unknown_field_exits_2_with_the_path(tmp_path):
    doc = cycle_doc(apps=[app("ganzhou_kfq", 1, 900, bogus=1)])
    expect_input_error(tmp_path, doc, "$.applications[0]", "未知字段 bogus")


def test_bad_score_exits_2_with_the_path(tmp_path):
    expect_input_error(
        tmp_path, cycle_doc(apps=[app("ganzhou_kfq", 1, 1200)]), "$.applications[0].score"
    )
    doc = cycle_doc(apps=[app("ganzhou_kfq", 1, "high")])
    expect_input_error(tmp_path, doc, "$.applications[0].score")


@pytest.mark.clause("JD-4-2", "CITY-4")
def test_category_score_above_its_maximum_exits_2(tmp_path):
    scores = {
        "leadership": 100,
        "strategy": 80,
        "customers_and_markets": 80,
        "resources": 120,
        "process_management": 90,
        "measurement_analysis_improvement": 70,
        "results": 401,
    }
    doc = cycle_doc(apps=[app("ganzhou_kfq", 1, scores=scores)])
    expect_input_error(tmp_path, doc, "$.applications[0].scores.results", "结果得分应在 0 至 400")


def test_score_and_scores_together_exit_2(tmp_path):
    a = app("ganzhou_kfq", 1, 900)
    a["scores"] = dict.fromkeys(
        (
            "leadership",
            "strategy",
            "customers_and_markets",
            "resources",
            "process_management",
            "measurement_analysis_improvement",
            "results",
        ),
        10,
    )
    expect_input_error(tmp_path, cycle_doc(apps=[a]), "$.applications[0].score", "只能给出其一")


def test_missing_organisation_file_exits_2(tmp_path):
    doc = cycle_doc(apps=[{"organization_file": "orgs/none.yaml", "tier": "quality"}])
    expect_input_error(tmp_path, doc, "$.applications[0].organization_file", "none.yaml")


def test_bad_organisation_file_names_both_paths(tmp_path):
    org = app("ganzhou_kfq", 1)["organization"]
    org["credit_code"] = "91360703MA35T00010"
    write(tmp_path, org, "a.yaml")
    doc = cycle_doc(apps=[{"organization_file": "a.yaml"}])
    expect_input_error(tmp_path, doc, "$.applications[0].organization_file", "a.yaml", "校验位")


def test_unknown_award_region_and_tier_exit_2(tmp_path):
    expect_input_error(tmp_path, cycle_doc(award="nowhere", apps=[]), "$.award", "nowhere")
    doc = cycle_doc(apps=[app("ganzhou_kfq", 1, 900, tier="nomination")])
    expect_input_error(tmp_path, doc, "$.applications[0].tier", "不设提名奖")
    doc = cycle_doc(apps=[app("ganzhou_kfq", 1, 900, org={"region": "nowhere"})])
    expect_input_error(tmp_path, doc, "$.applications[0].organization.region")


@pytest.mark.clause("HQ-17")
def test_votes_need_voters_and_may_not_exceed_them(tmp_path):
    doc = cycle_doc("hongqi", [app("hongqi", 1, 900, votes_for=16)], voters=15)
    expect_input_error(tmp_path, doc, "$.applications[0].votes_for", "超过投票人数15")
    doc = cycle_doc("hongqi", [app("hongqi", 1, 900, votes_for=10)])
    expect_input_error(tmp_path, doc, "$.applications[0].votes_for", "$.voters")


def test_same_organisation_twice_for_one_award_exits_2(tmp_path):
    doc = cycle_doc(apps=[app("ganzhou_kfq", 1, 900), app("ganzhou_kfq", 1, 800)])
    expect_input_error(tmp_path, doc, "$.applications[1].organization.credit_code")


@pytest.mark.clause("KFQ-18")
def test_publicity_beyond_the_holiday_data_exits_2(tmp_path):
    doc = cycle_doc(publicity_starts="2027-01-05")
    expect_input_error(tmp_path, doc, "$.publicity_starts", "2004–2026")


def test_missing_cycle_file_exits_2(tmp_path):
    out = run("evaluate", tmp_path / "none.yaml")
    assert out.exit_code == 2 and "none.yaml" in out.output


def test_example_runs_from_a_copy_with_its_organisation_files(tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    out = run("evaluate", tmp_path / "examples" / "cycle_ganzhou_city.yaml", "--format", "json")
    assert out.exit_code == 0, out.output
