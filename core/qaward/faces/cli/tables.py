"""Text tables drawn exactly as tabulate draws them, for the common styles, without importing it.

Importing tabulate costs a ``check`` ~30 ms (it reads its own version with importlib.metadata,
and wcwidth imports its whole package): more than drawing the table. The styles below are drawn
here the way tabulate draws our tables (every cell text, left-aligned, numbers not parsed, the
widths from :mod:`qaward.textwidth`); any other ``--fmt`` is left to tabulate itself
(:func:`draw` returns None). A test keeps every style here byte-identical to tabulate's output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qaward.textwidth import width

__all__ = ["SEPARATOR", "STYLES", "draw"]

# a row drawn as a rule between blocks: tabulate.SEPARATING_LINE
SEPARATOR = "\001"
MIN_PADDING = 2  # a column is at least its header's width plus this (tabulate's MIN_PADDING)
PIPE = "pipe"  # the rule under the header of ``pipe``: colons marking left-aligned columns

# one style: (line above, line below the header, line between rows, line below, header row,
# data row, padding, the lines left out when there is a header). A line is (begin, fill,
# separator, end), a row (begin, separator, end), as in tabulate's TableFormat.
_BAR = ("|", "|", "|")
_BOX = ("│", "│", "│")


def _grid(above, header, between, below, row=_BOX):
    return (above, header, between, below, row, row, 1, ())


def _outline(above, header, below, row=_BOX):
    return (above, header, None, below, row, row, 1, ())


STYLES: dict[str, tuple] = {
    "plain": (None, None, None, None, ("", "  ", ""), ("", "  ", ""), 0, ()),
    "simple": (
        ("", "-", "  ", ""),
        ("", "-", "  ", ""),
        None,
        ("", "-", "  ", ""),
        ("", "  ", ""),
        ("", "  ", ""),
        0,
        ("above", "below"),
    ),
    "github": (("|", "-", "|", "|"), ("|", "-", "|", "|"), None, None, _BAR, _BAR, 1, ("above",)),
    "pipe": (PIPE, PIPE, None, None, _BAR, _BAR, 1, ("above",)),
    "orgtbl": (None, ("|", "-", "+", "|"), None, None, _BAR, _BAR, 1, ()),
    "presto": (None, ("", "-", "+", ""), None, None, ("", "|", ""), ("", "|", ""), 1, ()),
    "psql": _outline(("+", "-", "+", "+"), ("|", "-", "+", "|"), ("+", "-", "+", "+"), _BAR),
    "grid": _grid(
        ("+", "-", "+", "+"), ("+", "=", "+", "+"), ("+", "-", "+", "+"), ("+", "-", "+", "+"), _BAR
    ),
    "outline": _outline(("+", "-", "+", "+"), ("+", "=", "+", "+"), ("+", "-", "+", "+"), _BAR),
    "simple_grid": _grid(
        ("┌", "─", "┬", "┐"), ("├", "─", "┼", "┤"), ("├", "─", "┼", "┤"), ("└", "─", "┴", "┘")
    ),
    "rounded_grid": _grid(
        ("╭", "─", "┬", "╮"), ("├", "─", "┼", "┤"), ("├", "─", "┼", "┤"), ("╰", "─", "┴", "╯")
    ),
    "fancy_grid": _grid(
        ("╒", "═", "╤", "╕"), ("╞", "═", "╪", "╡"), ("├", "─", "┼", "┤"), ("╘", "═", "╧", "╛")
    ),
    "simple_outline": _outline(("┌", "─", "┬", "┐"), ("├", "─", "┼", "┤"), ("└", "─", "┴", "┘")),
    "rounded_outline": _outline(("╭", "─", "┬", "╮"), ("├", "─", "┼", "┤"), ("╰", "─", "┴", "╯")),
}


def draw(rows: Sequence, headers: Sequence[str], style: str) -> str | None:
    """``rows`` (sequences of strings, or :data:`SEPARATOR`) under ``headers`` in ``style``, as
    ``tabulate(rows, headers, tablefmt=style, disable_numparse=True)`` draws them; None for a
    style not drawn here, no headers, or rows not as long as the headers."""
    spec = STYLES.get(style)
    if (
        not headers
        or spec is None
        or any(r is not SEPARATOR and len(r) != len(headers) for r in rows)
    ):
        return None
    above, under_header, between, below, header_row, data_row, pad, hidden = spec
    headers = list(headers)
    # a line break anywhere, before the cells are stripped, makes every row drawn line by line
    multiline = any("\n" in t for t in headers) or any(
        "\n" in c for r in rows if r is not SEPARATOR for c in r
    )
    rows = [r if r is SEPARATOR else [c.strip() for c in r] for r in rows]
    cells = [r for r in rows if r is not SEPARATOR]
    widths = [
        max([_width(h) + MIN_PADDING, *(_width(r[i]) for r in cells)])
        for i, h in enumerate(headers)
    ]
    padded = [w + 2 * pad for w in widths]
    margin = " " * pad
    lines: list[str] = []

    def rule(fmt) -> None:
        if fmt == PIPE:  # no colons without rows (no column alignment, as in tabulate)
            colon = ":" if cells else "-"
            lines.append("|" + "|".join(colon + "-" * (w - 1) for w in padded) + "|")
        else:
            begin, fill, sep, end = fmt
            lines.append((begin + sep.join(fill * w for w in padded) + end).rstrip())

    def row(texts: Sequence[str], fmt: tuple[str, str, str], header: bool = False) -> None:
        split: Callable[[str], list[str]]
        if not multiline:
            split = _one_line
        elif header:  # a header keeps its line even when empty
            split = _lines
        else:  # an empty cell has no line: a row of empty cells takes none (as in tabulate)
            split = str.splitlines
        columns = [[_pad(t, w) for t in split(text)] for text, w in zip(texts, widths, strict=True)]
        begin, sep, end = fmt
        for i in range(max(map(len, columns))):
            parts = [c[i] if i < len(c) else " " * w for c, w in zip(columns, widths, strict=True)]
            lines.append((begin + sep.join(f"{margin}{p}{margin}" for p in parts) + end).rstrip())

    if above and "above" not in hidden:
        rule(above)
    row(headers, header_row, header=True)
    if under_header:
        rule(under_header)
    if between and rows:
        for r in rows[:-1]:
            if r is not SEPARATOR:
                row(r, data_row)
            rule(between)
        row(rows[-1], data_row)
    else:
        for r in rows:
            if r is SEPARATOR:
                rule(between or under_header or below or above or ("", "", "", ""))
            else:
                row(r, data_row)
    if below and "below" not in hidden:
        rule(below)
    return "\n".join(lines)


def _one_line(text: str) -> list[str]:
    return [text]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _width(text: str) -> int:
    return max(map(width, _lines(text)))


def _pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))
