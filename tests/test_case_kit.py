"""YAML cases (qaward.cases): run by `qaward test` and by pytest, a wrong expectation reported
as expected-versus-found; malformed case files named with the field path."""

import subprocess
import sys
import textwrap

import pytest
from pluginkit import QAWARD
from qaward.cases import load, run
from qaward.catalog import default_catalog
from registrykit import EXAMPLES

CASES = f"""
organization: {EXAMPLES / "org_huichang_fluorine.yaml"}
as_of: 2025-04-01
cases:
  - name: 会昌企业符合会昌独好质量奖
    clauses: [HC-13-1]
    expect:
      huichang: {{status: eligible, failing: []}}
  - name: 经营不满3年
    clauses: [HC-13-1]
    changes: {{established_on: 2023-01-01}}
    expect:
      huichang: {{status: ineligible, failing: [HC-13-1]}}
"""

WRONG = CASES.replace("status: eligible, failing: []", "status: ineligible, failing: [HC-13-3]")


def write(tmp_path, text, name="test_cases.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_cases_pass_when_the_expectation_is_right(tmp_path):
    cases = load(write(tmp_path, CASES))
    assert [run(c, default_catalog()) for c in cases] == [[], []]
    done = subprocess.run(
        [str(QAWARD), "test", str(tmp_path / "test_cases.yaml")], capture_output=True, text=True
    )
    assert done.returncode == 0 and "用例 2 个：通过 2，未通过 0" in done.stdout


def test_a_wrong_expectation_fails_with_a_readable_diff(tmp_path):
    path = write(tmp_path, WRONG)
    done = subprocess.run([str(QAWARD), "test", str(path)], capture_output=True, text=True)
    assert done.returncode == 1
    out = done.stdout
    assert "✗ 会昌企业符合会昌独好质量奖  [HC-13-1]" in out
    assert "huichang 结论：期望 ineligible，实际 eligible" in out
    assert "huichang 不符合的条款：期望 [HC-13-3]，实际 []" in out
    assert "缺少：HC-13-3" in out
    assert "用例 2 个：通过 1，未通过 1" in out


def test_pytest_collects_case_files_and_shows_the_diff(tmp_path):
    write(tmp_path, WRONG)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stdout
    assert "1 failed, 1 passed" in done.stdout
    assert "huichang 结论：期望 ineligible，实际 eligible" in done.stdout
    assert "Traceback" not in done.stdout


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("cases: [{name: a, expect: {huichang: eligible}}]", "$.cases[0].clauses"),
        (
            "cases: [{name: a, clauses: [X], organization: {}, expect: {huichang: fine}}]",
            "$.cases[0].expect.huichang",
        ),
        (
            "cases: [{name: a, clauses: [X], organization: {}, expect: {huichang: eligible}, as_of: 2025-02-30}]",
            "$.cases[0].as_of",
        ),
        (
            "cases: [{name: a, clauses: [X], cycle: c.yaml, expect: {winner: []}}]",
            "$.cases[0].expect: 未知字段 winner",
        ),
        ("case: []", "$.cases"),
    ],
)
def test_a_malformed_case_file_exits_2_naming_the_field(tmp_path, text, where):
    path = write(tmp_path, text)
    done = subprocess.run([str(QAWARD), "test", str(path)], capture_output=True, text=True)
    assert done.returncode == 2, done.stdout + done.stderr
    assert where in done.stderr and "Traceback" not in done.stderr
