"""Plugins installed for real in a temporary directory: a module and a ``.dist-info`` with its
entry point, found by ``importlib.metadata`` through ``PYTHONPATH``, as pip would leave them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

QAWARD = Path(sys.executable).with_name("qaward")


def install(site: Path, name: str, source: str, entry: str = "plugin") -> None:
    """Module ``name`` with ``source`` and distribution ``qaward-<name>`` 0.1 exposing
    ``<name> = <name>:<entry>`` in the group ``qaward``."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"qaward_{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: qaward-{name}\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[qaward]\n{name} = {name}:{entry}\n", encoding="utf-8")


def qaward(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The real command, with the plugins under ``site`` installed next to the built-in ones."""
    environ = os.environ | {"PYTHONPATH": str(site)} | env
    return subprocess.run(
        [str(QAWARD), *args], capture_output=True, text=True, env=environ, timeout=120
    )


# A complete one-article county, used by the fault tests as the healthy neighbour and, with one
# line changed, as the faulty plugin.
COUNTY = """
import datetime as dt
from qaward.plugin import (
    Clause, Jurisdiction, JurisdictionPlugin, Level, Regulation, Registered, Status,
)

REG = Regulation(
    clause="XF-30", article="第三十条", document="信府发〔2025〕1号",
    title="信丰县县长质量奖管理办法", status=Status.in_force,
    effective_from=dt.date(2025, 1, 1),
    clauses=(Clause("XF-10", "第十条", "elig", "在信丰县注册登记"),
             Clause("XF-30", "第三十条", "meta", "施行")),
)
J = Jurisdiction("xinfeng", "信丰县", "信丰县县长质量奖", Level.county, (REG,),
                 parent="ganzhou_city", division_code="360722")
plugin = JurisdictionPlugin.of(J, eligibility=(Registered("XF-10", "第十条"),))
"""
