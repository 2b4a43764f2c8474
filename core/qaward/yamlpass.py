"""The common YAML document read in one pass over libyaml's events.

PyYAML's own load composes a node per value and then constructs objects from the nodes, and the
limits (:mod:`qaward.limits`) need a pass of their own before libyaml's recursive composer may
see a document: three walks in Python over a million nodes for a 10,000-applicant cycle. Here
one loop over the parser's events builds the dicts and lists directly, counting what the limits
count as it goes.

It reads only what is ordinary: untagged scalars that resolve to a string, integer, float, null
or YAML 1.2 boolean (resolved and constructed by the loader's own resolver and constructors,
once per distinct text), mappings with scalar keys, sequences, anchors and aliases (an alias is
the same object, as PyYAML gives), one document. Anything else raises :class:`Unusual` and the
caller reads the document the full way, which gives the answer or the message: a syntax error,
a limit exceeded (alias bombs, depth, length, items), a tag, a duplicate key, a merge (``<<:``),
a complex key, a second document. So this pass never decides a rejection; it only accepts what
the full way accepts, with equal data (``tests/test_io.py`` compares them), and it stops at the
first limit the full way would report, so hostile input costs no more than before.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events as ev

from qaward.limits import DEFAULT, Limits


class Unusual(Exception):
    """Not a document this pass reads: read it the full way (which names any error)."""


_OPEN = object()  # an anchor whose collection is still being read
_NO_KEY = object()  # a mapping waiting for its next key
_SCALARS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "null", "bool"))
_SCALAR, _ALIAS = ev.ScalarEvent, ev.AliasEvent
_MAP, _SEQ = ev.MappingStartEvent, ev.SequenceStartEvent
_MAP_END, _SEQ_END = ev.MappingEndEvent, ev.SequenceEndEvent
_DOC, _END = ev.DocumentStartEvent, ev.StreamEndEvent


def load(text: str, loader: type, limits: Limits = DEFAULT) -> Any:
    """The document in ``text`` as ``loader`` (a PyYAML loader class) would construct it, or
    :class:`Unusual`."""
    try:
        return _load(text, loader, limits)
    except (yaml.YAMLError, ValueError):  # the full way reports it, with its line
        raise Unusual from None


def _load(text: str, loader_cls: type, limits: Limits) -> Any:  # noqa: C901 (one hot loop)
    reader = loader_cls(text)  # libyaml's parser when PyYAML has it, and the loader's resolver
    next_event = reader.get_event
    plain: dict[str, Any] = {}  # a plain scalar's text -> its value
    anchors: dict[str, Any] = {}
    sizes: dict[str, int] = {}  # anchor -> nodes in its expansion, as limits.check_yaml counts
    stack: list[tuple] = []  # the enclosing collections' state
    cur: Any = None  # the collection being read (None: at the top)
    in_map, key, anchor, start = False, _NO_KEY, None, 0
    root: Any = None
    docs = nodes = aliases = added = 0
    max_string, max_depth, max_items = limits.max_string, limits.max_depth, limits.max_items
    while True:
        e = next_event()
        t = type(e)
        if t is _SCALAR:
            value = e.value
            if e.tag is not None or len(value) > max_string:
                raise Unusual
            if e.implicit[0]:  # plain: resolved like PyYAML (the loader's YAML 1.2 booleans)
                obj = plain.get(value, _OPEN)
                if obj is _OPEN:
                    obj = plain[value] = _construct(reader, value)
            else:  # quoted or block: a string
                obj = value
            nodes += 1
            if e.anchor is not None:
                if e.anchor in anchors:
                    raise Unusual  # a duplicate anchor
                anchors[e.anchor], sizes[e.anchor] = obj, 1
        elif t is _MAP_END or t is _SEQ_END:
            obj = cur
            if len(obj) > max_items:
                raise Unusual
            if anchor is not None:
                anchors[anchor], sizes[anchor] = obj, nodes - start
            cur, in_map, key, anchor, start = stack.pop()
        elif t is _MAP or t is _SEQ:
            if e.tag is not None or len(stack) >= max_depth or (in_map and key is _NO_KEY):
                raise Unusual  # a tag, too deep, or a collection as a key
            if e.anchor is not None:
                if e.anchor in anchors:
                    raise Unusual
                anchors[e.anchor] = _OPEN
            stack.append((cur, in_map, key, anchor, start))
            cur, in_map = ({}, True) if t is _MAP else ([], False)
            key, anchor, start = _NO_KEY, e.anchor, nodes
            nodes += 1
            continue
        elif t is _ALIAS:
            obj = anchors.get(e.anchor, _OPEN)
            if obj is _OPEN:
                raise Unusual  # undefined, or an alias inside its own anchor
            size = sizes[e.anchor]
            aliases += 1
            nodes += size
            added += size
            if aliases > limits.max_aliases or added > limits.max_alias_nodes:
                raise Unusual
            if in_map and key is _NO_KEY and isinstance(obj, dict | list):
                raise Unusual  # a collection as a key
        elif t is _DOC:
            docs += 1
            if docs > 1:
                raise Unusual  # a stream of documents
            continue
        elif t is _END:
            return root
        else:  # stream start, document end
            continue
        # a complete value: where it goes
        if cur is None:
            root = obj
        elif not in_map:
            cur.append(obj)
        elif key is _NO_KEY:
            key = obj
        elif key in cur:
            raise Unusual  # a duplicate key
        else:
            cur[key] = obj
            key = _NO_KEY


def _construct(reader: Any, text: str) -> Any:
    """A plain scalar's value by the loader's resolver and constructors; only the plain kinds."""
    tag = reader.resolve(yaml.ScalarNode, text, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return text
    if tag not in _SCALARS:
        raise Unusual  # a merge key (<<), a value key (=)
    node = yaml.ScalarNode(tag, text, None, None)
    return reader.yaml_constructors[tag](reader, node)
