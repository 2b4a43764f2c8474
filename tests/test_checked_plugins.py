"""A plugin whose declarations passed their type checks is imported without them while its files
(and qaward's) are unchanged (qaward.checked); a change to any of them checks it again, so a
mistake is always reported with its message. Plugins installed for real, fresh processes."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pluginkit import COUNTY, install

# loads the installed plugins as every command does, then prints each one's state and the counts
PROBE = """
from qaward import checked
from qaward.loading import plugin_manager
pm = plugin_manager()
info = pm.infos["xinfeng"]
print(info.state.value, "|", info.error or "", "|", checked.stats["checked"], checked.stats["trusted"])
"""


def probe(site: Path, cache: Path | None) -> tuple[str, str, int, int]:
    env = {k: v for k, v in os.environ.items() if k not in ("QAWARD_NO_CACHE", "QAWARD_CACHE_DIR")}
    env["PYTHONPATH"] = str(site)
    env.update({"QAWARD_CACHE_DIR": str(cache)} if cache else {"QAWARD_NO_CACHE": "1"})
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    )
    state, error, counts = done.stdout.strip().rsplit("\n", 1)[-1].split(" | ")
    checked, trusted = map(int, counts.split())
    return state, error, checked, trusted


@pytest.fixture
def site(tmp_path):
    install(tmp_path / "site", "xinfeng", COUNTY)
    return tmp_path / "site"


def test_checked_once_then_trusted_while_unchanged(site, tmp_path):
    cache = tmp_path / "cache"
    state, _, checked, trusted = probe(site, cache)
    assert state == "loaded" and checked >= 6 and trusted == 0  # five built-in plugins and ours
    assert probe(site, cache) == ("loaded", "", 0, checked)
    assert probe(site, None)[2:] == (checked, 0)  # the cache turned off: every plugin checked


@pytest.mark.parametrize(
    "edit",
    ["same_size", "new_file"],
)
def test_a_changed_plugin_is_checked_again_and_its_mistake_reported(site, tmp_path, edit):
    cache = tmp_path / "cache"
    probe(site, cache)
    module = site / "xinfeng.py"
    wrong = textwrap.dedent(COUNTY).replace("Level.county", "'county'    ")  # same length
    assert len(wrong) == len(textwrap.dedent(COUNTY))
    if edit == "same_size":  # written in place, the same size, its time set back
        before = module.stat()
        module.write_text(wrong, encoding="utf-8")
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    else:  # replaced by a new file (as pip does)
        module.unlink()
        module.write_text(wrong, encoding="utf-8")
    state, error, checked, _ = probe(site, cache)
    assert state == "broken" and "Jurisdiction.level：应为 Level" in error and checked == 1


def test_a_change_to_qaward_itself_checks_every_plugin_again(site, tmp_path, monkeypatch):
    """The record holds qaward's own files (the declaration classes are there): one of them
    changed (here: seen with another identity) means every plugin is checked."""
    from qaward import checked

    cache = tmp_path / "cache"
    probe(site, cache)
    monkeypatch.setenv("QAWARD_CACHE_DIR", str(cache))
    monkeypatch.setattr(checked, "_records", None)
    records = checked._read()
    assert records and all(
        any(f.endswith(os.path.join("qaward", "rules.py")) for f, _ in files)
        for files in records.values()
    )
    rules = next(f for files in records.values() for f, _ in files if f.endswith("rules.py"))
    for key, files in records.items():
        records[key] = tuple((f, (0, 0, 0) if f == rules else seen) for f, seen in files)
    checked._write()
    assert probe(site, cache)[2:] == (len(records), 0)
