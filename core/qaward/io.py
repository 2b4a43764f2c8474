"""Reading input (YAML or JSON, same shape) into the model, and writing JSON out.

Structuring is strict: unknown fields, wrong types, bad enumerations, bad dates and a credit code
whose GB 32100-2015 check character is wrong are all rejected with the file and the field path.
Bad input never reaches the rules.
"""

from __future__ import annotations

import datetime as dt
import json
import json.decoder
import json.scanner
import re
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import cattrs
import yaml
from cattrs.preconf.json import make_converter
from cattrs.strategies import configure_tagged_union

from qaward.creditcode import CreditCodeError, validate_credit_code
from qaward.model import (
    SANCTION_EVENT_TYPES,
    CreditCode,
    Cycle,
    Event,
    Organization,
    SafetyLevel,
    SanctionEvent,
    check_safety_level,
)

T = TypeVar("T")


class InputError(Exception):
    """Bad input: ``where`` is the file, ``problems`` the field paths and what was expected."""

    def __init__(self, where: str, problems: list[str]):
        self.where = where
        self.problems = problems
        super().__init__(f"{where}: " + "; ".join(problems))


class _Invalid(ValueError):
    """A value rejected by one of our hooks; its message is shown as is."""


def _strict(kind: type, label: str):
    def hook(value: Any, _type: type) -> Any:
        # bool is an int in Python, but never a valid count or amount here
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _Invalid(f"应为{label}，得到 {type(value).__name__} {value!r}")
        return value

    return hook


def _date(value: Any, _type: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _Invalid(f"应为日期（YYYY-MM-DD），得到日期时间 {value!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _Invalid(f"应为日期（YYYY-MM-DD），得到 {value!r}") from None
    raise _Invalid(f"应为日期（YYYY-MM-DD），得到 {type(value).__name__} {value!r}")


def _credit_code(value: Any, _type: type) -> str:
    validate_credit_code(value)
    return value


def _safety_level(value: Any, _type: type) -> int:
    try:
        check_safety_level(value)
    except ValueError as exc:
        raise _Invalid(str(exc)) from None
    return value


def _enum(value: Any, type_: type[Enum]) -> Enum:
    try:
        return type_(value)
    except ValueError:
        allowed = " | ".join(m.value for m in type_)
        raise _Invalid(f"取值 {value!r} 无效，应为 {allowed}") from None


def _make_converter() -> cattrs.Converter:
    c = make_converter(forbid_extra_keys=True, detailed_validation=True)
    # exact-type predicates: a singledispatch hook on str would also catch str-valued enums
    c.register_structure_hook(bool, _strict(bool, "true/false"))
    c.register_structure_hook(int, _strict(int, "整数"))
    c.register_structure_hook_func(lambda t: t is str, _strict(str, "字符串"))
    c.register_structure_hook(dt.date, _date)
    c.register_structure_hook(CreditCode, _credit_code)
    c.register_structure_hook(SafetyLevel, _safety_level)
    # str-valued enums would otherwise match the strict str hook above
    c.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, Enum), _enum)
    c.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    for union in (Event, SanctionEvent):
        configure_tagged_union(union, c, tag_name="kind", tag_generator=lambda cl: cl.kind)
    return c


converter = _make_converter()


def _enum_in(type_: Any) -> type[Enum] | None:
    """The enum in ``E`` or ``E | None``."""
    for t in (type_, *getattr(type_, "__args__", ())):
        if isinstance(t, type) and issubclass(t, Enum):
            return t
    return None


def _describe(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, _Invalid | CreditCodeError):
        return str(exc)
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"未知字段 {', '.join(sorted(map(str, exc.extra_fields)))}"
    enum = _enum_in(type_)
    if enum is not None and isinstance(exc, ValueError):
        allowed = " | ".join(m.value for m in enum)
        return f"取值无效，应为 {allowed}"
    if type_ in (Event, SanctionEvent):
        kinds = " | ".join(t.kind for t in SANCTION_EVENT_TYPES if t in type_.__args__)
        return f"未知或缺少的事件类型 kind，应为 {kinds}"
    if isinstance(exc, KeyError):
        return f"缺少必填字段 {exc.args[0]}" if exc.args else "缺少必填字段"
    return cattrs.v.format_exception(exc, type_)


def structure(data: Any, cls: type[T], where: str = "<input>") -> T:
    """Structure ``data`` into ``cls`` or raise :class:`InputError` naming every bad field."""
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        if isinstance(exc, cattrs.BaseValidationError):
            problems = cattrs.transform_error(exc, path="$", format_exception=_describe)
        else:
            problems = [f"$: {_describe(exc, cls)}"]
        raise InputError(where, problems) from None


def unstructure(obj: Any) -> Any:
    return converter.unstructure(obj)


class DuplicateKeyError(ValueError):
    """A mapping that names the same key twice: the later value would silently win."""

    def __init__(self, key: Any, line: int, first_line: int | None = None):
        self.key, self.line, self.first_line = key, line, first_line
        first = f"（第一次在第{first_line}行）" if first_line else ""
        super().__init__(f"第{line}行：重复的键 {key!r}{first}")


# libyaml's parser where PyYAML was built with it (about 10× faster), else the pure one; the
# constructor and resolver stay PyYAML's Python classes, so both read the same documents.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """YAML 1.2 booleans: only true/false. PyYAML's YAML 1.1 would read the key ``on:`` (a
    recommendation's date) as True and ``yes``/``no`` as booleans behind the user's back.
    A key given twice in one mapping is an error, not a silent overwrite."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<:` merges are resolved by PyYAML: explicit keys win there
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                if key in seen:
                    raise DuplicateKeyError(key, line, seen[key])
            except TypeError:
                continue  # an unhashable key: PyYAML reports it below
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise DuplicateKeyError(k, 0)
            seen.add(k)
    return d


def _json_duplicate_line(text: str, key: str) -> tuple[int, int | None]:
    """Where the JSON key ``key`` is given a second time in one object (error path only): the
    pure-Python decoder walks the text again, keeping each object's key positions."""
    found: list[tuple[int, int]] = []

    def parse_object(s_and_end, strict, scan_once, object_hook, pairs_hook, memo=None):
        s, start = s_and_end
        obj, end = json.decoder.JSONObject(s_and_end, strict, scan_once, None, list, memo)
        if not found and sum(k == key for k, _ in obj) > 1:
            # key tokens at this object's top level, in order
            lines, depth, i = [], 0, start
            while i < end:
                ch = s[i]
                if ch == '"':
                    value, j = json.decoder.py_scanstring(s, i + 1, strict)
                    if depth == 0 and value == key and s[j:].lstrip().startswith(":"):
                        lines.append(s.count("\n", 0, i) + 1)
                    i = j
                    continue
                depth += ch in "[{"
                depth -= ch in "]}"
                i += 1
            if len(lines) > 1:
                found.append((lines[1], lines[0]))
        return dict(obj), end

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    decoder.decode(text)
    return found[0] if found else (0, None)


def _parse(text: str, json_file: bool) -> Any:
    if not json_file:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader: no arbitrary objects
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs)
    except DuplicateKeyError as exc:
        line, first = _json_duplicate_line(text, exc.key)
        raise DuplicateKeyError(exc.key, line, first) from None


def read_document(path: str | Path) -> Any:
    """Parse a YAML or JSON file (JSON is YAML, but its errors read better from json)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(p), [f"无法读取文件：{exc.strerror}"]) from None
    is_json = p.suffix.lower() == ".json"
    try:
        return _parse(text, is_json)
    except DuplicateKeyError as exc:
        raise InputError(str(p), [f"{'JSON' if is_json else 'YAML'} 格式错误：{exc}"]) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            str(p), [f"JSON 格式错误：第{exc.lineno}行第{exc.colno}列：{exc.msg}"]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"第{mark.line + 1}行第{mark.column + 1}列：" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(str(p), [f"YAML 格式错误：{at}{problem}"]) from None


def load(path: str | Path, cls: type[T]) -> T:
    data = read_document(path)
    if not isinstance(data, dict):
        raise InputError(str(path), [f"$: 应为映射（键: 值），得到 {type(data).__name__}"])
    return structure(data, cls, str(path))


def load_cycle(path: str | Path) -> Cycle:
    """A cycle document; ``organization_file:`` in an application is read relative to the cycle
    file and checked on its own, its errors naming both the application and the file."""
    data = read_document(path)
    if not isinstance(data, dict):
        raise InputError(str(path), [f"$: 应为映射（键: 值），得到 {type(data).__name__}"])
    apps = data.get("applications")
    if isinstance(apps, list):
        base = Path(path).parent
        data = dict(
            data,
            applications=[
                _inline_org(a, f"$.applications[{i}]", base, str(path)) for i, a in enumerate(apps)
            ],
        )
    return structure(data, Cycle, str(path))


def _inline_org(app: Any, at: str, base: Path, where: str) -> Any:
    if not isinstance(app, dict) or "organization_file" not in app:
        return app
    name = app["organization_file"]
    if "organization" in app:
        raise InputError(where, [f"{at}: organization 与 organization_file 只能给出其一"])
    if not isinstance(name, str):
        raise InputError(where, [f"{at}.organization_file: 应为文件路径字符串，得到 {name!r}"])
    org_path = base / name
    try:
        org_data = read_document(org_path)
        if not isinstance(org_data, dict):
            raise InputError(
                str(org_path), [f"$: 应为映射（键: 值），得到 {type(org_data).__name__}"]
            )
        structure(org_data, Organization, str(org_path))
    except InputError as exc:
        raise InputError(
            where, [f"{at}.organization_file（{exc.where}）: {p}" for p in exc.problems]
        ) from None
    rest = {k: v for k, v in app.items() if k != "organization_file"}
    return {"organization": org_data, **rest}


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default)


def _default(o: Any) -> Any:
    if isinstance(o, dt.date):
        return o.isoformat()
    if isinstance(o, Enum):
        return o.value
    if isinstance(o, set | frozenset):
        return sorted(o)
    return unstructure(o)
