"""Reading input (YAML or JSON, same shape) into the model, and writing JSON out.

Structuring is strict: unknown fields, wrong types, bad enumerations, dates that are not calendar
dates written ``YYYY-MM-DD``, numbers outside the contract's ranges (:data:`qaward.model.RANGES`),
text with NUL or longer than :data:`qaward.model.MAX_TEXT`, and a credit code whose GB 32100-2015
check character is wrong are all rejected with the file and the field path. Reading comes first:
a regular file of bounded size in UTF-8 or GB18030 (:mod:`qaward.textfile`), within the document
limits (:mod:`qaward.limits`), YAML tags refused. Bad input never reaches the rules, and no
message quotes more than a short prefix of a value.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import json.decoder
import json.scanner
import re
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import cattrs
import yaml
from cattrs.preconf.json import make_converter

from qaward import labels, yamlpass
from qaward.creditcode import CreditCodeError, validate_credit_code
from qaward.errors import QawardError
from qaward.gcpause import gc_paused
from qaward.limits import DEFAULT, LimitError, Limits, check_tree, check_yaml, clip, short
from qaward.model import (
    MAX_TEXT,
    RANGES,
    SANCTION_EVENT_TYPES,
    CreditCode,
    Cycle,
    Event,
    Organization,
    SafetyLevel,
    SanctionEvent,
    check_safety_level,
)
from qaward.textfile import TextFileError, read_text

T = TypeVar("T")


class InputError(QawardError):
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
            raise _Invalid(f"应为{label}，得到 {type(value).__name__} {short(value)}")
        return value

    return hook


def _text(value: Any, type_: type) -> Any:
    if type_ is not str and issubclass(type_, Enum):  # a StrEnum dispatches here by its MRO
        return _enum(value, type_)
    if not isinstance(value, str):
        raise _Invalid(f"应为字符串，得到 {type(value).__name__} {short(value)}")
    if len(value) > MAX_TEXT:
        raise _Invalid(f"文本长 {len(value)} 字符，超过上限 {MAX_TEXT}（开头：{short(value)}）")
    if "\x00" in value:
        raise _Invalid(f"文本含 NUL 字符（\\x00），不能保存：{short(value)}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _Invalid(f"文本含无效的 Unicode 代理字符：{short(value)}") from None
    return value


def _ranged(type_: Any):
    low, high = RANGES[type_]
    strict = _strict(int, "整数")

    def hook(value: Any, _type: type) -> int:
        strict(value, _type)
        if not low <= value <= high:
            if low == 0 and value < 0:
                raise _Invalid(f"不能为负数，得到 {short(value)}")
            raise _Invalid(f"应在 {low} 至 {high} 之间，得到 {short(value)}")
        return value

    return hook


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: Any, _type: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _Invalid(f"应为日期（YYYY-MM-DD），得到日期时间 {short(value)}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        # fromisoformat alone would take 2025-W01-1 and 20250101
        if not _ISO_DATE.fullmatch(value):
            raise _Invalid(f"应为日期（YYYY-MM-DD），得到 {short(value)}")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _Invalid(f"{value} 不是有效的日历日期（应为 YYYY-MM-DD）") from None
    raise _Invalid(f"应为日期（YYYY-MM-DD），得到 {type(value).__name__} {short(value)}")


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
        # a Chinese label naming exactly one value is accepted (制造业 → manufacturing)
        if isinstance(value, str) and (named := labels.alias(type_, value)) is not None:
            return type_(named)
        allowed = " | ".join(m.value for m in type_)
        raise _Invalid(f"取值 {short(value)} 无效，应为 {allowed}") from None


def _make_converter() -> cattrs.Converter:
    c = make_converter(forbid_extra_keys=True, detailed_validation=True)
    c.register_structure_hook(bool, _strict(bool, "true/false"))
    for bounded in RANGES:  # int and the contract's NewTypes of int
        c.register_structure_hook(bounded, _ranged(bounded))
    # direct, not a predicate: cattrs' own str hook (str() of anything) would otherwise win
    c.register_structure_hook(str, _text)
    c.register_structure_hook(dt.date, _date)
    c.register_structure_hook(CreditCode, _credit_code)
    c.register_structure_hook(SafetyLevel, _safety_level)
    # enums that are not str-valued (str-valued ones reach _text by their MRO)
    c.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, Enum), _enum)
    c.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    for union in (Event, SanctionEvent):
        _tagged_union(union, c)
    return c


def _tagged_union(union: Any, c: cattrs.Converter, tag: str = "kind") -> None:
    """cattrs' ``configure_tagged_union(union, c, tag_name="kind")`` (the member named by the
    ``kind`` key; the same hooks, so the same results and errors), except that a member's hooks
    are made when it is first met, not all twenty-odd at every start (~3.5 ms of a ``check``,
    whose organisation names one or two kinds). A test compares both on every kind."""
    kinds = {cl: cl.kind for cl in union.__args__}
    members = {kind: cl for cl, kind in kinds.items()}

    def structure(value: dict, _: Any) -> Any:
        value = value.copy()
        cl = members[value.pop(tag)]
        return c.get_structure_hook(cl)(value, cl)

    def unstructure(value: Any) -> dict:
        kind = kinds[value.__class__]
        out = c.get_unstructure_hook(value.__class__)(value)
        out[tag] = kind
        return out

    c.register_unstructure_hook(union, unstructure)
    c.register_structure_hook(union, structure)


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
        return f"未知字段 {', '.join(sorted(clip(str(k), 40) for k in exc.extra_fields)[:10])}"
    enum = _enum_in(type_)
    if enum is not None and isinstance(exc, ValueError):
        allowed = " | ".join(m.value for m in enum)
        return f"取值无效，应为 {allowed}"
    if type_ in (Event, SanctionEvent):
        kinds = " | ".join(t.kind for t in SANCTION_EVENT_TYPES if t in type_.__args__)
        return f"未知或缺少的事件类型 kind，应为 {kinds}"
    if isinstance(exc, KeyError):
        return f"缺少必填字段 {exc.args[0]}" if exc.args else "缺少必填字段"
    return clip(cattrs.v.format_exception(exc, type_))


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


def refuse_overwriting(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """An output that is one of the inputs would replace it (a cycle file overwritten by its
    report, a population by its results): an :class:`InputError` before anything is written."""
    target = Path(output)
    if not target.is_file():
        return
    for given in map(Path, inputs):
        if given.is_file() and given.resolve() == target.resolve():
            raise InputError(str(output), ["输出文件就是输入文件，写出会覆盖输入：请换一个文件名"])


class DuplicateKeyError(ValueError):
    """A mapping that names the same key twice: the later value would silently win."""

    def __init__(self, key: Any, line: int, first_line: int | None = None):
        self.key, self.line, self.first_line = key, line, first_line
        first = f"（第一次在第{first_line}行）" if first_line else ""
        super().__init__(f"第{line}行：重复的键 {short(key)}{first}")


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

    # --- speed: PyYAML's constructor is generator-based and resolves every scalar through a
    # list of regular expressions; a cycle file of 10,000 applicants has millions of nodes.

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """The same tags, remembered per plain scalar text (keys and values repeat a lot)."""
        if kind is not yaml.ScalarNode or not implicit[0]:
            return super().resolve(kind, value, implicit)
        memo = self.__dict__.setdefault("_tags", {})
        tag = memo.get(value)
        if tag is None:
            tag = memo[value] = super().resolve(kind, value, implicit)
        return tag

    def construct_document(self, node: yaml.Node) -> Any:
        data = self._direct(node)
        self.constructed_objects.clear()  # as PyYAML's construct_document leaves them
        self.recursive_objects.clear()
        return data

    def _direct(self, node: yaml.Node) -> Any:
        """Plain mappings, sequences and strings built in one recursive walk (depth is bounded
        by the limits checked before); anything else (merges, ints, nulls, errors) by PyYAML."""
        done = self.constructed_objects
        if node in done:  # an alias: the same object, as PyYAML gives
            return done[node]
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        if tag == _SEQ and type(node) is yaml.SequenceNode:
            items: list[Any] = []
            done[node] = items
            items.extend(self._direct(child) for child in node.value)
            return items
        if tag != _MAP or type(node) is not yaml.MappingNode or _has_merge(node):
            return self.construct_object(node, deep=True)
        out = done[node] = {}
        for key_node, value_node in node.value:
            key = self._direct(key_node)
            try:
                if key in out:
                    self.construct_mapping(node)  # raises DuplicateKeyError with both lines
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found unhashable key",
                    key_node.start_mark,
                ) from None
            out[key] = self._direct(value_node)
        return out

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than Python converts (4,300)
            raise yaml.constructor.ConstructorError(
                None, None, f"整数 {short(node.value)} 位数过多", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
# Dates stay text until structuring checks them (2025-02-30 is then a field error, not a crash
# inside PyYAML, and only YYYY-MM-DD is a date); booleans are YAML 1.2's below.
_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))


def _has_merge(node: yaml.MappingNode) -> bool:
    return any(k.tag == "tag:yaml.org,2002:merge" for k, _ in node.value)


def unique_pairs(pairs: list[tuple[str, Any]]) -> dict:
    """``json.loads``'s ``object_pairs_hook``: a key given twice is a :class:`DuplicateKeyError`."""
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise DuplicateKeyError(k, 0)
            seen.add(k)
    return d


_COLON = re.compile(r"\s*:")


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
                    if depth == 0 and value == key and _COLON.match(s, j):
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


def _parse(text: str, json_file: bool, limits: Limits) -> Any:
    if not json_file:
        try:
            return yamlpass.load(text, _Loader, limits)  # the ordinary document, in one pass
        except yamlpass.Unusual:
            pass  # anything else the full way, which names the error
        check_yaml(text, _BaseLoader, limits)  # before libyaml composes (and recurses)
        return yaml.load(text, Loader=_Loader)  # a SafeLoader: no arbitrary objects
    try:
        data = json.loads(text, object_pairs_hook=unique_pairs, parse_int=_json_int)
    except DuplicateKeyError as exc:
        line, first = _json_duplicate_line(text, exc.key)
        raise DuplicateKeyError(exc.key, line, first) from None
    check_tree(data, limits)
    return data


def _json_int(digits: str) -> int:
    if len(digits) > 40:  # far beyond int64; int() would refuse past 4,300 digits
        raise ValueError(f"整数 {short(digits)} 位数过多")
    return int(digits)


# ``--encoding`` of the command being run (None: detect UTF-8 or GB18030)
declared_encoding: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "declared_encoding", default=None
)


def read_document(path: str | Path, limits: Limits = DEFAULT, encoding: str | None = None) -> Any:
    """Parse a YAML or JSON file (JSON is YAML, but its errors read better from json) within
    ``limits``; ``encoding`` defaults to the command's ``--encoding``, else detection."""
    p = Path(path)
    try:
        text = read_text(p, limits.max_bytes, encoding or declared_encoding.get())
    except TextFileError as exc:
        raise InputError(str(p), [str(exc)]) from None
    return parse_text(text, str(p), p.suffix.lower() == ".json", limits)


@gc_paused()  # a large document is millions of live objects: no collector passes over them
def parse_text(text: str, where: str, is_json: bool, limits: Limits = DEFAULT) -> Any:
    """A document from text (a file's, or an HTTP body's): :class:`InputError` naming ``where``
    for a syntax error or an exceeded limit, never a traceback."""
    p = where  # noqa: the messages below name the file
    try:
        return _parse(text, is_json, limits)
    except LimitError as exc:
        raise InputError(p, [str(exc)]) from None
    except RecursionError:
        raise InputError(p, [f"嵌套过深（上限 {limits.max_depth} 层），已拒绝"]) from None
    except DuplicateKeyError as exc:
        raise InputError(p, [f"{'JSON' if is_json else 'YAML'} 格式错误：{exc}"]) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            p, [f"JSON 格式错误：第{exc.lineno}行第{exc.colno}列：{exc.msg}"]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"第{mark.line + 1}行第{mark.column + 1}列：" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(p, [f"YAML 格式错误：{at}{clip(problem)}"]) from None
    except ValueError as exc:  # e.g. an integer too long for JSON
        raise InputError(
            p, [f"{'JSON' if is_json else 'YAML'} 内容无效：{clip(str(exc))}"]
        ) from None


def load(path: str | Path, cls: type[T]) -> T:
    data = read_document(path)
    if not isinstance(data, dict):
        raise InputError(str(path), [f"$: 应为映射（键: 值），得到 {type(data).__name__}"])
    return structure(data, cls, str(path))


@gc_paused()
def load_cycle(path: str | Path) -> Cycle:
    """A cycle document; ``organization_file:`` in an application is read relative to the cycle
    file and checked on its own, its errors naming both the application and the file. Only a
    regular file inside the cycle file's directory (:data:`ORG_FILE_LIMITS` in size) is read: a
    cycle file from elsewhere must not make qaward read ``/etc/...``, a device or a FIFO.
    An .xlsx workbook (:mod:`qaward.workbook`) gives the same document; its errors name the
    sheet, row and column."""
    if str(path).lower().endswith(".xlsx"):
        from qaward import workbook

        data, where = workbook.cycle_document(str(path))
        try:
            return structure_cycle(data, str(path), Path(path).parent)
        except InputError as exc:
            raise InputError(exc.where, workbook.locate(exc.problems, where)) from None
    return structure_cycle(read_document(path), str(path), Path(path).parent)


def structure_cycle(data: Any, where: str = "<input>", base: Path | None = None) -> Cycle:
    """A cycle from parsed data. ``organization_file:`` is read inside ``base``; without a
    ``base`` (input over HTTP) naming a file is refused: no server path is read for a caller."""
    if not isinstance(data, dict):
        raise InputError(where, [f"$: 应为映射（键: 值），得到 {type(data).__name__}"])
    apps = data.get("applications")
    if isinstance(apps, list):
        data = dict(
            data,
            applications=[
                _inline_org(a, f"$.applications[{i}]", base, where) for i, a in enumerate(apps)
            ],
        )
    return structure(data, Cycle, where)


def _inline_org(app: Any, at: str, base: Path | None, where: str) -> Any:
    if not isinstance(app, dict) or "organization_file" not in app:
        return app
    if base is None:
        raise InputError(
            where, [f"{at}.organization_file: 此处不接受文件路径，请在 organization 中直接给出组织"]
        )
    name = app["organization_file"]
    if "organization" in app:
        raise InputError(where, [f"{at}: organization 与 organization_file 只能给出其一"])
    if not isinstance(name, str):
        raise InputError(where, [f"{at}.organization_file: 应为文件路径字符串，得到 {short(name)}"])
    org_path = _confined(base, name, f"{at}.organization_file", where)
    try:
        org_data = read_document(org_path, ORG_FILE_LIMITS)
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


ORG_FILE_LIMITS = Limits(max_bytes=1024 * 1024)  # one organisation: a few kilobytes


def _confined(base: Path, name: str, at: str, where: str) -> Path:
    """``name`` inside ``base`` (a relative path without ``..``; symlinks may not lead out)."""
    rel = Path(name)
    if not name or "\x00" in name or rel.is_absolute() or name.startswith("~") or ".." in rel.parts:
        raise InputError(
            where, [f"{at}: 应为届次文件所在目录内的相对路径（不含 ..），得到 {short(name)}"]
        )
    path = base / rel
    try:
        inside = path.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if not inside:
        raise InputError(where, [f"{at}: {short(name)} 经符号链接指向届次文件所在目录之外"])
    return path


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
