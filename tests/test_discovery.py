"""The installed plugins as importlib.metadata finds them, from a cache that is checked on every
start (qaward.discovery): installing, removing or editing a distribution is seen at once."""

import os
import subprocess
import sys
import textwrap
from importlib import metadata
from importlib.machinery import PathFinder

import pytest
from pluginkit import install
from qaward import discovery, loading


def rows(eps) -> list[tuple]:
    return [(e.name, e.value, e.dist_name, e.dist_version) for e in eps]


def truth(group: str = "qaward") -> list[tuple]:
    eps = sorted(metadata.entry_points(group=group), key=lambda e: e.name)
    return [(e.name, e.value, e.dist.name, e.dist.version) for e in eps]


def foreign(finder) -> bool:
    """A finder that lists distributions besides Python's own (importlib_metadata, the backport,
    adds one when some test's dependency imports it)."""
    return finder is not PathFinder and getattr(finder, "find_distributions", None) is not None


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache directory, in an interpreter as a command starts: Python's own finder lists the
    distributions (the backport, once imported, takes that over from it)."""
    monkeypatch.setenv("QAWARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("QAWARD_NO_CACHE", raising=False)
    if any(foreign(f) for f in sys.meta_path):
        monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if not foreign(f)])
        own = staticmethod(metadata.MetadataPathFinder.find_distributions)
        monkeypatch.setattr(PathFinder, "find_distributions", own, raising=False)
    return tmp_path / "cache"


@pytest.fixture
def site(tmp_path, monkeypatch):
    path = tmp_path / "site"
    path.mkdir()
    monkeypatch.syspath_prepend(str(path))
    return path


def found() -> list[tuple]:
    return rows(discovery.entry_points("qaward"))


def test_the_list_is_importlib_metadata_s_cold_and_warm(cache):
    assert found() == truth() and len(truth()) >= 5
    assert len(list(cache.glob("entry-points-*.marshal"))) == 1
    assert found() == truth()


def test_a_new_sys_path_each_time_keeps_only_the_newest_lists(cache, tmp_path, monkeypatch):
    for i in range(discovery.KEEP + 5):  # as scripts run from as many folders would
        folder = tmp_path / f"folder{i}"
        folder.mkdir()
        monkeypatch.setattr(sys, "path", [str(folder), *sys.path[1:]])
        assert found() == truth()
    assert len(list(cache.glob("entry-points-*.marshal"))) == discovery.KEEP
    assert found() == truth()  # the newest list is still there: read, not written again
    assert len(list(cache.glob("entry-points-*.marshal"))) == discovery.KEEP


def test_installing_editing_and_removing_a_plugin_is_seen(cache, site):
    assert found() == truth()
    install(site, "xinfeng", "plugin = None\n")
    metadata.FastPath.__new__.cache_clear()  # importlib.metadata's own listing cache
    assert ("xinfeng", "xinfeng:plugin", "qaward-xinfeng", "0.1") in found()
    assert found() == truth()
    info = site / "qaward_xinfeng-0.1.dist-info"
    entry = info / "entry_points.txt"
    entry.write_text("[qaward]\nxinfeng = xinfeng:other\n", encoding="utf-8")
    os.utime(entry, ns=(1, 1))  # the same size: only the time tells
    assert ("xinfeng", "xinfeng:other", "qaward-xinfeng", "0.1") in found()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: qaward-xinfeng\nVersion: 0.2\n", encoding="utf-8"
    )
    assert ("xinfeng", "xinfeng:other", "qaward-xinfeng", "0.2") in found()
    assert found() == truth()
    for f in info.iterdir():
        f.unlink()
    info.rmdir()
    metadata.FastPath.__new__.cache_clear()
    assert "xinfeng" not in [r[0] for r in found()]
    assert found() == truth()


def test_a_damaged_or_disabled_cache_asks_importlib_metadata(cache, monkeypatch):
    found()
    (file,) = cache.glob("entry-points-*.marshal")
    file.write_bytes(b"\x00garbage")
    assert found() == truth()
    monkeypatch.setenv("QAWARD_NO_CACHE", "1")
    file.unlink()
    assert found() == truth()
    assert not file.exists()


def test_another_finder_of_distributions_means_asking_importlib_metadata(cache, monkeypatch):
    class Finder:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

        @staticmethod
        def find_spec(*args):
            return None

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    assert found() == truth()
    assert not cache.exists()


def test_loading_matches_importlib_metadata_even_when_it_fails(site):
    (site / "halfway.py").write_text("plugin = 42\n", encoding="utf-8")
    assert discovery._PATTERN.pattern == metadata.EntryPoint.pattern.pattern
    ok = discovery.EntryPoint("h", "halfway:plugin", "qaward", "d", "1")
    assert ok.load() == 42
    for value in ("halfway:missing", "halfway:plugin.nope", "no_such_module_here:plugin", "!!"):
        ours = discovery.EntryPoint("h", value, "qaward", "d", "1")
        real = metadata.EntryPoint("h", value, "qaward")
        with pytest.raises(Exception) as mine:
            ours.load()
        with pytest.raises(Exception) as theirs:
            real.load()
        assert loading.describe_error(mine.value) == loading.describe_error(theirs.value)


def test_a_process_reads_no_metadata_once_the_list_is_cached(tmp_path):
    probe = textwrap.dedent(
        """
        import sys
        from qaward.loading import plugin_manager
        pm = plugin_manager()
        print(len(pm.infos), "importlib.metadata" in sys.modules, "email" in sys.modules)
        """
    )
    env = {**os.environ, "QAWARD_CACHE_DIR": str(tmp_path)}
    env.pop("QAWARD_NO_CACHE", None)
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [r.stdout.split() for r in runs] == [["5", "True", "True"], ["5", "False", "False"]]
