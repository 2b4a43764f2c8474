"""Which tests exercise which clause, read from the ``@pytest.mark.clause(...)`` markers.

``python tests/clausemap.py`` rewrites ``core/qaward/clause_tests.json`` (``make clause-map``);
``tests/test_coverage.py`` fails when the file is stale. Read with ``ast``, not by collecting,
so the map never depends on which tests a run selected."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

TESTS = Path(__file__).parent
TARGET = TESTS.parent / "core" / "qaward" / "clause_tests.json"


def _clause_ids(decorator: ast.expr) -> list[str]:
    if (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr == "clause"
    ):
        return [a.value for a in decorator.args if isinstance(a, ast.Constant)]
    return []


def collect() -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = {}
    root = TESTS.parent
    paths = [*TESTS.rglob("test_*.py"), *root.glob("plugins/*/tests/test_*.py")]
    for path in sorted(paths):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(TESTS.parent).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                for dec in node.decorator_list:
                    for cid in _clause_ids(dec):
                        mapping.setdefault(cid, []).append(f"{rel}::{node.name}")
    return {k: sorted(v) for k, v in sorted(mapping.items())}


def render() -> str:
    return json.dumps(collect(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET} ({len(collect())} clauses)", file=sys.stderr)
