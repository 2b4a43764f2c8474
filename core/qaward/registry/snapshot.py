"""Every organisation's recorded history held in memory by a long-running reader (the HTTP
service), read again whenever the SQLite file has changed.

A check reads an organisation's history; from a SQLite file that is a read transaction and four
queries, several times the cost of the check itself. The service keeps all histories instead
(a city's registry is thousands of records, not millions) and asks SQLite, before each use,
whether any connection of any process has committed since: ``PRAGMA data_version`` on a
connection of its own (a few microseconds, no query). Any commit, by this service, the CLI or
another process, makes the next read load everything again; nothing stale is ever answered.
PostgreSQL has no such cheap question, so there every check still reads its own transaction.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING

from qaward.history import History

if TYPE_CHECKING:
    from qaward.catalog import Catalog
    from qaward.registry.store import Registry

EMPTY = History()


class Snapshot:
    def __init__(self, registry: Registry):
        assert registry.sqlite and registry.path is not None
        self.registry = registry
        self._lock = threading.Lock()  # the event loop and worker threads share it
        self._probe: sqlite3.Connection | None = None
        self._version: int | None = None
        self._catalog: Catalog | None = None
        self._histories: dict[str, History] = {}

    def _data_version(self) -> int:
        self.registry._require_file()  # removed meanwhile: the usual error, never old data
        from qaward.registry.store import BUSY_TIMEOUT, _access_error

        try:
            if self._probe is None:
                path = str(self.registry.path)
                self._probe = sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False)
                self._probe.execute("PRAGMA query_only = ON")
            return self._probe.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise _access_error(self.registry.url, exc) from None

    def fresh(self, catalog: Catalog) -> bool:
        """True when :meth:`history` answers from memory (no read, no waiting); never waits
        itself: while another thread reloads, the answer is False."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            return self._catalog is catalog and self._data_version() == self._version
        finally:
            self._lock.release()

    def history(self, credit_code: str, catalog: Catalog) -> History:
        with self._lock:
            version = self._data_version()  # before the read: a commit in between reloads again
            if self._catalog is not catalog or version != self._version:
                from qaward.registry import queries

                with self.registry.reading() as conn:
                    self._histories = queries.histories(conn, catalog)
                self._version, self._catalog = version, catalog
            return self._histories.get(credit_code, EMPTY)

    def close(self) -> None:
        with self._lock:
            if self._probe is not None:
                self._probe.close()
                self._probe = None
