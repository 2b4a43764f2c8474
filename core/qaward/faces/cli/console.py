"""Consoles that cannot encode every character (GBK on Chinese Windows, cp1252 ...): the marks
print as their ASCII fallbacks (✓ ✗ ⚠ → v x !) instead of a UnicodeEncodeError. Kept light:
``main`` installs it before any command is imported."""

from __future__ import annotations

import codecs
import sys

from qaward.labels import ASCII_MARKS


def _ascii_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(ASCII_MARKS.get(ch, "?") for ch in bad), exc.end


codecs.register_error("qaward-ascii", _ascii_fallback)


def console_safe() -> None:
    """Standard output and error replace what their encoding cannot hold, marks by ASCII."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(errors="qaward-ascii")
