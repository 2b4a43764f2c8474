"""Hostile input: every malformed document of every input kind exits 2 naming the file (and the
field path where there is one), never with a traceback, never hangs, and changes nothing in the
registry. Property-based (hypothesis, fixed seed, bounded examples): set
``QAWARD_HOSTILE_EXAMPLES`` for a longer run; ``benchmarks/bench_hostile.py`` measures the whole
generated table in subprocesses with a time limit."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostilekit import KINDS, base_document, get, paths, put, raw_mutations, render, scope
from hostilekit import wrong_values as wrong
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qaward.faces.cli import cli
from qaward.io import InputError, parse_text, read_document
from qaward.limits import Limits, check_tree

EXAMPLES = int(os.environ.get("QAWARD_HOSTILE_EXAMPLES", "25"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # a fixed seed: the same documents every run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A registry holding the examples, and the evaluation JSON ``registry record`` reads."""
    root = tmp_path_factory.mktemp("hostile")
    db = root / "registry.db"
    runner = CliRunner()
    for args in (
        ["registry", "init"],
        ["registry", "import", str(base_path("registry_history.yaml"))],
    ):
        assert runner.invoke(cli, [*args, "--registry", str(db)]).exit_code == 0
    out = runner.invoke(
        cli, ["evaluate", str(base_path("cycle_ganzhou_city.yaml")), "--format", "json"]
    )
    evaluation = root / "evaluation.json"
    evaluation.write_text(out.stdout, encoding="utf-8")
    return root, db, evaluation


def base_path(name: str) -> Path:
    return Path(__file__).resolve().parent.parent / "examples" / name


def content_of(db: Path) -> str:
    """The registry's content, not its bytes: in WAL mode the last connection to close
    checkpoints the log into the file, which changes its bytes but not a single row."""
    conn = sqlite3.connect(db)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def run_bad(world, kind: str, content: bytes, suffix: str, name: str):
    root, db, _ = world
    path = root / f"bad_{kind}{suffix}"
    path.write_bytes(content)
    before = content_of(db)
    args = [a.replace("{file}", str(path)) for a in KINDS[kind][1]]
    result = CliRunner().invoke(cli, [*args, "--registry", str(db)])
    out = result.output
    assert result.exit_code == 2, f"{name}: exit {result.exit_code}\n{out[:500]}"
    assert not isinstance(result.exception, Exception | None) or isinstance(
        result.exception, SystemExit
    ), f"{name}: {result.exception!r}"
    assert "Traceback" not in out
    assert str(path) in out, f"{name}: the file is not named\n{out[:300]}"
    assert len(out) < 20_000, f"{name}: {len(out)} characters of error"
    assert content_of(db) == before, f"{name}: registry changed"
    return out


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(data=st.data())
def test_a_wrong_field_exits_2_with_its_path(world, kind, data):
    doc = base_document(kind, world[2])
    targets = paths(scope(kind, doc))[1:]  # not the root
    path = data.draw(st.sampled_from(targets), label="path")
    name, value = data.draw(st.sampled_from(wrong(path, get(doc, path))), label="mutation")
    as_json = kind == "registry_record" or data.draw(st.booleans(), label="json")
    out = run_bad(
        world, kind, render(put(doc, path, value), as_json), ".json" if as_json else ".yaml", name
    )
    assert "$" in out, f"{name} at {path}: no field path\n{out[:300]}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("as_json", [False, True], ids=["yaml", "json"])
def test_a_malformed_document_exits_2(world, kind, as_json):
    if kind == "registry_record" and not as_json:
        pytest.skip("the registry records evaluate's JSON")
    if kind == "committee_decisions":
        pytest.skip("the same file as a cycle: its raw attacks are the cycle's")
    doc = base_document(kind, world[2])
    for name, content in raw_mutations(doc, as_json):
        run_bad(world, kind, content, ".json" if as_json else ".yaml", name)


# --- limits and decoding, one by one ------------------------------------------------------------


def problems(tmp_path, content: bytes | str, suffix=".yaml", **kw) -> str:
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(InputError) as info:
        read_document(path, **kw)
    return "\n".join(info.value.problems)


def test_an_alias_bomb_is_refused_by_its_expansion(tmp_path):
    laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 8) + "]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    msg = problems(tmp_path, laughs)
    assert "别名" in msg and "100000" in msg and "$.f" in msg


def test_nesting_deeper_than_the_limit_is_refused_before_libyaml_recurses(tmp_path):
    # 100,000 levels crash libyaml's composer (a segfault) if it ever sees them
    msg = problems(tmp_path, "name: " + "[" * 100_000 + "]" * 100_000)
    assert "嵌套超过 64 层" in msg and msg.startswith("$.name[0][0]")
    assert "嵌套" in problems(tmp_path, "[" * 100_000 + "]" * 100_000, ".json")


def test_a_long_string_is_refused_with_a_short_prefix(tmp_path):
    msg = problems(tmp_path, "name: " + "甲" * 200_000)
    assert "$.name" in msg and "200000" in msg and len(msg) < 200


def test_a_long_list_is_refused(tmp_path):
    small = Limits(max_items=10)
    assert "$.awards: 超过 10 项" in problems(tmp_path, "awards: [" + "1," * 11 + "]", limits=small)
    with pytest.raises(ValueError, match=r"\$\.a\[0\]: 超过 10 项"):
        check_tree({"a": [list(range(11))]}, small)


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    assert "超过上限 10 字节" in problems(
        tmp_path, "name: 12345678901", limits=Limits(max_bytes=10)
    )


def test_yaml_tags_are_refused(tmp_path):
    assert "不接受 YAML 标签 !!binary" in problems(tmp_path, "name: !!binary aGVsbG8=")
    assert "!!python/object/apply:os.system" in problems(
        tmp_path, "name: !!python/object/apply:os.system [ls]"
    )


def test_a_huge_integer_is_an_error_not_a_crash(tmp_path):
    assert "位数过多" in problems(tmp_path, "year: " + "9" * 5000)
    assert "位数过多" in problems(tmp_path, '{"year": ' + "9" * 5000 + "}", ".json")


def test_devices_and_fifos_are_refused(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(InputError, match="不是普通文件"):
            read_document(path)


@pytest.mark.parametrize(
    "content, expected",
    [
        ("name: 赣州\n".encode(), "赣州"),
        (b"\xef\xbb\xbf" + "name: 赣州\n".encode(), "赣州"),
        ("name: 赣州\n".encode("gb18030"), "赣州"),
        ("name: 瓛\n".encode("gb18030"), "瓛"),  # a character GBK lacks and GB18030 has
    ],
    ids=["utf-8", "utf-8 BOM", "GBK", "GB18030"],
)
def test_utf8_with_or_without_bom_and_gb18030_are_read(tmp_path, content, expected):
    path = tmp_path / "doc.yaml"
    path.write_bytes(content)
    assert read_document(path) == {"name": expected}


def test_a_declared_encoding_wins_and_is_checked(tmp_path):
    path = tmp_path / "doc.yaml"
    path.write_bytes("name: 赣州\n".encode("gbk"))
    assert read_document(path, encoding="gbk") == {"name": "赣州"}
    with pytest.raises(InputError, match="不是有效的 UTF-8"):
        read_document(path, encoding="utf-8")


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04" + bytes(100),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
        bytes(range(256)),
    ],
    ids=["xlsx", "xls", "binary"],
)
def test_a_workbook_or_binary_file_is_named_as_such(tmp_path, content):
    assert "不是文本文件：是否为 Excel？" in problems(tmp_path, content)


def test_the_cli_takes_an_encoding_and_names_excel(tmp_path):
    org = read_document(base_path("org_kfq_electronics.yaml"))
    path = tmp_path / "org.yaml"
    path.write_bytes(render(org, False).decode().encode("gb18030"))
    ok = CliRunner().invoke(cli, ["check", str(path), "--encoding", "gb18030", "-j", "ganzhou_kfq"])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(cli, ["check", str(path), "--encoding", "utf-8"])
    assert bad.exit_code == 2 and "UTF-8" in bad.output
    xlsx = tmp_path / "orgs.xlsx"
    xlsx.write_bytes(b"PK\x03\x04" + bytes(100))
    out = CliRunner().invoke(cli, ["check", str(xlsx)])
    assert out.exit_code == 2 and "是否为 Excel" in out.output


def test_parse_text_serves_http_bodies_alike():
    with pytest.raises(InputError) as info:
        parse_text(json.dumps({"a": "x" * 200_000}), "<request>", True)
    assert info.value.where == "<request>" and "$.a" in info.value.problems[0]


# --- organization_file: inside the cycle's directory only ---------------------------------------


@pytest.mark.parametrize(
    "name, words",
    [
        ("/etc/passwd", "相对路径"),
        ("../org.yaml", "相对路径"),
        ("orgs/../../org.yaml", "相对路径"),
        ("~/org.yaml", "相对路径"),
        ("link.yaml", "目录之外"),
        ("fifo.yaml", "不是普通文件"),
        ("big.yaml", "超过上限"),
    ],
)
def test_organization_file_stays_inside_the_cycle_directory(tmp_path, name, words):
    (tmp_path / "org.yaml").write_text("name: outside\n", encoding="utf-8")
    cycles = tmp_path / "cycles"
    cycles.mkdir()
    (cycles / "link.yaml").symlink_to(tmp_path / "org.yaml")
    os.mkfifo(cycles / "fifo.yaml")
    (cycles / "big.yaml").write_bytes(b"#" * (1024 * 1024 + 1))
    cycle = cycles / "cycle.yaml"
    cycle.write_text(
        f"award: hongqi\nyear: 2026\napplications:\n  - organization_file: '{name}'\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli, ["evaluate", str(cycle)])
    assert out.exit_code == 2, out.output
    assert "$.applications[0].organization_file" in out.output and words in out.output
    assert "outside" not in out.output


@pytest.mark.parametrize(
    "path, value",
    [(("year",), -1), (("rewards", 0, "yuan"), -1), (("year",), 10**30)],
    ids=["negative year", "negative yuan", "huge year"],
)
def test_registry_record_refuses_out_of_range_numbers(world, path, value):
    doc = base_document("registry_record", world[2])
    out = run_bad(world, "registry_record", render(put(doc, path, value), True), ".json", "range")
    assert "$." + path[0] in out
