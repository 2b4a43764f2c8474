"""A per-user cache of the code attrs and cattrs generate for qaward's classes.

Creating a class with attrs writes the source of its ``__init__``, ``__eq__``, ``__repr__`` …
and ``compile``s it; cattrs does the same for its structuring functions. For the hundred-odd
classes of the model, the declarations and the plugins that is the largest single cost of a
short command (``qaward check FILE``), and the source is the same every time. This module keeps
the compiled code objects in one ``marshal`` file and gives them back when the same source is
compiled again, so a process compiles only what is new.

The hook is one name: ``compile`` in the namespace of ``attr._make`` and ``cattrs.gen`` (the
modules that call the builtin), set as they are imported. Everything else of attrs and cattrs
runs as usual: they still build the source, the linecache entry and the class. A cached code
object is the one ``compile`` returns for the same key: the source, the file name attrs or cattrs
gave it, the mode, the compiler flags of the calling module (its ``__future__`` imports), the
optimisation level and the interpreter (``MAGIC_NUMBER`` and ``sys.version``). Only sources
generated for classes of modules named ``qaward…`` (the core and its plugins) and of attrs and
cattrs themselves are cached (an embedding program's own classes are not); any other call, or a call with arguments these modules do not use, goes to the builtin unchanged. If
a release of attrs or cattrs stops calling ``compile`` by that name, nothing is cached and
nothing else changes.

Only qaward's own process installs it (``qaward.faces.cli.main``, before any class is created);
``import qaward`` in another program leaves attrs and cattrs as they are (that program may call
:func:`install` itself, first). The file is never required: a missing, unreadable or foreign file is ignored (and replaced at
exit), a directory that cannot be written is not written. New entries are written when the
process exits, to a temporary file renamed over the old one (concurrent processes each leave a
complete file). Where: ``QAWARD_CACHE_DIR``, else the user's cache directory
(``$XDG_CACHE_HOME/qaward``, ``~/.cache/qaward``; ``%LOCALAPPDATA%\\qaward`` on Windows);
``QAWARD_NO_CACHE=1`` turns the cache off. The directory holds only this file; deleting it is
always safe. Like Python's own ``__pycache__``, it is trusted as the user's own files are.
"""

from __future__ import annotations
import __future__

import atexit
import builtins
import contextlib
import marshal
import os
import sys
from collections.abc import Callable
from importlib.machinery import PathFinder
from types import CodeType, ModuleType
from typing import Any

PATCHED = ("attr._make", "cattrs.gen")  # the modules whose ``compile`` is looked up here
PREFIXES = ("<attrs generated ", "<cattrs generated ")
MAX_ENTRIES = 512  # beyond this a file keeps only what the last process used
_HEADER = ("qaward code cache", 2, sys.version, sys.flags.optimize)

_entries: dict[tuple, tuple] | None = None  # read on the first compile
_used: set[tuple] = set()
_new: dict[tuple, tuple] = {}  # key: (code, the salt in its source, where it is in the code)
stats = {"hits": 0, "misses": 0}  # for tests and curiosity


def directory() -> str | None:
    """The cache directory, or None when the cache is turned off."""
    if os.environ.get("QAWARD_NO_CACHE"):
        return None
    if chosen := os.environ.get("QAWARD_CACHE_DIR"):
        return chosen
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "qaward")


def path() -> str | None:
    """The cache file for this interpreter (its cache tag and optimisation level)."""
    where = directory()
    if where is None:
        return None
    tag = sys.implementation.cache_tag or "python"
    return os.path.join(where, f"generated-{tag}-opt{sys.flags.optimize}.marshal")


def _magic() -> bytes:
    from importlib.util import MAGIC_NUMBER

    return MAGIC_NUMBER


def _read() -> dict[tuple, tuple]:
    file = path()
    if file is None:
        return {}
    try:
        header, magic, entries = marshal.loads(load(file))
        if header == _HEADER and magic == _magic() and isinstance(entries, dict):
            return entries
    except Exception:  # missing, truncated, foreign: start afresh
        pass
    return {}


def load(file: str) -> bytes:
    """The bytes of a cache file; on POSIX only from a file of this user's that no one else may
    write (code is run from it), else OSError."""
    with open(file, "rb") as f:
        if os.name == "posix":
            st = os.fstat(f.fileno())
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                raise PermissionError(f"{file}: not this user's own file")
        return f.read()


def _write() -> None:
    """At exit: this process's new entries added to the file (atomically)."""
    file = path()
    if not _new or file is None:
        return
    entries = dict(_entries or {})
    if len(entries) + len(_new) > MAX_ENTRIES:
        entries = {key: entries[key] for key in _used if key in entries}
    entries.update(_new)
    if store(file, (_HEADER, _magic(), entries)):
        _new.clear()


def store(file: str, value: Any) -> bool:
    """``value`` marshalled into ``file`` through a temporary file renamed over it (a reader
    sees the old file or the new one, whole). False when it cannot be written: a read-only or
    full disk, a constant marshal cannot write; nothing is raised."""
    temporary = f"{file}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(file), mode=0o700, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        with open(os.open(temporary, flags, 0o600), "wb") as f:  # this user's alone
            f.write(marshal.dumps(value))
        os.replace(temporary, file)
        return True
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False


def _ours(filename: Any) -> bool:
    """A file name attrs or cattrs made for a class of qaward, its plugins or attrs and cattrs
    themselves (their own classes are made the same way, at every start)."""
    if not isinstance(filename, str) or not filename.startswith(PREFIXES):
        return False
    parts = filename.split(" ", 4)
    if len(parts) != 4:
        return False
    return parts[3].startswith("qaward") or parts[3].split(".")[0] in ("attr", "attrs", "cattrs")


def _future_flags(module: ModuleType) -> int:
    """The ``__future__`` flags the module's own calls to ``compile`` pass on (inherited)."""
    return sum(
        feature.compiler_flag
        for feature in vars(module).values()
        if isinstance(feature, __future__._Feature)
    )


def _salt(source: str, filename: str) -> int | None:
    """The per-process number attrs writes into a ``__hash__`` (the hash of a file name, so it
    changes with ``PYTHONHASHSEED``), when ``source`` holds it once."""
    kind, _, name = filename.removeprefix(PREFIXES[0]).partition(" ")
    if not filename.startswith(PREFIXES[0]) or kind not in ("methods", "hash", "__hash__"):
        return None
    salt = hash(f"{PREFIXES[0]}hash {name}")
    return salt if source.count(f" {salt},\n") == 1 else None


def _salt_paths(obj: Any, old: int) -> list[tuple[int, ...]]:
    """Where the constant ``old`` is in ``obj`` (a code object or a constant tuple): the indices
    down through nested functions' constants and tuples (``hash((salt,))`` of a class without
    fields is folded to one tuple). Found once, when the code is first compiled."""
    items = obj.co_consts if isinstance(obj, CodeType) else obj
    paths: list[tuple[int, ...]] = []
    for i, c in enumerate(items):
        if type(c) is int and c == old:
            paths.append((i,))
        elif type(c) is tuple or isinstance(c, CodeType):
            paths += [(i, *p) for p in _salt_paths(c, old)]
    return paths


def _resalted(obj: Any, path: tuple[int, ...], new: int) -> Any:
    """``obj`` with the constant at ``path`` replaced by ``new`` (the code objects and tuples
    on the way rebuilt, the others shared)."""
    items = obj.co_consts if isinstance(obj, CodeType) else obj
    i, rest = path[0], path[1:]
    value = _resalted(items[i], rest, new) if rest else new
    items = (*items[:i], value, *items[i + 1 :])
    return obj.replace(co_consts=items) if isinstance(obj, CodeType) else items


def _lookup(source: str, filename: str, mode: str, flags: int) -> CodeType:
    global _entries
    if _entries is None:
        _entries = _read()
        atexit.register(_write)
    salt = _salt(source, filename)
    # the key holds the source without that number: the same class gives the same key
    text = source if salt is None else source.replace(f" {salt},\n", " <type hash>,\n")
    key = (text, filename, mode, flags)
    _used.add(key)
    entry = _entries.get(key)
    if isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[0], CodeType):
        stats["hits"] += 1
        code, old, paths = entry
        if salt is not None and old != salt:
            for path in paths:
                code = _resalted(code, path, salt)
        return code
    stats["misses"] += 1
    code = builtins.compile(source, filename, mode, flags, True)
    paths = _salt_paths(code, salt) if salt is not None else []
    if salt is None or paths:  # a number the compiler folded away cannot be put back: not kept
        _new[key] = (code, salt, tuple(paths))
    return code


def cached_compile(module: ModuleType) -> Callable[..., Any]:
    """``compile`` as called from ``module`` (which inherits its ``__future__`` flags: read on
    the first call, when its ``from __future__`` line, always its first statement, has run)."""
    inherited: list[int] = []

    def compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1):  # noqa: A001
        if not dont_inherit:
            if not inherited:
                inherited.append(_future_flags(module))
            flags |= inherited[0]
        if optimize != -1 or not isinstance(source, str) or not _ours(filename):
            return builtins.compile(source, filename, mode, flags, True, optimize)
        return _lookup(source, filename, mode, flags)

    return compile


def _patch(module: ModuleType) -> None:
    if "compile" not in vars(module):  # the module's own name would be replaced: leave it
        module.compile = cached_compile(module)  # type: ignore[attr-defined]


class _Finder:
    """Patches a module of :data:`PATCHED` as it is imported."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in PATCHED:
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _Loader(spec.loader)  # type: ignore[assignment]  # a delegating proxy
        return spec


class _Loader:
    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        _patch(module)  # before it runs: the classes it makes itself are cached too
        self.loader.exec_module(module)


def install() -> None:
    """Cache attrs' and cattrs' generated code from now on (idempotent; nothing when off)."""
    if directory() is None or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    for name in PATCHED:
        if name in sys.modules:
            _patch(sys.modules[name])
    sys.meta_path.insert(0, _Finder())
