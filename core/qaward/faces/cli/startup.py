"""The imports of qaward's own process, made once and kept for its life.

In the ``qaward`` process itself (:func:`qaward.faces.cli.main` sets :data:`own_process`), a
command's module, and tabulate when a table is first drawn, are imported with the cyclic
collector paused and then everything made so far (modules, classes, functions: code that lives
as long as the process) is moved out of the collector's reach with ``gc.freeze()``. The collector
never walks it again, nor at exit, where Python's last collection would otherwise take apart
every class and module of the start (≈ 30 ms of a ~150 ms ``check``; ≈ 12 ms more for a table).
Objects made afterwards (documents, results, registry connections) are collected as usual. A
caller of :data:`qaward.faces.cli.cli` (a test with click's runner) keeps its collector as it is.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from qaward.gcpause import gc_paused

own_process = False


def load(name: str) -> ModuleType:
    """``import_module(name)``; in qaward's own process paused and frozen (see above)."""
    if not own_process:
        return import_module(name)
    import gc

    with gc_paused():
        module = import_module(name)
        # frozen before the collector is back: else the first allocation after it would make it
        # walk every object the import made (~5 ms), only to find them all alive
        gc.freeze()
    return module
