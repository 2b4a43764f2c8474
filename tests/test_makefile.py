"""The Makefile refuses a Python older than 3.11 and rebuilds a .venv an older one made."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
OLD_PYTHON = '#!/bin/sh\ncase "$1" in --version) echo "Python 3.10.12";; *) exit 1;; esac\n'


@pytest.fixture
def old_python(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make 未安装")
    fake = tmp_path / "python3.10"
    fake.write_text(OLD_PYTHON)
    fake.chmod(0o755)
    return fake


def make(tmp_path, venv, python):
    return subprocess.run(
        ["make", "-C", str(ROOT), f"VENV={venv}", f"PYTHON={python}", f"{venv}/.installed-stamp"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_venv_made_by_an_old_python_is_removed_and_an_old_python_refused(tmp_path, old_python):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    shutil.copy(old_python, venv / "bin" / "python")
    (venv / ".installed-stamp").touch()  # a stamp does not save it
    done = make(tmp_path, venv, old_python)
    assert "qaward needs Python >= 3.11: rebuilding it" in done.stdout
    assert not venv.exists()
    assert done.returncode != 0 and "qaward needs Python >= 3.11; " in done.stderr
    assert "Python 3.10.12" in done.stderr
