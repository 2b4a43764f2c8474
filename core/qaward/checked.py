"""Plugins whose declarations already passed their type checks, with the files that built them.

Every declaration a plugin builds when its module is imported has each field checked against its
annotation (:mod:`qaward.declare`): some 2,000 checks for the five plugins, ~5 ms of every
start, giving the same answer every time the same files run. So a plugin whose module imported
without an error is remembered in the cache directory (:func:`qaward.codecache.directory`) with
the identity (inode, modification time, size) of every file of qaward and of the plugins that
had been imported by then, its own included. While every one of those files is unchanged, the
next start imports it with the checks off: the code they would check is the code that passed.
Editing, reinstalling or replacing any of them, another entry point, a disabled cache or an
unreadable file all mean: checked again, so a mistake is reported, with its message, the first
time the changed plugin is imported. Declarations built later (in a hook, in a test, by the
core) are always checked.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
from typing import Any

from qaward import codecache, declare

_HEADER = ("qaward checked plugins", 1, sys.version)
KEEP = 64  # plugins remembered (per environment and entry point)

_records: dict[tuple, tuple] | None = None  # read on the first plugin
_pending = False  # written at exit
_identities: dict[str, tuple[int, int, int] | None] = {}  # each file looked at once a process
stats = {"checked": 0, "trusted": 0}  # for tests


def load(ep: Any) -> Any:
    """``ep.load()`` (a :class:`qaward.discovery.EntryPoint`), with the type checks of the
    declarations its import builds skipped when they passed before on the very same files."""
    key = (sys.prefix, ep.name, ep.value)
    files = _read().get(key)
    if files is not None and all(_identity(f) == seen for f, seen in files):
        stats["trusted"] += 1
        with declare.unchecked():
            return ep.load()
    stats["checked"] += 1
    plugin = ep.load()  # a declaration error raises here: nothing is remembered
    if path() is not None:
        _remember(key, tuple((f, _identity(f)) for f in _imported(ep)))
    return plugin


def _remember(key: tuple, files: tuple) -> None:
    global _pending
    records = _read()
    records.pop(key, None)
    records[key] = files  # the newest last
    while len(records) > KEEP:
        del records[next(iter(records))]
    if not _pending:
        _pending = True
        atexit.register(_write)


def _imported(ep: Any) -> list[str]:
    """The source files of qaward, of every plugin imported so far and of this one's package."""
    own = ep.value.partition(":")[0].partition(".")[0]
    files = []
    for name, module in list(sys.modules.items()):
        top = name.partition(".")[0]
        if top.startswith("qaward") or top == own:
            file = getattr(module, "__file__", None)
            if isinstance(file, str):
                files.append(file)
    return sorted(files)


def _identity(file: str) -> tuple[int, int, int] | None:
    if file not in _identities:
        try:
            st = os.stat(file)
            _identities[file] = (st.st_ino, st.st_mtime_ns, st.st_size)
        except (OSError, ValueError):
            _identities[file] = None
    return _identities[file]


def path() -> str | None:
    where = codecache.directory()
    if where is None:
        return None
    return os.path.join(
        where, f"checked-plugins-{sys.implementation.cache_tag or 'python'}.marshal"
    )


def _read() -> dict[tuple, tuple]:
    """The plugins remembered (none when the cache is off or its file unreadable)."""
    global _records
    if _records is None:
        _records = {}
        file = path()
        try:
            header, records = marshal.loads(codecache.load(file)) if file else (None, None)
            if header == _HEADER and isinstance(records, dict):
                _records = records
        except Exception:  # missing, truncated, foreign: check every plugin again
            pass
    return _records


def _write() -> None:
    file = path()
    if file is not None and _records is not None:
        codecache.store(file, (_HEADER, _records))
