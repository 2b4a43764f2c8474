"""The exceptions qaward raises to a caller, all under :class:`QawardError`.

The command line turns them into a message and an exit code: bad input 2 (:class:`InputError`,
:class:`UnknownJurisdiction`), a plugin at fault 3 (:class:`PluginError` and its kinds).
"""

from __future__ import annotations


class QawardError(Exception):
    """Anything qaward reports to its caller; the message is for people (Chinese)."""


class PluginError(QawardError, ValueError):
    """A plugin declared something inconsistent; the message names the plugin."""


class DeclarationError(PluginError, TypeError):
    """A declaration built with a value of the wrong type: the class and the field are named."""


class PluginUnavailable(PluginError):
    """The plugin that provides a jurisdiction failed to load, or was disabled."""


class UnknownJurisdiction(QawardError, KeyError):
    """No installed plugin declares this jurisdiction id (a ``KeyError`` for older callers)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class InvalidDate(QawardError, TypeError):
    """An as-of date that is not a ``datetime.date`` (e.g. the string '2026-09-01')."""
