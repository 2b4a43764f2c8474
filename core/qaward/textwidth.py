"""How many terminal columns a line of text takes: a Chinese character or a full-width mark two,
a combining mark none, anything else one (the Unicode East Asian Width property, from the
standard library's ``unicodedata``).

For the text qaward shows (Chinese, full-width punctuation, ASCII, marks such as ✓ ✗ ⚠) this is
the width wcwidth's ``wcswidth`` gives (a test compares them character by character), without
importing the wcwidth package (~15 ms) to draw a table.
"""

from __future__ import annotations

import unicodedata
from functools import cache

__all__ = ["width"]

_ZERO = frozenset({"Mn", "Me", "Mc", "Cf"})  # combining marks and invisible format characters


def width(line: str) -> int:
    """Display columns of one line (no line breaks in it)."""
    if line.isascii():
        return len(line)
    return sum(map(_char_width, line))


@cache
def _char_width(ch: str) -> int:
    if unicodedata.category(ch) in _ZERO:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
