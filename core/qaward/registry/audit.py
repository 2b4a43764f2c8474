"""The append-only audit log, chained by hashes, and its verification.

Each audit row says what changed (table, natural key, action, the row's full content after the
change), when, by which command and the sha256 of that command's input. Its hash is
``sha256(prev_hash + canonical JSON of the row)``, so editing or deleting an audit row breaks the
chain; the data rows are checked against the latest audit content of their key, so editing or
deleting a data row (or adding one outside qaward) shows too. The head (``audit_head``) is locked
by every write, which also serialises writers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import Connection, Table, select, update

from qaward.registry.schema import DATA_TABLES, audit, audit_head

GENESIS = "0" * 64


def canonical(data: Any) -> str:
    """JSON with sorted keys and no spaces: the same bytes on every machine."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def row_content(table: Table, row: Any) -> dict[str, Any]:
    """A data row as the audit records it: every column, dates as ISO strings."""
    return {c.name: plain(row[c.name]) for c in table.columns}


def row_key(table: Table, row: Any) -> str:
    return canonical([plain(row[c.name]) for c in table.primary_key.columns])


def chain_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """The hash of an audit row: its fields other than the hashes, after the previous hash."""
    fields = {k: entry[k] for k in _HASHED}
    return digest((prev_hash + canonical(fields)).encode())


_HASHED = ("id", "at", "command", "input_digest", "table_name", "row_key", "action", "content")


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Chain:
    """Appends audit rows inside one write transaction (the head row is already locked)."""

    def __init__(self, conn: Connection, command: str, input_digest: str):
        self.conn = conn
        self.command = command
        self.input_digest = input_digest
        self.at = now()
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).one()
        self.last_id, self.last_hash = head.last_id, head.last_hash
        self.appended = 0

    def append(self, table_name: str, key: str, action: str, content: dict[str, Any]) -> None:
        entry = {
            "id": self.last_id + 1,
            "at": self.at,
            "command": self.command,
            "input_digest": self.input_digest,
            "table_name": table_name,
            "row_key": key,
            "action": action,
            "content": canonical(content),
            "prev_hash": self.last_hash,
        }
        entry["hash"] = chain_hash(self.last_hash, entry)
        self.conn.execute(audit.insert().values(**entry))
        self.last_id, self.last_hash = entry["id"], entry["hash"]
        self.appended += 1

    def close(self) -> None:
        """Move the head to the last appended row (same transaction)."""
        if self.appended:
            self.conn.execute(
                update(audit_head)
                .where(audit_head.c.id == 1)
                .values(last_id=self.last_id, last_hash=self.last_hash)
            )


def verify(conn: Connection, known_head: str | None = None) -> tuple[list[str], dict[str, Any]]:
    """Every problem found (empty: the registry is intact) and a summary of what was checked."""
    problems: list[str] = []
    latest: dict[tuple[str, str], dict] = {}
    prev, count, hashes = GENESIS, 0, set()
    for row in conn.execute(select(audit).order_by(audit.c.id)).mappings():
        count += 1
        if row["prev_hash"] != prev:
            problems.append(
                f"审计记录 #{row['id']} 的前序哈希与上一条不符（其前有记录被删除或修改）"
            )
        if chain_hash(row["prev_hash"], row) != row["hash"]:
            problems.append(f"审计记录 #{row['id']} 的内容与其哈希不符（已被修改）")
        prev = row["hash"]
        hashes.add(prev)
        latest[(row["table_name"], row["row_key"])] = json.loads(row["content"])
    head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).one_or_none()
    if head is None:
        problems.append("审计链头（audit_head）缺失")
    elif head.last_hash != prev:
        problems.append(
            f"审计链头指向 #{head.last_id}，与审计记录末尾不符（末尾记录被删除或链头被修改）"
        )
    if known_head and known_head not in hashes:
        problems.append(f"已知的链头哈希 {known_head} 不在审计链中（审计链被改写）")
    rows = 0
    for table in DATA_TABLES:
        present = set()
        for row in conn.execute(select(table)).mappings():
            rows += 1
            key = row_key(table, row)
            present.add(key)
            recorded = latest.get((table.name, key))
            if recorded is None:
                problems.append(f"{table.name} {key}：没有审计记录（未经 qaward 写入）")
            elif recorded != row_content(table, row):
                changed = sorted(
                    k for k, v in row_content(table, row).items() if recorded.get(k) != v
                )
                problems.append(f"{table.name} {key}：与审计记录不符（{', '.join(changed)}）")
        for (name, key), _content in latest.items():
            if name == table.name and key not in present:
                problems.append(f"{table.name} {key}：审计记录中有，登记簿中已被删除")
    summary = {"audit_rows": count, "data_rows": rows, "head": prev}
    return problems, summary
