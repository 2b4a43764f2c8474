"""The registry options of the reading commands (``check``, ``evaluate``, ``report``, ``serve``):
``--registry`` / ``--no-registry`` and the exit code of a registry that cannot be used. Apart
from :mod:`qaward.faces.cli.registry` (the registry's own commands), so that ``qaward check``
does not build those commands to read these."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

import click

from qaward.faces.cli.common import fail

registry_option = click.option(
    "--registry",
    "registry_url",
    envvar="QAWARD_REGISTRY",
    default=None,
    metavar="URL",
    help="登记簿：SQLite 文件路径或数据库 URL（如 postgresql://…）；"
    "默认 $XDG_DATA_HOME/qaward/registry.db，或环境变量 QAWARD_REGISTRY",
)


def registry_errors(fn: Callable) -> Callable:
    """A registry that cannot be used exits 1 with its message (input errors: handles_errors)."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        from qaward.registry import RegistryError

        try:
            return fn(*args, **kwargs)
        except RegistryError as exc:
            fail(str(exc), 1)

    return wrapper


NO_REGISTRY = "\0no-registry"  # --no-registry: the registry is not read at all


def registry_value(registry_url: str | None) -> str | None:
    """What a reading operation is given: None for --no-registry, else the path or URL (the
    default file when none is named)."""
    from qaward.registry.location import default_path

    if registry_url == NO_REGISTRY:
        return None
    return registry_url or str(default_path())


def reads_registry(fn: Callable) -> Callable:
    """``--registry URL`` and ``--no-registry`` for the commands that read it (check, evaluate)."""

    @wraps(fn)
    def wrapper(*args, no_registry: bool = False, **kwargs):
        if no_registry:
            kwargs["registry_url"] = NO_REGISTRY
        return fn(*args, **kwargs)

    wrapper = click.option(
        "--no-registry",
        is_flag=True,
        help="不读登记簿（只用输入文件中的历史），结果不随本机登记簿变化",
    )(wrapper)
    return registry_option(wrapper)
