"""The plugin manager and the catalogue of everything the plugins declared.

Hooks are called once, here; the engine, ``compare`` and ``clauses`` read the resulting
:class:`Catalog`. Nothing depends on plugin order: declarations are keyed and sorted by id, and
a second declaration of the same thing is an error naming both plugins.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

import pluggy

from qaward import hookspecs
from qaward.awards import HIGHER_AWARDS
from qaward.dates import last_day
from qaward.model import AwardRecord, Ban, Sanction
from qaward.terms import STATUS_ZH, Award, Declarations, Jurisdiction, Regulation, SanctionTerm

ENTRY_POINT_GROUP = "qaward"
ASPECTS = ("eligibility", "quota", "scoring", "reward", "validity", "sanctions")


class PluginError(Exception):
    """A plugin declared something inconsistent; the message names the plugin."""


def plugin_manager(extra: Iterable[object] = (), entry_points: bool = True) -> pluggy.PluginManager:
    """A manager with the hookspecs, the installed plugins (entry-point group ``qaward``) and
    ``extra`` plugin objects (for tests and embedding), checked with ``check_pending()``."""
    pm = pluggy.PluginManager("qaward")
    pm.add_hookspecs(hookspecs)
    if entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for plugin in extra:
        pm.register(plugin)
    pm.check_pending()
    return pm


def _plugin_label(pm: pluggy.PluginManager, plugin: object) -> str:
    name = pm.get_name(plugin) or repr(plugin)
    for p, dist in pm.list_plugin_distinfo():
        if p is plugin:
            return f"{name} ({dist.project_name} {dist.version})"
    return name


def _call_each(pm: pluggy.PluginManager, hook_name: str):
    """Call every implementation of a ``register_*`` hook, yielding (plugin label, args)."""
    for impl in getattr(pm.hook, hook_name).get_hookimpls():
        got: list[tuple] = []
        impl.function(register=lambda *args, _got=got: _got.append(args))
        label = _plugin_label(pm, impl.plugin)
        for args in got:
            yield label, args


class Catalog:
    """Jurisdictions, awards and their declarations, collected once from the plugins."""

    def __init__(
        self,
        jurisdictions: dict[str, Jurisdiction],
        declarations: dict,
        awards: tuple[Award, ...] = (),
    ):
        self.jurisdictions = dict(sorted(jurisdictions.items()))
        self._declarations = declarations  # (jurisdiction id, document) -> Declarations
        self.awards: dict[str, Award] = {a.id: a for a in (*HIGHER_AWARDS, *awards)}
        for j in self.jurisdictions.values():
            self.awards[j.id] = Award(j.id, j.award_name, j.level, j.division_code, j.parent)

    # --- collection --------------------------------------------------------------------------

    @classmethod
    def collect(cls, pm: pluggy.PluginManager) -> Catalog:
        jurisdictions: dict[str, Jurisdiction] = {}
        for label, (j,) in _call_each(pm, "register_jurisdictions"):
            if j.id in jurisdictions:
                raise PluginError(
                    f"管辖区 {j.id} 被重复声明：{jurisdictions[j.id].plugin} 与 {label}"
                )
            jurisdictions[j.id] = _with_plugin(j, label)
        awards: dict[str, Award] = {a.id: a for a in HIGHER_AWARDS}
        for label, (award,) in _call_each(pm, "register_awards"):
            if award.id in awards or award.id in jurisdictions:
                raise PluginError(f"奖项 {award.id} 已有声明，{label} 不能重复声明")
            awards[award.id] = award
        parts: dict = defaultdict(dict)
        for aspect in ASPECTS:
            for label, (jid, document, value) in _call_each(pm, f"register_{aspect}"):
                key = (jid, document)
                if jid not in jurisdictions:
                    raise PluginError(f"{label} 为未声明的管辖区 {jid} 声明了 {aspect}")
                if aspect in parts[key]:
                    raise PluginError(f"{jid} {document} 的 {aspect} 被重复声明（{label}）")
                parts[key][aspect] = value
        declarations = {}
        for j in jurisdictions.values():
            for reg in j.regulations:
                got = parts.pop((j.id, reg.document), {})
                decl = Declarations(j, reg, **{a: got[a] for a in got})
                _check_clause_ids(decl)
                declarations[(j.id, reg.document)] = decl
        if parts:
            (jid, document), _ = next(iter(parts.items()))
            raise PluginError(f"{jid} 的声明指向未知的规章版本 {document}")
        extra = tuple(a for a in awards.values() if a not in HIGHER_AWARDS)
        return cls(jurisdictions, declarations, extra)

    # --- regulation versions by date ---------------------------------------------------------

    def declarations(self, jurisdiction_id: str, day: dt.date) -> tuple[Declarations, list[str]]:
        """The declarations of the regulation version that governs ``day``, with warnings when
        that text is a draft, a lapsed trial, or not yet in force."""
        j = self.jurisdiction(jurisdiction_id)
        reg, warnings = choose_regulation(j.regulations, day)
        return self._declarations[(j.id, reg.document)], warnings

    def all_declarations(self) -> list[Declarations]:
        return [self._declarations[k] for k in sorted(self._declarations)]

    def jurisdiction(self, jurisdiction_id: str) -> Jurisdiction:
        try:
            return self.jurisdictions[jurisdiction_id]
        except KeyError:
            known = "、".join(self.jurisdictions)
            raise KeyError(f"未知的管辖区 {jurisdiction_id}（已知：{known}）") from None

    # --- hierarchy: awards and regions -------------------------------------------------------

    def award(self, award_id: str) -> Award | None:
        return self.awards.get(award_id)

    def is_region(self, region: str) -> bool:
        return region in self.awards or (len(region) == 6 and region.isdigit())

    def contains(self, container: str, region: str) -> bool:
        """Whether ``region`` (an award/jurisdiction id or a GB/T 2260 code) lies in ``container``."""
        outer = self.awards.get(container)
        if outer is None:
            return False
        seen = set()
        while region and region not in seen:
            if region == container or _code_within(region, outer.division_code):
                return True
            seen.add(region)
            inner = self.awards.get(region)
            if inner is None:
                inner = next((a for a in self.awards.values() if a.division_code == region), None)
                if inner is None:
                    return False
            if _code_within(inner.division_code, outer.division_code):
                return True
            region = inner.parent
        return False

    def _at(self, award_id: str, day: dt.date) -> Declarations | None:
        if award_id not in self.jurisdictions:
            return None
        return self.declarations(award_id, day)[0]

    def valid_until(self, record: AwardRecord) -> dt.date | None:
        """The last day (inclusive) an award record is valid: the record's own date, else the
        term of the regulation in force when it was granted, through its corresponding day."""
        if record.valid_until is not None:
            return record.valid_until
        decl = self._at(record.award, record.granted_on)
        years = decl.validity.years if decl and decl.validity else None
        if years is None:
            award = self.awards.get(record.award)
            years = award.validity_years if award else None
        return last_day(record.granted_on, years) if years is not None else None

    def bans(self, sanction: Sanction) -> list[tuple[Ban, SanctionTerm | None]]:
        """The bans a sanction creates: explicit ones on the record, else the awarding
        jurisdiction's term for that reason (ban years from the decision date)."""
        if sanction.bans is not None:
            return [(b, None) for b in sanction.bans]
        term = self.sanction_term(sanction.award, sanction.reason, sanction.decided_on)
        return [(ban, term) for ban in term.bans(sanction.decided_on)] if term else []

    def sanction_term(self, award_id: str, reason, day: dt.date) -> SanctionTerm | None:
        decl = self._at(award_id, day)
        if decl is None:
            return None
        return next((t for t in decl.sanctions if t.reason == reason), None)


def _with_plugin(j: Jurisdiction, label: str) -> Jurisdiction:
    from attrs import evolve

    return evolve(j, plugin=label)


def _code_within(code: str | None, outer: str | None) -> bool:
    """GB/T 2260: 36xxxx lies in 360000, 3607xx in 360700; a county code only in itself."""
    if not code or not outer:
        return False
    if outer.endswith("0000"):
        return code[:2] == outer[:2]
    if outer.endswith("00"):
        return code[:4] == outer[:4]
    return code == outer


def choose_regulation(regs: tuple[Regulation, ...], day: dt.date) -> tuple[Regulation, list[str]]:
    in_force = [r for r in regs if r.in_force_on(day)]
    if in_force:
        reg = max(in_force, key=lambda r: r.effective_from)
        return reg, _status_warnings(reg, day)
    started = [r for r in regs if r.effective_from and r.effective_from <= day]
    if started:
        reg = max(started, key=lambda r: r.effective_from)
        return reg, [
            f"{reg.document}为{STATUS_ZH[reg.status]}文本，已于{reg.effective_until.isoformat()}"
            f"期满失效，{day.isoformat()}按该文本评价仅供参考（{reg.clause}）"
        ]
    drafts = [r for r in regs if r.effective_from is None]
    if drafts:
        reg = drafts[-1]
        return reg, _status_warnings(reg, day)
    reg = min(regs, key=lambda r: r.effective_from)
    return reg, [
        f"{reg.document}自{reg.effective_from.isoformat()}起施行，{day.isoformat()}尚未施行，"
        f"按该文本评价仅供参考（{reg.clause}）"
    ]


def _status_warnings(reg: Regulation, day: dt.date) -> list[str]:
    if reg.effective_from is None:
        note = f"（{reg.note}）" if reg.note else ""
        return [f"{reg.title}尚未正式施行{note}，评价结果仅供参考（{reg.clause}）"]
    return []


def _check_clause_ids(decl: Declarations) -> None:
    """Every clause id a declaration carries must be in its regulation's inventory."""
    known = {c.id for c in decl.regulation.clauses}
    if not known:
        return
    for obj in clause_carriers(decl):
        if obj.clause not in known:
            raise PluginError(
                f"{decl.jurisdiction.id}：{type(obj).__name__} 引用了未知条款 {obj.clause}"
            )


def clause_carriers(decl: Declarations) -> list:
    """Every declared object that carries a clause id, for coverage and checking."""
    out: list = [decl.regulation]
    if decl.regulation.publicity:
        out.append(decl.regulation.publicity)
    out.extend(decl.eligibility)
    for aspect in (decl.quota, decl.scoring, decl.reward, decl.validity):
        if aspect is None:
            continue
        out.append(aspect)
        for attr in ("vote", "onsite", "repeat"):
            if getattr(aspect, attr, None) is not None:
                out.append(getattr(aspect, attr))
        for attr in ("thresholds", "preferences", "prizes", "bonuses", "obligations", "routes"):
            out.extend(getattr(aspect, attr, ()))
    out.extend(decl.sanctions)
    return out


_DEFAULT: Catalog | None = None


def default_catalog() -> Catalog:
    """The catalogue of the installed plugins, collected once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Catalog.collect(plugin_manager())
    return _DEFAULT
