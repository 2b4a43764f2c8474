"""Tables a reviewer can read and print: display width (a Chinese character is two columns),
wrapped to ``--width``, short document names in cells, ``compare`` in blocks, any console."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from qaward.faces.cli import cli
from wcwidth import wcswidth

EXAMPLES = Path(__file__).parent.parent / "examples"
ORG = EXAMPLES / "org_kfq_electronics.yaml"
JINDONG = EXAMPLES / "org_jindong_machinery.yaml"


def run(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def widths(text: str) -> set[int]:
    return {wcswidth(line) for line in text.splitlines()}


def test_grid_borders_line_up_with_chinese_text():
    out = run("check", ORG, "-j", "ganzhou_kfq", "--as-of", "2026-09-01", "--fmt", "grid")
    grid = [line for line in out.splitlines() if line[:1] in ("+", "|")]
    assert grid and len(widths("\n".join(grid))) == 1  # every row of the grid equally wide


@pytest.mark.parametrize(
    "args",
    [
        ("compare",),
        ("clauses",),
        ("check", ORG, "--as-of", "2026-09-01"),
        ("evaluate", EXAMPLES / "cycle_jindong.yaml"),
        ("jurisdictions",),
    ],
    ids=lambda a: a[0],
)
def test_tables_fit_the_width(args):
    for width in (120, 100):
        assert max(widths(run(*args, "--width", width))) <= width


def test_columns_environment_variable_is_the_default_width():
    assert max(widths(run("clauses", env={"COLUMNS": "90"}))) <= 90


def test_width_zero_does_not_wrap():
    assert max(widths(run("clauses", "--width", 0))) > 200


def test_long_title_stated_once_per_block_and_cited_short_in_cells():
    out = run("check", JINDONG, "-j", "jindong", "--as-of", "2026-09-01", "--width", 200)
    title = "金华市金东区人民政府质量奖评审管理办法（2022年修订）（征求意见稿）"
    assert out.count(title) == 1 and "（下称“本办法”）" in out
    assert "本办法 三（一）" in out


def test_a_document_number_stays_in_the_cells():
    out = run("check", ORG, "-j", "ganzhou_city", "--as-of", "2026-09-01")
    assert "赣市府发〔2022〕15号 第十三条（一）" in out and "本办法" not in out


def test_compare_in_blocks_fits_120_columns():
    out = run("compare", "--width", 120)
    assert max(widths(out)) <= 120
    lines = out.splitlines()
    assert lines[0].split() == ["事项", "管辖区", "规定（条款）"]
    # one block per topic: the topic on its first row, every jurisdiction under it
    block = lines[lines.index(next(ln for ln in lines if ln.startswith("名额"))) :][:5]
    assert [ln.split()[-2 if i == 0 else 0] for i, ln in enumerate(block)][1:] == [
        "ganzhou_kfq",
        "hongqi",
        "huichang",
        "jindong",
    ]


def test_compare_by_jurisdiction_and_wide_on_request():
    by_j = run("compare", "--layout", "jurisdiction", "--width", 120)
    assert by_j.splitlines()[0].split()[:2] == ["管辖区", "事项"]
    wide = run("compare", "--layout", "wide", "--width", 0)
    assert wide.splitlines()[0].split() == [
        "ganzhou_city",
        "ganzhou_kfq",
        "hongqi",
        "huichang",
        "jindong",
    ]


def test_compare_stays_wide_when_it_fits():
    out = run("compare", "-j", "ganzhou_kfq", "--width", 200)
    assert out.splitlines()[0].split() == ["ganzhou_kfq"]


def _console(*args, encoding):
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    env.pop("COLUMNS", None)
    code = "from qaward.faces.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, env=env, timeout=120
    )


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
def test_a_console_that_cannot_encode_the_marks_gets_ascii_marks(encoding):
    done = _console("check", ORG, "--as-of", "2026-09-01", encoding=encoding)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    out = done.stdout.decode(encoding)
    assert "Traceback" not in out and "✓" not in out
    if encoding == "gbk":
        assert "v 符合" in out and "x 不符合" in out


def test_a_utf8_console_keeps_the_marks():
    done = _console("check", ORG, "--as-of", "2026-09-01", encoding="utf-8")
    assert "✓ 符合" in done.stdout.decode("utf-8")


def test_cells_wrap_between_characters_never_inside_a_clause_id():
    from qaward.faces.cli.output import wrap_cell

    text = "质量奖（创新奖获得者再获）35万元（JD-6-1）；质量奖50万元（JD-6-1）；创新奖（再获）无奖金（JD-6-1）"
    for width in range(14, 40):
        lines = wrap_cell(text, width).splitlines()
        assert "".join(lines) == text and max(map(wcswidth, lines)) <= width
        assert not any(ln.startswith(("）", "；", "，")) or ln.endswith("（") for ln in lines)
        assert all(ln.count("JD-6-1") == ln.count("（JD") for ln in lines if "JD" in ln)
