"""Schema versions and migrations (Alembic), run on a connection the registry already holds."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


@cache
def head() -> str:
    """The schema revision this program writes and reads."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None, "the migrations ship with the package"
    return revision


def current(conn: Connection) -> str | None:
    """The registry's schema revision (None: not initialised)."""
    return MigrationContext.configure(conn).get_current_revision()


@cache
def known(revision: str) -> bool:
    """Whether this program knows the revision (a newer program may have upgraded the registry)."""
    scripts = ScriptDirectory.from_config(_config())
    return any(s.revision == revision for s in scripts.walk_revisions())


def upgrade(conn: Connection) -> None:
    """Create the schema or bring it to :func:`head`, inside the caller's transaction."""
    command.upgrade(_config(conn), "head")
