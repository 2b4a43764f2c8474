"""A cycle's applications and organisations in an Excel workbook (.xlsx), as bureaus exchange
them: ``qaward template cycle.xlsx`` writes the template, ``qaward evaluate cycle.xlsx`` reads it.

The workbook becomes the same document a YAML cycle file gives (the data contract), and the
same structuring checks it; an error's field path is translated back to the sheet, row and
column it came from. Enumerations may be written as their Chinese labels (制造业, 质量奖).
openpyxl is imported only here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from attrs import frozen

from qaward.io import InputError


@frozen
class Column:
    header: str  # what the template's header row says
    key: str  # the contract's field (a dotted path inside the row's object)
    kind: str = "text"  # text | int | date | bool | list
    note: str = ""


CYCLE_SHEET, APPS_SHEET, ORGS_SHEET = "评审", "申报", "组织"
FIN_SHEET, CERT_SHEET = "财务", "认证"
CODE = Column("统一社会信用代码", "credit_code", note="18位，校验位须正确")

CYCLE_FIELDS = [
    Column("奖项", "award", note="管辖区 id，如 ganzhou_city（qaward jurisdictions）"),
    Column("年度", "year", "int"),
    Column("判断日期", "as_of", "date", "YYYY-MM-DD"),
    Column("公示开始日", "publicity_starts", "date", "公示发布之日"),
    Column("授奖日期", "granted_on", "date", "空：按公示期满次日估计"),
    Column("投票人数", "voters", "int", "红旗区（HQ-17）"),
]
SCORES = [
    ("领导", "leadership"),
    ("战略", "strategy"),
    ("顾客与市场", "customers_and_markets"),
    ("资源", "resources"),
    ("过程管理", "process_management"),
    ("测量分析与改进", "measurement_analysis_improvement"),
    ("结果", "results"),
]
APP_COLUMNS = [
    CODE,
    Column("申报奖项", "tier", note="质量奖 / 提名奖 / 质量管理创新奖"),
    Column("总分", "score", "int", "满分1000；或填下列七项分数"),
    *(Column(f"{zh}得分", f"scores.{key}", "int") for zh, key in SCORES),
    Column("得票数", "votes_for", "int", "红旗区（HQ-17）"),
    Column("组织文件", "organization_file", note="YAML/JSON，相对本工作簿；填此项则不读“组织”表"),
]
ATTESTATIONS = [
    ("符合产业政策与法规", "policy_compliant"),
    ("资质齐全", "licences_complete"),
    ("指标行业领先", "industry_leading"),
    ("已签信用承诺", "credit_commitment_signed"),
    ("质量管理体系健全", "quality_system_sound"),
    ("管理创新", "management_innovation"),
    ("社会贡献", "social_contribution"),
    ("履行社会责任", "social_responsibility"),
    ("卓越绩效成效显著", "excellence_results"),
]
ORG_COLUMNS = [
    CODE,
    Column("名称", "name"),
    Column("区域", "region", note="管辖区 id 或6位行政区划代码"),
    Column("法人资格", "legal_person", "bool", "是/否"),
    Column("成立日期", "established_on", "date"),
    Column("行业", "sector", note="制造业、服务业、医疗、教育、工程、农业、环境保护、其他"),
    Column("非营利", "nonprofit", "bool"),
    Column("组织类型", "entity_type", note="企业、事业单位、社会团体、民办非企业单位、其他"),
    Column("工业企业", "industrial", "bool"),
    Column("卓越绩效模式起始日", "excellence_model_since", "date"),
    Column("首席质量官", "chief_quality_officer", "bool"),
    Column("安全生产标准化等级", "safety_standardization_level", "int", "1、2、3"),
    Column("亩均税收（元）", "tax_per_mu", "int"),
    Column("优先条件", "preferences", "list", "以顿号分隔"),
    *(Column(f"评审办确认：{zh}", f"attestations.{key}", "bool") for zh, key in ATTESTATIONS),
]
FIN_COLUMNS = [
    CODE,
    Column("年度", "year", "int"),
    Column("营业收入（元）", "revenue", "int"),
    Column("利润（元）", "profit", "int", "亏损为负数"),
]
CERT_COLUMNS = [
    CODE,
    Column("标准", "standard", note="如 GB/T 19001"),
    Column("取得日期", "since", "date"),
    Column("有效期至", "valid_until", "date"),
]
SHEETS: dict[str, list[Column]] = {
    APPS_SHEET: APP_COLUMNS,
    ORGS_SHEET: ORG_COLUMNS,
    FIN_SHEET: FIN_COLUMNS,
    CERT_SHEET: CERT_COLUMNS,
}


# --- the template --------------------------------------------------------------------------


def write_template(path: str) -> None:
    """An empty workbook: one sheet per table, headers frozen, a note under each header."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = CYCLE_SHEET
    ws.append(["字段", "值", "说明"])
    for col in CYCLE_FIELDS:
        ws.append([col.header, None, col.note])
    _dress(ws, [12, 24, 48], Font)
    for name, columns in SHEETS.items():
        ws = wb.create_sheet(name)
        ws.append([c.header for c in columns])
        for cell, col in zip(ws[1], columns, strict=True):
            if col.note:
                cell.comment = Comment(col.note, "qaward")
        _dress(ws, [max(10, 2 * len(c.header) + 2) for c in columns], Font)
    wb.save(path)


def _dress(ws, widths: list[int], font: Callable) -> None:
    for cell, width in zip(ws[1], widths, strict=False):
        cell.font = font(bold=True)
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"


# --- reading -------------------------------------------------------------------------------


Where = dict[str, str]  # document path ($.applications[0].score) → 工作表“申报”第2行C列（总分）


def _place(sheet: str, row: int, letter: str = "", header: str = "") -> str:
    col = f"{letter}列（{header}）" if letter else ""
    return f"工作表“{sheet}”第{row}行{col}"


def _value(value: Any, kind: str) -> Any:
    """A cell as the contract's value; what cannot be read is left for structuring to reject."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
    if kind == "date" and isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "int" and isinstance(value, str) and re.fullmatch(r"-?\d+", value.replace(",", "")):
        return int(value.replace(",", ""))
    if kind == "bool" and isinstance(value, str):
        return {"是": True, "否": False, "true": True, "false": False}.get(value.lower(), value)
    if kind == "list" and isinstance(value, str):
        return [p for p in re.split(r"[、,，;；]\s*", value) if p]  # labels accepted later
    return value


def _set(target: dict, dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for p in parents:
        target = target.setdefault(p, {})
    target[last] = value


def _rows(wb, sheet: str, columns: list[Column], path: str) -> list[tuple]:
    """(row number, {key: value}, {key: (letter, header)}) for every non-empty row."""
    if sheet not in wb.sheetnames:
        return []
    ws = wb[sheet]
    header = [("" if c.value is None else str(c.value).strip()) for c in ws[1]]
    by_header = {c.header: c for c in columns}
    unknown = [h for h in header if h and h not in by_header]
    if unknown:
        raise InputError(
            path, [f"{_place(sheet, 1)}: 未知的列 {'、'.join(unknown)}（见 qaward template）"]
        )
    out = []
    for cells in ws.iter_rows(min_row=2):
        record: dict[str, Any] = {}
        spots: dict[str, tuple[str, str]] = {}
        for cell, name in zip(cells, header, strict=False):
            if not name or cell.value is None:
                continue
            col = by_header[name]
            value = _value(cell.value, col.kind)
            if value is not None:
                _set(record, col.key, value)
                spots[col.key] = (cell.column_letter, name)
        if record:
            out.append((cells[0].row, record, spots))
    return out


def cycle_document(path: str) -> tuple[dict[str, Any], Where]:
    """The workbook as a cycle document, and where each of its fields came from."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=False, data_only=True)
    except Exception as exc:  # a damaged or foreign zip: name it, never a traceback
        raise InputError(path, [f"无法作为 Excel 工作簿读取：{exc}"]) from None
    where: Where = {"$": f"工作表“{CYCLE_SHEET}”"}
    doc: dict[str, Any] = {}
    if CYCLE_SHEET not in wb.sheetnames:
        raise InputError(path, [f"缺少工作表“{CYCLE_SHEET}”（见 qaward template）"])
    fields = {c.header: c for c in CYCLE_FIELDS}
    for row in wb[CYCLE_SHEET].iter_rows(min_row=2):
        name = "" if row[0].value is None else str(row[0].value).strip()
        if not name:
            continue
        if name not in fields:
            raise InputError(
                path, [f"{_place(CYCLE_SHEET, row[0].row, 'A', '字段')}: 未知的字段 {name}"]
            )
        value = _value(row[1].value if len(row) > 1 else None, fields[name].kind)
        if value is not None:
            doc[fields[name].key] = value
            where[f"$.{fields[name].key}"] = _place(CYCLE_SHEET, row[0].row, "B", name)

    orgs: dict[str, tuple[int, dict, dict]] = {}
    for row, rec, spots in _rows(wb, ORGS_SHEET, ORG_COLUMNS, path):
        code = rec.get("credit_code")
        if code in orgs:
            first = orgs[code][0]
            raise InputError(
                path, [f"{_place(ORGS_SHEET, row)}: 统一社会信用代码 {code} 与第{first}行重复"]
            )
        orgs[code] = (row, rec, spots)
    extra: dict[str, dict[str, list[tuple[int, dict, dict, str]]]] = {}
    for sheet, key in ((FIN_SHEET, "financials"), (CERT_SHEET, "certifications")):
        for row, rec, spots in _rows(wb, sheet, SHEETS[sheet], path):
            code = rec.pop("credit_code", None)
            if code not in orgs:
                raise InputError(
                    path,
                    [f"{_place(sheet, row)}: 统一社会信用代码 {code} 不在工作表“{ORGS_SHEET}”中"],
                )
            extra.setdefault(code, {}).setdefault(key, []).append((row, rec, spots, sheet))

    apps = []
    for i, (row, rec, spots) in enumerate(_rows(wb, APPS_SHEET, APP_COLUMNS, path)):
        at = f"$.applications[{i}]"
        where[at] = _place(APPS_SHEET, row)
        code = rec.pop("credit_code", None)
        for key, (letter, header) in spots.items():
            if key != "credit_code":
                where[f"{at}.{key}"] = _place(APPS_SHEET, row, letter, header)
        if "organization_file" not in rec:
            if code not in orgs:
                letter, header = spots.get("credit_code", ("A", CODE.header))
                raise InputError(
                    path,
                    [
                        f"{_place(APPS_SHEET, row, letter, header)}: 统一社会信用代码 {code} "
                        f"不在工作表“{ORGS_SHEET}”中，也未填组织文件"
                    ],
                )
            org_row, org, org_spots = orgs[code]
            org = dict(org)
            where[f"{at}.organization"] = _place(ORGS_SHEET, org_row)
            for key, (letter, header) in org_spots.items():
                where[f"{at}.organization.{key}"] = _place(ORGS_SHEET, org_row, letter, header)
            for key, items in extra.get(code, {}).items():
                org[key] = []
                for j, (r, item, item_spots, sheet) in enumerate(items):
                    org[key].append(item)
                    where[f"{at}.organization.{key}[{j}]"] = _place(sheet, r)
                    for k, (letter, header) in item_spots.items():
                        where[f"{at}.organization.{key}[{j}].{k}"] = _place(
                            sheet, r, letter, header
                        )
            rec["organization"] = org
        apps.append(rec)
    doc["applications"] = apps
    return doc, where


_AT_END = re.compile(r"^(.*?) @ (\$\S*)$", re.S)  # cattrs: "message @ $.path"
_AT_START = re.compile(r"^(\$[^\s:]*):\s*(.*)$", re.S)  # ours: "$.path: message"


def locate(problems: list[str], where: Where) -> list[str]:
    """Problems whose field path came from the workbook, named by sheet, row and column."""
    out = []
    for problem in problems:
        if m := _AT_END.match(problem):
            rest, path = m.groups()
        elif m := _AT_START.match(problem):
            path, rest = m.groups()
        else:
            out.append(problem)
            continue
        probe = path
        while probe not in where and probe != "$":
            probe = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", probe)
        place = where.get(probe, where["$"])
        field = path[len(probe) :].lstrip(".")
        out.append(f"{place}{('：' + field) if field else ''}: {rest}（{path}）")
    return out
