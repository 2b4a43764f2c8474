"""Test cases in YAML that a policy office writes without Python (in the spirit of OpenFisca's
YAML tests), run by ``qaward test FILES`` and collected by pytest (``test_*.yaml``).

A case file::

    organization: org_base.yaml        # the organisation every case starts from (or a mapping)
    as_of: 2026-09-01                  # the default date of judgement
    cases:
      - name: 经营不满3年的不符合
        clauses: [XF-10]               # the clauses this case exercises (required)
        changes: {established_on: 2024-05-01}   # fields changed from the organisation
        expect:
          xinfeng: {status: ineligible, failing: [XF-10]}
          ganzhou_city: eligible
      - name: 一届评审的获奖者与奖金
        clauses: [XF-6, XF-8]
        cycle: cycle_xinfeng.yaml      # a cycle file (or a mapping)
        expect: {winners: [91360722MA35XF0012], total_yuan: 200000}
      - name: 弄虚作假撤销
        clauses: [XF-20]
        sanction_case: case.yaml       # a sanction case (or a mapping)
        expect: {verdict: sanction, clause: XF-20, bans: [xinfeng, ganzhou_city]}

Expected per jurisdiction: ``status`` (eligible / ineligible / undetermined), and when given,
``failing`` and ``undetermined``: exactly the clause ids found failing (or lacking a fact).
A cycle: ``winners`` (credit codes or names), ``total_yuan``, ``money`` (per winner). A sanction
case: ``verdict`` (sanction / no_sanction / undetermined), ``clause``, ``revoke``, ``clawback``,
``bans`` (award ids). A wrong expectation is reported as expected-versus-found, line by line.

Files are relative to the case file. A plugin ships its case files in ``<package>/cases/``:
``qaward clauses`` counts them, and ``qaward test --conformance`` lists every encoded clause of
its inventory that lacks a passing or a failing case.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrs import frozen

from qaward import io
from qaward.catalog import Catalog
from qaward.errors import QawardError
from qaward.loading import State
from qaward.model import Cycle, Organization, SanctionCase

KINDS = ("organization", "cycle", "sanction_case")
STATUSES = ("eligible", "ineligible", "undetermined")
CASE_KEYS = {"name", "clauses", "as_of", "changes", "expect", "note", *KINDS}
CYCLE_KEYS = {"winners", "total_yuan", "money"}
SANCTION_KEYS = {"verdict", "clause", "revoke", "clawback", "notice", "bans"}


@frozen
class Case:
    file: Path
    index: int
    name: str
    clauses: tuple[str, ...]
    kind: str  # organization | cycle | sanction_case
    document: Any  # a mapping, or the path of a cycle file
    as_of: dt.date | None
    expect: dict[str, Any]

    @property
    def where(self) -> str:
        return f"{self.file}: cases[{self.index}]（{self.name}）"

    def fails(self, clause: str) -> bool:
        """Whether this case expects ``clause`` to bite (fail, or sanction under it)."""
        if self.kind == "sanction_case":
            return self.expect.get("verdict") == "sanction" and self.expect.get("clause") == clause
        return any(
            isinstance(e, dict) and clause in e.get("failing", ()) for e in self.expect.values()
        )


class CaseFileError(io.InputError):
    """A case file that cannot be read as one (the file and the field path named)."""


def _bad(path: Path, problem: str) -> CaseFileError:
    return CaseFileError(str(path), [problem])


def is_case_file(path: Path) -> bool:
    return path.name.startswith("test_") and path.suffix in (".yaml", ".yml")


def load(path: str | Path) -> list[Case]:
    """The cases of one file; :class:`CaseFileError` names the file and the field path."""
    path = Path(path)
    doc = io.read_document(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
        raise _bad(path, "$.cases: 应为用例列表（每项有 name、clauses、expect）")
    unknown = set(doc) - {"cases", "as_of", *KINDS}
    if unknown:
        raise _bad(path, f"$: 未知字段 {', '.join(sorted(unknown))}")
    return [_case(path, doc, i, c) for i, c in enumerate(doc["cases"])]


def _date(value: Any, path: Path, at: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _bad(path, f"{at}: 应为日期 YYYY-MM-DD，得到 {value!r}") from None


def _case(path: Path, doc: dict, i: int, c: Any) -> Case:
    at = f"$.cases[{i}]"
    if not isinstance(c, dict):
        raise _bad(path, f"{at}: 应为映射")
    unknown = set(c) - CASE_KEYS
    if unknown:
        raise _bad(path, f"{at}: 未知字段 {', '.join(sorted(unknown))}")
    name = c.get("name")
    if not isinstance(name, str) or not name:
        raise _bad(path, f"{at}.name: 每个用例须有名称")
    clauses = c.get("clauses")
    if not isinstance(clauses, list) or not clauses or not all(isinstance(x, str) for x in clauses):
        raise _bad(path, f"{at}.clauses: 须列出本用例检验的条款编号（如 [XF-10]）")
    expect = c.get("expect")
    if not isinstance(expect, dict) or not expect:
        raise _bad(path, f"{at}.expect: 须写明期望的结果")
    kinds = [k for k in ("cycle", "sanction_case") if k in c]
    if len(kinds) > 1:
        raise _bad(path, f"{at}: cycle 与 sanction_case 只能给出一个")
    kind = kinds[0] if kinds else "organization"
    if kind == "organization":
        document: Any = _organization(path, doc, c, at)
        _check_org_expect(path, expect, f"{at}.expect")
    else:
        document = c[kind]
        if isinstance(document, str):
            document = path.parent / document
        elif not isinstance(document, dict):
            raise _bad(path, f"{at}.{kind}: 应为文件名或映射")
        allowed = CYCLE_KEYS if kind == "cycle" else SANCTION_KEYS
        unknown = set(expect) - allowed
        if unknown:
            raise _bad(
                path,
                f"{at}.expect: 未知字段 {', '.join(sorted(unknown))}（可用：{'、'.join(sorted(allowed))}）",
            )
    as_of = _date(c.get("as_of", doc.get("as_of")), path, f"{at}.as_of")
    return Case(path, i, name, tuple(clauses), kind, document, as_of, expect)


def _organization(path: Path, doc: dict, c: dict, at: str) -> dict:
    base = c.get("organization", doc.get("organization"))
    if isinstance(base, str):
        base = io.read_document(path.parent / base)
    if not isinstance(base, dict):
        raise _bad(path, f"{at}.organization: 须给出组织（映射或文件名，可写在文件顶层）")
    changes = c.get("changes", {})
    if not isinstance(changes, dict):
        raise _bad(path, f"{at}.changes: 应为映射（要改动的字段）")
    return base | changes


def _check_org_expect(path: Path, expect: dict, at: str) -> None:
    for jid, e in expect.items():
        status = e if isinstance(e, str) else e.get("status") if isinstance(e, dict) else None
        if status not in STATUSES:
            raise _bad(
                path,
                f"{at}.{jid}: 应为 {' | '.join(STATUSES)}，或 {{status, failing, undetermined}}",
            )
        if isinstance(e, dict):
            unknown = set(e) - {"status", "failing", "undetermined"}
            if unknown:
                raise _bad(path, f"{at}.{jid}: 未知字段 {', '.join(sorted(unknown))}")


# --- running ---------------------------------------------------------------------------------


def run(case: Case, catalog: Catalog) -> list[str]:
    """The differences between what the case expects and what qaward finds (empty: it passes)."""
    if case.kind == "organization":
        return _run_org(case, catalog)
    if case.kind == "cycle":
        return _run_cycle(case, catalog)
    return _run_sanction(case, catalog)


def _diff(what: str, expected: Any, found: Any) -> list[str]:
    if expected == found:
        return []
    lines = [f"{what}：期望 {_show(expected)}，实际 {_show(found)}"]
    if isinstance(expected, list | set) and isinstance(found, list | set):
        extra, lacking = sorted(set(found) - set(expected)), sorted(set(expected) - set(found))
        if extra:
            lines.append(f"  多出：{', '.join(map(str, extra))}")
        if lacking:
            lines.append(f"  缺少：{', '.join(map(str, lacking))}")
    return lines


def _show(value: Any) -> str:
    if isinstance(value, list | set | tuple):
        return "[" + ", ".join(map(str, sorted(value))) + "]"
    return str(value)


def _run_org(case: Case, catalog: Catalog) -> list[str]:
    from qaward.engine import evaluate

    org = io.structure(case.document, Organization, case.where)
    day = case.as_of or dt.date.today()
    out: list[str] = []
    for jid, e in case.expect.items():
        result = evaluate(org, jid, day, catalog=catalog)
        want = {"status": e} if isinstance(e, str) else e
        out += _diff(f"{jid} 结论", want["status"], result.status.value)
        for key, verdict in (("failing", False), ("undetermined", None)):
            if key in want:
                found = sorted({f.rule for f in result.findings if f.passed is verdict})
                label = "不符合的条款" if verdict is False else "待定的条款"
                out += _diff(f"{jid} {label}", sorted(want[key]), found)
        if out and not any(line.startswith("  理由") for line in out):
            out += [
                f"  理由 {f.rule}：{f.message}" for f in result.findings if f.passed is not True
            ]
    return out


def _run_cycle(case: Case, catalog: Catalog) -> list[str]:
    from qaward.cycle.run import evaluate_cycle

    doc = case.document
    cycle = io.load_cycle(doc) if isinstance(doc, Path) else io.structure(doc, Cycle, case.where)
    report = evaluate_cycle(cycle, catalog=catalog, as_of=case.as_of).to_json()
    name = {w["credit_code"]: w["name"] for w in report["applications"]}
    out: list[str] = []
    if "winners" in case.expect:
        found = [w["credit_code"] for w in report["winners"]]
        want = [_code(x, name) for x in case.expect["winners"]]
        out += _diff("获奖单位", sorted(want), sorted(found))
    if "total_yuan" in case.expect:
        out += _diff("奖金合计（元）", case.expect["total_yuan"], report["total_yuan"])
    if "money" in case.expect:
        paid: dict[str, int] = {}
        for r in report["rewards"]:
            paid[r["credit_code"]] = paid.get(r["credit_code"], 0) + (r["yuan"] or 0)
        for who, yuan in case.expect["money"].items():
            code = _code(who, name)
            out += _diff(f"{name.get(code, who)} 奖金（元）", yuan, paid.get(code, 0))
    return out


def _code(who: str, names: dict[str, str]) -> str:
    """A credit code as given, or the credit code of the applicant with that name."""
    return next((code for code, n in names.items() if n == who), who)


def _run_sanction(case: Case, catalog: Catalog) -> list[str]:
    from qaward.sanction import judge_case

    doc = case.document
    data = io.read_document(doc) if isinstance(doc, Path) else doc
    outcome = judge_case(io.structure(data, SanctionCase, case.where), catalog, case.where)
    found = {
        "verdict": outcome.verdict.value,
        "clause": outcome.clause,
        "revoke": outcome.revoke,
        "clawback": outcome.clawback,
        "notice": outcome.notice,
        "bans": sorted(b.award for b in outcome.bans),
    }
    out: list[str] = []
    for key, want in case.expect.items():
        out += _diff(key, sorted(want) if key == "bans" else want, found[key])
    if out:
        out.append(f"  理由：{outcome.message}")
    return out


# --- cases shipped by plugins, and conformance -------------------------------------------------


def plugin_case_files(catalog: Catalog) -> dict[str, list[Path]]:
    """Per loaded plugin, the case files its package ships in ``cases/``."""
    out: dict[str, list[Path]] = {}
    for info in catalog.plugins.values():
        if info.state is not State.loaded or not info.entry_point:
            continue
        module = info.entry_point.split(":")[0]
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            continue
        if spec is None or spec.origin is None:
            continue
        folder = Path(spec.origin).parent / "cases"
        out[info.name] = sorted(p for p in folder.glob("test_*.y*ml") if is_case_file(p))
    return out


def shipped_cases(catalog: Catalog) -> list[Case]:
    """Every case the installed plugins ship (a malformed file is skipped here; ``qaward test``
    reports it)."""
    cases: list[Case] = []
    for files in plugin_case_files(catalog).values():
        for path in files:
            try:
                cases.extend(load(path))
            except QawardError:
                continue
    return cases


def conformance(
    catalog: Catalog, cases: Iterable[Case], jurisdictions: Iterable[str]
) -> list[dict]:
    """Every encoded clause of these jurisdictions whose cases fall short: a clause that decides
    (an eligibility rule, a sanction term) needs a passing and a failing case; any other (quota,
    scoring, reward, validity, publicity, the text's dates) at least one case naming it."""
    from qaward.coverage import coverage

    cases = list(cases)
    wanted = set(jurisdictions)
    deciding = {
        obj.clause
        for decl in catalog.all_declarations()
        if decl.jurisdiction.id in wanted
        for obj in (*decl.eligibility, *decl.sanctions)
    }
    gaps = []
    for row in coverage(catalog):
        if row["jurisdiction"] not in wanted or row["status"] != "encoded":
            continue
        clause = row["clause"]
        mine = [c for c in cases if clause in c.clauses]
        if clause in deciding:
            failing = [c for c in mine if c.fails(clause)]
            passing = [c for c in mine if not c.fails(clause)]
            lacks = [w for w, got in (("passing", passing), ("failing", failing)) if not got]
        else:
            lacks = [] if mine else ["case"]
        if lacks:
            gaps.append(
                {
                    "clause": clause,
                    "jurisdiction": row["jurisdiction"],
                    "lacks": lacks,
                    "summary": row["summary"],
                }
            )
    return gaps
