"""The registry: award history, sanctions, bans, recommendations and obligations in a real
database (SQLAlchemy Core; SQLite by default, PostgreSQL when shared), with versioned migrations
(Alembic) and a hash-chained, append-only audit log.

Writes go through :meth:`Registry.writing` (one transaction, audited); the engine reads an
organisation's history through :func:`history_reader`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from qaward.registry.location import RegistryError, missing_file

if TYPE_CHECKING:
    from qaward.catalog import Catalog
    from qaward.history import History
    from qaward.registry.store import Registry

__all__ = ["Registry", "RegistryError", "history_reader", "resolve_url", "shown"]

# SQLAlchemy and Alembic are imported when one of these is first used, not with the package
_STORE = {"Registry", "resolve_url", "shown"}


def __getattr__(name: str) -> Any:
    if name in _STORE:
        from qaward.registry import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def history_reader(
    value: str | None, catalog: Catalog
) -> tuple[Callable[[str], History] | None, Registry | None]:
    """``history_of(credit_code)`` reading the registry at ``value`` (``--registry``, else
    ``QAWARD_REGISTRY``'s value as passed, else the default file), read-only; None when that
    SQLite file does not exist yet, so ``check`` and ``evaluate`` work without a registry (and
    without importing SQLAlchemy)."""
    if missing_file(value):
        return None, None
    from qaward.registry import queries
    from qaward.registry.store import Registry, resolve_url

    url, _explicit = resolve_url(value)
    reg = Registry(url, readonly=True)
    if not reg.exists():
        return None, reg

    def history_of(credit_code: str) -> History:
        with reg.reading() as conn:
            return queries.history(conn, credit_code, catalog)

    return history_of, reg
