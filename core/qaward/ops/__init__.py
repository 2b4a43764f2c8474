"""One layer of operations: what the CLI, the HTTP service, the reports and Python callers do.

Plain functions. Each takes the data contract's objects (or the mappings they are structured
from, with ``where`` naming the source in error messages) and returns a JSON-able document
(dates as :class:`datetime.date`; :func:`qaward.io.dumps` writes them ISO) that starts with
``schema_version`` and whose JSON Schema :func:`schema` returns. Warnings are
``{"code", "text"}`` (codes: :data:`qaward.notices.CODES`). No face adds logic of its own.

Errors: :class:`qaward.io.InputError` for bad input (file/source and field paths; CLI exit 2,
HTTP 422), :class:`qaward.registry.RegistryError` when the registry cannot be used (exit 1,
HTTP 503), :class:`qaward.catalog.PluginError` for a broken plugin (exit 3, HTTP 500).

``registry`` is a :class:`qaward.registry.Registry` (kept and pooled by a long-running caller),
a path or URL, or None (reads: no history; writes: the default file). Writes take ``operator``
(经办人), recorded on every audit row, and ``digest`` (sha256 of the input as received).

=================  ==========================================================  ===============
operation          what                                                         schema
=================  ==========================================================  ===============
check              one organisation against every (or the named) award          check
check_batch        many organisations, one item each (errors per item)          check_batch
screen             a population at once, column-wise, with a summary            screen
trace              check with articles, clause texts, facts and the history     trace
evaluate           an award cycle                                               evaluate
sanction           a sanction case (``record=True`` writes it)                  sanction
recommend          winners put forward upward (writes unless ``dry_run``)       recommend
compare            terms side by side, cells ``{text, clauses}``                compare
clauses            clause coverage                                              clauses
jurisdictions      installed jurisdictions and regulation versions              jurisdictions
show, verify, log  registry reads                                               registry_*
init, import_records, record   registry writes                                  registry_*
schema             JSON Schema of an input or output document                   —
=================  ==========================================================  ===============
"""

from importlib import import_module
from typing import Any

from qaward.ops.common import SCHEMA_VERSION

# Loaded on first use (PEP 562), so a command pays only for the operations it calls.
_WHERE = {
    "check": "checks",
    "check_batch": "checks",
    "organization": "checks",
    "trace": "checks",
    "screen": "screening",
    "clauses": "catalog",
    "compare": "catalog",
    "jurisdictions": "catalog",
    "schema": "catalog",
    "cycle": "cycles",
    "evaluate": "cycles",
    "sanction": "sanctions",
    "show": "reads",
    "verify": "reads",
    "log": "reads",
    "init": "writes",
    "import_records": "writes",
    "record": "writes",
    "recommend": "writes",
    "input_digest": "writes",
    "reader": "common",
    "open_registry": "common",
}

__all__ = ["SCHEMA_VERSION", *_WHERE]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'qaward.ops' has no attribute {name!r}")
    value = getattr(import_module(f"qaward.ops.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
