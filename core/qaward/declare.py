"""``@declaration``: an attrs frozen class whose fields are checked against their annotations.

Plugins build declarations (rules, terms, event tests) once, when their module is imported, so a
wrong type fails there, at the line that wrote it, with the class and the field named:
``Jurisdiction.level：应为 Level，得到 str 'county'``. Annotations are resolved lazily (on the
first instance), because the modules use ``from __future__ import annotations``; a name only
imported for type checking is not checked. Evaluation objects (``Context``, ``Outcome``) stay plain
attrs classes: they are built per organisation and need no check.
"""

from __future__ import annotations

import collections.abc
import sys
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

import attrs

from qaward.errors import DeclarationError

C = TypeVar("C", bound=type)
T = TypeVar("T")

_UNCHECKED = object()  # an annotation that cannot be resolved at run time


def evolve(obj: T, **changes: Any) -> T:
    """``attrs.evolve`` typed for declarations (mypy's attrs plugin does not know this decorator)."""
    return attrs.evolve(typing.cast(Any, obj), **changes)


@typing.dataclass_transform(frozen_default=True, field_specifiers=(attrs.field,))
def declaration(cls: C) -> C:
    """``attrs.frozen`` plus a type check of every field against its annotation."""
    return attrs.frozen(cls, field_transformer=_add_type_checks)


def _add_type_checks(cls: type, fields: list[attrs.Attribute]) -> list[attrs.Attribute]:
    out = []
    for f in fields:
        check = _TypeCheck(cls, f.name)
        validator = attrs.validators.and_(check, f.validator) if f.validator else check
        out.append(f.evolve(validator=validator))
    return out


class _TypeCheck:
    def __init__(self, cls: type, name: str):
        self.cls, self.name = cls, name
        self.hint: Any = None

    def __call__(self, instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        if self.hint is None:
            self.hint = _resolve(self.cls, self.name)
        if self.hint is _UNCHECKED:
            return
        problem = mismatch(value, self.hint)
        if problem is not None:
            path, expected, bad = problem
            raise DeclarationError(
                f"{type(instance).__name__}.{self.name}{path}：应为 {expected}，"
                f"得到 {type(bad).__name__} {repr(bad)[:80]}"
            )


def _resolve(cls: type, name: str) -> Any:
    module = sys.modules.get(cls.__module__)
    namespace = dict(vars(module)) if module else {}
    for klass in reversed(cls.__mro__):
        raw = klass.__dict__.get("__annotations__", {}).get(name)
        if raw is None:
            continue
        if not isinstance(raw, str):
            return raw
        try:
            return eval(raw, namespace)  # an annotation written by us, in our own module
        except NameError:
            return _UNCHECKED  # imported under TYPE_CHECKING only
    return _UNCHECKED


def _name(hint: Any) -> str:
    if hint is type(None):
        return "None"
    if isinstance(hint, type) and not typing.get_args(hint):
        return hint.__name__
    return str(hint).replace("typing.", "").replace("collections.abc.", "").replace("qaward.", "")


Mismatch = tuple[str, str, Any]  # path inside the value, what was expected, the value there


def mismatch(value: Any, hint: Any) -> Mismatch | None:
    """None when ``value`` fits ``hint``, else where and how it does not."""
    if type(value) is hint or hint is Any or hint is _UNCHECKED:  # the first: most fields
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if any(mismatch(value, a) is None for a in args):
            return None
        return "", " | ".join(_name(a) for a in args), value
    if hint is None or hint is type(None):
        return None if value is None else ("", "None", value)
    if origin is collections.abc.Callable or hint is Callable:
        return None if callable(value) else ("", "可调用对象（函数）", value)
    if origin in (tuple, frozenset, dict):
        if not isinstance(value, origin):
            return "", _name(hint), value
        if origin is dict:
            for k, v in value.items():
                for part, h in ((k, args[0]), (v, args[1])):
                    inner = mismatch(part, h)
                    if inner:
                        return f"[{k!r}]{inner[0]}", inner[1], inner[2]
            return None
        item = args[0] if args else Any
        if origin is tuple and args and args[-1] is not Ellipsis:
            return None  # fixed-length tuples are not used in declarations
        for i, element in enumerate(value):
            inner = mismatch(element, item)
            if inner:
                return f"[{i}]{inner[0]}", inner[1], inner[2]
        return None
    if isinstance(hint, type):
        if hint is int and isinstance(value, bool):
            return "", "int", value
        if hint is float and isinstance(value, int) and not isinstance(value, bool):
            return None
        if isinstance(value, hint):
            return None
        if issubclass(hint, Enum):
            allowed = "、".join(f"{hint.__name__}.{m.name}" for m in hint)
            return "", f"{hint.__name__}（{allowed}）", value
        return "", _name(hint), value
    return None  # a typing construct declarations do not use: not checked
