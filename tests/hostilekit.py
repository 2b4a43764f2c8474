"""Bad documents made from the bundled examples, for the property-based tests and for
``benchmarks/bench_hostile.py``. Every mutation makes the document wrong whatever the field it
hits (a list where a scalar belongs, a negative count, an impossible date, an unknown key, an
alias bomb ...), so any exit other than 2 is a finding: a traceback, a hang, or a document
accepted although wrong.

A mutation is ``(name, path, value)`` applied to the parsed example, or a raw one applied to its
bytes; :func:`render` writes the result as YAML or JSON.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import yaml
from qaward.io import read_document
from qaward.registry.records import EVALUATION_KEYS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# input kind -> (example document, the command reading it; {file} is replaced)
KINDS: dict[str, tuple[str, list[str]]] = {
    "organization": ("org_kfq_electronics.yaml", ["check", "{file}", "--as-of", "2026-09-01"]),
    "cycle": ("cycle_hongqi.yaml", ["evaluate", "{file}"]),
    "committee_decisions": ("cycle_hongqi.yaml", ["evaluate", "{file}"]),  # in the cycle file
    "sanction_case": ("sanction_case_kfq_accident.yaml", ["sanction", "{file}", "--record"]),
    "registry_import": ("registry_history.yaml", ["registry", "import", "{file}"]),
    "registry_record": (
        "evaluation.json",  # made by evaluate_json() from cycle_ganzhou_city.yaml
        ["registry", "record", "{file}", "--granted-on", "2026-10-20"],
    ),
}

# fields the contract bounds below (a count, a year, money where the text has none)
NON_NEGATIVE = {
    "deaths",
    "year",
    "revenue",
    "tax_per_mu",
    "votes_for",
    "voters",
    "years",
    "score",
    "yuan",
    "leadership",
    "strategy",
    "customers_and_markets",
    "resources",
    "process_management",
    "measurement_analysis_improvement",
    "results",
}
# keys whose absence is an error wherever they appear in these documents
REQUIRED = {"credit_code", "kind", "date", "award", "decided_on"}


def base_document(kind: str, evaluation: Path | None = None) -> Any:
    name = KINDS[kind][0]
    return read_document(evaluation if name == "evaluation.json" else EXAMPLES / name)


def scope(kind: str, doc: Any) -> Any:
    """The part of a document the command structures (the registry records only some of an
    evaluation's keys: a mutation elsewhere is rightly ignored)."""
    if kind == "registry_record":
        return {k: v for k, v in doc.items() if k in EVALUATION_KEYS and k != "as_of"}
    if kind == "committee_decisions":
        return {"committee_decisions": doc["committee_decisions"]}
    return doc


def paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a mapping, list or leaf, in document order."""
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += paths(v, (*prefix, i))
    return out


def get(doc: Any, path: tuple) -> Any:
    for k in path:
        doc = doc[k]
    return doc


def wrong_values(path: tuple, value: Any) -> list[tuple[str, Any]]:
    """(name, replacement) pairs that are wrong for the field at ``path`` holding ``value``."""
    key = path[-1] if path else None
    shapes = [("list for scalar", [1]), ("mapping for scalar", {"zz": 1})]
    if isinstance(value, bool):
        return shapes + [("yes for bool", "yes"), ("1 for bool", 1), ("string true", "true")]
    if isinstance(value, int):
        out = shapes + [
            ("numeric string", "12"),
            ("float", 1.5),
            ("NaN", math.nan),
            ("Infinity", math.inf),
            ("bool for int", True),
            ("beyond int64", 2**63),
            ("huge", 10**30),
        ]
        if key in NON_NEGATIVE:
            out.append(("negative", -1))
        return out
    if isinstance(value, str) and _is_date(value):
        return shapes + [
            ("impossible date", "2025-02-30"),
            ("ISO week date", "2025-W01-1"),
            ("basic-format date", "20250101"),
            ("month 13", "2025-13-01"),
            ("datetime", "2025-06-01T10:00:00"),
            ("date as int", 20250101),
        ]
    if isinstance(value, str):
        return shapes + [
            ("number for string", 123),
            ("float for string", 1.5),
            ("NUL in string", value[:5] + "\x00" + value[5:]),
            ("string too long", "长" * 600),
        ]
    if isinstance(value, dict):
        out = [("unknown key", {**value, "zz_unknown": 1}), ("list for mapping", [value])]
        for k in value:
            if k in REQUIRED:
                out.append((f"missing {k}", {x: v for x, v in value.items() if x != k}))
        return out
    if isinstance(value, list):
        return [("mapping for list", {"zz": value}), ("bad element", [*value, {"zz_unknown": 1}])]
    return shapes  # null


def _is_date(s: str) -> bool:
    return len(s) == 10 and s[4] == "-" and s[7] == "-" and s[:4].isdigit()


def put(doc: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[path[0]] = put(doc[path[0]], path[1:], value)
    return copy


def render(doc: Any, as_json: bool) -> bytes:
    if as_json:
        return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")


# --- raw mutations: text the tree cannot express -------------------------------------------------

NEST = 10_000


def raw_mutations(doc: Any, as_json: bool, long: int = 200_000) -> list[tuple[str, bytes]]:
    """(name, bytes) documents wrong as a whole: syntax-level attacks and encodings."""
    text = render(doc, as_json).decode()
    first = next(iter(doc))
    if as_json:
        dup = text.rstrip()[:-1] + f', "{first}": {json.dumps(doc[first], ensure_ascii=False)}}}'
        deep = text.rstrip()[:-1] + ', "zz": ' + "[" * NEST + "]" * NEST + "}"
        long_text = text.rstrip()[:-1] + f', "{first}": "' + "a" * long + '"}'
        extra = [("lone surrogate", text.replace('"', '"\\ud800', 1).encode())]
    else:
        dup = text + f"{first}: {json.dumps(doc[first], ensure_ascii=False)}\n"
        deep = text + "zz: " + "[" * NEST + "]" * NEST + "\n"
        long_text = f"{text}{first}: " + "a" * long + "\n"
        laughs = 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
            f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 9)
        )
        extra = [
            ("alias bomb", (laughs + text).encode()),
            ("tag !!binary", (text + "zz: !!binary aGVsbG8=\n").encode()),
            ("tag !!python", (text + "zz: !!python/object/apply:os.system [ls]\n").encode()),
            ("tag !!set", (text + "zz: !!set {a, b}\n").encode()),
            ("tag on a key", text.replace(f"{first}:", f"!!str {first}:", 1).encode()),
            (
                "nested block",
                (text + "zz:\n" + "".join(" " * i + "-\n" for i in range(200))).encode(),
            ),
        ]
    return [
        ("duplicate key", dup.encode()),
        ("deep nesting", deep.encode()),
        ("long string", long_text.encode()),
        ("not UTF-8 nor GB18030", text.encode()[:40] + b"\xff\xfe" + text.encode()[40:]),
        ("binary garbage", random.Random(len(text)).randbytes(4096)),
        ("Excel workbook", b"PK\x03\x04" + random.Random(1).randbytes(2048)),
        ("legacy Excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048)),
        ("NUL bytes", text.encode()[:20] + b"\x00" + text.encode()[20:]),
        *extra,
    ]
