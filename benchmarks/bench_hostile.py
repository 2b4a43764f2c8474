"""The generated-input table of issue 14, re-measured: mutations of the bundled examples (wrong
types, missing and unknown fields, impossible dates, huge and negative numbers, NaN, NUL and
surrogates, binary garbage, non-UTF-8, deep nesting, YAML tags, alias bombs, ten-million-character
strings), each run as ``qaward`` in a process of its own with a 5 s limit, on a registry holding
the examples. Every document is wrong, so the only right answer is exit 2.

    python benchmarks/bench_hostile.py [ORG_DOCS] [OTHER_DOCS] [KIND ...]   # default 1200, 300, all

Columns: documents, tracebacks, killed at 5 s (a run over 5 s is retried once with 60 s, since
the machine is shared: only a second timeout counts as a hang), accepted although wrong (exit 0),
other exits, registry changed, runs retried, and the slowest run and largest stderr seen.
"""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostilekit import (  # noqa: E402
    KINDS,
    base_document,
    get,
    paths,
    put,
    raw_mutations,
    render,
    scope,
    wrong_values,
)

QAWARD = [sys.executable, "-c", "from qaward.faces.cli import main; main()"]
LIMIT = 5.0


def qaward(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*QAWARD, *args], capture_output=True, text=True, timeout=60)


def documents(
    kind: str, n: int, evaluation: Path, rng: random.Random
) -> list[tuple[str, bytes, str]]:
    """(mutation name, content, suffix): the raw attacks in YAML and JSON, then random field
    mutations up to ``n``."""
    doc = base_document(kind, evaluation)
    forms = [True] if kind == "registry_record" else [False, True]
    out = []
    for as_json in forms:
        for name, content in raw_mutations(doc, as_json, long=10_000_000):
            out.append((name, content, ".json" if as_json else ".yaml"))
    targets = paths(scope(kind, doc))[1:]
    while len(out) < n:
        path = rng.choice(targets)
        name, value = rng.choice(wrong_values(path, get(doc, path)))
        as_json = rng.choice(forms)
        out.append((name, render(put(doc, path, value), as_json), ".json" if as_json else ".yaml"))
    return out


def state(db: Path) -> str:
    """The registry's bytes: the database file and its write-ahead log, if any."""
    wal = db.with_name(db.name + "-wal")
    return hashlib.sha256(db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


def measure(kind: str, docs, work: Path, db: Path) -> dict:
    row = {"documents": len(docs), "tracebacks": 0, "killed": 0, "accepted": 0, "other": 0}
    row |= {"registry changed": 0, "retried": 0, "slowest": 0.0, "stderr": 0, "examples": []}
    before = state(db)

    def one(i_doc):
        i, (name, content, suffix) = i_doc
        path = work / f"{kind}_{i}{suffix}"
        path.write_bytes(content)
        args = [a.replace("{file}", str(path)) for a in KINDS[kind][1]]
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [*QAWARD, *args, "--registry", str(db)],
                capture_output=True,
                timeout=LIMIT,
            )
        except subprocess.TimeoutExpired:
            # the machine is shared: a run slow under load is retried once with 60 s before it
            # counts as a hang
            try:
                done = subprocess.run(
                    [*QAWARD, *args, "--registry", str(db)], capture_output=True, timeout=60
                )
                name = f"retried: {name}"
            except subprocess.TimeoutExpired:
                return name, "killed", LIMIT, 0
        finally:
            path.unlink()
        took = time.perf_counter() - start
        err = done.stderr.decode("utf-8", "replace")
        if "Traceback" in err or done.returncode not in (0, 1, 2):
            verdict = "tracebacks"
        elif done.returncode == 0:
            verdict = "accepted"
        elif done.returncode == 1:
            verdict = "other"
        else:
            verdict = "ok"
        return name, verdict, took, len(done.stderr)

    with ThreadPoolExecutor(2) as pool:
        for name, verdict, took, err in pool.map(one, enumerate(docs)):
            row["retried"] += name.startswith("retried: ")
            if verdict != "ok":
                row[verdict] += 1
                if len(row["examples"]) < 5:
                    row["examples"].append(f"{verdict}: {name}")
            row["slowest"] = max(row["slowest"], took)
            row["stderr"] = max(row["stderr"], err)
    if state(db) != before:
        row["registry changed"] = 1
    return row


def main() -> None:
    n_org = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
    n_other = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = work / "registry.db"
        qaward("registry", "init", "--registry", str(db))
        qaward(
            "registry",
            "import",
            str(ROOT / "examples/registry_history.yaml"),
            "--registry",
            str(db),
        )
        evaluation = work / "evaluation.json"
        ev = qaward("evaluate", str(ROOT / "examples/cycle_ganzhou_city.yaml"), "--format", "json")
        evaluation.write_text(ev.stdout, encoding="utf-8")
        print(
            "| input kind | documents | tracebacks | killed at 5 s | accepted although wrong "
            "| other exit | registry changed | retried at 60 s | slowest | largest stderr |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for kind in sys.argv[3:] or KINDS:
            docs = documents(kind, n_org if kind == "organization" else n_other, evaluation, rng)
            row = measure(kind, docs, work, db)
            print(
                f"| {kind} | {row['documents']} | {row['tracebacks']} | {row['killed']} | "
                f"{row['accepted']} | {row['other']} | {row['registry changed']} | {row['retried']} | "
                f"{row['slowest']:.2f} s | {row['stderr']} B |",
                flush=True,
            )
            for example in row["examples"]:
                print(f"    {example}", file=sys.stderr)


if __name__ == "__main__":
    main()
