"""qaward: rules as code for Chinese local-government quality awards (政府质量奖).

The embedding API (documented in README, "Python API")::

    import datetime as dt, qaward
    org = qaward.organization("org.yaml")              # or a dict in the data contract's shape
    results = qaward.check(org, dt.date(2026, 9, 1))   # every installed jurisdiction
    qaward.check(org, dt.date(2026, 9, 1), "huichang", registry="registry.db")
    qaward.evaluate("cycle.yaml")                      # a whole award cycle

Errors are :class:`QawardError` subclasses, never a bare ``KeyError`` or ``TypeError``.
Attributes are imported on first use, so ``import qaward`` (and ``qaward --help``) stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "organization": "qaward.api",
    "cycle": "qaward.api",
    "sanction_case": "qaward.api",
    "check": "qaward.api",
    "evaluate": "qaward.api",
    "as_date": "qaward.api",
    "Catalog": "qaward.catalog",
    "default_catalog": "qaward.catalog",
    "plugin_manager": "qaward.catalog",
    "Result": "qaward.engine",
    "Finding": "qaward.engine",
    "Status": "qaward.engine",
    "CycleResult": "qaward.cycle.run",
    "History": "qaward.history",
    "Organization": "qaward.model",
    "Cycle": "qaward.model",
    "SanctionCase": "qaward.model",
    "QawardError": "qaward.errors",
    "PluginError": "qaward.errors",
    "DeclarationError": "qaward.errors",
    "PluginUnavailable": "qaward.errors",
    "UnknownJurisdiction": "qaward.errors",
    "InvalidDate": "qaward.errors",
    "InputError": "qaward.io",
    "RegistryError": "qaward.registry.location",
    "CalendarError": "qaward.cycle.calendar",
}
__all__ = [
    "__version__",
    "organization",
    "cycle",
    "sanction_case",
    "check",
    "evaluate",
    "as_date",
    "Catalog",
    "default_catalog",
    "plugin_manager",
    "Result",
    "Finding",
    "Status",
    "CycleResult",
    "History",
    "Organization",
    "Cycle",
    "SanctionCase",
    "QawardError",
    "PluginError",
    "DeclarationError",
    "PluginUnavailable",
    "UnknownJurisdiction",
    "InvalidDate",
    "InputError",
    "RegistryError",
    "CalendarError",
]

if TYPE_CHECKING:
    from qaward.api import as_date, check, cycle, evaluate, organization, sanction_case
    from qaward.catalog import Catalog, default_catalog, plugin_manager
    from qaward.cycle.calendar import CalendarError
    from qaward.cycle.run import CycleResult
    from qaward.engine import Finding, Result, Status
    from qaward.errors import (
        DeclarationError,
        InvalidDate,
        PluginError,
        PluginUnavailable,
        QawardError,
        UnknownJurisdiction,
    )
    from qaward.history import History
    from qaward.io import InputError
    from qaward.model import Cycle, Organization, SanctionCase
    from qaward.registry.location import RegistryError

    __version__: str


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("qaward")
    except PackageNotFoundError:  # a source tree on sys.path without an install
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'qaward' has no attribute {name!r}")
