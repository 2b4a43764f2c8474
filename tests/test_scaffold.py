"""`qaward new-plugin`: the generated package installs with pip and passes its own tests
(Python and YAML cases, conformance) with no edit; bad options exit 2 naming the option."""

import datetime as dt
import subprocess

import pytest
from pluginkit import QAWARD
from qaward.scaffold import ScaffoldError, new_plugin
from venvkit import QAWARD as RUN_QAWARD
from venvkit import child_venv, pip_install, run


def test_a_generated_plugin_installs_and_passes_its_tests_as_created(tmp_path):
    target = tmp_path / "qaward-anyuan"
    done = subprocess.run(
        [str(QAWARD), "new-plugin", "anyuan", "--name", "安远县", "--award", "安远县县长质量奖"]
        + ["--parent", "ganzhou_city", "--code", "360726", "--document", "安府办发〔2025〕7号"]
        + ["-d", str(target)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    module = (target / "qaward_anyuan" / "__init__.py").read_text(encoding="utf-8")
    assert 'DOC = "安府办发〔2025〕7号"' in module and "第八条（一）" in module
    python = child_venv(tmp_path / "env")
    installed = pip_install(python, target)
    assert installed.returncode == 0, installed.stderr
    tests = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=target)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "5 passed" in tests.stdout
    listed = run(python, *RUN_QAWARD, "jurisdictions", "--format", "json", cwd=tmp_path)
    assert "安远县县长质量奖" in listed.stdout


def test_the_generated_dates_follow_the_day_it_was_made(tmp_path):
    new_plugin(tmp_path / "p", "dayu", "大余县", division_code="360723", today=dt.date(2027, 3, 5))
    cases = (tmp_path / "p" / "qaward_dayu" / "cases" / "test_dayu.yaml").read_text("utf-8")
    assert "as_of: 2027-03-05" in cases and "established_on: 2025-03-05" in cases


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Xin-Feng", "--name", "信丰县"], "管辖区 id 'Xin-Feng'"),
        (["xinfeng", "--name", "信丰县", "--code", "3607"], "--code '3607'"),
        (["xinfeng", "--name", "信丰县", "--prefix", "xf"], "--prefix 'xf'"),
    ],
)
def test_bad_options_exit_2_naming_the_option(tmp_path, args, message):
    done = subprocess.run(
        [str(QAWARD), "new-plugin", *args, "-d", str(tmp_path / "x")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_an_existing_directory_is_not_overwritten(tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    with pytest.raises(ScaffoldError, match="已存在且不为空"):
        new_plugin(tmp_path, "xinfeng", "信丰县")
