"""What a bureau's IT checks before installing: the licence and the Python it needs."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_licence_file_is_mit_and_readme_states_it():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text
    assert "Licence: MIT (see `LICENSE`)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_requirement_is_stated_where_it_is_enforced():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    assert "Requires Python 3.11 or newer" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "sys.version_info < (3, 11)" in (ROOT / "Makefile").read_text(encoding="utf-8")
