"""Screening benchmark: N generated organisations (default 1,000,000) against the five awards,
and 赣州经开区 alone against two references, all in one run.

Each task runs in a child process, which reports its peak resident memory (for ``dask`` the
parent samples the child and its workers); the parent prints one table. Tasks:

- ``screen``: ``qaward.screen.screen_file`` over a Parquet file, all five awards, results with
  failing clauses, citations and gap dates written to Parquet (the whole job);
- ``dask``: the same on a Dask LocalCluster (2 worker processes × 1 thread), results as Parquet
  parts; the cluster's start is timed apart;
- ``kfq``: qaward's compiled path for 赣州经开区 alone, driven as ``screen_file`` drives it
  (:func:`qaward.screen.run.evaluated`: the next chunk read while two are validated and
  evaluated in threads): status, failing and undetermined clauses, gap dates, no output file;
  timed up to the evaluator's answers in their own form (each distinct result once, each row its
  index);
- ``hand``: the same eligibility rules written by hand in polars (``kfq_reference.hand``):
  status, failing and undetermined clauses, no gap dates, no validation;
- ``openfisca``: the same rules as an OpenFisca-Core model (``kfq_reference.SYSTEM``, the
  ``bench`` extra) over per-organisation facts that polars aggregates from the lists first,
  chunk after chunk, as a user of OpenFisca would run it;
- ``openfisca-pool``: the same model driven as qaward is (two chunks in flight, with qaward's
  :func:`qaward.screen.pool.in_order`), to show what the driver alone is worth.

The references read the file as qaward does (pyarrow's batches, text checked as UTF-8, then
polars frames), one chunk ahead in a thread, as polars' own streaming reader would. Every task
is timed from its first read to its last answer, wall and the process's CPU-seconds; preparing
(plans, the model) before and putting the answers in one text shape for the check after are not
timed. The 赣州经开区 answers are compared on every row (status, failing and undetermined ids).

Chunks: qaward's tasks read the file in chunks of the size ``screen_file`` picks by default for
the number of awards (:func:`qaward.screen.run.default_chunk`): 25,000 organisations for the five
awards, 100,000 for 赣州经开区 alone. ``hand`` and ``openfisca`` also run in the file's row
groups of 25,000, and qaward is compared with their faster run too. ``--chunk`` sets one size
for every task.

Rounds: every run is repeated ``--rounds`` times (3), one round after the other, so that each
round holds one run of every task close together in time; the table shows each run's median
round, and qaward's ratio to each reference is given per round and as the median over rounds
(a shared machine's load moves single runs by ±10%).

Usage: python benchmarks/bench_screen.py [N] [--quick] [--chunk ROWS] [--only task,task]
[--rounds R] (``make bench-screen``; ``--quick`` is 100,000 organisations).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

AS_OF = dt.date(2026, 9, 1)
TASKS = ("screen", "dask", "kfq", "hand", "openfisca", "openfisca-pool")
ONE_AWARD = ("kfq", "hand", "openfisca", "openfisca-pool")  # 赣州经开区 alone
ROW_GROUP = 25_000  # the file's row groups
REFERENCES = ("hand", "openfisca", "openfisca-pool")
VERDICTS = ("row", "status", "failing", "undetermined")


def chunk_for(task: str) -> int:
    """The chunk qaward's ``screen_file`` picks for the task's awards (the references: the
    same as qaward's 赣州经开区 task)."""
    from qaward.screen.run import default_chunk

    return default_chunk(1 if task in ONE_AWARD else 5)


def population(n: int, path: Path, chunk: int) -> None:
    """N organisations as nested Parquet: 50,000 generated ones repeated (timing, not variety)."""
    import polars as pl
    from qaward.catalog import default_catalog
    from qaward.screen import frame, synthetic

    base = synthetic.Generator(AS_OF, default_catalog(), seed=1).organizations(min(n, 50_000))
    df = frame.from_documents(base).drop(frame.ROW)
    reps = -(-n // df.height)
    pl.concat([df] * reps).head(n).write_parquet(path, row_group_size=chunk)


class Clock:
    """Seconds spent per phase."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases[phase] = self.phases.get(phase, 0.0) + now - self._t
        self._t = now


def _frames(path: str, chunk: int):
    """The references' reader: qaward's own for Parquet (:func:`qaward.screen.read.arrow_frames`:
    pyarrow's batches, their text checked as UTF-8, polars frames numbered as qaward numbers
    them), one chunk read ahead in a thread, as polars' streaming reader would, so that reading
    overlaps the work."""
    from qaward.screen import read

    return _ahead(piece() for piece in read.arrow_frames(path, chunk))


def _ahead(items):
    """``items`` produced one ahead, in a thread."""
    import queue

    box: queue.Queue = queue.Queue(maxsize=1)
    end = object()

    def produce() -> None:
        try:
            for item in items:
                box.put(item)
        finally:
            box.put(end)

    threading.Thread(target=produce, daemon=True).start()
    while (item := box.get()) is not end:
        yield item


def child(task: str, path: str, out: str, chunk: int) -> dict:
    """One task, timed (wall and the process's CPU) from its first read to its last answer;
    preparing (plans, model) before and shaping the answers for the check after are not."""
    import polars as pl

    extra: dict = {}
    shaped: list = []  # the answers, to be put in one shape for the check (not timed)
    if task == "kfq":
        from qaward.catalog import default_catalog
        from qaward.screen.columnar import Evaluator
        from qaward.screen.run import evaluated, plans

        catalog = default_catalog()
        evaluate = Evaluator(plans(AS_OF, ["ganzhou_kfq"], catalog), catalog)
    elif task in ("openfisca", "openfisca-pool"):
        import kfq_reference as ref
        from qaward.screen.pool import in_order

        model = ref.system()
    clock = Clock()
    t0, c0 = time.perf_counter(), os.times()
    stop = None  # when the timed work ended, if not at the end of its branch
    if task == "screen":
        from qaward.screen import screen_file

        s = screen_file(path, AS_OF, output=Path(out) / "screen.parquet", chunk_size=chunk)
        extra = {"eligible": {r["jurisdiction"]: r["eligible"] for r in s.jurisdictions()}}
    elif task == "dask":
        from dask.distributed import LocalCluster
        from qaward.screen.distributed import screen_on_cluster

        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
            extra["cluster_start_s"] = round(time.perf_counter() - t0, 2)
            t0, c0 = time.perf_counter(), os.times()  # the cluster's start is not the screening's
            s = screen_on_cluster(
                cluster.scheduler_address, path, Path(out) / "dask", AS_OF, chunk_size=chunk
            )
            stop = time.perf_counter(), os.times()  # the cluster's closing is not either
        extra |= {"eligible": {r["jurisdiction"]: r["eligible"] for r in s.jurisdictions()}}
    elif task == "kfq":
        # as screen_file runs: two chunks in flight while the next is read; each answer in the
        # evaluator's own form (the distinct results once, each row its index)
        for results, _, _ in evaluated(path, evaluate, chunk):
            shaped.append(results)
    elif task == "hand":
        import kfq_reference as ref

        for batch in _frames(path, chunk):
            clock.lap("read")
            facts = ref.facts(batch)
            clock.lap("facts")
            shaped.append(ref.hand(facts))
            clock.lap("judge")
    elif task == "openfisca":
        for batch in _frames(path, chunk):
            clock.lap("read")
            facts = ref.facts(batch)
            arrays = ref.inputs(facts)
            clock.lap("facts")
            shaped.append((facts.get_column("row"), ref.openfisca(arrays, model)))
            clock.lap("openfisca")
    elif task == "openfisca-pool":  # OpenFisca's model run by qaward's driver, for comparison

        def judge(batch):
            facts = ref.facts(batch)
            return facts.get_column("row"), ref.openfisca(ref.inputs(facts), model)

        batches = _frames(path, chunk)
        shaped = list(in_order(functools.partial(judge, b) for b in batches))
    t1, c1 = stop or (time.perf_counter(), os.times())
    seconds = t1 - t0
    cpu = c1.user - c0.user + c1.system - c0.system  # every thread of this process
    if shaped:
        answers = pl.concat(_shape(task, a) for a in shaped)
        answers.write_parquet(Path(out) / answers_file(task, chunk))
        extra["eligible"] = int((answers.get_column("status") == "eligible").sum())
    phases = {k: round(v, 2) for k, v in clock.phases.items()}
    got = {"task": task, "seconds": round(seconds, 2), "cpu": round(cpu, 2), "maxrss_mb": _peak()}
    return got | ({"phases": phases} if phases else {}) | extra


def _peak() -> int:
    """This process's peak resident memory in MB: VmHWM, which (unlike ``ru_maxrss``) starts
    afresh with the program, not with the parent's memory at the fork."""
    with open("/proc/self/status") as fh:
        kib = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    return round(kib / 1024)


def _shape(task: str, answer):
    """An answer as one text row per organisation (status, failing, undetermined ids)."""
    if task == "kfq":
        return answer.frame().select(VERDICTS)
    if task == "hand":
        return answer
    import kfq_reference as ref

    return ref.openfisca_frame(*answer)


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for q in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += q.memory_info().rss
    return total


def run_task(task: str, chunk: int, path: Path, out: Path) -> dict | None:
    """One task in a child process. Its peak memory: the child's own peak resident memory
    (exact and free, see :func:`_peak`); for ``dask`` the largest sampled sum over the child and its
    descendants (the workers), sampled every 50 ms only there, since walking the process tree
    costs CPU the other tasks would lose."""
    load = os.getloadavg()[0]
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", task, str(path), str(out), str(chunk)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if task == "dask":
        sampler.start()
    stdout, stderr = proc.communicate()
    if task == "dask":
        sampler.join()
    if proc.returncode != 0:
        last = (stderr.strip().splitlines() or ["?"])[-1]
        print(f"{task}: skipped ({last})")
        return None
    got = json.loads(stdout.strip().splitlines()[-1])
    peak_mb = round(peak[0] / 2**20) if task == "dask" else got.pop("maxrss_mb")
    got |= {"peak_mb": peak_mb, "load": round(load, 2), "chunk": chunk}
    print(json.dumps(got, ensure_ascii=False), flush=True)
    return got


def compare(out: Path, got: dict) -> dict[tuple[str, int], int]:
    """Rows where a reference run's verdicts differ from qaward's (status, failing,
    undetermined)."""
    import polars as pl

    kfq = [run for run in got if run[0] == "kfq" and got[run]]
    if not kfq:
        return {}
    q = pl.read_parquet(out / answers_file(*kfq[0])).select(VERDICTS)
    diffs = {}
    for run in got:
        if run[0] not in REFERENCES or not got[run]:
            continue
        r = pl.read_parquet(out / answers_file(*run)).select(VERDICTS)
        both = q.join(r, on="row", how="full", suffix="_r")
        same = [(pl.col(c) == pl.col(f"{c}_r")).fill_null(False) for c in VERDICTS if c != "row"]
        diffs[run] = both.height - both.select(pl.all_horizontal(*same).sum()).item()
    return diffs


def median_run(results: list[dict | None]) -> dict | None:
    """The run of median time among the rounds (None if the task was skipped)."""
    done = sorted((r for r in results if r), key=lambda r: r["seconds"])
    return done[(len(done) - 1) // 2] if done else None


def ratios(rounds: list[dict]) -> None:
    """qaward's 赣州经开区 time (and CPU) over each reference's, round by round: in the same
    chunks and against the reference's fastest run of that round; then the medians."""
    for ref in REFERENCES:
        same, fastest, cpu = [], [], []
        for got in rounds:
            kfq = [g for (task, _), g in got.items() if task == "kfq" and g]
            refs = {chunk: g for (task, chunk), g in got.items() if task == ref and g}
            if not kfq or not refs:
                continue
            k = kfq[0]
            if k["chunk"] in refs:
                same.append(k["seconds"] / refs[k["chunk"]]["seconds"])
                cpu.append(k["cpu"] / refs[k["chunk"]]["cpu"])
            fastest.append(k["seconds"] / min(g["seconds"] for g in refs.values()))
        if not fastest:
            continue

        def show(xs: list[float]) -> str:
            each = ", ".join(f"{x:.2f}" for x in xs)
            return f"{each} (median {sorted(xs)[(len(xs) - 1) // 2]:.2f}×)"

        print(f"qaward 赣州经开区 / {ref}, by round: its fastest run {show(fastest)}")
        if same:
            print(f"  the same chunks {show(same)}; CPU-seconds {show(cpu)}")


def table(n: int, got: dict, diffs: dict[tuple[str, int], int]) -> None:
    def fmt(run: tuple[str, int]) -> str:
        g = got[run]
        if not g:
            return f"| {run[0]} | {run[1]:,} | skipped | | | | |"
        phases = ", ".join(f"{k} {v}" for k, v in g.get("phases", {}).items())
        if run[0] == "dask":
            phases = f"cluster start {g['cluster_start_s']} s (not counted)"
        row = f"| {run[0]} | {run[1]:,} | {g['seconds']} s | {g['cpu']} s | {g['peak_mb']:,} MB |"
        return f"{row} {g['load']} | {phases} |"

    print(f"\n{n:,} organisations; {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print("Each run's median round (CPU: the task's process, every thread; Dask's workers not;")
    print("peak RSS: the process, for dask the process and its workers):")
    print("| task | chunk | wall | CPU | peak RSS | load avg before | phases (s) |")
    print("|---|---|---|---|---|---|---|")
    for run in got:
        print(fmt(run))
    done = {run: g for run, g in got.items() if g}
    screen = [g for (task, _), g in done.items() if task == "screen"]
    dask = [g for (task, _), g in done.items() if task == "dask"]
    print()
    if screen and dask:
        print(f"Dask LocalCluster / local screen: {dask[0]['seconds'] / screen[0]['seconds']:.2f}×")
    for (ref, chunk), mismatches in diffs.items():
        print(
            f"{ref} ({chunk:,}): verdicts differing from qaward's on {mismatches:,} of {n:,} rows"
        )


def runs_for(tasks: list[str], chunk: int | None) -> list[tuple[str, int]]:
    """(task, chunk) to run: qaward's tasks in the chunks ``screen_file`` picks; ``hand`` and
    ``openfisca`` also in the file's row groups, in case smaller chunks suit them better (qaward
    is compared with their faster run)."""
    if chunk:
        return [(task, chunk) for task in tasks]
    out = []
    for task in tasks:
        sizes = {chunk_for(task), ROW_GROUP} if task in ("hand", "openfisca") else {chunk_for(task)}
        out += [(task, size) for size in sorted(sizes)]
    return out


def answers_file(task: str, chunk: int) -> str:
    return f"{task}-{chunk}.parquet"


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        task, path, out, chunk = sys.argv[2:6]
        print(json.dumps(child(task, path, out, int(chunk)), ensure_ascii=False))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=1_000_000)
    ap.add_argument("--quick", action="store_true", help="100,000 organisations")
    ap.add_argument("--chunk", type=int, help="organisations per chunk for every task")
    ap.add_argument("--only", default=",".join(TASKS), help="tasks, comma-separated")
    ap.add_argument("--rounds", type=int, default=3, help="every run repeated, round by round")
    args = ap.parse_args()
    n = 100_000 if args.quick else args.n
    tasks = [t for t in TASKS if t in args.only.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orgs.parquet"
        t = time.perf_counter()
        population(n, path, ROW_GROUP)
        print(f"population written in {time.perf_counter() - t:.1f} s")
        runs = runs_for(tasks, args.chunk)
        rounds = []
        for k in range(args.rounds):
            print(f"round {k + 1} of {args.rounds}")
            rounds.append({run: run_task(*run, path, Path(tmp)) for run in runs})
            diffs = compare(Path(tmp), rounds[-1])  # the answers of every round are checked
            if any(diffs.values()):
                break
    got = {run: median_run([r[run] for r in rounds]) for run in runs}
    table(n, got, diffs)
    print()
    ratios(rounds)


if __name__ == "__main__":
    main()
