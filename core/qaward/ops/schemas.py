"""JSON Schemas of the output documents (``qaward schema check`` ...; the service's OpenAPI).

Written here beside the operations that build the documents, and checked against real output by
the tests. Objects list every key the program writes as required; they admit further keys
(``additionalProperties`` is left open), so a key added in a minor version does not break a
reader that validates. Dates are ISO strings (``format: date``), money whole yuan.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from qaward.engine import Status
from qaward.model import CommitteeVerdict, SanctionReason, Tier
from qaward.notices import CODES
from qaward.ops.common import SCHEMA_VERSION
from qaward.sanction import Verdict

S = dict[str, Any]
STR: S = {"type": "string"}
INT: S = {"type": "integer"}
BOOL: S = {"type": "boolean"}
DATE: S = {"type": "string", "format": "date"}
ANY: S = {}


def null(s: S) -> S:
    return {"anyOf": [s, {"type": "null"}]}


def arr(s: S) -> S:
    return {"type": "array", "items": s}


def obj(description: str | None = None, /, **props: S) -> S:
    out: S = {"type": "object", "properties": props, "required": list(props)}
    if description:
        out["description"] = description
    return out


def ref(name: str) -> S:
    return {"$ref": f"#/$defs/{name}"}


def enum(*values: str) -> S:
    return {"type": "string", "enum": list(values)}


def of(kind: type[StrEnum]) -> S:
    """An enumeration's schema from the enumeration itself, so the two cannot drift."""
    return enum(*(m.value for m in kind))


STATUS = of(Status)
TIER = of(Tier)

DEFS: dict[str, S] = {
    "Warning": {
        **obj("提示：稳定的代码与中文说明", code=enum(*CODES), text=STR),
        "additionalProperties": False,
    },
    "Finding": obj(
        "一条规则的判断：条款、结果（null 为缺少所需事实）、依据、说明、所用事实、插件",
        rule=STR,
        passed=null(BOOL),
        citation=STR,
        message=STR,
        facts={"type": "object"},
        plugin=STR,
    ),
    "Result": obj(
        "一个管辖区的结论",
        jurisdiction=STR,
        award=STR,
        document=STR,
        status=STATUS,
        findings=arr(ref("Finding")),
        warnings=arr(ref("Warning")),
    ),
    "Cell": {
        **obj("比较表的一格：文字与其所依据的条款编号", text=STR, clauses=arr(STR)),
        "additionalProperties": False,
    },
    "RegistryUse": {
        **obj(
            "所读取的登记簿：consulted（已读取，merged 为合并的记录数）、no_file（文件不存在）、"
            "disabled（未读取）",
            state=enum("consulted", "no_file", "disabled"),
            registry=null(STR),
            merged=null(obj(awards=INT, sanctions=INT, recommendations=INT)),
        ),
    },
    "Changes": {
        "type": "object",
        "description": "每张表：新增、更正、未变、冲突的条数",
        "additionalProperties": {"type": "object", "additionalProperties": INT},
    },
}


def _doc(description: str, **props: S) -> S:
    return obj(description, schema_version={"const": SCHEMA_VERSION}, **props)


CHECK = _doc(
    "qaward check：一个组织对各管辖区的申报资格",
    as_of=DATE,
    organization=STR,
    credit_code=STR,
    results=arr(ref("Result")),
    registry=ref("RegistryUse"),
)

_TRACED_FINDING = {
    "allOf": [ref("Finding"), obj(article=null(STR), clause_summary=null(STR))],
}
TRACE = _doc(
    "理由追溯：每条判断的条文、条款内容、所用事实与依据，以及所读取的获奖、处理与推荐记录",
    as_of=DATE,
    organization=STR,
    credit_code=STR,
    history=obj(
        awards=arr({"type": "object"}),
        sanctions=arr({"type": "object"}),
        recommendations=arr({"type": "object"}),
        from_registry=BOOL,
    ),
    results=arr(
        {
            "allOf": [
                ref("Result"),
                obj(
                    regulation=obj(
                        document=STR,
                        title=STR,
                        status=STR,
                        effective_from=null(DATE),
                        effective_until=null(DATE),
                    ),
                    findings=arr(_TRACED_FINDING),
                ),
            ]
        }
    ),
    registry=ref("RegistryUse"),
)

CHECK_BATCH = _doc(
    "批量检查：每个输入一项，依输入顺序；输入有误的一项给出 errors（字段路径与原因）",
    as_of=DATE,
    count=INT,
    items=arr(
        {
            "oneOf": [
                obj(index=INT, organization=STR, credit_code=STR, results=arr(ref("Result"))),
                obj(index=INT, errors=arr(STR)),
            ]
        }
    ),
    registry=ref("RegistryUse"),
)

SCREEN = _doc(
    "筛查：每个组织对每个奖项一行（状态、不满足与待定条款及依据、缺口与满足日期），和汇总",
    as_of=DATE,
    count=INT,
    results=arr(
        obj(
            credit_code=STR,
            name=STR,
            jurisdiction=STR,
            award=STR,
            status=STATUS,
            close=BOOL,
            failing=arr(STR),
            undetermined=arr(STR),
            citations=arr(STR),
            qualifies_from=null(DATE),
            gaps=arr(
                obj(clause=STR, rule=STR, passed=null(BOOL), **{"from": null(DATE)}, text=STR)
            ),
        )
    ),
    summary=obj(
        organizations=INT,
        jurisdictions=arr(
            obj(
                jurisdiction=STR,
                award=STR,
                organizations=INT,
                eligible=INT,
                close=INT,
                undetermined=INT,
                ineligible=INT,
            )
        ),
        top_failing=arr(
            obj(
                jurisdiction=STR,
                clause=STR,
                citation=STR,
                organizations=INT,
                share={"type": "number"},
            )
        ),
        warnings=arr(ANY),
    ),
)

_CODE_TIER = {"credit_code": STR, "tier": TIER}
EVALUATE = _doc(
    "qaward evaluate：一届评审（资格、排名、获奖、奖金、有效期、义务、公示、提示）",
    award=STR,
    award_name=STR,
    document=STR,
    year=INT,
    as_of=DATE,
    granted_on=null(DATE),
    granted_on_estimated=BOOL,
    applications=arr(
        obj(
            index=INT,
            credit_code=STR,
            name=STR,
            tier=TIER,
            score=null(INT),
            status=STATUS,
            findings=arr(ref("Finding")),
        )
    ),
    ranking=arr(
        obj(
            tier=TIER,
            rank=INT,
            credit_code=STR,
            name=STR,
            score=INT,
            preferences=arr(STR),
            tie_break=arr(STR),
            outcome=null(enum("winner", "not_selected", "tied")),
            reason=STR,
            clause=null(STR),
        )
    ),
    winners=arr(
        obj(
            credit_code=STR,
            name=STR,
            tier=TIER,
            category=null(STR),
            sector=null(STR),
            rank=null(INT),
            counts_against_quota=BOOL,
            clause=STR,
            citation=STR,
            committee_minutes=null(STR),
        )
    ),
    ties=arr(
        obj(
            stage=STR,
            rank=INT,
            score=INT,
            credit_codes=arr(STR),
            places=INT,
            clause=STR,
            message=STR,
            committee=arr(obj(credit_code=STR, decision=of(CommitteeVerdict), minutes=STR)),
        )
    ),
    places=arr(obj(tier=TIER, places=INT, awarded=INT, held=INT, vacant=INT, clause=STR)),
    rewards=arr(obj(**_CODE_TIER, name=STR, yuan=null(INT), clause=STR, citation=STR, text=STR)),
    total_yuan=INT,
    validity=arr(
        obj(
            **_CODE_TIER,
            **{"from": DATE},
            last_day=null(DATE),
            note=STR,
            clause=STR,
            citation=STR,
        )
    ),
    obligations=arr(obj(credit_code=STR, text=STR, due=arr(DATE), clause=STR, citation=STR)),
    may_apply_again=arr(obj(credit_code=STR, year=INT, clause=STR, citation=STR, text=STR)),
    publicity=null(
        obj(
            published_on=DATE,
            first_day=DATE,
            last_day=DATE,
            days=INT,
            working_days=INT,
            required=STR,
            moved_from=null(DATE),
            makeup_days=arr(DATE),
            clause=STR,
            citation=STR,
            text=STR,
        )
    ),
    warnings=arr(ref("Warning")),
    registry=ref("RegistryUse"),
)

SANCTION = _doc(
    "qaward sanction：处理案件的结论（撤销、追缴、公告、禁止申报及其条款），或不予处理及理由",
    case=obj(
        award=STR,
        tier=TIER,
        year=INT,
        granted_on=DATE,
        credit_code=null(STR),
        name=null(STR),
        event=obj(kind=STR, date=DATE, text=STR),
        decided_on=DATE,
    ),
    verdict=of(Verdict),
    message=STR,
    clause=null(STR),
    citation=null(STR),
    reason=null(of(SanctionReason)),
    revoke=BOOL,
    clawback=BOOL,
    notice=BOOL,
    criticism=BOOL,
    bans=arr(obj(award=STR, award_name=STR, last_day=DATE)),
    duties=arr(STR),
    minutes=null(STR),
    extra=STR,
    warnings=arr(ref("Warning")),
    recorded=null(obj(registry=STR, changes=ref("Changes"), audit_head=STR)),
)

RECOMMEND = _doc(
    "qaward recommend：来源奖项的推荐途径所允许的获奖单位（KFQ-21：未被撤销的获奖单位，注明是否仍在有效期内）作为上级奖项的推荐",
    **{"from": STR, "to": STR},
    as_of=DATE,
    by=STR,
    candidates=arr(
        obj(
            credit_code=null(STR),
            name=null(STR),
            year=INT,
            last_day=null(DATE),
            valid=null(BOOL),
            clause=STR,
            citation=STR,
        )
    ),
    recorded=null(ref("Changes")),
)

COMPARE = _doc(
    "qaward compare：各管辖区条款并列；每格为文字与条款编号",
    as_of=DATE,
    jurisdictions=arr(STR),
    rows=arr(obj(term=STR, values={"type": "object", "additionalProperties": ref("Cell")})),
)

CLAUSES = _doc(
    "qaward clauses：每个条款编号 → 编码它的声明与测试，或 attested / out-of-scope / not yet 及理由",
    clauses=arr(
        obj(
            clause=STR,
            jurisdiction=STR,
            document=STR,
            article=STR,
            tags=STR,
            summary=STR,
            status=enum("encoded", "attested", "out-of-scope", "not yet"),
            encoded_by=arr(STR),
            tests=arr(STR),
            reason=STR,
        )
    ),
)

JURISDICTIONS = _doc(
    "qaward jurisdictions：已安装的管辖区及其规章版本",
    jurisdictions=arr(
        obj(
            id=STR,
            name=STR,
            award=STR,
            level=STR,
            parent=null(STR),
            division_code=null(STR),
            province=null(STR),
            document=STR,
            title=STR,
            status=STR,
            effective_from=null(DATE),
            effective_until=null(DATE),
            plugin=STR,
        )
    ),
)

_AWARD_NAME = {"award": STR, "award_name": STR}
REGISTRY_SHOW = _doc(
    "qaward registry show：一个组织的获奖、处理、禁止申报、推荐与待履行义务",
    credit_code=STR,
    name=null(STR),
    as_of=DATE,
    awards=arr(
        obj(
            **_AWARD_NAME,
            tier=STR,
            year=INT,
            granted_on=DATE,
            last_day=null(DATE),
            status=enum("valid", "expired", "revoked", "unknown", "granted_later"),
            yuan=null(INT),
            revoked_on=null(DATE),
            revoked_clause=null(STR),
        )
    ),
    sanctions=arr(
        obj(
            **_AWARD_NAME,
            reason=STR,
            decided_on=DATE,
            clause=null(STR),
            revoke=null(BOOL),
            clawback=null(BOOL),
            notice=null(BOOL),
        )
    ),
    bans=arr(
        obj(
            **_AWARD_NAME,
            last_day=DATE,
            in_force=BOOL,
            sanction_award=STR,
            reason=STR,
            decided_on=DATE,
            clause=null(STR),
        )
    ),
    recommendations=arr(obj(**_AWARD_NAME, by=STR, on=null(DATE), clause=null(STR))),
    obligations=arr(
        obj(
            **_AWARD_NAME,
            tier=STR,
            year=INT,
            text=STR,
            due=arr(DATE),
            next_due=null(DATE),
            clause=null(STR),
            derived=BOOL,
        )
    ),
)

REGISTRY_CHANGES = _doc(
    "登记簿写入（import、record）：每张表的变更条数与审计链头",
    registry=STR,
    changes=ref("Changes"),
    audit_head=STR,
)

REGISTRY_INIT = _doc(
    "qaward registry init：结构版本变化", registry=STR, **{"from": null(STR), "to": STR}
)

REGISTRY_VERIFY = _doc(
    "qaward registry verify：审计链与数据记录的核对结果",
    registry=STR,
    ok=BOOL,
    problems=arr(STR),
    audit_rows=INT,
    data_rows=INT,
    head=STR,
    signed=BOOL,
    unsigned_rows=INT,
)

REGISTRY_LOG = _doc(
    "qaward registry log：审计记录，最新在前",
    entries=arr(
        obj(
            id=INT,
            at=STR,
            command=STR,
            operator=null(STR),
            input_digest=STR,
            table_name=STR,
            row_key=STR,
            action=STR,
            content=STR,
            prev_hash=STR,
            hash=STR,
            mac=null(STR),
        )
    ),
)

PROBLEM = {
    **obj(
        "错误（application/problem+json，RFC 9457）：errors 为字段路径与原因，与命令行相同",
        type=STR,
        title=STR,
        status=INT,
        detail=STR,
    ),
    "properties": {
        "type": STR,
        "title": STR,
        "status": INT,
        "detail": STR,
        "errors": arr(STR),
        "where": STR,
    },
}

OUTPUTS: dict[str, S] = {
    "check": CHECK,
    "check_batch": CHECK_BATCH,
    "trace": TRACE,
    "screen": SCREEN,
    "evaluate": EVALUATE,
    "sanction": SANCTION,
    "recommend": RECOMMEND,
    "compare": COMPARE,
    "clauses": CLAUSES,
    "jurisdictions": JURISDICTIONS,
    "registry_show": REGISTRY_SHOW,
    "registry_changes": REGISTRY_CHANGES,
    "registry_init": REGISTRY_INIT,
    "registry_verify": REGISTRY_VERIFY,
    "registry_log": REGISTRY_LOG,
    "problem": PROBLEM,
}


def output_schema(name: str) -> S:
    """A standalone JSON Schema (2020-12) of one output document."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": name,
        **OUTPUTS[name],
        "$defs": DEFS,
    }
