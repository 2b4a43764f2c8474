"""Helpers for the registry tests: a fresh registry per test on SQLite (a file in tmp_path) and,
when ``QAWARD_TEST_PG_URL`` names a PostgreSQL database, on PostgreSQL too (a schema of its own,
dropped afterwards). Without it the PostgreSQL cases are skipped with the reason shown by -rs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from qaward.faces.cli import cli

PG_URL = os.environ.get("QAWARD_TEST_PG_URL")
PG_SKIP = "PostgreSQL 未测试：未设置 QAWARD_TEST_PG_URL（.ci/run 能启动 PostgreSQL 时设置）"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql", id="postgresql", marks=pytest.mark.skipif(not PG_URL, reason=PG_SKIP)
    ),
]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
QAWARD = [sys.executable, "-c", "from qaward.faces.cli import main; main()"]


def pg_engine():
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = make_url(PG_URL)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT"), url


def fresh_registry(backend: str, tmp_path: Path):
    """For a fixture: an empty (not initialised) registry, a SQLite file path or a PostgreSQL
    URL with a schema of its own, removed afterwards."""
    if backend == "sqlite":
        yield str(tmp_path / "registry.db")
        return
    engine, url = pg_engine()
    schema = f"qaward_test_{uuid.uuid4().hex[:12]}"
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        engine.dispose()


def run(*args: str, registry: str | None = None) -> Any:
    """Run ``qaward ARGS [--registry URL]`` in-process; the click result."""
    argv = [*args, *(["--registry", registry] if registry else [])]
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def ok(*args: str, registry: str | None = None) -> Any:
    result = run(*args, registry=registry)
    assert result.exit_code == 0, result.output
    return result


def as_json(*args: str, registry: str | None = None) -> Any:
    return json.loads(ok(*args, "--format", "json", registry=registry).output)


def spawn(*args: str, **kw) -> subprocess.Popen:
    """``qaward ARGS`` in a process of its own."""
    return subprocess.Popen(
        [*QAWARD, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw
    )


def opened(url: str):
    """The registry at ``url``, opened as the commands open it."""
    from qaward.registry import Registry, resolve_url

    return Registry(resolve_url(url)[0])


def count(url: str, table: str) -> int:
    from qaward.registry import schema
    from sqlalchemy import func, select

    reg = opened(url)
    try:
        with reg.reading() as conn:
            query = select(func.count()).select_from(getattr(schema, table))
            return conn.execute(query).scalar()
    finally:
        reg.close()


def counts(url: str) -> dict[str, int]:
    tables = ("awards", "sanctions", "bans", "recommendations", "obligations", "audit")
    return {t: count(url, t) for t in tables}


def execute(url: str, sql: str) -> None:
    """Change the registry behind qaward's back (to test that ``verify`` notices)."""
    reg = opened(url)
    with reg.engine.begin() as conn:
        conn.exec_driver_sql(sql)
    reg.close()
