"""Where the registry lives and how it is opened, upgraded and written: one transaction per write.

The same code runs on SQLite (the default, a file under ``$XDG_DATA_HOME/qaward``) and on
PostgreSQL (a registry a city or province shares among its counties). Writers are serialised: on
SQLite by ``BEGIN IMMEDIATE`` (with a busy timeout), on PostgreSQL by locking the audit chain's
head row (``SELECT ... FOR UPDATE``), so two processes writing at once lose nothing.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Table, and_, create_engine, event, select, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.pool import QueuePool

from qaward.limits import clip
from qaward.registry import audit as audit_log
from qaward.registry import migrate
from qaward.registry.keys import audit_key
from qaward.registry.location import RegistryError, default_path
from qaward.registry.schema import audit_head
from qaward.registry.snapshot import Snapshot

if TYPE_CHECKING:
    from qaward.catalog import Catalog
    from qaward.history import History

BUSY_TIMEOUT = 60.0  # seconds a SQLite writer waits for another to finish
# Concurrent `registry init` on one new SQLite file: switching to WAL and the first migration can
# meet SQLite's deadlock guard, which answers "database is locked" at once instead of waiting.
# init is idempotent, so it simply tries again (the others then find the schema current).
INIT_TRIES = 20


class RegistryBusy(RegistryError):
    """SQLite answered "database is locked" without waiting (see INIT_TRIES)."""


def _access_error(url: Any, exc: BaseException) -> RegistryError:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    cls = RegistryBusy if "database is locked" in reason else RegistryError
    return cls(f"无法访问登记簿 {shown(url)}：{reason}")


def resolve_url(value: str | None) -> tuple[URL, bool]:
    """The registry URL from ``--registry`` / ``QAWARD_REGISTRY`` (a URL or a SQLite file
    path), else the default file; and whether it was given explicitly."""
    if not value:
        return URL.create("sqlite", database=str(default_path())), False
    if "://" not in value:
        return URL.create("sqlite", database=str(Path(value).expanduser())), True
    try:
        url = make_url(value)
    except ArgumentError:
        raise RegistryError(f"登记簿地址无效：{value}") from None
    if url.drivername in ("postgresql", "postgres"):  # psycopg 3 is the driver we install
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise RegistryError(f"登记簿只支持 SQLite 与 PostgreSQL（及其兼容数据库）：{shown(url)}")
    if url.get_driver_name() in ASYNC_DRIVERS:
        raise RegistryError(
            f"不支持异步驱动 {url.get_driver_name()}：请用 sqlite:///路径 或 postgresql://…"
        )
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise RegistryError(
                f"SQLite 登记簿地址缺少文件路径：{shown(url)}（应为 sqlite:///路径/registry.db）"
            )
        if set(url.query) - {"mode"} or url.query.get("mode", "ro") != "ro":
            raise RegistryError(f"SQLite 登记簿地址只接受 ?mode=ro：{shown(url)}")
    return url, True


ASYNC_DRIVERS = {"aiosqlite", "pysqlite_async", "asyncpg", "psycopg_async", "aiopg"}


def shown(url: URL) -> str:
    """The URL for messages, password hidden."""
    return url.render_as_string(hide_password=True)


def default_operator() -> str:
    try:
        return os.environ.get("QAWARD_OPERATOR") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry for the uid (containers)
        return f"uid {os.getuid()}"


def _check_sqlite(conn: sqlite3.Connection, path: Path) -> None:
    """A file that is not a SQLite database (or not readable as one) is named as such."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise RegistryError(f"{path} 不是 SQLite 登记簿（{exc}）") from None


class Registry:
    """An open registry. ``readonly`` opens SQLite files read-only (``check`` and ``evaluate``)."""

    def __init__(self, url: URL, *, readonly: bool = False):
        self.url = url
        self.forced_readonly = url.query.get("mode") == "ro"  # the user's ?mode=ro
        self.readonly = readonly or self.forced_readonly
        self.sqlite = url.get_backend_name() == "sqlite"
        self.path = Path(url.database) if self.sqlite and url.database else None
        self._engine: Engine | None = None
        self._current = False  # the schema version was found current in this process
        self.histories: Snapshot | None = None  # all histories in memory (keep_histories)

    def exists(self) -> bool:
        """False only for a SQLite file that is not there yet (a server is assumed to exist)."""
        return self.path is None or self.path.exists()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._make_engine()
        return self._engine

    def _make_engine(self) -> Engine:
        if not self.sqlite:
            try:
                engine = create_engine(self.url)
            except NoSuchModuleError:
                raise RegistryError(f"不支持的数据库：{shown(self.url)}") from None
            except ImportError as exc:
                raise RegistryError(
                    f"缺少数据库驱动（{exc.name}）：请安装 qaward[postgresql]"
                ) from None
            return engine.execution_options(postgresql_readonly=True) if self.readonly else engine
        path, readonly, forced = self.path, self.readonly, self.forced_readonly
        assert path is not None  # a SQLite registry is a file

        def connect() -> sqlite3.Connection:
            # A reader opens read-write at the file level and refuses writes by query_only: SQLite
            # must be able to roll back the journal a killed writer left behind (mode=ro could
            # not, and every read failed until a writer came). ?mode=ro in the URL is honoured.
            if forced:
                conn = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro",
                    uri=True,
                    timeout=BUSY_TIMEOUT,
                    check_same_thread=False,
                )
            else:
                conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, check_same_thread=False)
            _check_sqlite(conn, path)
            return conn

        # a queue pool (the creator URL alone would look like :memory: and get one connection
        # per thread): the HTTP service shares a few connections among its requests
        engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # transactions are begun below, not by the driver
            dbapi_conn.execute("PRAGMA foreign_keys = ON")
            if readonly:
                dbapi_conn.execute("PRAGMA query_only = ON")

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            # IMMEDIATE takes the write lock up front: a second writer waits, none fails midway;
            # a read (show, verify, log) takes no lock at all (WAL)
            write = conn.get_execution_options().get("qaward_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write and not readonly else "BEGIN")

        return engine

    def keep_histories(self) -> None:
        """For a long-running reader (the HTTP service): keep every history in memory, checked
        against the file before each use (SQLite only; see :mod:`qaward.registry.snapshot`)."""
        if self.sqlite and self.histories is None:
            self.histories = Snapshot(self)

    def history(self, credit_code: str, catalog: Catalog) -> History:
        """An organisation's recorded history (empty when nothing is recorded)."""
        if self.histories is not None:
            return self.histories.history(credit_code, catalog)
        from qaward.registry import queries

        with self.reading() as conn:
            return queries.history(conn, credit_code, catalog)

    def close(self) -> None:
        if self.histories is not None:
            self.histories.close()
        if self._engine is not None:
            self._engine.dispose()

    # --- transactions --------------------------------------------------------------------------

    @contextmanager
    def _begin(self, write: bool = False) -> Iterator[Connection]:
        engine = self.engine.execution_options(qaward_write=True) if write else self.engine
        try:
            with engine.begin() as conn:
                yield conn
        except (DBAPIError, InterfaceError) as exc:  # unreachable, locked too long, not a DB...
            raise _access_error(self.url, exc) from None
        except (ValueError, TypeError) as exc:  # a stored value SQLAlchemy cannot convert
            raise RegistryError(
                f"登记簿 {shown(self.url)} 中有损坏的数据（{clip(str(exc), 80)}）："
                "请运行 qaward registry verify 查明"
            ) from None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction on an initialised registry of this program's schema version."""
        self._require_file()
        with self._begin() as conn:
            self._require_current(conn)
            yield conn

    @contextmanager
    def writing(
        self, command: str, input_digest: str, operator: str | None = None
    ) -> Iterator[Writer]:
        """One write transaction with its audit entries: all of it is committed, or none.
        ``operator`` (经办人) is recorded with every audit row: the HTTP caller, or else
        ``QAWARD_OPERATOR``, else the account running the command."""
        key, operator = audit_key(), operator or default_operator()
        self._require_writable()
        self._require_file()
        with self._begin(write=True) as conn:
            self._require_current(conn)
            if not self.sqlite:  # SQLite holds the write lock since BEGIN IMMEDIATE
                conn.execute(select(audit_head.c.id).where(audit_head.c.id == 1).with_for_update())
            chain = audit_log.Chain(conn, command, input_digest, operator, key)
            yield Writer(conn, chain)
            chain.close()

    def init(self, input_digest: str, operator: str | None = None) -> tuple[str | None, str | None]:
        """Create the registry or upgrade it to this program's schema; the upgrade is audited."""
        for attempt in range(INIT_TRIES):
            started = time.monotonic()
            try:
                return self._init_once(input_digest, operator)
            except RegistryBusy:
                waited = time.monotonic() - started  # a real BUSY_TIMEOUT is not retried
                if not self.sqlite or attempt == INIT_TRIES - 1 or waited > BUSY_TIMEOUT / 2:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _init_once(self, input_digest: str, operator: str | None) -> tuple[str | None, str | None]:
        self._require_writable()
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._wal()
        with self._begin(write=True) as conn:
            if not self.sqlite:  # concurrent inits: one migrates, the others then find it done
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7310140014)")
            before = migrate.current(conn)
            if before is not None and not migrate.known(before):
                raise RegistryError(self._too_new(before))
            migrate.upgrade(conn)
            after = migrate.current(conn)
            if before != after:
                if not self.sqlite:
                    conn.execute(select(audit_head).where(audit_head.c.id == 1).with_for_update())
                chain = audit_log.Chain(
                    conn, "registry init", input_digest, operator or default_operator(), audit_key()
                )
                chain.append(
                    "alembic_version", audit_log.canonical([after]), "upgrade", {"from": before}
                )
                chain.close()
        return before, after

    def _wal(self) -> None:
        """Write-ahead logging (kept in the file): readers never wait for a writer, and a
        writer never waits for readers; only writers queue (BUSY_TIMEOUT)."""
        try:
            raw = self.engine.raw_connection()  # outside a transaction, as SQLite requires
            try:
                raw.cursor().execute("PRAGMA journal_mode = WAL")
            finally:
                raw.close()
        except (OperationalError, sqlite3.OperationalError) as exc:
            raise _access_error(self.url, exc) from None

    def _require_writable(self) -> None:
        if self.forced_readonly:
            raise RegistryError(f"登记簿 {shown(self.url)} 以只读方式（mode=ro）打开，不能写入")

    def _require_file(self) -> None:
        if not self.exists():
            raise RegistryError(
                f"登记簿 {self.path} 不存在：请先运行 qaward registry init（或用 --registry 指定）"
            )

    def _require_current(self, conn: Connection) -> None:
        if self._current:
            return
        have, want = migrate.current(conn), migrate.head()
        if have == want:
            self._current = True
            return
        if have is None:
            raise RegistryError(
                f"登记簿 {shown(self.url)} 尚未初始化：请先运行 qaward registry init"
            )
        if not migrate.known(have):
            raise RegistryError(self._too_new(have))
        raise RegistryError(
            f"登记簿结构版本为 {have}，本程序需要 {want}：请运行 qaward registry init 升级"
        )

    def _too_new(self, revision: str) -> str:
        return f"登记簿结构版本 {revision} 比本程序新：请升级 qaward"


class Writer:
    """Puts rows by natural key inside a write transaction, auditing every change. ``dry``:
    only finds what would change and the conflicts (in a read transaction, no chain)."""

    def __init__(self, conn: Connection, chain: audit_log.Chain | None, dry: bool = False):
        self.conn = conn
        self.chain = chain
        self.dry = dry
        self.counts: dict[str, Counter] = {}
        self.conflicts: list[str] = []

    def put(
        self,
        table: Table,
        values: dict[str, Any],
        *,
        correct: bool = False,
        keep_existing: bool = False,
    ) -> str:
        """Insert a row, or leave it when the stored one agrees on every given value. A stored row
        that disagrees is a conflict, unless ``correct`` (an audited update) is asked for or
        ``keep_existing`` (the stored row stands). Returns "inserted", "unchanged", "updated" or
        "conflict"."""
        key_cols = [c.name for c in table.primary_key.columns]
        where = and_(*(table.c[k] == values[k] for k in key_cols))
        given = {k: v for k, v in values.items() if v is not None or k in key_cols}
        stored = self.conn.execute(select(table).where(where)).mappings().one_or_none()
        if stored is None:
            if not self.dry:
                self.conn.execute(table.insert().values(**given))
            outcome, action = "inserted", "insert"
        else:
            differ = {k: v for k, v in given.items() if stored[k] != v}
            if not differ or keep_existing:
                outcome = "unchanged"
            elif not correct:
                key = audit_log.row_key(table, values)
                fields = "、".join(
                    f"{k}：登记簿为 {audit_log.plain(stored[k])}，输入为 {audit_log.plain(v)}"
                    for k, v in differ.items()
                )
                self.conflicts.append(f"{table.name} {key} 与登记簿不一致（{fields}）")
                outcome = "conflict"
            else:
                if not self.dry:
                    self.conn.execute(update(table).where(where).values(**differ))
                outcome, action = "updated", "update"
        self.counts.setdefault(table.name, Counter())[outcome] += 1
        if outcome in ("inserted", "updated") and self.chain is not None:
            row = self.conn.execute(select(table).where(where)).mappings().one()
            self.chain.append(
                table.name, audit_log.row_key(table, row), action, audit_log.row_content(table, row)
            )
        return outcome

    def summary(self) -> dict[str, dict[str, int]]:
        return {name: dict(c) for name, c in sorted(self.counts.items())}
