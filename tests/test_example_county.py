"""The worked example county (examples/xinfeng, its own distribution): installed with pip into a
fresh environment beside the core and the built-in plugins, its own tests pass (Python and YAML
cases), and `qaward clauses` counts its shipped cases. No core file is involved."""

import json
from pathlib import Path

import pytest
from venvkit import QAWARD, child_venv, pip_install, run

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "xinfeng"


@pytest.fixture(scope="module")
def python(tmp_path_factory):
    python = child_venv(tmp_path_factory.mktemp("venv") / "env")
    done = pip_install(python, EXAMPLE)
    assert done.returncode == 0, done.stderr
    return python


def test_the_example_county_passes_its_own_tests(python, tmp_path):
    done = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE), cwd=EXAMPLE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout and "failed" not in done.stdout


def test_clauses_counts_the_cases_an_out_of_tree_plugin_ships(python, tmp_path):
    done = run(python, *QAWARD, "clauses", "-j", "xinfeng", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = {r["clause"]: r for r in json.loads(done.stdout)["clauses"]}
    assert all(r["status"] == "encoded" for r in rows.values())
    assert all(r["tests"] for r in rows.values()), [c for c, r in rows.items() if not r["tests"]]
    assert "test_xinfeng.yaml::经营差一天不满3年不符合" in rows["XF-8-1"]["tests"]


def test_conformance_and_the_plugins_listing(python, tmp_path):
    done = run(python, *QAWARD, "test", "--conformance", "-j", "xinfeng", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "一致性检查：每个已编码条款都有通过与不通过的用例" in done.stdout
    listed = run(python, *QAWARD, "plugins", "--format", "json", cwd=tmp_path)
    (xinfeng,) = [p for p in json.loads(listed.stdout) if p["name"] == "xinfeng"]
    assert (xinfeng["distribution"], xinfeng["state"]) == ("qaward-xinfeng", "loaded")


def test_the_example_imports_the_vocabulary_from_one_place():
    source = (EXAMPLE / "qaward_xinfeng" / "__init__.py").read_text(encoding="utf-8")
    imports = [ln for ln in source.splitlines() if ln.startswith(("from qaward", "import qaward"))]
    assert imports == ["from qaward.plugin import ("]
