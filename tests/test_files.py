"""CSV and Excel output for the reviewer's desk: UTF-8 with a byte-order mark, Chinese headers
and labels (English with --lang en), numbered from 1; .xlsx with a frozen header, A4 pages."""

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from qaward.faces.cli import cli

EXAMPLES = Path(__file__).parent.parent / "examples"
ORG = EXAMPLES / "org_kfq_electronics.yaml"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def csv_rows(*args):
    data = run(*args, "--format", "csv").stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "args, first_header",
    [
        (("jurisdictions",), "序号"),
        (("check", ORG, "--as-of", "2026-09-01"), "序号"),
        (("compare",), "事项"),
        (("clauses",), "序号"),
        (("evaluate", EXAMPLES / "cycle_ganzhou_city.yaml"), "序号"),
    ],
    ids=lambda a: a[0] if isinstance(a, tuple) else a,
)
def test_every_tabular_command_writes_csv_with_bom_and_chinese_headers(args, first_header):
    rows = csv_rows(*args)
    assert rows[0][0] == first_header and len(rows) > 1
    if first_header == "序号":
        assert [r[0] for r in rows[1:4]] == ["1", "2", "3"]


def test_check_csv_labels_in_chinese_and_english():
    zh = csv_rows("check", ORG, "--as-of", "2026-09-01", "-j", "ganzhou_kfq")
    assert zh[0][:4] == ["序号", "管辖区", "奖项名称", "结论"] and zh[1][3] == "不符合"
    assert {r[5] for r in zh[1:]} >= {"✓ 符合", "✗ 不符合"}
    en = csv_rows("check", ORG, "--as-of", "2026-09-01", "-j", "ganzhou_kfq", "--lang", "en")
    assert en[0][:4] == ["No.", "jurisdiction", "award", "status"] and en[1][3] == "ineligible"
    assert {r[5] for r in en[1:]} >= {"pass", "fail"}


def test_csv_to_a_file(tmp_path):
    out = tmp_path / "clauses.csv"
    run("clauses", "--format", "csv", "-o", out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    "args, sheet",
    [
        (("check", ORG, "--as-of", "2026-09-01"), "资格检查"),
        (("evaluate", EXAMPLES / "cycle_ganzhou_city.yaml"), "评审结果"),
        (("compare",), "比较"),
        (("clauses",), "条款"),
    ],
    ids=lambda a: a[0] if isinstance(a, tuple) else a,
)
def test_xlsx_has_frozen_header_and_prints_on_a4(tmp_path, args, sheet):
    path = tmp_path / "out.xlsx"
    run(*args, "--format", "xlsx", "-o", path)
    ws = load_workbook(path)[sheet]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1  # A4, one page wide
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
    assert max(widths) <= 48  # long text wraps in its cell, not across the page
    assert ws.max_row > 2


def test_xlsx_to_standard_output_when_redirected():
    data = run("evaluate", EXAMPLES / "cycle_ganzhou_kfq.yaml", "--format", "xlsx").stdout_bytes
    ws = load_workbook(io.BytesIO(data))["评审结果"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert [r["序号"] for r in rows] == list(range(1, 10))
    assert sum(r["结果"] == "获奖" for r in rows) == 3
