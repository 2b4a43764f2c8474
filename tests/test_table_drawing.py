"""Tables drawn without tabulate (qaward.faces.cli.tables) are byte for byte tabulate's, and the
display width (qaward.textwidth) is wcwidth's, on the text qaward shows."""

import random
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from qaward.faces.cli import cli
from qaward.faces.cli.output import wrap_cell
from qaward.faces.cli.tables import SEPARATOR, STYLES, draw
from qaward.textwidth import width
from tabulate import tabulate
from wcwidth import wcswidth

EXAMPLES = Path(__file__).parent.parent / "examples"

# the blocks qaward's text comes from: ASCII, Latin-1 letters, general punctuation (— “ ” …),
# arrows (→), mathematical operators (≤ ≥), box drawing, symbols and dingbats (⚠ ✓ ✗), CJK
# symbols and punctuation (、。〔〕), CJK ideographs, full-width forms (（），：)
BLOCKS = [
    (0x20, 0x7F),
    (0xC0, 0x250),
    (0x2010, 0x2028),
    (0x2030, 0x205F),
    (0x2190, 0x2300),
    (0x2500, 0x2580),
    (0x2600, 0x2630),  # up to the I Ching trigrams, wide only since Unicode 16
    (0x2690, 0x27C0),
    (0x3000, 0x3040),
    (0x4E00, 0xA000),
    (0xFF01, 0xFF61),
]


def test_the_width_of_every_character_we_show_is_wcwidth_s():
    chars = (chr(cp) for a, b in BLOCKS for cp in range(a, b))
    shown = [c for c in chars if unicodedata.category(c) not in ("Cn", "Co", "Cs")]
    assert len(shown) > 20_000
    assert [c for c in shown if width(c) != wcswidth(c)] == []


@pytest.mark.parametrize(
    "args",
    [
        *(("check", org, "--as-of", "2026-09-01") for org in sorted(EXAMPLES.glob("org_*.yaml"))),
        ("compare",),
        ("clauses",),
        ("jurisdictions",),
    ],
    ids=lambda a: " ".join(str(x) if not isinstance(x, Path) else x.name for x in a),
)
def test_the_width_of_every_line_qaward_prints_is_wcwidth_s(args):
    out = CliRunner().invoke(cli, [str(a) for a in args]).output
    lines = out.splitlines()
    assert len(lines) > 5
    assert [ln for ln in lines if width(ln) != wcswidth(ln)] == []


WORDS = [
    *("KFQ-21", "JD-6-1", "GB/T 19001", "abc def", "2026-09-01", "350,000"),
    *("符合", "✓ 符合", "✗ 不符合", "? 待定", "⚠ ", "第八条（二）", "“本办法”", "，", "。"),
    *("认证运行满2年以上", "（注）", "　全角空格", "〔2025〕3号", "≤", "→", "—"),
    *("", " ", "  x ", "\n", "a\nb", "长\n\n文字"),
]


def _cell(rng: random.Random) -> str:
    text = "".join(rng.choice(WORDS) for _ in range(rng.randint(0, 5)))
    if text and rng.random() < 0.25:  # wrapped as table() wraps a column to fit --width
        text = wrap_cell(text, rng.randint(6, 14))
    return text


def _cases(n: int, seed: int):
    rng = random.Random(seed)
    heads = ["条款", "结果", "依据", "说明", "管辖区", "", "x", "两行\n表头"]
    for _ in range(n):
        ncol = rng.randint(1, 5)
        headers = [rng.choice(heads) for _ in range(ncol)]
        rows = [[_cell(rng) for _ in range(ncol)] for _ in range(rng.randint(0, 6))]
        if rng.random() < 0.2:
            rows.append([""] * ncol)  # a row of empty cells (compare's block separator)
        rng.shuffle(rows)
        if len(rows) >= 2 and rng.random() < 0.4:
            rows.insert(rng.randint(1, len(rows) - 1), SEPARATOR)
        yield headers, rows


@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_style_drawn_here_is_tabulate_s(style):
    fixed = [
        (["条款", "结果"], []),  # no rows
        (["条款", "结果"], [["", ""]]),
        (["条款", "结果", "说明"], [["KFQ-21", "✓ 符合", "认证\n运行满2年"], ["x", "", "⚠ 无"]]),
        (["a"], [["ascii only"], SEPARATOR, ["第二块"]]),
    ]
    for headers, rows in [*fixed, *_cases(300, seed=sum(map(ord, style)))]:
        expected = tabulate(rows, headers=headers, tablefmt=style, disable_numparse=True)
        assert draw(rows, headers, style) == expected, (style, headers, rows)


def test_other_styles_are_left_to_tabulate():
    assert draw([["a"]], ["x"], "rst") is None and draw([["a"]], ["x"], "html") is None
    out = CliRunner().invoke(
        cli,
        [
            "check",
            str(EXAMPLES / "org_kfq_electronics.yaml"),
            "--as-of",
            "2026-09-01",
            "--fmt",
            "rst",
        ],
    )
    assert out.exit_code in (0, 1) and "======" in out.output
