"""The one-pass YAML reader (qaward.yamlpass) accepts only what the full way accepts, with the
same data, and leaves everything else (errors, limits, merges, tags) to the full way."""

import random
from pathlib import Path

import pytest
import yaml
from qaward import io as io_module
from qaward import yamlpass
from qaward.limits import Limits, check_yaml

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted(ROOT.glob("examples/**/*.yaml")) + sorted(ROOT.glob("plugins/*/**/*.yaml"))


def full_way(text: str, limits: Limits = io_module.DEFAULT):
    """What reading gave before the one pass: the limits on the events, then PyYAML's load."""
    check_yaml(text, io_module._BaseLoader, limits)
    return yaml.load(text, Loader=io_module._Loader)


def typed(x):
    """``x`` with every value's type spelled out: 1, 1.0 and True are equal in Python."""
    if isinstance(x, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in x.items()])
    if isinstance(x, list):
        return ("list", [typed(v) for v in x])
    return (type(x).__name__, repr(x))


def outcome(read, text: str, limits: Limits = io_module.DEFAULT):
    try:
        return typed(read(text, limits))
    except yamlpass.Unusual:
        return "unusual"
    except Exception as exc:  # noqa: BLE001 - the full way's answer, whatever it is
        return f"error {type(exc).__name__}"


def fast(text: str, limits: Limits = io_module.DEFAULT):
    return yamlpass.load(text, io_module._Loader, limits)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_is_read_in_one_pass_with_the_full_way_s_data(path):
    text = path.read_text(encoding="utf-8")
    assert typed(fast(text)) == typed(full_way(text))


class _PureLoader(yaml.SafeLoader):
    """PyYAML without libyaml (a build without it): the same resolvers and constructors."""

    yaml_implicit_resolvers = io_module._Loader.yaml_implicit_resolvers
    yaml_constructors = {  # qaward's int constructor calls its own class's super()
        **io_module._Loader.yaml_constructors,
        "tag:yaml.org,2002:int": yaml.SafeLoader.construct_yaml_int,
    }


@pytest.mark.parametrize("path", EXAMPLES[:3], ids=lambda p: p.name)
def test_the_one_pass_reads_with_pure_python_pyyaml_too(path):
    text = path.read_text(encoding="utf-8")
    pure = yamlpass.load(text, _PureLoader)
    assert typed(pure) == typed(fast(text))


ORDINARY = [
    "",
    "---\n",
    "a\n",
    "- 1\n- '1'\n- 1.5\n- .inf\n- -.INF\n- .nan\n- ~\n- null\n- \n- 0x1F\n- 0o17\n- 017\n- 0b101\n",
    "[1_000, +12, -0, 1:30, 1e3, 1.0e+3, 2025-02-30, 2025-03-01T10:00:00, '2025-03-01']\n",
    "[true, True, TRUE, false, FALSE, yes, no, on, off, y, n, Yes, tRue]\n",
    "on: 1\nyes: 2\ntrue: 3\n2: a\n1.5: b\n~: c\n",
    "a: &x [1, {b: &y 2}]\nc: *x\nd: *y\ne: {f: *x}\n*y : 3\n",
    "a: |\n  多行\n  文本\nb: >\n  折叠\n  文本\nc: \"\\u4e2d\\t\"\nd: 'it''s'\n",
    "名称: 甲\n'quoted key': 1\n\"k\": [[], {}, '', \"\"]\n? plain\n: explicit\n",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_documents_are_read_in_one_pass(text):
    assert typed(fast(text)) == typed(full_way(text))


def test_an_alias_is_the_same_object_as_in_pyyaml():
    doc = fast("a: &x [1]\nb: *x\n")
    assert doc["a"] is doc["b"]


UNUSUAL = [
    "a: 1\na: 2\n",  # duplicate key
    "1: a\n1.0: b\n",  # equal keys of two types
    "base: &b {x: 1}\nc: {<<: *b, y: 2}\n",  # merge
    "a: !!str 1\n",  # a tag
    "a: !custom [1]\n",
    "? [a, b]\n: 1\n",  # a collection as a key
    "a: &x [1]\n*x : 2\n",
    "a: &x [*x]\n",  # an alias inside its own anchor
    "a: *nowhere\n",
    "a: &x 1\nb: &x 2\n",  # a duplicate anchor
    "--- 1\n--- 2\n",  # two documents
    "a: =\n",  # PyYAML's value key: no constructor
    "a: [1, 2\n",  # a syntax error
    "a: 1\n b: 2\n",
    "a: \x07\n",  # a control character
    "n: " + "9" * 5000 + "\n",  # more digits than Python converts
    "a: \ud800\n",  # a surrogate: not UTF-8
]


@pytest.mark.parametrize("text", UNUSUAL)
def test_everything_else_is_left_to_the_full_way(text):
    with pytest.raises(yamlpass.Unusual):
        fast(text)


SMALL = Limits(max_depth=4, max_string=8, max_items=3, max_aliases=2, max_alias_nodes=10)


@pytest.mark.parametrize(
    "text",
    [
        "a: [[[[1]]]]\n",  # depth
        "a: 123456789\n",  # length
        "a: [1, 2, 3, 4]\n",  # items
        "{a: 1, b: 2, c: 3, d: 4}\n",
        "a: &x 1\nb: [*x, *x, *x]\n",  # aliases
        "a: &x [1, 2, 3]\nb: &y [*x, *x]\nc: [*y]\n",  # alias nodes (an alias bomb)
    ],
)
def test_a_limit_is_left_to_the_full_way_which_names_it(text):
    with pytest.raises(yamlpass.Unusual):
        fast(text, SMALL)
    with pytest.raises(ValueError, match="上限"):
        full_way(text, SMALL)


def test_within_the_limits_the_one_pass_reads_it():
    text = "a: [[[1]]]\nb: 12345678\nc: [&x [1, 2], [*x, *x]]\n"
    assert typed(fast(text, SMALL)) == typed(full_way(text, SMALL))


# --- random documents: the one pass either leaves one alone or gives the full way's data ---------

_TOKENS = [
    "a", "b", "名称", "yes", "no", "on", "off", "true", "False", "null", "~", "", "0", "-1",
    "+7", "007", "0x1F", "0o17", "0b11", "1_000", "1:30", "1.5", "-.5", ".inf", ".NaN", "1e3",
    "2025-02-30", "2025-03-01", "<<", "=", "'q'", '"d"', "'yes'", '"1"', "x y", "!!str 1",
    "&a 1", "*a", "&b [1]", "*b", "9" * 30, "a: b",
]  # fmt: skip


def _random_doc(rng: random.Random, depth: int = 0) -> str:
    pick = rng.random()
    if depth > 3 or pick < 0.4:
        return rng.choice(_TOKENS)
    n = rng.randint(0, 4)
    if pick < 0.7:
        items = (_random_doc(rng, depth + 1) for _ in range(n))
        return "[" + ", ".join(items) + "]"
    pairs = (f"{rng.choice(_TOKENS)}: {_random_doc(rng, depth + 1)}" for _ in range(n))
    return "{" + ", ".join(pairs) + "}"


def test_random_documents_agree_with_the_full_way():
    rng = random.Random(20261123)
    read = 0
    for _ in range(3000):
        text = _random_doc(rng) + "\n"
        got = outcome(fast, text)
        if got != "unusual":
            read += 1
            assert got == outcome(lambda t, lim: full_way(t, lim), text), text
    assert read > 1000  # most documents are ordinary: the comparison is not vacuous
