"""``qaward new-plugin``: a jurisdiction package to start from, which installs and passes its
own tests as created.

The templates ship in ``qaward/templates/plugin`` (``*.tmpl``, :class:`string.Template`
placeholders ``$name``): a ``pyproject.toml`` with the entry point, the plugin module laid out
article by article with its clause inventory, an example organisation, YAML cases and a test
module. ``package`` becomes ``qaward_<id>``, ``test_id`` becomes ``test_<id>``.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from qaward.creditcode import check_character
from qaward.dates import add_years
from qaward.errors import QawardError
from qaward.model import Level


class ScaffoldError(QawardError):
    """The options cannot make a valid plugin (the option and the reason named)."""


def new_plugin(
    target: Path,
    jurisdiction_id: str,
    name: str,
    *,
    award_name: str = "",
    level: str = "county",
    parent: str | None = None,
    division_code: str | None = None,
    document: str = "",
    title: str = "",
    prefix: str = "",
    effective_from: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """Write the package into ``target`` (a new directory); returns the files written."""
    values = _values(
        jurisdiction_id,
        name,
        award_name,
        level,
        parent,
        division_code,
        document,
        title,
        prefix,
        effective_from,
        today or dt.date.today(),
    )
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"目录 {target} 已存在且不为空")
    written = []
    root = resources.files("qaward").joinpath("templates", "plugin")
    for source, relative in _templates(root, Path()):
        path = target / _rename(relative, values)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = Template(source.read_text(encoding="utf-8")).substitute(values)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _templates(folder: Traversable, relative: Path):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _templates(entry, relative / entry.name)
        elif entry.name.endswith(".tmpl"):
            yield entry, relative / entry.name.removesuffix(".tmpl")


def _rename(relative: Path, values: dict[str, str]) -> Path:
    parts = [values["package"] if p == "package" else p for p in relative.parts]
    parts[-1] = parts[-1].replace("test_id", f"test_{values['id']}")
    return Path(*parts)


def _values(
    jid: str,
    name: str,
    award_name: str,
    level: str,
    parent: str | None,
    code: str | None,
    document: str,
    title: str,
    prefix: str,
    effective_from: dt.date | None,
    today: dt.date,
) -> dict[str, str]:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", jid):
        raise ScaffoldError(f"管辖区 id {jid!r} 应为小写字母开头的英文标识（如 xinfeng）")
    if level not in Level.__members__:
        raise ScaffoldError(f"--level {level!r} 应为 {' | '.join(Level.__members__)}")
    if code is not None and not re.fullmatch(r"\d{6}", code):
        raise ScaffoldError(f"--code {code!r} 应为6位 GB/T 2260 行政区划代码")
    prefix = prefix or jid[:2].upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]*", prefix):
        raise ScaffoldError(f"--prefix {prefix!r} 应为大写字母（条款编号前缀，如 XF）")
    start = effective_from or dt.date(today.year, 1, 1)
    as_of = max(today, start)
    established = add_years(as_of, -10)
    first17 = f"91{code or '000000'}MA0000001"[:17]
    award_name = award_name or f"{name}质量奖"
    return {
        "id": jid,
        "package": f"qaward_{jid}",
        "name": name,
        "award_name": award_name,
        "level": level,
        "parent": f'"{parent}"' if parent else "None",
        "division_code": f'"{code}"' if code else "None",
        "region": code or jid,
        "elsewhere": "310101" if (code or "").startswith("11") else "110101",
        "document": document or f"{award_name}管理办法（文号待填）",
        "title": title or f"{award_name}管理办法",
        "prefix": prefix,
        "effective_from": start.isoformat(),
        "as_of": as_of.isoformat(),
        "established_on": established.isoformat(),
        "too_young": add_years(as_of, -2).isoformat(),
        "valid_until": add_years(as_of, 3).isoformat(),
        "credit_code": first17 + check_character(first17),
        "core_version": _core_version(),
    }


def _core_version() -> str:
    from importlib.metadata import version

    major, minor, *_ = version("qaward").split(".")
    return f"{major}.{minor}"
