"""The speed of one answer, every row of the table in one run, with ratios against references
measured in the same run (the machine is shared and noisy: ratios travel, absolute times do not).

    .venv/bin/python benchmarks/bench_speed.py              # the rows for the code here
    .venv/bin/python benchmarks/bench_speed.py --before REF # and for git REF, side by side
    .venv/bin/python benchmarks/bench_speed.py --quick      # smaller cycles, fewer repeats

Rows: one organisation (``examples/org_kfq_electronics.yaml``) against the five jurisdictions in
process; the same rules as one plain function per jurisdiction (the floor, ``floor.py``);
``qaward check FILE`` and ``qaward --help`` as processes against ``python -c "import click"``,
and the libraries' floor, ``python -c "import click, attrs, cattrs, yaml"`` (what any start of
``check`` pays before a line of qaward runs: the rest is qaward's own);
``qaward evaluate`` of a 10,000-applicant cycle read from YAML and from JSON (runs in turn, and
reading the file alone in process, which is the parser's part); evaluation time per
applicant from 1,000 to 20,000 applicants; OpenFisca-Core computing one entity, when installed
(``pip install 'qaward[bench]'``; skipped with a notice otherwise).

In-process rows run in a fresh interpreter per tree (``--worker``), so ``--before`` measures the
old code (extracted with ``git archive``) under the same conditions. No registry is read.
Processes run with their bytecode cached (``PYTHONPYCACHEPREFIX`` in the run's temporary folder,
one warm-up run first), as an installed package does, and with qaward's start-up cache
(``QAWARD_CACHE_DIR``, same folder, one per tree) written by that warm-up run, as after a user's first
command.
``check`` is measured drawing its table (the default) and with ``--format json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# the tree measured (its own examples and cycle generator: the contract changes over time)
TREE = Path(os.environ.get("QAWARD_BENCH_TREE", ROOT))
EXAMPLE = TREE / "examples" / "org_kfq_electronics.yaml"
AS_OF = dt.date(2026, 9, 1)
CLI = "from qaward.faces.cli import main; main()"


# --- in-process rows (run by --worker in the tree's interpreter) -----------------------------


def _per_call(fn, batches: int = 7, min_batch_s: float = 0.2) -> list[float]:
    """Seconds per call of ``fn``, one figure per batch (batch size grown to ``min_batch_s``)."""
    n = 1
    while True:
        t = time.perf_counter()
        for _ in range(n):
            fn()
        if (elapsed := time.perf_counter() - t) >= min_batch_s / 4:
            break
        n *= 2
    n = max(1, int(n * min_batch_s / 4 / elapsed * 4))
    out = []
    for _ in range(batches):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        out.append((time.perf_counter() - t) / n)
    return out


def _spread(samples: list[float], scale: float = 1e6) -> dict:
    return {
        "median": statistics.median(samples) * scale,
        "min": min(samples) * scale,
        "max": max(samples) * scale,
    }


def worker_check(quick: bool) -> dict:
    from qaward.catalog import default_catalog
    from qaward.engine import evaluate_all
    from qaward.io import load
    from qaward.model import Organization

    org = load(EXAMPLE, Organization)
    catalog = default_catalog()
    evaluate_all(org, AS_OF, catalog=catalog)
    k = len(catalog.jurisdictions)
    return {"check": _spread(_per_call(lambda: evaluate_all(org, AS_OF, catalog=catalog))), "k": k}


def worker_floor(quick: bool) -> dict:
    sys.path.insert(0, str(HERE))
    from floor import check_floor
    from qaward.catalog import default_catalog
    from qaward.io import load
    from qaward.model import Organization

    org = load(EXAMPLE, Organization)
    floors = check_floor(org, AS_OF, default_catalog())

    def all_floors():
        for f, ctx in floors:
            f(org, ctx)

    return {"floor": _spread(_per_call(all_floors)), "k": len(floors)}


def worker_cycles(quick: bool) -> dict:
    sys.path.insert(0, str(TREE / "benchmarks"))
    from bench_cycle import cycle_data
    from qaward.catalog import default_catalog
    from qaward.cycle import evaluate_cycle
    from qaward.io import structure
    from qaward.model import Cycle

    catalog = default_catalog()
    out = {}
    for n in (500, 2000) if quick else (1000, 5000, 20000):
        cycle = structure(cycle_data("ganzhou_city", n, ["quality"]), Cycle)
        t = time.perf_counter()
        result = evaluate_cycle(cycle, catalog=catalog)
        result.to_json()
        out[n] = (time.perf_counter() - t) / n * 1e6
        del cycle, result
    return {"cycles": out}


def worker_openfisca(quick: bool) -> dict:
    try:
        sys.path.insert(0, str(HERE))
        from openfisca_reference import one_entity
    except ImportError as exc:
        return {"openfisca": None, "why": f"OpenFisca-Core not installed ({exc.name})"}
    one_entity()
    return {"openfisca": _spread(_per_call(one_entity, batches=5))}


def worker_reading(quick: bool) -> dict:
    """Reading the cycle file alone (text to document, the limits included), YAML and JSON in
    turn, best of three: the part of the YAML row that is the parser's."""
    from qaward.io import read_document

    as_yaml, as_json = os.environ["QAWARD_BENCH_CYCLE"].split("\n")
    paths = {"yaml_read_s": as_yaml, "json_read_s": as_json}
    best = dict.fromkeys(paths, float("inf"))
    for _ in range(3):
        for kind, path in paths.items():
            t = time.perf_counter()
            read_document(path)
            best[kind] = min(best[kind], time.perf_counter() - t)
    return best


WORKERS = {
    "check": worker_check,
    "reading": worker_reading,
    "floor": worker_floor,
    "cycles": worker_cycles,
    "openfisca": worker_openfisca,
}


# --- the orchestrator -------------------------------------------------------------------------


class Tree:
    """The code measured: this checkout, or ``git archive REF`` put on PYTHONPATH first."""

    def __init__(self, name: str, root: Path, env: dict[str, str]):
        self.name, self.root = name, root
        self.env = {**env, "QAWARD_BENCH_TREE": str(root)}

    @classmethod
    def here(cls, home: str) -> Tree:
        return cls("now", ROOT, {**os.environ, "XDG_DATA_HOME": home})

    @classmethod
    def at(cls, ref: str, home: str, into: Path) -> Tree:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
        paths = [into / "core", *sorted(p for p in (into / "plugins").iterdir() if p.is_dir())]
        env = {**os.environ, "XDG_DATA_HOME": home}
        env["PYTHONPATH"] = os.pathsep.join(map(str, paths))
        # a start-up cache of its own, as an installed version has: two versions sharing one
        # would each find the other's file (another format, other classes) and start cold
        env["QAWARD_CACHE_DIR"] = str(into.parent / "cache-before")
        return cls(ref, into, env)

    def worker(self, row: str, quick: bool, **env: str) -> dict:
        args = [sys.executable, __file__, "--worker", row] + (["--quick"] if quick else [])
        env = {**self.env, **env}
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            return {"error": done.stderr.strip().splitlines()[-1:]}
        return json.loads(done.stdout)

    def once(self, *argv: str) -> float:
        """Wall time of ``python -c CLI argv`` (output discarded; a failure stops the run)."""
        return _once([sys.executable, "-c", CLI, *argv], self.env)


def _once(argv: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t
    if done.returncode not in (0, 1):  # 1: an ineligible organisation is not a failure
        raise SystemExit(f"{' '.join(argv[3:])} failed: {done.stderr.decode()[-500:]}")
    return elapsed


def machine() -> str:
    model = ""
    try:
        text = Path("/proc/cpuinfo").read_text()
        model = re.search(r"model name\s*:\s*(.*)", text).group(1).strip()
    except (OSError, AttributeError):
        model = platform.processor() or platform.machine()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, load average {load:.1f} at start"
    )


def cycle_files(folder: Path, n: int, tree: Path = ROOT) -> tuple[Path, Path]:
    """The same n-applicant cycle as YAML (dates unquoted, as people write them) and as JSON,
    made by ``tree``'s own ``benchmarks/bench_cycle.py``."""
    import importlib.util

    import yaml

    spec = importlib.util.spec_from_file_location(
        "tree_cycle", tree / "benchmarks" / "bench_cycle.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = module.cycle_data("ganzhou_city", n, ["quality"])
    folder.mkdir(parents=True, exist_ok=True)
    as_json, as_yaml = folder / f"cycle{n}.json", folder / f"cycle{n}.yaml"
    as_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    date = re.compile(r"^\d{4}-\d{2}-\d{2}$")

    def dated(x):
        if isinstance(x, dict):
            return {k: dated(v) for k, v in x.items()}
        if isinstance(x, list):
            return [dated(v) for v in x]
        return dt.date.fromisoformat(x) if isinstance(x, str) and date.match(x) else x

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    as_yaml.write_text(
        yaml.dump(dated(data), Dumper=dumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return as_yaml, as_json


def measure_all(trees: list[Tree], quick: bool, n_cycle: int, folder: Path) -> list[dict]:
    """Every row for every tree, interleaved (tree after tree within each row, and run after
    run for processes, with the click reference among them) so that the load of a shared
    machine drifting during the run weighs on all trees alike."""
    got: list[dict] = [{"tree": t.name} for t in trees]
    for row in ("check", "floor", "cycles", "openfisca"):
        for tree, out in zip(trees, got, strict=True):
            if row in ("floor", "openfisca") and tree.name != "now":
                continue  # references: measured once, with the code here
            out.update(tree.worker(row, quick))
    click = [sys.executable, "-c", "import click"]
    libraries = [sys.executable, "-c", "import click, attrs, cattrs, yaml"]  # the floor of check

    def commands(tree: Tree) -> dict[str, tuple[str, ...]]:
        example = str(tree.root / "examples" / EXAMPLE.name)  # each tree reads its own
        check = ("check", example, "--as-of", "2026-09-01")
        return {
            "check_s": check,
            "check_json_s": (*check, "--format", "json"),
            "help_s": ("--help",),
        }

    samples: dict = {(i, k): [] for i in range(len(trees)) for k in commands(trees[0])}
    _once(click, dict(os.environ))  # warm-up: the bytecode caches written, not measured
    _once(libraries, dict(os.environ))
    for tree in trees:
        for argv in commands(tree).values():
            tree.once(*argv)
    clicks, floors = [], []
    for _ in range(5 if quick else 11):
        clicks.append(_once(click, dict(os.environ)))
        floors.append(_once(libraries, dict(os.environ)))
        for i, tree in enumerate(trees):
            for key, argv in commands(tree).items():
                samples[i, key].append(tree.once(*argv))
    files = [cycle_files(folder / tree.name, n_cycle, tree.root) for tree in trees]
    for tree, out, (as_yaml, as_json) in zip(trees, got, files, strict=True):
        reading = tree.worker("reading", quick, QAWARD_BENCH_CYCLE=f"{as_yaml}\n{as_json}")
        if "error" not in reading:  # an old tree may lack read_document
            out.update(reading)
    runs: dict = {(i, kind): [] for i in range(len(trees)) for kind in ("yaml_s", "json_s")}
    for _ in range(3 if quick else 5):  # YAML and JSON in turn, tree after tree
        for i, tree in enumerate(trees):
            for kind, pick in (("yaml_s", 0), ("json_s", 1)):
                runs[i, kind].append(tree.once("evaluate", str(files[i][pick]), "--format", "json"))
    for i in range(len(trees)):
        yaml_s, json_s = runs[i, "yaml_s"], runs[i, "json_s"]
        got[i].update(yaml_s=statistics.median(yaml_s), json_s=statistics.median(json_s))
        got[i]["yaml_ratios"] = [y / j for y, j in zip(yaml_s, json_s, strict=True)]
    for (i, key), values in samples.items():
        got[i][key] = statistics.median(values)
    for out in got:
        out["click_s"] = statistics.median(clicks)
        out["libraries_s"] = statistics.median(floors)
    return got


def _fmt_row(m: dict, n_cycle: int) -> list[str]:
    if "error" in m:
        return [f"error: {m['error']}"] * 7
    c = m["check"]
    cyc = m["cycles"]
    sizes = sorted(cyc, key=int)
    return [
        f"{c['median']:.0f} µs ({c['min']:.0f}–{c['max']:.0f})",
        f"{m['check_s']:.2f} s, {m['check_s'] / m['click_s']:.1f}× `import click`",
        f"{m['check_json_s']:.2f} s, {m['check_json_s'] / m['click_s']:.1f}× `import click`"
        if "check_json_s" in m
        else "—",
        f"{m['help_s']:.2f} s, {m['help_s'] / m['click_s']:.1f}× `import click`",
        f"{m['yaml_s']:.1f} s YAML, {m['json_s']:.1f} s JSON: {m['yaml_s'] / m['json_s']:.2f}× "
        f"({min(m['yaml_ratios']):.2f}–{max(m['yaml_ratios']):.2f} run by run)"
        + (
            f"; reading the file alone {m['yaml_read_s']:.2f} s / {m['json_read_s']:.2f} s: "
            f"{m['yaml_read_s'] / m['json_read_s']:.1f}×"
            if "yaml_read_s" in m
            else ""
        ),
        " → ".join(f"{cyc[s]:.0f}" for s in sizes)
        + f" µs ({', '.join(f'{int(s):,}' for s in sizes)} applicants)",
    ]


def _md(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def report(results: list[dict], quick: bool, n_cycle: int) -> str:
    now = results[-1]
    names = [r["tree"] for r in results]
    lines = [
        f"Machine: {machine()}",
        f'Reference `python -c "import click"`: {now["click_s"] * 1000:.0f} ms (median)',
        "",
        "| what | " + " | ".join(names) + " | goal |",
        "|---|" + "---|" * len(names) + "---|",
    ]
    rows = [_fmt_row(r, n_cycle) for r in results]
    titles = [
        (f"one organisation × {now.get('k', 5)} jurisdictions, in process", "≤ 50 µs"),
        ("`qaward check FILE` as a process (a table)", "≤ 2×"),
        ("the same with `--format json`", "≤ 2×"),
        ("`qaward --help`", "≤ 2×"),
        (f"`qaward evaluate`, {n_cycle:,}-applicant cycle, YAML vs JSON", "≤ 1.5×"),
        ("evaluate + report per applicant", "flat"),
    ]
    for i, (title, goal) in enumerate(titles):
        lines.append(_md(title, *(r[i] for r in rows), goal))
    blank = ["—"] * (len(names) - 1)  # references are measured once, with the code here
    lib, click_s = now["libraries_s"], now["click_s"]
    cell = f"{lib:.2f} s, {lib / click_s:.2f}× `import click`" + (
        f"; `check --format json` is this + {(now['check_json_s'] - lib) * 1000:.0f} ms"
        if "check_json_s" in now
        else ""
    )
    lines.append(
        _md(
            'the libraries alone: `python -c "import click, attrs, cattrs, yaml"`',
            *blank,
            cell,
            "—",
        )
    )
    if "floor" in now:
        f, k = now["floor"], now["k"]
        ratio = now["check"]["median"] / f["median"]
        cell = f"{f['median'] / k:.1f} µs per jurisdiction; the engine is {ratio:.1f}× the floor"
        lines.append(_md("the same rules as one plain function (floor)", *blank, cell, "—"))
    if now.get("openfisca"):
        o = now["openfisca"]["median"]
        per_j = now["check"]["median"] / now["k"]
        cell = f"{o:.0f} µs per entity, {o / per_j:.0f}× qaward's time per jurisdiction"
        lines.append(
            _md("OpenFisca-Core, one entity, one jurisdiction's conditions", *blank, cell, "—")
        )
    elif "why" in now:
        lines.append(
            f"\nOpenFisca reference skipped: {now['why']} (`pip install 'qaward[bench]'`)."
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", metavar="REF", help="also measure git REF (e.g. a commit)")
    ap.add_argument("--quick", action="store_true", help="smaller cycles, fewer repeats")
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.quick)))
        return
    n_cycle = 2000 if args.quick else 10_000
    with tempfile.TemporaryDirectory(prefix="qaward-bench-") as tmp:
        tmp_path = Path(tmp)
        # processes run as an installed qaward does, its bytecode cached (pip compiles a wheel's
        # modules at install); under PYTHONDONTWRITEBYTECODE a checkout would compile its ~50
        # modules again in every run (~60 ms here), which no user pays
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
        # and qaward's own start-up cache (qaward.codecache, qaward.discovery) in the run's
        # folder: written by the warm-up run, as by a user's first command
        os.environ["QAWARD_CACHE_DIR"] = str(tmp_path / "cache")
        os.environ.pop("QAWARD_NO_CACHE", None)
        home = str(tmp_path / "no-registry")  # XDG_DATA_HOME without a registry file
        trees = []
        if args.before:
            (tmp_path / "before").mkdir()
            trees.append(Tree.at(args.before, home, tmp_path / "before"))
        trees.append(Tree.here(home))
        results = measure_all(trees, args.quick, n_cycle, tmp_path)
    print(report(results, args.quick, n_cycle))


if __name__ == "__main__":
    main()
