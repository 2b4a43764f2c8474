"""OpenAPI 3.1 of the service, assembled from the project's own JSON Schemas: the input
documents generated from the attrs model (:mod:`qaward.schema`) and the output documents
(:mod:`qaward.ops.schemas`), the same ones ``qaward schema`` prints."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from qaward.ops.common import SCHEMA_VERSION
from qaward.ops.schemas import DEFS, OUTPUTS

S = dict[str, Any]
INPUTS = {"organization": "Organization", "cycle": "Cycle", "sanction_case": "SanctionCase"}


def _components() -> dict[str, S]:
    from qaward.schema import DOCUMENTS, schema

    out: dict[str, S] = {}
    for name in INPUTS:
        doc = schema(DOCUMENTS[name])
        out.update(doc["$defs"])
    out.update(DEFS)
    for name, s in OUTPUTS.items():
        out[_out(name)] = s
    out["ImportFile"] = {
        "type": "object",
        "description": "获奖、处理与推荐记录，每条带 credit_code",
    }
    out["Recommend"] = {
        "type": "object",
        "properties": {
            "from": {"type": "string"},
            "to": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
            "by": {"type": "string"},
            "dry_run": {"type": "boolean"},
        },
        "required": ["from", "to"],
        "additionalProperties": False,
    }
    # one namespace: "#/$defs/X" of every document becomes a component
    text = json.dumps(out, ensure_ascii=False).replace("#/$defs/", "#/components/schemas/")
    return json.loads(text)


def _out(name: str) -> str:
    return "".join(p.title() for p in name.split("_")) + "Document"


def _ref(name: str) -> S:
    return {"$ref": f"#/components/schemas/{name}"}


PROBLEM = {"application/problem+json": {"schema": _ref("ProblemDocument")}}


def _responses(output: str, writes: bool = False) -> S:
    out: S = {
        "200": {
            "description": "成功",
            "content": {"application/json": {"schema": _ref(_out(output))}},
        },
        "413": {"description": "请求体过大", "content": PROBLEM},
        "422": {"description": "输入有误：errors 为字段路径与原因", "content": PROBLEM},
        "503": {"description": "登记簿不可用", "content": PROBLEM},
    }
    if writes:
        out["401"] = {"description": "缺少或无效的令牌", "content": PROBLEM}
    return out


def _query(name: str, description: str, fmt: str | None = None, array: bool = False) -> S:
    schema: S = {"type": "string"}
    if fmt:
        schema["format"] = fmt
    if array:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


AS_OF = _query("as_of", "判断日期（默认今天）", "date")
JURISDICTION = _query("jurisdiction", "只看这些管辖区（可重复）", array=True)


def _op(summary: str, output: str, *, body: S | None = None, params=(), writes=False) -> S:
    op: S = {"summary": summary, "responses": _responses(output, writes)}
    if params:
        op["parameters"] = list(params)
    if body is not None:
        op["requestBody"] = {"required": True, "content": body}
    if writes:
        op["security"] = [{"token": []}]
    return op


def _json(name: str) -> S:
    return {"application/json": {"schema": _ref(name)}}


@cache
def spec() -> S:
    """The OpenAPI document (built once per process)."""
    batch = {
        "application/json": {"schema": {"type": "array", "items": _ref("Organization")}},
        "application/x-ndjson": {
            "schema": {"type": "string", "description": "每行一个组织（JSON Lines）"}
        },
    }
    code = {"name": "credit_code", "in": "path", "required": True, "schema": {"type": "string"}}
    paths = {
        "/health": {"get": {"summary": "存活检查", "responses": {"200": {"description": "ok"}}}},
        "/jurisdictions": {"get": _op("已安装的管辖区及其规章", "jurisdictions")},
        "/clauses": {
            "get": _op(
                "条款覆盖：编码、测试，或 attested / out-of-scope / not yet 及理由",
                "clauses",
                params=(JURISDICTION, _query("status", "只列这些状态", array=True)),
            )
        },
        "/compare": {"get": _op("各管辖区条款并列", "compare", params=(JURISDICTION, AS_OF))},
        "/check": {
            "post": _op(
                "一个组织的申报资格",
                "check",
                body=_json("Organization"),
                params=(AS_OF, JURISDICTION),
            )
        },
        "/check/batch": {
            "post": _op(
                "批量检查（JSON 数组或 JSON Lines）",
                "check_batch",
                body=batch,
                params=(AS_OF, JURISDICTION),
            )
        },
        "/screen": {
            "post": _op(
                "筛查一批组织（JSON 数组或 JSON Lines；一个有误则整批 422）",
                "screen",
                body=batch,
                params=(AS_OF, JURISDICTION),
            )
        },
        "/trace": {
            "post": _op(
                "理由追溯：条文、事实与依据",
                "trace",
                body=_json("Organization"),
                params=(AS_OF, JURISDICTION),
            )
        },
        "/evaluate": {
            "post": _op("评审一届（organization_file 不接受）", "evaluate", body=_json("Cycle"))
        },
        "/sanction": {
            "post": _op("判断处理案件（不写入登记簿）", "sanction", body=_json("SanctionCase"))
        },
        "/sanction/record": {
            "post": _op(
                "判断处理案件并记入登记簿", "sanction", body=_json("SanctionCase"), writes=True
            )
        },
        "/recommend": {
            "post": _op(
                "向上级奖项推荐（记入登记簿，dry_run 只列候选）",
                "recommend",
                body=_json("Recommend"),
                writes=True,
            )
        },
        "/registry/import": {
            "post": _op(
                "导入获奖、处理与推荐记录",
                "registry_changes",
                body=_json("ImportFile"),
                writes=True,
            )
        },
        "/registry/record": {
            "post": _op(
                "记录 evaluate 的获奖单位",
                "registry_changes",
                body=_json("EvaluateDocument"),
                params=(_query("granted_on", "实际授奖日期", "date"),),
                writes=True,
            )
        },
        "/registry/verify": {"get": _op("核对审计链与数据记录", "registry_verify")},
        "/registry/log": {
            "get": _op(
                "审计日志（最新在前）",
                "registry_log",
                params=(
                    _query("credit_code", "只看这个组织"),
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
                    },
                ),
            )
        },
        "/registry/{credit_code}": {
            "get": _op("一个组织的登记簿记录", "registry_show", params=(code, AS_OF))
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "qaward",
            "version": SCHEMA_VERSION,
            "description": "政府质量奖规则即代码：每个结论注明所依据的条款。读取开放；写入登记簿需令牌。",
        },
        "paths": paths,
        "components": {
            "schemas": _components(),
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    }
