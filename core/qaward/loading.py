"""Loading the installed plugins one by one, so that a broken one cannot take the others down.

Each entry point of the group ``qaward`` is loaded on its own: an import error, a missing
``plugin`` attribute or an unknown hook name marks that plugin *broken* (distribution, entry point
and the error recorded) and the others load as usual. ``QAWARD_DISABLE_PLUGINS`` (comma-separated
entry-point or distribution names) or ``qaward --disable-plugin NAME`` leaves one out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from enum import StrEnum

import pluggy
from attrs import define, field

from qaward import discovery, hookspecs

ENTRY_POINT_GROUP = "qaward"
DISABLE_ENV = "QAWARD_DISABLE_PLUGINS"


class State(StrEnum):
    loaded = "loaded"  # 已加载
    disabled = "disabled"  # 已停用（配置）
    broken = "broken"  # 加载或声明出错，已隔离


STATE_ZH = {State.loaded: "已加载", State.disabled: "已停用", State.broken: "出错，已隔离"}


@define
class PluginInfo:
    """One plugin as the catalogue sees it: where it comes from and whether it is in use."""

    name: str  # the entry-point name (or the registered name of a plugin object)
    distribution: str = ""
    version: str = ""
    entry_point: str = ""  # e.g. qaward_huichang:plugin
    state: State = State.loaded
    error: str = ""
    jurisdictions: list[str] = field(factory=list)

    @property
    def label(self) -> str:
        dist = f" ({self.distribution} {self.version})" if self.distribution else ""
        return f"{self.name}{dist}"

    def describe(self) -> str:
        """For stderr: which plugin, from where, and what went wrong."""
        where = f"分发包 {self.distribution} {self.version}，" if self.distribution else ""
        entry = f"入口点 {ENTRY_POINT_GROUP}:{self.name}"
        if self.entry_point:
            entry += f" = {self.entry_point}"
        return f"插件 {self.name}（{where}{entry}）{STATE_ZH[self.state]}：{self.error}"

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "distribution": self.distribution,
            "version": self.version,
            "entry_point": self.entry_point,
            "state": self.state.value,
            "error": self.error,
            "jurisdictions": self.jurisdictions,
        }


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that also keeps a :class:`PluginInfo` for every plugin it saw."""

    def __init__(self) -> None:
        super().__init__(ENTRY_POINT_GROUP)
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        """pluggy's, except that the thirty-odd dunder names every object has are not looked
        at (a hook is never one; pluggy reads each with ``inspect.getattr_static``, ~0.4 ms a
        plugin at every start). Every other name, a misspelt hook's included, is pluggy's."""
        if name.startswith("__") and name.endswith("__"):
            return None
        return super().parse_hookimpl_opts(plugin, name)

    def list_plugin_distinfo(self) -> list:
        """(plugin, distribution) of the plugins loaded from entry points."""
        from importlib import metadata

        return [
            (self.get_plugin(name), metadata.distribution(info.distribution))
            for name, info in self.infos.items()
            if info.distribution and info.state is State.loaded and self.get_plugin(name)
        ]

    def info(self, plugin: object) -> PluginInfo:
        name = self.get_name(plugin) or repr(plugin)
        return self.infos.setdefault(name, PluginInfo(name))


def disabled_names(extra: Iterable[str] = ()) -> set[str]:
    env = os.environ.get(DISABLE_ENV, "")
    return {n.strip() for n in (*env.split(","), *extra) if n.strip()}


def describe_error(exc: BaseException) -> str:
    """``Type: message`` and the innermost place it was raised (file:line), for the author."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = f"（{frames[-1].filename}:{frames[-1].lineno}）" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def plugin_manager(
    extra: Iterable[object] = (),
    entry_points: bool = True,
    disable: Iterable[str] = (),
) -> PluginManager:
    """The hookspecs, the installed plugins (each loaded in isolation, minus the disabled ones)
    and ``extra`` plugin objects (tests, embedding: these must be valid, or this raises)."""
    pm = PluginManager()
    if entry_points:
        off = disabled_names(disable)
        for ep in discovery.entry_points(ENTRY_POINT_GROUP):  # sorted by name
            _load(pm, ep, off)
    for plugin in extra:
        pm.register(plugin, name=_free_name(pm, plugin))
        pm.info(plugin)
    pm.check_pending()
    return pm


def _free_name(pm: PluginManager, plugin: object) -> str:
    """A readable name for a plugin object: its jurisdiction id, else its class name."""
    j = getattr(plugin, "jurisdiction", None)
    base = getattr(j, "id", None) or type(plugin).__name__
    name, n = base, 1
    while pm.has_plugin(name):
        n += 1
        name = f"{base}#{n}"
    return name


def _load(pm: PluginManager, ep: discovery.EntryPoint, off: set[str]) -> None:
    info = PluginInfo(
        ep.name, distribution=ep.dist_name, version=ep.dist_version, entry_point=ep.value
    )
    pm.infos[ep.name] = info
    if ep.name in off or info.distribution in off:
        info.state, info.error = State.disabled, f"由 {DISABLE_ENV} 或 --disable-plugin 停用"
        return
    if pm.get_plugin(ep.name) is not None:
        info.state, info.error = State.broken, f"入口点名称 {ep.name} 与另一插件重复"
        return
    try:
        plugin = ep.load()
        pm.register(plugin, name=ep.name)
    except Exception as exc:  # any fault of the plugin's own code: isolate it
        info.state, info.error = State.broken, describe_error(exc)
        return
    unknown = [
        impl.function.__name__
        for caller in pm.hook.__dict__.values()
        if isinstance(caller, pluggy.HookCaller) and not caller.has_spec()
        for impl in caller.get_hookimpls()
        if impl.plugin is plugin
    ]
    if unknown:
        pm.unregister(plugin)
        info.state = State.broken
        info.error = f"未知的钩子 {', '.join(sorted(unknown))}（拼写错误？）"
