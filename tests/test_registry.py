"""The registry: init and migrations, import / record / show / recommend / sanction --record,
idempotency, conflicts, malformed input, cross-level enforcement in ``check`` and ``evaluate``,
and the audit chain that ``verify`` checks. Every test runs on SQLite, and on PostgreSQL when
QAWARD_TEST_PG_URL is set."""

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from registrykit import (
    EXAMPLES,
    as_json,
    count,
    counts,
    execute,
    ok,
    run,
)

HUICHANG_ORG = EXAMPLES / "org_huichang_fluorine.yaml"
KFQ_ORG = EXAMPLES / "org_kfq_electronics.yaml"
HISTORY = EXAMPLES / "registry_history.yaml"
KFQ_WINNER = "91360703MA35K20017"
ELECTRONICS = "91360703MA399JF903"
FLUORINE = "91360733MA35K7QX23"


@pytest.fixture
def reg(registry_url):
    ok("registry", "init", registry=registry_url)
    return registry_url


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False) if name.endswith(".json") else data)
    return str(path)


def statuses(output: dict, jurisdiction: str) -> str:
    return next(r for r in output["results"] if r["jurisdiction"] == jurisdiction)["status"]


def finding(output: dict, jurisdiction: str, rule: str) -> list[dict]:
    result = next(r for r in output["results"] if r["jurisdiction"] == jurisdiction)
    return [f for f in result["findings"] if f["rule"] == rule]


# --- init, versions, where the registry lives ---------------------------------------------------


def test_init_creates_then_reports_up_to_date_and_audits_the_upgrade(registry_url):
    assert "已创建" in ok("registry", "init", registry=registry_url).output
    assert "已是最新" in ok("registry", "init", registry=registry_url).output
    log = as_json("registry", "log", registry=registry_url)["entries"]
    assert [(e["table_name"], e["action"]) for e in log] == [("alembic_version", "upgrade")]
    assert as_json("registry", "verify", registry=registry_url)["ok"] is True


def test_commands_before_init_exit_1_and_create_nothing(registry_url, tmp_path):
    result = run("registry", "show", ELECTRONICS, registry=registry_url)
    assert result.exit_code == 1 and ("registry init" in result.output)
    if "://" not in registry_url:
        assert not os.path.exists(registry_url)


def test_newer_schema_is_refused(reg):
    execute(reg, "UPDATE alembic_version SET version_num = '9999'")
    result = run("registry", "show", ELECTRONICS, registry=reg)
    assert result.exit_code == 1 and "比本程序新" in result.output
    assert run("registry", "init", registry=reg).exit_code == 1


def test_unusable_registry_exits_1_without_traceback(tmp_path):
    for url in ("postgresql://nobody:secret@127.0.0.1:1/none", "mysql://x@y/z"):
        result = run("registry", "show", ELECTRONICS, registry=url)
        assert result.exit_code == 1 and "登记簿" in result.output
        assert "Traceback" not in result.output and "secret" not in result.output
    checked = run("check", str(KFQ_ORG), registry="postgresql://nobody@127.0.0.1:1/none")
    assert checked.exit_code == 1 and "无法访问登记簿" in checked.output


def test_registry_location_from_env_or_xdg(tmp_path, monkeypatch):
    from qaward.registry import resolve_url

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url, explicit = resolve_url(None)
    assert url.database == str(tmp_path / "qaward" / "registry.db") and not explicit
    assert resolve_url("x/y.db")[0].database == "x/y.db"
    pg = resolve_url("postgresql://u:secret@127.0.0.1/reg")[0]
    assert pg.drivername == "postgresql+psycopg"
    monkeypatch.setenv("QAWARD_REGISTRY", str(tmp_path / "env.db"))
    assert "已创建" in ok("registry", "init").output
    assert (tmp_path / "env.db").exists()


# --- import: idempotent, conflicts, malformed input -----------------------------------------


def test_import_twice_does_not_duplicate(reg):
    first = as_json("registry", "import", str(HISTORY), registry=reg)["changes"]
    assert first["awards"] == {"inserted": 3} and first["bans"] == {"inserted": 3}
    before = counts(reg)
    again = as_json("registry", "import", str(HISTORY), registry=reg)["changes"]
    assert again["awards"] == {"unchanged": 3}
    assert counts(reg) == before


def test_conflicting_record_is_refused_unless_corrected(reg, tmp_path):
    ok("registry", "import", str(HISTORY), registry=reg)
    before = counts(reg)
    changed = HISTORY.read_text(encoding="utf-8").replace("2022-12-20", "2022-12-28")
    path = write(tmp_path, "changed.yaml", changed)
    result = run("registry", "import", path, registry=reg)
    assert result.exit_code == 2 and "granted_on" in result.output and "--correct" in result.output
    assert counts(reg) == before
    fixed = as_json("registry", "import", path, "--correct", registry=reg)["changes"]
    assert fixed["awards"]["updated"] == 1
    assert counts(reg)["audit"] == before["audit"] + 1
    assert as_json("registry", "verify", registry=reg)["ok"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "awards:\n  - {credit_code: 91360703MA399JF903, award: ganzhou_kfq, tier: quality,"
            " year: 2022, granted_on: 2022-12-20}\n"
            "  - {credit_code: 91360703MA399JF904, award: ganzhou_kfq, tier: quality,"
            " year: 2022, granted_on: 2022-12-20}\n",
            "$.awards[1].credit_code",
        ),
        (
            "awards:\n  - {award: ganzhou_kfq, tier: quality, year: 2022, granted_on: 2022-12-20}\n",
            "缺少统一社会信用代码",
        ),
        (
            "awards:\n  - {credit_code: 91360703MA399JF903, award: nowhere, tier: quality,"
            " year: 2022, granted_on: 2022-12-20}\n",
            "未知的奖项",
        ),
        (
            "sanctions:\n  - {credit_code: 91360703MA399JF903, award: ganzhou_kfq,"
            " reason: cheating, decided_on: 2023-01-01}\n",
            "$.sanctions[0].reason",
        ),
        ("awards:\n  - {credit_code: 91360703MA399JF903, colour: red}\n", "未知字段"),
        ("awards: [\n", "YAML 格式错误"),
        (
            "awards:\n"
            "  - {credit_code: 91360703MA399JF903, award: ganzhou_kfq, tier: quality, year: 2022,"
            " granted_on: 2022-12-20}\n"
            "  - {credit_code: 91360703MA399JF903, award: ganzhou_kfq, tier: quality, year: 2022,"
            " granted_on: 2022-12-21}\n",
            "同一条记录",
        ),
    ],
)
def test_malformed_import_exits_2_and_changes_nothing(reg, tmp_path, text, expected):
    ok("registry", "import", str(HISTORY), registry=reg)
    before = counts(reg)
    result = run("registry", "import", write(tmp_path, "bad.yaml", text), registry=reg)
    assert result.exit_code == 2, result.output
    assert expected in result.output and "Traceback" not in result.output
    assert counts(reg) == before


# --- record an evaluation ---------------------------------------------------------------------


@pytest.fixture
def kfq_evaluation(tmp_path):
    data = as_json("evaluate", str(EXAMPLES / "cycle_ganzhou_kfq.yaml"))
    return data, write(tmp_path, "evaluation.json", data)


def test_record_needs_the_actual_grant_date(reg, kfq_evaluation):
    data, path = kfq_evaluation
    assert data["granted_on_estimated"] is True
    result = run("registry", "record", path, registry=reg)
    assert result.exit_code == 2 and "--granted-on" in result.output
    assert count(reg, "awards") == 0


def test_record_stores_winners_with_money_validity_and_obligations(reg, kfq_evaluation):
    data, path = kfq_evaluation
    changes = as_json("registry", "record", path, "--granted-on", "2026-10-15", registry=reg)
    assert changes["changes"]["awards"] == {"inserted": len(data["winners"])}
    shown = as_json("registry", "show", KFQ_WINNER, "--as-of", "2026-11-01", registry=reg)
    (award,) = shown["awards"]
    assert (award["award"], award["year"], award["yuan"], award["status"]) == (
        "ganzhou_kfq",
        2026,
        200_000,
        "valid",
    )
    assert award["last_day"] == "2029-10-15"  # inclusive
    due = {d["clause"]: d["next_due"] for d in shown["obligations"]}
    assert due == {"KFQ-23": "2028-10-15", "KFQ-27": "2029-10-15"}
    again = as_json("registry", "record", path, "--granted-on", "2026-10-15", registry=reg)
    assert again["changes"]["awards"] == {"unchanged": len(data["winners"])}


def test_record_rejects_unknown_keys_in_a_winner(reg, kfq_evaluation, tmp_path):
    data, _ = kfq_evaluation
    data["winners"][0]["medal"] = "gold"
    path = write(tmp_path, "odd.json", data)
    result = run("registry", "record", path, "--granted-on", "2026-10-15", registry=reg)
    assert result.exit_code == 2 and "$.winners[0]" in result.output and "medal" in result.output
    assert counts(reg)["audit"] == 1


# --- KFQ-21: recommendations --------------------------------------------------------------------


@pytest.mark.clause("KFQ-21")
def test_kfq_21_recommend_every_unrevoked_kfq_winner_to_the_city(reg, kfq_evaluation):
    _, path = kfq_evaluation
    ok("registry", "record", path, "--granted-on", "2026-10-15", registry=reg)
    ok("registry", "import", str(HISTORY), registry=reg)  # a 2022 KFQ award: expired by 2026-11
    args = ("recommend", "--from", "ganzhou_kfq", "--to", "ganzhou_city", "--as-of", "2026-11-01")
    listed = as_json(*args, "--dry-run", registry=reg)["candidates"]
    by_code = {(c["credit_code"], c["year"]): c for c in listed}
    # the text sets no validity condition: the expired 2022 winner is listed, marked expired
    assert by_code[(ELECTRONICS, 2022)]["valid"] is False
    assert by_code[(ELECTRONICS, 2022)]["last_day"] == "2025-12-20"
    assert by_code[(KFQ_WINNER, 2026)]["valid"] is True
    # a revoked award is not listed
    ok("sanction", str(EXAMPLES / "sanction_case_kfq_accident.yaml"), "--record", registry=reg)
    after = as_json(*args, "--dry-run", registry=reg)["candidates"]
    assert (ELECTRONICS, 2024) not in {(c["credit_code"], c["year"]) for c in after}
    assert (ELECTRONICS, 2022) in {(c["credit_code"], c["year"]) for c in after}
    got = as_json(*args, registry=reg)
    codes = {c["credit_code"] for c in got["candidates"]}
    assert KFQ_WINNER in codes and ELECTRONICS in codes
    assert {c["clause"] for c in got["candidates"]} == {"KFQ-21"}
    assert got["recorded"]["recommendations"] == {"inserted": len(codes)}
    assert as_json(*args, registry=reg)["recorded"]["recommendations"] == {"unchanged": len(codes)}
    (rec,) = as_json("registry", "show", KFQ_WINNER, registry=reg)["recommendations"]
    assert (rec["award"], rec["by"], rec["clause"]) == ("ganzhou_city", "赣州经开区", "KFQ-21")


@pytest.mark.clause("KFQ-21")
def test_kfq_21_no_route_from_the_city_down(reg):
    result = run("recommend", "--from", "ganzhou_city", "--to", "ganzhou_kfq", registry=reg)
    assert result.exit_code == 2 and "未规定" in result.output


# --- sanction --record -------------------------------------------------------------------------


@pytest.mark.clause("KFQ-28")
def test_kfq_28_sanction_record_revokes_and_bans_across_awards(reg):
    case = str(EXAMPLES / "sanction_case_kfq_accident.yaml")
    out = as_json("sanction", case, "--record", registry=reg)
    assert out["verdict"] == "sanction" and out["clause"] == "KFQ-28"
    assert out["recorded"]["changes"]["bans"] == {"inserted": 3}
    shown = as_json("registry", "show", ELECTRONICS, "--as-of", "2026-09-01", registry=reg)
    (award,) = shown["awards"]
    assert (award["status"], award["revoked_on"], award["revoked_clause"]) == (
        "revoked",
        "2025-07-01",
        "KFQ-28",
    )
    in_force = {(b["award"], b["last_day"]) for b in shown["bans"] if b["in_force"]}
    assert ("ganzhou_city", "2030-07-01") in in_force
    # recording the same case again changes nothing
    before = counts(reg)
    ok("sanction", case, "--record", registry=reg)
    assert counts(reg) == before
    # the city award now refuses the organisation, citing the KFQ clause
    checked = as_json(
        "check", str(KFQ_ORG), "-j", "ganzhou_city", "--as-of", "2026-09-01", registry=reg
    )
    (ban,) = finding(checked, "ganzhou_city", "KFQ-28")
    assert ban["passed"] is False and ban["citation"] == "赣经开政字〔2024〕12号 第二十八条"


def test_sanction_without_record_writes_nothing_and_no_sanction_records_nothing(reg):
    ok("sanction", str(EXAMPLES / "sanction_case_kfq_accident.yaml"), registry=reg)
    out = as_json(
        "sanction", str(EXAMPLES / "sanction_case_city_expired.yaml"), "--record", registry=reg
    )
    assert out["verdict"] == "no_sanction" and out["recorded"] is None
    assert counts(reg)["audit"] == 1


def test_sanction_record_needs_a_credit_code(reg, tmp_path):
    text = (EXAMPLES / "sanction_case_kfq_accident.yaml").read_text(encoding="utf-8")
    text = text.replace("credit_code: 91360703MA399JF903, ", "")
    result = run("sanction", write(tmp_path, "case.yaml", text), "--record", registry=reg)
    assert result.exit_code == 2 and "$.record.credit_code" in result.output
    assert counts(reg)["audit"] == 1


# --- cross-level enforcement in check and evaluate -------------------------------------------


@pytest.mark.clause("HC-13-6")
def test_hc_13_6_recorded_city_award_bars_a_huichang_applicant_while_valid(reg):
    args = ("check", str(HUICHANG_ORG), "-j", "huichang")
    without = as_json(*args, "--as-of", "2026-09-01", registry=reg)
    assert all(f["passed"] for f in finding(without, "huichang", "HC-13-6"))
    ok("registry", "import", str(HISTORY), registry=reg)
    barred = as_json(*args, "--as-of", "2026-09-01", registry=reg)
    assert statuses(barred, "huichang") == "ineligible"
    assert any(
        "赣州市市长质量奖" in f["message"]
        for f in finding(barred, "huichang", "HC-13-6")
        if f["passed"] is False
    )
    last = as_json(*args, "--as-of", "2027-12-20", registry=reg)  # the last day of validity
    assert statuses(last, "huichang") == "ineligible"
    expired = as_json(*args, "--as-of", "2027-12-21", registry=reg)
    assert all(f["passed"] for f in finding(expired, "huichang", "HC-13-6"))


@pytest.mark.clause("KFQ-25")
def test_kfq_25_recorded_fraud_bars_the_city_award_for_ten_years(reg, tmp_path):
    ok("registry", "import", str(HISTORY), registry=reg)
    org = (EXAMPLES / "org_kfq_fraud.yaml").read_text(encoding="utf-8")
    org = org.split("sanctions:")[0]  # the history comes from the registry only
    path = write(tmp_path, "org.yaml", org)
    barred = as_json("check", path, "-j", "ganzhou_city", "--as-of", "2026-09-01", registry=reg)
    (ban,) = finding(barred, "ganzhou_city", "KFQ-25")
    assert ban["passed"] is False and "2033-04-18" in ban["message"]
    last = as_json("check", path, "-j", "ganzhou_city", "--as-of", "2033-04-18", registry=reg)
    assert finding(last, "ganzhou_city", "KFQ-25")[0]["passed"] is False  # the ban's last day
    later = as_json("check", path, "-j", "ganzhou_city", "--as-of", "2033-04-19", registry=reg)
    assert finding(later, "ganzhou_city", "KFQ-25")[0]["passed"] is True


@pytest.mark.clause("KFQ-24")
def test_kfq_24_recorded_winner_cannot_reapply_before_its_gap(reg):
    ok("registry", "import", str(HISTORY), registry=reg)
    early = as_json(
        "check", str(KFQ_ORG), "-j", "ganzhou_kfq", "--as-of", "2026-09-01", registry=reg
    )
    assert finding(early, "ganzhou_kfq", "KFQ-24")[0]["passed"] is False
    later = as_json(
        "check", str(KFQ_ORG), "-j", "ganzhou_kfq", "--as-of", "2028-09-01", registry=reg
    )
    assert finding(later, "ganzhou_kfq", "KFQ-24")[0]["passed"] is True


@pytest.mark.clause("JD-6-1")
def test_jd_6_1_recorded_innovation_award_makes_a_later_quality_award_350000(reg, tmp_path):
    cycle = str(EXAMPLES / "cycle_jindong.yaml")
    code = "91330703MA2J80001J"

    def money():
        data = as_json("evaluate", cycle, registry=reg)
        return next(r["yuan"] for r in data["rewards"] if r["credit_code"] == code)

    assert money() == 500_000
    innovation = (
        f"awards:\n  - {{credit_code: {code}, award: jindong, tier: innovation, year: 2024,"
        " granted_on: 2024-12-30}\n"
    )
    ok("registry", "import", write(tmp_path, "jd.yaml", innovation), registry=reg)
    assert money() == 350_000


def test_check_works_without_a_registry_file(tmp_path):
    missing = str(tmp_path / "none" / "registry.db")
    result = run(
        "check", str(KFQ_ORG), "-j", "ganzhou_kfq", "--as-of", "2026-09-01", registry=missing
    )
    assert result.exit_code == 0 and not os.path.exists(missing)
    assert run("check", str(KFQ_ORG), "--as-of", "2026-09-01").exit_code == 0


def test_check_reads_sqlite_read_only(tmp_path):
    path = str(tmp_path / "r.db")
    ok("registry", "init", registry=path)
    ok("registry", "import", str(HISTORY), registry=path)
    before = (os.stat(path).st_mtime_ns, Path(path).read_bytes())
    ok("check", str(KFQ_ORG), "--as-of", "2026-09-01", registry=path)
    assert (os.stat(path).st_mtime_ns, Path(path).read_bytes()) == before


# --- show ---------------------------------------------------------------------------------------


def test_show_lists_history_bans_recommendations_and_derived_obligations(reg):
    ok("registry", "import", str(HISTORY), registry=reg)
    fluorine = as_json("registry", "show", FLUORINE, "--as-of", "2026-09-01", registry=reg)
    assert fluorine["name"] == "会昌县岚峰氟盐化工有限公司"
    assert [a["status"] for a in fluorine["awards"]] == ["valid"]
    assert fluorine["recommendations"][0]["by"] == "筠门岭镇人民政府"
    assert {d["clause"] for d in fluorine["obligations"]} == {"CITY-24", "CITY-25", "CITY-26"}
    assert all(d["derived"] for d in fluorine["obligations"])
    text = ok("registry", "show", FLUORINE, "--as-of", "2026-09-01", registry=reg).output
    assert "赣州市市长质量奖" in text and "CITY-24" in text
    assert "没有该组织的记录" in ok("registry", "show", "91350100M000100Y43", registry=reg).output
    assert run("registry", "show", "91360703MA399JF904", registry=reg).exit_code == 2


# --- the audit chain ----------------------------------------------------------------------------


@pytest.fixture
def filled(reg):
    ok("registry", "import", str(HISTORY), registry=reg)
    ok("sanction", str(EXAMPLES / "sanction_case_kfq_accident.yaml"), "--record", registry=reg)
    assert as_json("registry", "verify", registry=reg)["ok"]
    return reg


def problems(url: str) -> list[str]:
    result = run("registry", "verify", "--format", "json", registry=url)
    assert result.exit_code == (1 if json.loads(result.output)["problems"] else 0)
    return json.loads(result.output)["problems"]


def test_verify_detects_an_edited_data_row(filled):
    execute(
        filled,
        f"UPDATE awards SET granted_on = '2022-12-01' WHERE credit_code = '{ELECTRONICS}' AND year = 2022",
    )
    (p,) = problems(filled)
    assert "awards" in p and "granted_on" in p and ELECTRONICS in p


def test_verify_detects_a_deleted_data_row(filled):
    execute(filled, "DELETE FROM recommendations")
    (p,) = problems(filled)
    assert "recommendations" in p and "已被删除" in p


def test_verify_detects_a_row_written_behind_its_back(filled):
    execute(
        filled,
        "INSERT INTO awards (credit_code, award, tier, year, granted_on) "
        "VALUES ('91350100M000100Y43', 'ganzhou_city', 'quality', 2024, '2024-12-20')",
    )
    (p,) = problems(filled)
    assert "没有审计记录" in p


def test_verify_detects_an_edited_audit_row(filled):
    execute(filled, "UPDATE audit SET command = 'forged' WHERE id = 3")
    assert any("#3" in p and "哈希不符" in p for p in problems(filled))


def test_verify_detects_a_deleted_audit_row(filled):
    execute(filled, "DELETE FROM audit WHERE id = 4")
    found = problems(filled)
    assert any("#5" in p and "前序哈希" in p for p in found)


def test_verify_detects_a_truncated_chain_and_a_rewritten_history(filled):
    head = as_json("registry", "verify", registry=filled)["head"]
    last = count(filled, "audit")
    execute(filled, f"DELETE FROM audit WHERE id = {last}")
    assert any("链头" in p for p in problems(filled))
    assert run("registry", "verify", "--head", head, registry=filled).exit_code == 1


def test_verify_accepts_a_known_earlier_head(filled):
    head = as_json("registry", "verify", registry=filled)["head"]
    ok("recommend", "--from", "ganzhou_kfq", "--to", "ganzhou_city", registry=filled)
    ok("registry", "import", str(EXAMPLES / "registry_history.yaml"), registry=filled)
    assert "完整" in ok("registry", "verify", "--head", head, registry=filled).output


def test_audit_log_names_command_digest_and_content(filled):
    import hashlib

    log = as_json("registry", "log", FLUORINE, registry=filled)["entries"]
    assert {e["command"] for e in log} == {"registry import"}
    assert {e["input_digest"] for e in log} == {hashlib.sha256(HISTORY.read_bytes()).hexdigest()}
    assert all(e["at"].endswith("Z") and json.loads(e["content"]) for e in log)
    dt.datetime.fromisoformat(log[0]["at"].replace("Z", "+00:00"))


@pytest.mark.clause("HQ-4")
def test_record_keeps_the_committee_decision_that_filled_a_held_place(reg, tmp_path):
    data = as_json("evaluate", str(EXAMPLES / "cycle_hongqi.yaml"))
    by_committee = [w for w in data["winners"] if w["committee_minutes"]]
    assert [w["credit_code"] for w in by_committee] == ["91410702MA46H3005P"]
    path = write(tmp_path, "evaluation.json", data)
    ok("registry", "record", path, "--granted-on", "2026-10-20", registry=reg)
    shown = as_json("registry", "show", "91410702MA46H3005P", "--as-of", "2026-11-01", registry=reg)
    (award,) = shown["awards"]
    assert award["committee_minutes"] == "红旗区区长质量奖评委会2026年第2次会议纪要"


@pytest.mark.clause("JD-3-3", "JD-3-4")
def test_jd_3_3_recorded_fraud_counts_until_its_credit_record_is_repaired(reg, tmp_path):
    jd_org = EXAMPLES / "org_jindong_machinery.yaml"
    code = "91330703MA2HQ7K471"
    fraud = {"credit_code": code, "award": "jindong", "reason": "fraud", "decided_on": "2025-03-01"}
    ok("registry", "import", write(tmp_path, "fraud.json", {"sanctions": [fraud]}), registry=reg)
    args = ("check", str(jd_org), "-j", "jindong", "--as-of", "2026-09-01")
    barred = as_json(*args, registry=reg)
    assert any(f["passed"] is False for f in finding(barred, "jindong", "JD-3-3"))
    repaired = {"sanctions": [fraud | {"repaired": True}]}
    path = write(tmp_path, "repaired.json", repaired)
    ok("registry", "import", path, "--correct", registry=reg)
    lifted = as_json(*args, registry=reg)
    assert all(f["passed"] for f in finding(lifted, "jindong", "JD-3-3"))
    assert any("不作为否决条件" in f["message"] for f in finding(lifted, "jindong", "JD-3-4"))


def test_all_histories_read_at_once_equal_each_read_alone(reg):
    """The HTTP service holds every history from one read (qaward.registry.snapshot); each must
    be exactly what reading that organisation alone gives, bans and revocations included."""
    from qaward.catalog import default_catalog
    from qaward.registry import queries
    from qaward.registry.store import Registry, resolve_url

    ok("registry", "import", str(HISTORY), registry=reg)
    ok("sanction", str(EXAMPLES / "sanction_case_kfq_accident.yaml"), "--record", registry=reg)
    registry, catalog = Registry(resolve_url(reg)[0]), default_catalog()
    with registry.reading() as conn:
        every = queries.histories(conn, catalog)
        assert len(every) >= 4 and any(h.sanctions for h in every.values())
        for code, history in every.items():
            assert history == queries.history(conn, code, catalog), code
    registry.close()
