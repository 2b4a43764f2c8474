"""The append-only audit log, chained by hashes, and its verification.

Each audit row says what changed (table, natural key, action, the row's full content after the
change), when, by which command and the sha256 of that command's input. Its hash is
``sha256(prev_hash + canonical JSON of the row)``, so editing or deleting an audit row breaks the
chain; the data rows are checked against the latest audit content of their key, so editing or
deleting a data row (or adding one outside qaward) shows too. The head (``audit_head``) is locked
by every write, which also serialises writers.

Whoever can write the database could recompute such a chain. Two things stop that insider: with
an audit key (:mod:`qaward.registry.keys`) every row's hash is signed (``mac``) with a secret the
database does not hold; and a head exported elsewhere (``registry head --export``, a statement a
bureau files or publishes) shows a chain cut short or wiped and restarted, which no key can.
Stored values are read raw and checked for type as well as content ('2022' text is not 2022),
and the tables' columns against the schema; a corrupt value is reported, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import Boolean, Connection, Date, Integer, String, Table, select, text, update

from qaward.limits import short
from qaward.registry.keys import key_id, sign, signed
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


def chain_hash(prev_hash: str, entry: Any) -> str:
    """The hash of an audit row: its fields other than the hashes, after the previous hash (the
    operator once there is one: rows written before revision 0002 have none)."""
    fields = {k: entry[k] for k in _HASHED}
    if entry["operator"] is not None:
        fields["operator"] = entry["operator"]
    return digest((prev_hash + canonical(fields)).encode())


_HASHED = ("id", "at", "command", "input_digest", "table_name", "row_key", "action", "content")


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Chain:
    """Appends audit rows inside one write transaction (the head row is already locked)."""

    def __init__(
        self,
        conn: Connection,
        command: str,
        input_digest: str,
        operator: str | None = None,
        key: bytes | None = None,
    ):
        self.conn = conn
        self.command = command
        self.input_digest = input_digest
        self.operator = operator
        self.key = key
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
            "operator": self.operator,
        }
        entry["hash"] = chain_hash(self.last_hash, entry)
        entry["mac"] = sign(self.key, entry["hash"]) if self.key else None
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


def verify(
    conn: Connection,
    known_head: str | None = None,
    key: bytes | None = None,
    statement: dict[str, Any] | None = None,
) -> tuple[list[str], dict[str, Any]]:
    """Every problem found (empty: the registry is intact) and a summary of what was checked.
    ``key``: every row must be signed with it; ``statement``: a head exported earlier."""
    problems: list[str] = []
    latest: dict[tuple[str, str], Any] = {}
    prev, count, hashes, unsigned = GENESIS, 0, {}, 0
    for row in conn.execute(select(audit).order_by(audit.c.id)).mappings():
        count += 1
        if row["prev_hash"] != prev:
            problems.append(
                f"审计记录 #{row['id']} 的前序哈希与上一条不符（其前有记录被删除或修改）"
            )
        if chain_hash(row["prev_hash"], dict(row)) != row["hash"]:
            problems.append(f"审计记录 #{row['id']} 的内容与其哈希不符（已被修改）")
        if key is not None and not signed(key, row["hash"], row["mac"]):
            problems.append(
                f"审计记录 #{row['id']} 的密钥签名{'缺失' if row['mac'] is None else '不符'}"
                "（由不持有审计密钥者写入或重算）"
            )
        unsigned += row["mac"] is None
        prev = row["hash"]
        hashes[prev] = row["id"]
        try:
            latest[(row["table_name"], row["row_key"])] = json.loads(row["content"])
        except (TypeError, ValueError):
            problems.append(f"审计记录 #{row['id']} 的内容不是有效的 JSON：{short(row['content'])}")
    head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).one_or_none()
    if head is None:
        problems.append("审计链头（audit_head）缺失")
    elif head.last_hash != prev:
        problems.append(
            f"审计链头指向 #{head.last_id}，与审计记录末尾不符（末尾记录被删除或链头被修改）"
        )
    if known_head and known_head not in hashes:
        problems.append(f"已知的链头哈希 {short(known_head)} 不在审计链中（审计链被改写）")
    if statement is not None:
        problems += statement_problems(statement, hashes, key)
    rows = 0
    for table in DATA_TABLES:
        present = set()
        table_problems, stored = _stored_rows(conn, table)
        problems += table_problems
        for content in stored:
            rows += 1
            key_ = row_key(table, content)
            present.add(key_)
            recorded = latest.get((table.name, key_))
            if recorded is None:
                problems.append(f"{table.name} {key_}：没有审计记录（未经 qaward 写入）")
            elif recorded != content:
                changed = sorted(
                    k for k in {*content, *recorded} if recorded.get(k) != content.get(k)
                )
                problems.append(f"{table.name} {key_}：与审计记录不符（{', '.join(changed)}）")
        for (name, k), _content in latest.items():
            if name == table.name and k not in present:
                problems.append(f"{table.name} {k}：审计记录中有，登记簿中已被删除")
    summary = {
        "audit_rows": count,
        "data_rows": rows,
        "head": prev,
        "signed": key is not None,
        "unsigned_rows": unsigned,
    }
    return problems, summary


# --- stored values, read raw --------------------------------------------------------------------


def _stored_rows(conn: Connection, table: Table) -> tuple[list[str], list[dict[str, Any]]]:
    """The table's rows as the audit records them, read without SQLAlchemy's conversions (which
    would crash on a corrupt date and hide '2022' stored as text); columns added or missing and
    values of the wrong type are problems."""
    result = conn.execute(text(f"SELECT * FROM {table.name}"))  # noqa: S608 (schema's own name)
    have, want = list(result.keys()), [c.name for c in table.columns]
    problems = []
    if set(have) != set(want):
        added, missing = sorted(set(have) - set(want)), sorted(set(want) - set(have))
        problems.append(
            f"{table.name}：表结构与本程序不符（多出列 {', '.join(added) or '无'}；"
            f"缺少列 {', '.join(missing) or '无'}）"
        )
    rows = []
    for raw in result.mappings():
        content, bad = {}, []
        for column in table.columns:
            value, ok = _typed(column.type, raw.get(column.name))
            content[column.name] = value
            if not ok:
                bad.append(f"{column.name} 存储为 {type(value).__name__} {short(value)}")
        for extra in sorted(set(have) - set(want)):
            content[extra] = plain(raw[extra])
        if bad:
            problems.append(f"{table.name} {row_key(table, content)}：类型不符（{'；'.join(bad)}）")
        rows.append(content)
    return problems, rows


def _typed(type_: Any, value: Any) -> tuple[Any, bool]:
    """(the value as the audit records it, whether its stored type is the column's)."""
    if value is None:
        return None, True
    if isinstance(type_, Boolean):  # SQLite stores booleans as 0/1
        if isinstance(value, bool):
            return value, True
        return (bool(value), True) if type(value) is int and value in (0, 1) else (value, False)
    if isinstance(type_, Date):  # SQLite: ISO text; PostgreSQL: a date
        if isinstance(value, dt.datetime):
            return value, False
        if isinstance(value, dt.date):
            return value.isoformat(), True
        try:
            ok = isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
        except ValueError:
            ok = False
        return value, ok
    if isinstance(type_, Integer):
        return value, type(value) is int
    if isinstance(type_, String):  # Text too
        return value, isinstance(value, str)
    return plain(value), True


# --- the exported head ----------------------------------------------------------------------------


def head_statement(conn: Connection, registry: str, key: bytes | None) -> dict[str, Any]:
    """A statement of the chain's head for a bureau to file or publish, signed with the audit key
    when there is one: later, ``verify --head FILE`` shows a chain cut short or rewritten."""
    head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).one()
    statement = {
        "statement": "qaward 登记簿审计链头",
        "registry": registry,
        "last_id": head.last_id,
        "head": head.last_hash,
        "exported_at": now(),
    }
    if key is not None:
        statement["key_id"] = key_id(key)
        statement["mac"] = sign(key, canonical(statement))
    return statement


def statement_problems(
    statement: dict[str, Any], hashes: dict[str, int], key: bytes | None
) -> list[str]:
    last_id, head = statement.get("last_id"), statement.get("head")
    if type(last_id) is not int or not isinstance(head, str):
        return ["已导出的链头声明缺少 last_id 或 head"]
    problems = []
    if "mac" in statement:
        if key is None:
            problems.append("已导出的链头声明带签名，但未配置审计密钥，无法核对其签名")
        elif not signed(
            key, canonical({k: v for k, v in statement.items() if k != "mac"}), statement["mac"]
        ):
            problems.append("已导出的链头声明签名不符（声明被修改，或密钥不同）")
    if hashes.get(head) != last_id:
        shorter = not hashes or max(hashes.values()) < last_id
        problems.append(
            f"已导出的链头 #{last_id} {short(head)} 不在审计链中"
            + (
                "（审计链比导出时短：末尾记录被删除，或登记簿被清空后重建）"
                if shorter
                else "（审计链被改写）"
            )
        )
    return problems
