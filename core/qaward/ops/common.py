"""What every operation shares: the schema version, parsing input, the registry handle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from attrs import define

from qaward import io
from qaward.catalog import Catalog, default_catalog
from qaward.history import History
from qaward.registry.location import missing_file

SCHEMA_VERSION = "1.0"
"""The version of every output document's shape (``schema_version``): a new key is a minor
change (1.x), a renamed or removed key a major one."""

T = TypeVar("T")
Doc = dict[str, Any]


def document(**body: Any) -> Doc:
    """An output document: ``schema_version`` first, then the body."""
    return {"schema_version": SCHEMA_VERSION, **body}


def parse(data: Any, cls: type[T], where: str) -> T:
    """The contract's object as is, or structured from a mapping (errors name ``where`` and the
    field path, exactly as for a file)."""
    if isinstance(data, cls):
        return data
    if not isinstance(data, Mapping):
        raise io.InputError(where, [f"$: 应为映射（键: 值），得到 {type(data).__name__}"])
    return io.structure(dict(data), cls, where)


def day(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def catalog_of(catalog: Catalog | None) -> Catalog:
    return catalog or default_catalog()


def jurisdiction_ids(catalog: Catalog, ids: list[str] | tuple[str, ...] | None, at: str) -> list:
    """The ids asked for, each checked (an unknown id is bad input naming its position)."""
    from qaward.errors import UnknownJurisdiction

    for i, jid in enumerate(ids or ()):
        try:
            catalog.jurisdiction(jid)  # a broken or disabled plugin's id: PluginUnavailable
        except UnknownJurisdiction as exc:
            raise io.InputError(at, [f"$.jurisdictions[{i}]: {exc}"]) from None
    return list(ids or ())


def open_registry(value: Any = None, *, readonly: bool = False):
    """A :class:`qaward.registry.Registry` from ``--registry`` / ``QAWARD_REGISTRY`` (a path or
    URL; None: the default file), or the registry passed in (the service keeps one, pooled)."""
    from qaward.registry import Registry, resolve_url

    if isinstance(value, Registry):
        return value
    url, _ = resolve_url(value)
    return Registry(url, readonly=readonly)


@define
class RegistryUse:
    """Which registry a reading operation consulted and what it merged: stated in its output
    (``registry``), since the same input answers differently with another registry."""

    state: str = "disabled"  # consulted | no_file | disabled
    where: str = ""  # the registry (password hidden), or the file looked for
    awards: int = 0
    sanctions: int = 0
    recommendations: int = 0

    def add(self, history: History) -> History:
        self.awards += len(history.awards)
        self.sanctions += len(history.sanctions)
        self.recommendations += len(history.recommendations)
        return history

    def to_json(self) -> dict[str, Any]:
        merged = None
        if self.state == "consulted":
            merged = {
                "awards": self.awards,
                "sanctions": self.sanctions,
                "recommendations": self.recommendations,
            }
        return {"state": self.state, "registry": self.where or None, "merged": merged}


def reader(registry: Any, catalog: Catalog) -> tuple[Callable[[str], History] | None, RegistryUse]:
    """``history_of(credit_code)`` reading ``registry`` (a Registry, a path or URL) read-only,
    and the statement of its use. None: no registry is read (``disabled``); a SQLite file that
    does not exist yet is ``no_file`` (and SQLAlchemy is never imported)."""
    if registry is None:
        return None, RegistryUse("disabled")
    if isinstance(registry, str) and missing_file(registry):
        return None, RegistryUse("no_file", str(Path(registry).expanduser()))
    reg = open_registry(registry, readonly=True)
    from qaward.registry import shown

    if not reg.exists():
        return None, RegistryUse("no_file", shown(reg.url))
    use = RegistryUse("consulted", shown(reg.url))

    def read(credit_code: str) -> History:
        return use.add(reg.history(credit_code, catalog))

    return read, use
