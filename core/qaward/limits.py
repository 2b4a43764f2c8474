"""Limits on an input document, checked before it is built into Python objects.

A document is hostile until shown otherwise: nesting deep enough to overflow libyaml's recursive
composer (a crash, not an exception), aliases that expand to billions of nodes ("billion
laughs"), ten-million-character strings. YAML is checked on libyaml's event stream, which is flat
and cheap (about a third of a full load), JSON on the decoded tree; each exceeded limit names the
field path and the limit. The ordinary YAML document is counted in the pass that builds it
(:mod:`qaward.yamlpass`), which leaves any exceeded limit to :func:`check_yaml` to name.
Messages quote at most a short prefix of any value (:func:`short`).
"""

from __future__ import annotations

from typing import Any

import yaml
from attrs import frozen
from yaml import events as ev


@frozen
class Limits:
    max_bytes: int = 64 * 1024 * 1024  # a file; a 100,000-record registry import is ~15 MB
    max_depth: int = 64  # nesting of mappings and lists (the contract needs 7)
    max_string: int = 100_000  # characters in one scalar (structured fields: model.MAX_TEXT)
    max_items: int = 1_000_000  # entries in one list or mapping
    max_aliases: int = 1_000  # YAML aliases (*name) in one document
    max_alias_nodes: int = 100_000  # nodes added by expanding those aliases


DEFAULT = Limits()


class LimitError(ValueError):
    """An input exceeds a limit: ``path`` is the field path, the message says which limit."""

    def __init__(self, path: str, message: str):
        path = clip(path, 80)  # a path 64 levels deep says no more than its first levels
        self.path = path
        super().__init__(f"{path}: {message}")


def short(value: Any, width: int = 40) -> str:
    """``repr`` of a value cut to ``width`` characters: enough to recognise, never the whole."""
    text = repr(value[: width + 1] if isinstance(value, str | bytes) else value)
    if len(text) > width or (isinstance(value, str | bytes) and len(value) > width):
        return f"{text[:width]}…（共 {len(value) if hasattr(value, '__len__') else len(text)}）"
    return text


def clip(message: str, width: int = 200) -> str:
    """A message (e.g. a library's) cut to ``width`` characters."""
    return message if len(message) <= width else f"{message[:width]}…"


def _segment(key: Any) -> str:
    if isinstance(key, int):
        return f"[{key}]"
    k = str(key)
    return f".{k}" if k.isidentifier() and len(k) <= 40 else f"[{short(k)}]"


# --- YAML: the event stream --------------------------------------------------------------------


class _Frame:
    __slots__ = ("mapping", "count", "key", "anchor", "start")

    def __init__(self, mapping: bool, anchor: str | None, start: int):
        self.mapping, self.anchor, self.start = mapping, anchor, start
        self.count = 0  # children seen (a mapping's keys and values both count)
        self.key: Any = None  # the key of the value being read


def _yaml_path(stack: list[_Frame]) -> str:
    parts = ["$"]
    for f in stack:
        if not f.mapping:
            parts.append(f"[{f.count - 1}]")
        elif f.count % 2 == 0:  # inside a value: its key names it
            parts.append(_segment(f.key))
    return "".join(parts)


def check_yaml(text: str, loader: type, limits: Limits = DEFAULT) -> None:
    """Raise :class:`LimitError` for the first limit ``text`` exceeds; parse errors are left to
    the full load, which reports them with their line."""
    stack: list[_Frame] = []
    sizes: dict[str, int] = {}  # anchor -> nodes in its expansion
    nodes = aliases = added = 0
    for e in yaml.parse(text, Loader=loader):
        t = type(e)
        if t is ev.MappingEndEvent or t is ev.SequenceEndEvent:
            f = stack.pop()
            if f.anchor is not None:
                sizes[f.anchor] = nodes - f.start
            continue
        if t not in _NODES:
            continue
        if stack:
            parent = stack[-1]
            parent.count += 1
            n = parent.count // 2 if parent.mapping else parent.count
            if n > limits.max_items:
                raise LimitError(
                    _yaml_path(stack[:-1]), f"超过 {limits.max_items} 项（上限），已拒绝"
                )
            if parent.mapping and parent.count % 2 == 1:
                parent.key = e.value if t is ev.ScalarEvent else "?"
        if t is ev.AliasEvent:
            aliases += 1
            size = sizes.get(e.anchor, 1)
            nodes += size
            added += size
            if aliases > limits.max_aliases or added > limits.max_alias_nodes:
                raise LimitError(
                    _yaml_path(stack),
                    f"YAML 别名（*{clip(e.anchor, 40)}）过多：展开超过 {limits.max_alias_nodes} 个"
                    f"节点或 {limits.max_aliases} 个别名（上限），已拒绝",
                )
            continue
        if e.tag is not None:
            tag = clip(e.tag.replace("tag:yaml.org,2002:", "!!"), 40)
            raise LimitError(_yaml_path(stack), f"不接受 YAML 标签 {tag}：请直接写出取值")
        if t is ev.ScalarEvent:
            nodes += 1
            if len(e.value) > limits.max_string:
                raise LimitError(
                    _yaml_path(stack),
                    f"字符串长 {len(e.value)} 字符，超过上限 {limits.max_string}"
                    f"（开头：{short(e.value)}）",
                )
            if e.anchor is not None:
                sizes[e.anchor] = 1
            continue
        if len(stack) >= limits.max_depth:
            raise LimitError(_yaml_path(stack), f"嵌套超过 {limits.max_depth} 层（上限），已拒绝")
        stack.append(_Frame(t is ev.MappingStartEvent, e.anchor, nodes))
        nodes += 1


_NODES = frozenset({ev.ScalarEvent, ev.AliasEvent, ev.MappingStartEvent, ev.SequenceStartEvent})


# --- JSON: the decoded tree ---------------------------------------------------------------------


def check_tree(data: Any, limits: Limits = DEFAULT) -> None:
    """The same limits on an already decoded tree (JSON, or a document built in Python)."""
    todo: list[tuple[Any, tuple, int]] = [(data, (), 0)]
    while todo:
        value, path, depth = todo.pop()
        if isinstance(value, str):
            if len(value) > limits.max_string:
                raise LimitError(
                    _tree_path(path),
                    f"字符串长 {len(value)} 字符，超过上限 {limits.max_string}"
                    f"（开头：{short(value)}）",
                )
            continue
        if not isinstance(value, dict | list):
            continue
        if depth >= limits.max_depth:
            raise LimitError(_tree_path(path), f"嵌套超过 {limits.max_depth} 层（上限），已拒绝")
        if len(value) > limits.max_items:
            raise LimitError(_tree_path(path), f"超过 {limits.max_items} 项（上限），已拒绝")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for k, v in items:
            if isinstance(k, str) and len(k) > limits.max_string:
                raise LimitError(_tree_path(path), f"键过长（开头：{short(k)}）")
            todo.append((v, (path, k), depth + 1))


def _tree_path(path: tuple) -> str:
    keys = []
    while path:
        path, k = path
        keys.append(k)
    return "$" + "".join(_segment(k) for k in reversed(keys))
