"""A throwaway virtual environment that sees this one's packages (the core and the built-in
plugins, as installed by ``make``) and gets one more package installed for real with pip, as a
county's IT staff would install a plugin."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
from pathlib import Path


def child_venv(where: Path) -> Path:
    """A venv at ``where`` whose site-packages also reads ours; returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "_qaward_parent.pth").write_text(
        f"import site; site.addsitedir({ours!r})\n", encoding="utf-8"
    )
    assert ours in site.getsitepackages() or Path(ours).exists()
    return python


def pip_install(python: Path, package: Path) -> subprocess.CompletedProcess:
    """``pip install`` a package directory into the child venv (no network: no isolation)."""
    return subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
        + ["--no-deps", "--no-build-isolation", str(package)],
        capture_output=True,
        text=True,
        env=os.environ | {"PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )


def run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(python), *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


QAWARD = ("-c", "from qaward.faces.cli import main; main()")
