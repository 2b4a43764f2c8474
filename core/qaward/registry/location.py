"""Where the default registry file lives, whether a registry is there at all, and the error
raised when one cannot be used: all without importing SQLAlchemy, so ``check`` and ``evaluate``
without a registry never load it."""

from __future__ import annotations

import os
from pathlib import Path

from qaward.errors import QawardError


class RegistryError(QawardError):
    """The registry cannot be used as asked: missing, not initialised, unreachable, too new."""


def default_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "qaward" / "registry.db"


def missing_file(value: str | None) -> bool:
    """True when ``value`` (``--registry`` / ``QAWARD_REGISTRY``; none = the default file) is a
    SQLite file path that does not exist yet. A URL is left to the registry itself to judge."""
    if value and "://" in value:
        return False
    path = Path(value).expanduser() if value else default_path()
    return not path.exists()
