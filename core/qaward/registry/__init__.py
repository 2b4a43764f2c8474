"""The registry: award history, sanctions, bans, recommendations and obligations in a real
database (SQLAlchemy Core; SQLite by default, PostgreSQL when shared), with versioned migrations
(Alembic) and a hash-chained, append-only audit log.

Writes go through :meth:`Registry.writing` (one transaction, audited); the engine reads an
organisation's history through :func:`history_reader`.
"""

from __future__ import annotations

from collections.abc import Callable

from qaward.catalog import Catalog
from qaward.history import History
from qaward.registry.store import Registry, RegistryError, resolve_url, shown

__all__ = ["Registry", "RegistryError", "history_reader", "resolve_url", "shown"]


def history_reader(
    value: str | None, catalog: Catalog
) -> tuple[Callable[[str], History] | None, Registry]:
    """``history_of(credit_code)`` reading the registry at ``value`` (``--registry``, else
    ``QAWARD_REGISTRY``'s value as passed, else the default file), read-only; None when that
    SQLite file does not exist yet, so ``check`` and ``evaluate`` work without a registry."""
    from qaward.registry import queries

    url, _explicit = resolve_url(value)
    reg = Registry(url, readonly=True)
    if not reg.exists():
        return None, reg

    def history_of(credit_code: str) -> History:
        with reg.reading() as conn:
            return queries.history(conn, credit_code, catalog)

    return history_of, reg
