"""Reporting a plugin left out: the ``qaward.plugins`` logger, with ``logging`` imported only when
there is something to report (a command that finds every plugin healthy never imports it).

A face that shows these reports its own way (the CLI: ``警告：…`` on stderr) sets :data:`setup`, a
function given the logger just before the first report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging

LOGGER = "qaward.plugins"

setup: Callable[[logging.Logger], None] | None = None


def warn(text: str) -> None:
    """``text`` as a warning on the ``qaward.plugins`` logger."""
    global setup
    import logging

    log = logging.getLogger(LOGGER)
    configure, setup = setup, None
    if configure is not None:
        configure(log)
    log.warning(text)
