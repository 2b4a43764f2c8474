"""Each jurisdiction is packaged as a county's would be: a plugin's sdist carries its tests (and
the example organisation they read) and they pass from the unpacked sdist against the installed
core. Without a sibling jurisdiction, the tests that need it are skipped with the reason."""

import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def unpacked_sdist(plugin: str, where: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "-o", str(where)]
        + [str(ROOT / "plugins" / plugin)],
        check=True,
        capture_output=True,
    )
    (archive,) = where.glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(where, filter="data")
    (folder,) = (p for p in where.iterdir() if p.is_dir())
    return folder


def pytest_in(folder: Path, **env: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        cwd=folder,
        env=os.environ | env,
        timeout=300,
    )


@pytest.mark.parametrize("plugin", ["huichang", "hongqi"])
def test_the_sdist_runs_its_own_tests(plugin, tmp_path):
    folder = unpacked_sdist(plugin, tmp_path)
    assert (folder / "tests" / f"test_{plugin}.py").is_file()
    assert not (folder / "tests" / "conftest.py").is_symlink()
    done = pytest_in(folder)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "passed" in done.stdout and "skipped" not in done.stdout


def test_without_a_sibling_jurisdiction_its_tests_are_skipped_with_the_reason(tmp_path):
    folder = unpacked_sdist("hongqi", tmp_path)
    others = "ganzhou_city,ganzhou_kfq,huichang,jindong"
    done = pytest_in(folder, QAWARD_DISABLE_PLUGINS=others)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "skipped" in done.stdout and "需要未安装（或已停用）的管辖区" in done.stdout
