"""The plugin manager and the catalogue of everything the plugins declared.

Hooks are called once, here; the engine, ``compare`` and ``clauses`` read the resulting
:class:`Catalog`. Nothing depends on plugin order: declarations are keyed and sorted by id, and
a second declaration of the same thing is an error naming both plugins.
"""

from __future__ import annotations

import datetime as dt

from qaward import collection, pluginlog
from qaward.awards import HIGHER_AWARDS
from qaward.collection import clause_carriers
from qaward.dates import last_day
from qaward.declare import evolve
from qaward.errors import PluginError, PluginUnavailable, UnknownJurisdiction
from qaward.loading import PluginInfo, PluginManager, State, plugin_manager
from qaward.model import AwardRecord, Ban, Sanction
from qaward.notices import Notice
from qaward.terms import STATUS_ZH, Award, Declarations, Jurisdiction, Regulation, SanctionTerm

__all__ = ["Catalog", "PluginError", "clause_carriers", "default_catalog", "plugin_manager"]


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
        self.plugins: dict[str, PluginInfo] = {}  # every plugin seen, loaded or not
        for j in self.jurisdictions.values():
            self.awards[j.id] = Award(j.id, j.award_name, j.level, j.division_code, j.parent)
        self.plans: dict = {}  # (jurisdiction id, date) -> qaward.plan.Plan, see plan_for
        self._term_bans: dict = {}  # (award, reason, decided_on) -> bans derived from the terms

    # --- collection --------------------------------------------------------------------------

    @classmethod
    def collect(cls, pm: PluginManager, *, isolate: bool = False) -> Catalog:
        """Call every hook once, plugin by plugin, and check what they declared.

        By default a problem raises :class:`PluginError` (all problems, each naming the plugin,
        the declaration and the field). With ``isolate=True`` a faulty plugin is left out and
        listed in :attr:`plugins` as broken, and the others are collected as usual.
        """
        contributions = collection.gather(pm)
        collection.check(contributions, HIGHER_AWARDS)
        good = collection.accept(contributions, strict=not isolate)
        jurisdictions = {j.id: _with_plugin(j, c.info.label) for c in good for j in c.jurisdictions}
        declarations = {
            key: evolve(decl, jurisdiction=jurisdictions[key[0]])
            for c in good
            for key, decl in c.declarations.items()
        }
        awards = tuple(a for c in good for a in c.awards)
        catalog = cls(jurisdictions, declarations, awards)
        catalog.plugins = dict(sorted(pm.infos.items()))
        return catalog

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
        except (KeyError, TypeError):
            pass
        for info in self.plugins.values():
            if info.state is not State.loaded and jurisdiction_id in (info.name, info.distribution):
                raise PluginUnavailable(info.describe())
        known = "、".join(self.jurisdictions)
        raise UnknownJurisdiction(f"未知的管辖区 {jurisdiction_id!r}（已知：{known}）")

    def problems(self) -> list[PluginInfo]:
        """The plugins left out: broken (with the error) or disabled."""
        return [i for i in self.plugins.values() if i.state is not State.loaded]

    # --- hierarchy: awards and regions -------------------------------------------------------

    def award(self, award_id: str) -> Award | None:
        return self.awards.get(award_id)

    def is_region(self, region: str) -> bool:
        return region in self.awards or (len(region) == 6 and region.isdigit())

    def contains(self, container: str, region: str | None) -> bool:
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
        key = (sanction.award, sanction.reason, sanction.decided_on)
        got = self._term_bans.get(key)
        if got is None:  # derived once per sanction, not once per jurisdiction evaluated
            term = self.sanction_term(*key)
            got = self._term_bans[key] = (
                [(ban, term) for ban in term.bans(sanction.decided_on)] if term else []
            )
        return list(got)

    def sanction_term(self, award_id: str, reason, day: dt.date) -> SanctionTerm | None:
        decl = self._at(award_id, day)
        if decl is None:
            return None
        return next((t for t in decl.sanctions if t.reason == reason), None)


def _with_plugin(j: Jurisdiction, label: str) -> Jurisdiction:
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


def _start(reg: Regulation) -> dt.date:
    return reg.effective_from or dt.date.min  # a draft (no date) sorts first


def choose_regulation(regs: tuple[Regulation, ...], day: dt.date) -> tuple[Regulation, list[str]]:
    in_force = [r for r in regs if r.in_force_on(day)]
    if in_force:
        reg = max(in_force, key=_start)
        return reg, _status_warnings(reg, day)
    started = [r for r in regs if r.effective_from and r.effective_from <= day]
    if started:
        reg = max(started, key=_start)
        return reg, [
            Notice(
                "regulation_lapsed",
                f"{reg.document}为{STATUS_ZH[reg.status]}文本，已于{reg.effective_until}"
                f"期满失效，{day.isoformat()}按该文本评价仅供参考（{reg.clause}）",
            )
        ]
    drafts = [r for r in regs if r.effective_from is None]
    if drafts:
        reg = drafts[-1]
        return reg, _status_warnings(reg, day)
    reg = min(regs, key=_start)
    return reg, [
        Notice(
            "regulation_not_in_force",
            f"{reg.document}自{reg.effective_from}起施行，{day.isoformat()}尚未施行，"
            f"按该文本评价仅供参考（{reg.clause}）",
        )
    ]


def _status_warnings(reg: Regulation, day: dt.date) -> list[str]:
    if reg.effective_from is None:
        note = f"（{reg.note}）" if reg.note else ""
        return [
            Notice(
                "regulation_not_in_force",
                f"{reg.title}尚未正式施行{note}，评价结果仅供参考（{reg.clause}）",
            )
        ]
    return []


_DEFAULT: Catalog | None = None


def default_catalog() -> Catalog:
    """The catalogue of the installed plugins, collected once per process. A broken plugin is
    left out (see :attr:`Catalog.plugins`) and reported on the ``qaward.plugins`` logger."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Catalog.collect(plugin_manager(), isolate=True)
        for info in _DEFAULT.problems():
            if info.state is State.broken:
                pluginlog.warn(info.describe())
    return _DEFAULT
