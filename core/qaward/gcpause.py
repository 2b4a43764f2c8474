"""The cyclic garbage collector kept out of large loops.

A cycle of 20,000 applicants keeps millions of small objects alive (the documents, the
organisations, the results) until its report is written. The collector, triggered by allocation
counts, would walk all of them again and again: time per applicant grew with the cycle's size
(138 → 316 µs from 1,000 to 20,000 applicants). These loops create no reference cycles that need
collecting before they end, so they run with the collector paused; it runs again afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (also usable as a decorator). Re-enabled only if
    it was enabled on entry, so nesting, threads and a caller's own ``gc.disable()`` are kept."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
