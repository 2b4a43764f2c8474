"""``qaward screen`` on the command line: the input layouts (JSON Lines, CSV with repeated
columns or a linked file, Excel with a second sheet, Parquet), the outputs, bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

pl = pytest.importorskip("polars", reason="the screen extra (polars) is not installed")
openpyxl = pytest.importorskip("openpyxl", reason="the screen extra (openpyxl) is not installed")

from click.testing import CliRunner  # noqa: E402
from qaward.catalog import default_catalog  # noqa: E402
from qaward.faces.cli import cli  # noqa: E402
from qaward.screen import synthetic  # noqa: E402
from qaward.screen.flat import example_row, template_columns  # noqa: E402

AS_OF = "2026-09-01"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory):
    path = tmp_path_factory.mktemp("screen") / "orgs.jsonl"
    docs = synthetic.Generator(dt.date(2026, 9, 1), default_catalog(), seed=11).organizations(400)
    path.write_text("".join(json.dumps(d, default=str, ensure_ascii=False) + "\n" for d in docs))
    return path


def test_jsonl_to_csv_with_bom_and_chinese_headers(jsonl, tmp_path):
    out = tmp_path / "培育清单.csv"
    res = run("screen", jsonl, "--as-of", AS_OF, "-o", out, "--chunk-size", 150)
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("统一社会信用代码,组织名称,管辖区,奖项,结论")
    rows = pl.read_csv(out)
    assert rows.height == 400 * 5
    assert set(rows["结论"].unique()) <= {"符合", "不符合", "待定"}
    assert rows["差距"].str.contains("起满足").any()
    assert "最常见的不符合条款" in res.output and "接近符合" in res.output


def test_json_summary_and_parquet_and_jsonl_outputs(jsonl, tmp_path):
    res = run(
        "screen",
        jsonl,
        "--as-of",
        AS_OF,
        "-j",
        "ganzhou_kfq",
        "-o",
        tmp_path / "r.parquet",
        "--format",
        "json",
    )
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)
    assert summary["schema_version"] == 1 and summary["organizations"] == 400
    (kfq,) = summary["jurisdictions"]
    parts = ("eligible", "close", "undetermined", "ineligible")
    assert sum(kfq[k] for k in parts) == 400
    df = pl.read_parquet(tmp_path / "r.parquet")
    assert df.schema["failing"] == pl.List(pl.String) and df.height == 400
    assert df.filter(pl.col("status") == "ineligible")["failing"].list.len().min() >= 1
    res = run("screen", jsonl, "--as-of", AS_OF, "-j", "hongqi", "-o", tmp_path / "r.jsonl")
    assert res.exit_code == 0, res.output
    first = json.loads((tmp_path / "r.jsonl").read_text().splitlines()[0])
    assert {"status", "failing", "undetermined", "citations", "gaps", "qualifies_from"} <= set(
        first
    )


def _flat_csv(path, rows):
    cols = template_columns()
    pl.DataFrame(
        [[r.get(c) for c in cols] for r in rows],
        schema=dict.fromkeys(cols, pl.String),
        orient="row",
    ).write_csv(path)


def test_flat_csv_with_repeated_columns_and_a_linked_file(tmp_path):
    row = example_row()
    _flat_csv(tmp_path / "orgs.csv", [row])
    res = run(
        "screen",
        tmp_path / "orgs.csv",
        "--as-of",
        AS_OF,
        "-j",
        "ganzhou_kfq",
        "-o",
        tmp_path / "out.jsonl",
    )
    assert res.exit_code == 0, res.output
    out = json.loads((tmp_path / "out.jsonl").read_text())
    assert "KFQ-11-6" in out["failing"]  # the municipal spot check of events.1.*
    # the same event given in a linked file instead
    del row["events.1.kind"], row["events.1.date"], row["events.1.level"], row["events.1.serious"]
    _flat_csv(tmp_path / "orgs.csv", [row])
    (tmp_path / "events.csv").write_text(
        f"credit_code,kind,date,level\n{row['credit_code']},spot_check_failure,2024-08-15,municipal\n"
    )
    res = run(
        "screen",
        tmp_path / "orgs.csv",
        "--as-of",
        AS_OF,
        "-j",
        "ganzhou_kfq",
        "--linked",
        tmp_path / "events.csv",
        "-o",
        tmp_path / "out2.jsonl",
    )
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "out2.jsonl").read_text())["failing"] == out["failing"]


def test_excel_with_an_events_sheet_to_excel(tmp_path):
    res = run("screen", "--template", tmp_path / "t.xlsx")
    assert res.exit_code == 0, res.output
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    book["events"].append(
        [
            "91360703MA399JF903",
            "accident",
            dt.date(2025, 1, 5),
            "production_safety",
            "general",
            0,
            True,
        ]
    )
    book.save(tmp_path / "orgs.xlsx")
    res = run("screen", tmp_path / "orgs.xlsx", "--as-of", AS_OF, "-o", tmp_path / "out.xlsx")
    assert res.exit_code == 0, res.output
    out = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert out.sheetnames == ["筛查结果", "汇总", "常见不符合条款"]
    rows = list(out["筛查结果"].values)
    assert rows[0][:5] == ("统一社会信用代码", "组织名称", "管辖区", "奖项", "结论")
    kfq = next(r for r in rows if r[2] == "ganzhou_kfq")
    assert "KFQ-11-6" in kfq[6]  # the production-safety accident of the events sheet


def test_excel_results_past_a_sheets_rows_go_on_to_further_sheets(jsonl, tmp_path, monkeypatch):
    """Excel holds 1,048,576 rows a sheet: more results go on to 筛查结果2, 3 …, each with the
    header (here a sheet of 4 rows stands in for Excel's limit)."""
    from qaward.screen import write

    monkeypatch.setattr(write, "SHEET_ROWS", 1 + 700)
    res = run("screen", jsonl, "--as-of", AS_OF, "-o", tmp_path / "out.xlsx", "--chunk-size", 150)
    assert res.exit_code == 0, res.output
    out = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    results = ["筛查结果", "筛查结果2", "筛查结果3"]  # 400 organisations x 5 awards = 2,000 rows
    assert out.sheetnames == [*results, "汇总", "常见不符合条款"]
    sheets = [list(out[name].values) for name in results]
    assert [len(rows) for rows in sheets] == [701, 701, 601]
    assert all(rows[0][0] == "统一社会信用代码" for rows in sheets)
    got = [r[:5] for rows in sheets for r in rows[1:]]
    res = run("screen", jsonl, "--as-of", AS_OF, "-o", tmp_path / "out.csv")
    assert res.exit_code == 0, res.output
    csv = pl.read_csv(tmp_path / "out.csv", infer_schema=False).select(pl.nth(range(5)))
    assert got == csv.rows()  # the same rows in the same order, nothing lost


def test_bad_cell_names_row_and_column_and_writes_nothing(tmp_path):
    row = example_row() | {"established_on": "2016-02-30"}
    _flat_csv(tmp_path / "orgs.csv", [example_row(), row])
    res = run("screen", tmp_path / "orgs.csv", "--as-of", AS_OF, "-o", tmp_path / "out.csv")
    assert res.exit_code == 2
    assert "第3行 established_on" in res.output and "Traceback" not in res.output
    assert not list(tmp_path.glob("out.csv*"))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"sector": "mining"}, "sector: 取值无效"),
        ({"credit_code": "91360703MA399JF904"}, "校验位"),
        ({"events.1.kind": "earthquake"}, "未知的事件类型"),
        ({"events.1.grade": "major"}, "spot_check_failure 事件没有此字段"),
        ({"colour": "red"}, "未知的列 colour"),
    ],
)
def test_contract_checks_on_tabular_input(tmp_path, change, expected):
    _flat_csv(tmp_path / "orgs.csv", [example_row()])
    df = pl.read_csv(tmp_path / "orgs.csv", infer_schema=False)
    for k, v in change.items():
        df = df.with_columns(pl.lit(v).alias(k))
    df.write_csv(tmp_path / "orgs.csv")
    res = run("screen", tmp_path / "orgs.csv", "--as-of", AS_OF)
    assert res.exit_code == 2, res.output
    assert expected in res.output


def test_jsonl_errors_name_the_line_and_field(tmp_path):
    path = tmp_path / "orgs.jsonl"
    good = example_json()
    path.write_text(json.dumps(good) + "\n" + json.dumps(good | {"nonprofit": "no"}) + "\n")
    res = run("screen", path, "--as-of", AS_OF)
    assert res.exit_code == 2
    assert "第2行" in res.output and "nonprofit" in res.output


def example_json():
    return {"name": "甲", "credit_code": "91360703MA399JF903", "region": "ganzhou_kfq"}


def test_unknown_format_and_jurisdiction(tmp_path):
    (tmp_path / "x.txt").write_text("")
    assert run("screen", tmp_path / "x.txt").exit_code == 2
    path = tmp_path / "o.jsonl"
    path.write_text(json.dumps(example_json()) + "\n")
    res = run("screen", path, "-j", "atlantis")
    assert res.exit_code == 2 and "atlantis" in res.output


def _gbk(path, text):
    """As Excel saves a CSV on a Chinese Windows: GB18030 (GBK), no byte-order mark."""
    path.write_bytes(text.encode("gbk"))


def test_csv_and_jsonl_saved_in_gbk_keep_their_chinese_names(jsonl, tmp_path):
    row = example_row() | {"name": "赣州示例电子有限公司"}
    _flat_csv(tmp_path / "utf8.csv", [row])
    _gbk(tmp_path / "gbk.csv", (tmp_path / "utf8.csv").read_text(encoding="utf-8"))
    _gbk(tmp_path / "gbk.jsonl", jsonl.read_text(encoding="utf-8"))
    for name in ("utf8.csv", "gbk.csv", "gbk.jsonl"):
        res = run("screen", tmp_path / name, "--as-of", AS_OF, "-o", tmp_path / f"{name}.csv")
        assert res.exit_code == 0, res.output
    utf8, gbk = (pl.read_csv(tmp_path / f"{n}.csv.csv") for n in ("utf8", "gbk"))
    assert gbk.equals(utf8) and gbk.item(0, "组织名称") == "赣州示例电子有限公司"
    from_jsonl = pl.read_csv(tmp_path / "gbk.jsonl.csv").get_column("组织名称")
    names = [json.loads(line)["name"] for line in jsonl.read_text().splitlines()]
    assert from_jsonl.unique(maintain_order=True).to_list() == list(dict.fromkeys(names))


def test_a_linked_csv_in_gbk(tmp_path):
    row = example_row()
    for k in ("events.1.kind", "events.1.date", "events.1.level", "events.1.serious"):
        del row[k]
    _flat_csv(tmp_path / "orgs.csv", [row])
    _gbk(
        tmp_path / "events.csv",
        f"credit_code,kind,date,level\n{row['credit_code']},spot_check_failure,2024-08-15,municipal\n",
    )
    out = tmp_path / "out.jsonl"
    args = ["--as-of", AS_OF, "-j", "ganzhou_kfq", "--linked", tmp_path / "events.csv", "-o", out]
    res = run("screen", tmp_path / "orgs.csv", *args)
    assert res.exit_code == 0, res.output
    assert "KFQ-11-6" in json.loads(out.read_text())["failing"]


@pytest.mark.parametrize(
    ("content", "args", "expected"),
    [
        ("中文".encode("gbk"), ["--encoding", "utf-8"], "不是有效的 UTF-8 文本"),
        (b"name,credit_code\n\xff\xff\xff\n", [], "既不是 UTF-8 也不是 GB18030 文本"),
        (b"PK\x03\x04 an xlsx saved as .csv", [], "不是文本文件"),
    ],
)
def test_text_that_is_not_in_a_known_encoding(tmp_path, content, args, expected):
    (tmp_path / "orgs.csv").write_bytes(content)
    res = run("screen", tmp_path / "orgs.csv", "--as-of", AS_OF, *args, "-o", tmp_path / "o.csv")
    assert res.exit_code == 2, res.output
    assert expected in res.output and "Traceback" not in res.output
    assert not list(tmp_path.glob("o.csv*"))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("orgs.csv", b"", "文件为空：至少应有表头行"),
        ("orgs.csv", "name,credit_code\n甲,x,extra\n".encode(), "CSV 文件格式错误"),
        ("orgs.csv", b'name,credit_code\n"unterminated,x\n', "CSV 文件格式错误"),
        ("orgs.csv", "name,name,credit_code\n甲,乙,x\n".encode(), "列名重复：name"),
        ("orgs.xlsx", b"not a workbook", "Excel（.xlsx） 文件格式错误"),
        ("orgs.xlsx", b"PK\x03\x04 cut short", "Excel（.xlsx） 文件格式错误"),
        (
            "orgs.jsonl",
            '{"name": "甲", "name": "乙", "credit_code": "91360703MA399JF903"}\n'.encode(),
            "第1行: 重复的键 name",
        ),
    ],
)
def test_malformed_files_exit_2_naming_what_is_wrong(tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    res = run("screen", tmp_path / name, "--as-of", AS_OF, "-o", tmp_path / "out.csv")
    assert res.exit_code == 2, res.output
    assert expected in res.output and "Traceback" not in res.output
    assert not list(tmp_path.glob("out.csv*"))


def test_a_linked_file_that_is_empty_or_missing(tmp_path):
    _flat_csv(tmp_path / "orgs.csv", [example_row()])
    (tmp_path / "events.csv").write_bytes(b"")
    for linked, expected in (
        (tmp_path / "events.csv", "文件为空"),
        (tmp_path / "no.csv", "文件不存在"),
    ):
        res = run("screen", tmp_path / "orgs.csv", "--as-of", AS_OF, "--linked", linked)
        assert res.exit_code == 2, res.output
        assert expected in res.output and "Traceback" not in res.output


def test_the_output_never_replaces_an_input_nor_lands_nowhere(tmp_path):
    _flat_csv(tmp_path / "orgs.csv", [example_row()])
    (tmp_path / "events.csv").write_text("credit_code,kind,date\n")
    before = (tmp_path / "orgs.csv").read_bytes()
    linked = ["--linked", tmp_path / "events.csv"]
    for out, expected in [
        (tmp_path / "orgs.csv", "输出文件就是输入文件"),
        (tmp_path / "sub" / ".." / "orgs.csv", "输出文件就是输入文件"),
        (tmp_path / "events.csv", "输出文件就是输入文件"),
        (tmp_path / "missing" / "out.csv", "输出目录不存在"),
        (tmp_path / "orgs.csv" / "out.csv", "输出目录不存在"),
    ]:
        (tmp_path / "sub").mkdir(exist_ok=True)
        res = run("screen", tmp_path / "orgs.csv", "--as-of", AS_OF, *linked, "-o", out)
        assert res.exit_code == 2, res.output
        assert expected in res.output and "Traceback" not in res.output
    assert (tmp_path / "orgs.csv").read_bytes() == before
    assert (tmp_path / "events.csv").read_text() == "credit_code,kind,date\n"


def test_a_template_into_a_missing_folder(tmp_path):
    res = run("screen", "--template", tmp_path / "missing" / "t.csv")
    assert res.exit_code == 2, res.output
    assert "输出目录不存在" in res.output and "Traceback" not in res.output
