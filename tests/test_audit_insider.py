"""An insider who can write the database: every tampering that a plain hash chain misses is
caught by the keyed chain (a forged or re-hashed row) or by a head exported elsewhere (the last
write removed consistently, everything wiped); stored values are checked for type; corrupt values
and audit rows are reported, never a traceback. SQLite and, with QAWARD_TEST_PG_URL, PostgreSQL."""

import json

import pytest
from registrykit import BACKENDS, EXAMPLES, as_json, execute, fresh_registry, ok, opened, run

KEY = "k" * 32
ELECTRONICS = "91360703MA399JF903"


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def keyed(backend, tmp_path, monkeypatch):
    """A registry written with an audit key, holding the examples."""
    monkeypatch.setenv("QAWARD_AUDIT_KEY", KEY)
    monkeypatch.setenv("QAWARD_OPERATOR", "张三（评审办）")
    for url in fresh_registry(backend, tmp_path):
        ok("registry", "init", registry=url)
        ok("registry", "import", str(EXAMPLES / "registry_history.yaml"), registry=url)
        ok("sanction", str(EXAMPLES / "sanction_case_kfq_accident.yaml"), "--record", registry=url)
        yield url


def problems(url: str, *args: str) -> list[str]:
    result = run("registry", "verify", *args, "--format", "json", registry=url)
    found = json.loads(result.output)["problems"]
    assert result.exit_code == (1 if found else 0), result.output
    return found


def rechain(url: str, edit=None) -> None:
    """What an insider without the key can do: change rows (``edit(conn)``), then recompute
    every hash of the chain and move the head, as qaward itself would."""
    from qaward.registry.audit import GENESIS, chain_hash
    from qaward.registry.schema import audit, audit_head
    from sqlalchemy import select, update

    reg = opened(url)
    with reg.engine.begin() as conn:
        if edit:
            edit(conn)
        prev, last = GENESIS, 0
        for row in conn.execute(select(audit).order_by(audit.c.id)).mappings().all():
            new = chain_hash(prev, dict(row))
            conn.execute(
                update(audit).where(audit.c.id == row["id"]).values(prev_hash=prev, hash=new)
            )
            prev, last = new, row["id"]
        conn.execute(update(audit_head).values(last_id=last, last_hash=prev))
    reg.close()


def test_each_audit_row_names_its_operator_and_is_signed(keyed):
    log = as_json("registry", "log", registry=keyed)["entries"]
    assert {e["operator"] for e in log} == {"张三（评审办）"}
    assert all(len(e["mac"]) == 64 for e in log)
    assert problems(keyed) == []


def test_a_forged_row_with_the_chain_recomputed_is_caught_by_the_key(keyed):
    from qaward.registry.audit import canonical

    def forge(conn):
        conn.exec_driver_sql(
            "INSERT INTO awards (credit_code, award, tier, year, granted_on) "
            "VALUES ('91350100M000100Y43', 'ganzhou_city', 'quality', 2024, '2024-12-20')"
        )
        content = {
            "credit_code": "91350100M000100Y43",
            "award": "ganzhou_city",
            "tier": "quality",
            "year": 2024,
            "name": None,
            "granted_on": "2024-12-20",
            "valid_until": None,
            "yuan": None,
            "reward_clause": None,
            "revoked_on": None,
            "revoked_clause": None,
            "committee_minutes": None,
        }
        last = conn.exec_driver_sql("SELECT max(id) FROM audit").scalar()
        key = canonical(["91350100M000100Y43", "ganzhou_city", "quality", 2024])
        conn.exec_driver_sql(
            "INSERT INTO audit (id, at, command, input_digest, table_name, row_key, action, "
            "content, prev_hash, hash, operator) VALUES "
            f"({last + 1}, '2026-01-01T00:00:00.000000Z', 'registry import', '{'0' * 64}', "
            f"'awards', '{key}', 'insert', '{canonical(content)}', '', '{last + 1}', 'x')"
        )

    rechain(keyed, forge)
    found = problems(keyed)
    assert len(found) == 1 and "签名缺失" in found[0]


def test_an_edited_row_with_its_audit_row_and_the_chain_recomputed_is_caught(keyed):
    def edit(conn):
        conn.exec_driver_sql(
            f"UPDATE awards SET granted_on = '2022-12-01' WHERE credit_code = '{ELECTRONICS}' "
            "AND year = 2022"
        )
        rows = conn.exec_driver_sql(
            f"SELECT id, content FROM audit WHERE table_name = 'awards' AND row_key LIKE "
            f'\'["{ELECTRONICS}","ganzhou_kfq","quality",2022]\''
        ).all()
        for id_, content in rows:
            new = content.replace("2022-12-20", "2022-12-01")
            conn.exec_driver_sql(f"UPDATE audit SET content = '{new}' WHERE id = {id_}")

    rechain(keyed, edit)
    found = problems(keyed)
    assert found and all("签名不符" in p for p in found)


def test_without_the_key_the_recomputed_chain_passes_so_verify_warns(keyed, monkeypatch):
    rechain(keyed, lambda conn: conn.exec_driver_sql("DELETE FROM recommendations"))
    monkeypatch.delenv("QAWARD_AUDIT_KEY")
    # the deleted rows' audit entries remain: a plain chain still sees the deletion
    assert any("已被删除" in p for p in problems(keyed))
    assert "未配置审计密钥" in run("registry", "verify", registry=keyed).output


@pytest.fixture
def exported(keyed, tmp_path):
    path = tmp_path / "head.json"
    ok("registry", "head", "--export", str(path), registry=keyed)
    statement = json.loads(path.read_text(encoding="utf-8"))
    assert statement["mac"] and statement["key_id"] and statement["head"]
    assert problems(keyed, "--head", str(path)) == []
    return path


def test_the_last_write_removed_consistently_is_caught_by_the_exported_head(keyed, exported):
    def remove_last_write(conn):  # the sanction --record: its rows and their audit entries
        conn.exec_driver_sql("DELETE FROM bans")
        conn.exec_driver_sql(
            "DELETE FROM sanctions WHERE award = 'ganzhou_kfq' AND reason != 'fraud'"
        )
        first = conn.exec_driver_sql(
            "SELECT min(id) FROM audit WHERE command = 'sanction --record'"
        ).scalar()
        conn.exec_driver_sql(f"DELETE FROM audit WHERE id >= {first}")
        conn.exec_driver_sql("UPDATE awards SET revoked_on = NULL, revoked_clause = NULL")

    # an older head: the bans of the fraud sanction were imported before the case was recorded
    rechain(keyed, remove_last_write)
    found = problems(keyed, "--head", str(exported))
    assert any("审计链比导出时短" in p for p in found), found


def test_everything_wiped_and_the_head_reset_is_caught_by_the_exported_head(keyed, exported):
    def wipe(conn):
        for table in ("obligations", "bans", "awards", "sanctions", "recommendations", "audit"):
            conn.exec_driver_sql(f"DELETE FROM {table}")

    rechain(keyed, wipe)
    assert problems(keyed) == []  # an empty registry is consistent in itself
    found = problems(keyed, "--head", str(exported))
    assert any("审计链比导出时短" in p for p in found)


def test_an_edited_statement_is_caught_by_its_signature(keyed, exported):
    statement = json.loads(exported.read_text(encoding="utf-8"))
    exported.write_text(json.dumps(statement | {"last_id": 1}), encoding="utf-8")
    assert any("声明签名不符" in p for p in problems(keyed, "--head", str(exported)))


def test_an_added_column_is_reported(keyed):
    execute(keyed, "ALTER TABLE awards ADD COLUMN note TEXT")
    found = problems(keyed)
    assert any("多出列 note" in p for p in found)


def test_a_year_stored_as_text_is_reported_by_its_type(keyed, backend):
    if backend == "sqlite":  # SQLite keeps a column's declared type: rebuild the table
        import sqlite3

        with sqlite3.connect(keyed) as conn:  # foreign keys are off in a plain connection
            conn.executescript(
                "CREATE TABLE awards_copy AS SELECT * FROM awards; DROP TABLE awards; "
                "CREATE TABLE awards (credit_code VARCHAR(18), award VARCHAR(64), "
                "tier VARCHAR(16), year TEXT, name TEXT, granted_on DATE, valid_until DATE, "
                "yuan BIGINT, reward_clause VARCHAR(32), revoked_on DATE, "
                "revoked_clause VARCHAR(32), PRIMARY KEY (credit_code, award, tier, year)); "
                "INSERT INTO awards SELECT credit_code, award, tier, CAST(year AS TEXT), name, "
                "granted_on, valid_until, yuan, reward_clause, revoked_on, revoked_clause "
                "FROM awards_copy; DROP TABLE awards_copy;"
            )
    else:
        execute(keyed, "ALTER TABLE sanctions ALTER COLUMN record_year TYPE text")
    found = problems(keyed)
    assert any("类型不符" in p and "year 存储为 str '20" in p for p in found), found


def test_a_corrupt_date_and_a_non_json_audit_row_are_reported_not_a_traceback(keyed, backend):
    if backend == "sqlite":  # PostgreSQL cannot store a non-date in a date column
        execute(
            keyed, f"UPDATE awards SET granted_on = 'garbage' WHERE credit_code = '{ELECTRONICS}'"
        )
    execute(keyed, "UPDATE audit SET content = 'not json' WHERE id = 2")
    found = problems(keyed)
    assert any("#2" in p and "不是有效的 JSON" in p for p in found)
    if backend == "sqlite":
        assert any("granted_on 存储为 str 'garbage'" in p for p in found)
        shown = run("registry", "show", ELECTRONICS, registry=keyed)
        assert shown.exit_code == 1 and "registry verify" in shown.output


def test_a_short_key_is_an_error_not_silently_no_key(keyed, monkeypatch):
    monkeypatch.setenv("QAWARD_AUDIT_KEY", "short")
    result = run("registry", "verify", registry=keyed)
    assert result.exit_code == 1 and "审计密钥过短" in result.output
