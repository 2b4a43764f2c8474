"""The installed plugins' entry points, found without importing ``importlib.metadata`` each time.

``importlib.metadata`` is the source of truth: it reads every distribution's metadata (and
imports ``email``, ``zipfile``, ``csv`` … to do so), which costs a short command such as
``qaward check FILE`` more than the plugins themselves. Its answer for the group is kept in the
cache directory (:func:`qaward.codecache.directory`) with a fingerprint of what it depends on:
every ``sys.path`` entry (its absolute path and modification time; a zip by time and size) and,
in each directory, every ``*.dist-info`` / ``*.egg-info`` with the time and size of its
``entry_points.txt`` and, when it has one, of its ``METADATA`` / ``PKG-INFO``. Installing, removing or editing a
distribution changes the fingerprint, and then ``importlib.metadata`` is asked again. The
fingerprint is taken on every start (a directory listing per path entry and a few hundred
``stat`` calls, well under a millisecond); a finder on ``sys.meta_path`` other than Python's own
that lists distributions, a disabled cache or an unreadable file all mean: ask
``importlib.metadata``.

An :class:`EntryPoint` loads as ``importlib.metadata.EntryPoint.load`` does (``import_module``,
then the attributes); when an attribute is missing, the real ``EntryPoint`` is asked, so a broken
plugin is reported with the same error, raised at the same place.
"""

from __future__ import annotations

import binascii
import functools
import marshal
import os
import re
import stat
import sys
from importlib import import_module
from importlib.machinery import PathFinder
from typing import Any

from qaward import codecache

# importlib.metadata.EntryPoint.pattern (Python 3.11–3.13)
_PATTERN = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_HEADER = ("qaward entry points", 1, sys.version)
_NAME_FILES = ("METADATA", "PKG-INFO")
KEEP = 16  # lists kept (one per sys.path: per environment, or per folder a script runs from)


class EntryPoint:
    """One entry point of the group and its distribution (name and version as declared)."""

    __slots__ = ("name", "value", "group", "dist_name", "dist_version")

    def __init__(self, name: str, value: str, group: str, dist_name: str, dist_version: str):
        self.name, self.value, self.group = name, value, group
        self.dist_name, self.dist_version = dist_name, dist_version

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"

    def load(self) -> Any:
        match = _PATTERN.match(self.value)
        if match:
            module = import_module(match.group("module"))
            names = filter(None, (match.group("attr") or "").split("."))
            try:
                return functools.reduce(getattr, names, module)
            except AttributeError:
                pass
        from importlib import metadata  # its own error, from its own frame

        return metadata.EntryPoint(self.name, self.value, self.group).load()


def entry_points(group: str) -> list[EntryPoint]:
    """The group's entry points sorted by name, as ``importlib.metadata.entry_points`` gives
    them (the first distribution of a name on ``sys.path`` wins)."""
    file = _file(group)
    if file is None:
        return _scan(group)
    fingerprint = _fingerprint()
    cached = _read(file, fingerprint)
    if cached is not None:
        return [EntryPoint(*row) for row in cached]
    found = _scan(group)
    _write(file, fingerprint, [_row(ep) for ep in found])
    return found


def _scan(group: str) -> list[EntryPoint]:
    from importlib import metadata

    found = []
    for ep in sorted(metadata.entry_points(group=group), key=lambda e: e.name):
        dist = ep.dist
        name, version = (dist.name, dist.version) if dist else ("", "")
        found.append(EntryPoint(ep.name, ep.value, ep.group, name, version))
    return found


def _row(ep: EntryPoint) -> tuple[str, ...]:
    return (ep.name, ep.value, ep.group, ep.dist_name, ep.dist_version)


def _file(group: str) -> str | None:
    """The cache file for this ``sys.path`` (None: do not cache)."""
    where = codecache.directory()
    others = [
        f
        for f in sys.meta_path
        if f is not PathFinder and getattr(f, "find_distributions", None) is not None
    ]
    if where is None or others:
        return None
    # one file per sys.path as written ('' is the working directory, whichever it is: its
    # listing is in the fingerprint), so that the directory holds a file per environment
    roots = repr((group, sys.path))
    tag = sys.implementation.cache_tag or "python"
    return os.path.join(where, f"entry-points-{tag}-{binascii.crc32(roots.encode()):08x}.marshal")


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_mtime_ns, st.st_size


def _dist(path: str) -> tuple:
    """A distribution's entry points file and, when it has one, its name and version file (one
    without entry points declares none: its metadata cannot change the answer)."""
    entry_points = _stat(os.path.join(path, "entry_points.txt"))
    if entry_points is None:
        return (path, None)
    return (path, entry_points, *(_stat(os.path.join(path, f)) for f in _NAME_FILES))


def _fingerprint() -> tuple:
    parts: list[tuple] = []
    for entry in sys.path:
        root = os.path.abspath(entry or ".")
        try:
            st = os.stat(root)
        except (OSError, ValueError):
            parts.append((root, None))
            continue
        if not stat.S_ISDIR(st.st_mode):  # a zip file on the path
            parts.append((root, st.st_mtime_ns, st.st_size))
            continue
        try:
            names = sorted(os.listdir(root))
        except OSError:
            parts.append((root, st.st_mtime_ns, None))
            continue
        dists = tuple(
            _dist(os.path.join(root, name))
            for name in names
            if name.lower().endswith((".dist-info", ".egg-info"))
        )
        parts.append((root, st.st_mtime_ns, dists))
    return tuple(parts)


def _read(file: str, fingerprint: tuple) -> list | None:
    try:
        header, seen, rows = marshal.loads(codecache.load(file))
        valid = isinstance(rows, list) and all(isinstance(r, tuple) and len(r) == 5 for r in rows)
        if header == _HEADER and seen == fingerprint and valid:
            return rows
    except Exception:  # missing, truncated, foreign: ask importlib.metadata
        pass
    return None


def _write(file: str, fingerprint: tuple, rows: list) -> None:
    if codecache.store(file, (_HEADER, fingerprint, rows)):
        _prune(os.path.dirname(file))


def _prune(where: str) -> None:
    """Keep the :data:`KEEP` newest lists: a script run from a new folder has a new ``sys.path``
    and so a file of its own, which would otherwise pile up for ever."""
    try:
        files = [e for e in os.scandir(where) if e.name.startswith("entry-points-")]
        files.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for old in files[KEEP:]:
            os.unlink(old.path)
    except OSError:  # another process pruned first, or the folder is not ours to clean
        pass
