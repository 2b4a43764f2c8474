"""Where the start of ``qaward check FILE --format json`` goes, stage by stage, in one process.

    .venv/bin/python benchmarks/start_parts.py [RUNS]

Each run is a fresh interpreter doing what ``qaward check`` does, in the same order, with a
clock between the stages: the libraries (click, attrs, cattrs, PyYAML, with qaward's code
cache installed first, as the command does), qaward's modules (the command's module and what it
imports: the model, the rules, the terms, the converter …, imported paused and frozen as the
command does), the plugins (discovery, import, registration, the catalogue), reading the file,
answering (structuring included) and writing the JSON. Medians of RUNS runs (default 15) after
one warm-up run that writes the caches, as after a user's first command. Interpreter start-up
itself is not in these figures: ``bench_speed.py`` measures whole processes.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "org_kfq_electronics.yaml"

RUN = """
import time, sys, json
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
from qaward import codecache
codecache.install()
import click, attrs, cattrs, yaml
mark("libraries: click, attrs, cattrs, PyYAML")
from qaward.faces.cli import startup
startup.own_process = True
startup.load("qaward.faces.cli.check")
mark("qaward's modules (the command's and what it imports)")
import datetime as dt
from qaward import io, ops
from qaward.catalog import default_catalog
default_catalog()
mark("plugins: found, imported, registered, collected")
document = io.read_document(sys.argv[1])
mark("reading the file")
answer = ops.check(document, dt.date(2026, 9, 1), [], registry=None, where=sys.argv[1])
mark("answering (structuring included)")
io.dumps(answer)
mark("writing the JSON")
classes = sum(
    1 for name, m in list(sys.modules.items()) if name.startswith("qaward")
    for v in vars(m).values()
    if isinstance(v, type) and v.__module__ == name and attrs.has(v)
)
print(json.dumps({"stages": [(n, (t - p) * 1000) for (_, p), (n, t) in zip(marks, marks[1:])],
                  "classes": classes}))
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "QAWARD_NO_CACHE")
    }
    with tempfile.TemporaryDirectory(prefix="qaward-parts-") as tmp:
        env["QAWARD_CACHE_DIR"] = str(Path(tmp) / "cache")
        env["XDG_DATA_HOME"] = str(Path(tmp) / "no-registry")
        args = [sys.executable, "-c", RUN, str(EXAMPLE)]
        got = [
            json.loads(
                subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout
            )
            for _ in range(runs + 1)
        ][1:]
    names = [n for n, _ in got[0]["stages"]]
    medians = {n: statistics.median(r["stages"][i][1] for r in got) for i, n in enumerate(names)}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{runs} runs, load average {load:.1f} at the end; {got[0]['classes']} attrs classes of qaward"
    )
    print("| stage | ms (median) |\n|---|---|")
    for n, ms in medians.items():
        print(f"| {n} | {ms:.1f} |")
    qaward = sum(ms for n, ms in medians.items() if not n.startswith("libraries"))
    print(f"| **qaward's part (all but the libraries)** | **{qaward:.1f}** |")


if __name__ == "__main__":
    main()
