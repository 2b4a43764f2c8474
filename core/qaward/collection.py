"""Collecting each plugin's declarations on its own, and checking them before the catalogue
trusts them.

Every ``register_*`` hook of one plugin is called inside a guard: a plugin whose hook raises is
broken and what it registered is dropped. Then its declarations are checked, each problem naming
the plugin, the declaration and the field: unknown or duplicate ids, division codes taken by
another jurisdiction, references to jurisdictions or awards nobody declared, a regulation version
with no eligibility rules, clause ids missing from the inventory. A plugin with a problem is left
out as a whole (and any plugin that leaned on it, e.g. a county whose parent it declared), so the
others keep working; whoever asked for strict collection gets a :class:`PluginError` instead.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from attrs import define, field

from qaward.declare import mismatch
from qaward.errors import PluginError
from qaward.loading import PluginInfo, PluginManager, State, describe_error
from qaward.plugin import ASPECTS
from qaward.terms import (
    Award,
    Declarations,
    Jurisdiction,
    QuotaPolicy,
    RewardSchedule,
    SanctionTerm,
    ScoringScheme,
    ValidityTerms,
)

HOOKS = ("register_jurisdictions", "register_awards", *(f"register_{a}" for a in ASPECTS))
ASPECT_TYPES: dict[str, Any] = {
    "quota": QuotaPolicy,
    "scoring": ScoringScheme,
    "reward": RewardSchedule,
    "validity": ValidityTerms,
    "sanctions": tuple[SanctionTerm, ...],
}


@define
class Contribution:
    """What one plugin registered, before the catalogue accepts it."""

    info: PluginInfo
    jurisdictions: list[Jurisdiction] = field(factory=list)
    awards: list[Award] = field(factory=list)
    aspects: list[tuple[str, str, str, Any]] = field(factory=list)  # aspect, jid, 文号, value
    problems: list[str] = field(factory=list)
    declarations: dict[tuple[str, str], Declarations] = field(factory=dict)

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.info.label}：{message}")


def gather(pm: PluginManager) -> list[Contribution]:
    """Call every hook of every registered plugin once, plugin by plugin (sorted by name)."""
    impls: dict[object, list] = defaultdict(list)
    for hook in HOOKS:
        for impl in getattr(pm.hook, hook).get_hookimpls():
            impls[impl.plugin].append((hook, impl))
    out = []
    for plugin in sorted(impls, key=lambda p: pm.get_name(p) or ""):
        c = Contribution(pm.info(plugin))
        for hook, impl in impls[plugin]:
            got: list[tuple] = []
            try:
                impl.function(register=lambda *args, _got=got: _got.append(args))
            except Exception as exc:  # the plugin's own code failed: isolate it
                c.fail(f"钩子 {hook} 出错：{describe_error(exc)}")
                break
            for args in got:
                _take(c, hook, args)
        out.append(c)
    return out


def _take(c: Contribution, hook: str, args: tuple) -> None:
    if hook in ("register_jurisdictions", "register_awards"):
        kind = Jurisdiction if hook == "register_jurisdictions" else Award
        thing = args[0] if len(args) == 1 else None
        if isinstance(thing, Jurisdiction) and kind is Jurisdiction:
            c.jurisdictions.append(thing)
        elif isinstance(thing, Award) and kind is Award:
            c.awards.append(thing)
        else:
            c.fail(f"{hook} 应以一个 {kind.__name__} 调用 register，得到 {args!r:.120}")
        return
    if len(args) != 3 or not all(isinstance(a, str) for a in args[:2]):
        c.fail(f"{hook} 应以 register(管辖区id, 文号, 声明) 调用，得到 {args!r:.120}")
        return
    c.aspects.append((hook.removeprefix("register_"), *args))


def check(contributions: list[Contribution], core_awards: Iterable[Award]) -> None:
    """Record every problem on the contribution at fault; iterate until what remains is sound."""
    core = {a.id: a for a in core_awards}
    for c in contributions:
        if not c.problems:
            _check_own(c)
    while True:
        good = [c for c in contributions if not c.problems]
        _check_unique(good, core)
        good = [c for c in good if not c.problems]
        known = set(core) | {j.id for c in good for j in c.jurisdictions}
        known |= {a.id for c in good for a in c.awards}
        for c in good:
            _check_references(c, known)
        if all(not c.problems for c in good):
            return


def _check_own(c: Contribution) -> None:
    """What one plugin can get wrong on its own; if nothing, its declarations are built."""
    mine = {j.id: j for j in c.jurisdictions}
    parts: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for aspect, jid, document, value in c.aspects:
        where = f"{jid} {document} 的 {aspect}"
        if jid not in mine:
            c.fail(f"为不是本插件声明的管辖区 {jid!r} 声明了 {aspect}")
            continue
        if document not in {r.document for r in mine[jid].regulations}:
            c.fail(f"{jid} 的 {aspect} 指向未声明的规章版本 {document!r}")
            continue
        if aspect in parts[(jid, document)]:
            c.fail(f"{where} 被重复声明")
        parts[(jid, document)][aspect] = value
        if aspect == "eligibility":
            _check_rules(c, where, value)
        else:
            bad = mismatch(value, ASPECT_TYPES[aspect])
            if bad:
                path, expected, got = bad
                c.fail(f"{where}{path}：应为 {expected}，得到 {type(got).__name__} {got!r:.80}")
    for j in c.jurisdictions:
        _check_jurisdiction(c, j, parts)
    if c.problems:
        return
    for j in c.jurisdictions:
        for reg in j.regulations:
            decl = Declarations(j, reg, **parts.get((j.id, reg.document), {}))
            problem = check_clause_ids(decl)
            if problem:
                c.fail(problem)
            c.declarations[(j.id, reg.document)] = decl


def _check_jurisdiction(c: Contribution, j: Jurisdiction, parts: dict) -> None:
    if not j.regulations:
        c.fail(f"Jurisdiction {j.id} 的 regulations：至少需要一个规章版本")
    code = j.division_code
    if code is not None and not (len(code) == 6 and code.isdigit()):
        c.fail(
            f"Jurisdiction {j.id} 的 division_code：应为6位 GB/T 2260 行政区划代码，得到 {code!r}"
        )
    for reg in j.regulations:
        ids = Counter(cl.id for cl in reg.clauses)
        twice = sorted(i for i, n in ids.items() if n > 1)
        if twice:
            c.fail(f"Regulation {reg.document} 的 clauses：条款编号重复 {twice}")
        if not parts.get((j.id, reg.document), {}).get("eligibility"):
            c.fail(
                f"{j.id} {reg.document} 没有声明申报条件（eligibility）：否则每个申报者都会被判为"
                "符合；请按条款逐条声明"
            )


def _check_rules(c: Contribution, where: str, value: Any) -> None:
    if not isinstance(value, tuple):
        c.fail(f"{where}：应为规则的元组（按条款顺序），得到 {type(value).__name__}")
        return
    for i, rule in enumerate(value):
        lacks = [
            a for a in ("clause", "article", "text") if not isinstance(getattr(rule, a, None), str)
        ]
        if lacks or not callable(getattr(rule, "check", None)):
            c.fail(
                f"{where}[{i}]：应为规则对象（qaward.rules 中的类或 Custom），"
                f"得到 {type(rule).__name__} {rule!r:.80}"
            )


def _check_unique(good: list[Contribution], core: dict[str, Award]) -> None:
    """Ids and division codes name one thing only; a clash leaves out every plugin in it."""
    owners: dict[tuple[str, str], list[Contribution]] = defaultdict(list)
    for c in good:
        for j in c.jurisdictions:
            owners[("id", j.id)].append(c)
            if j.division_code:
                owners[("division_code", j.division_code)].append(c)
        for a in c.awards:
            owners[("id", a.id)].append(c)
            if a.division_code:
                owners[("division_code", a.division_code)].append(c)
    core_keys = {("id", a.id): a for a in core.values()}
    core_keys |= {("division_code", a.division_code): a for a in core.values() if a.division_code}
    for (kind, value), cs in owners.items():
        what = "id" if kind == "id" else "行政区划代码"
        if (kind, value) in core_keys:
            for c in cs:
                c.fail(f"{what} {value} 已属于核心已知的奖项 {core_keys[(kind, value)].name}")
        elif len(cs) > 1 or _twice_in_one(cs[0], kind, value):
            labels = "、".join(sorted({c.info.label for c in cs}))
            for c in cs:
                c.fail(f"{what} {value} 被重复声明（{labels}），无法判断以哪一个为准")


def _twice_in_one(c: Contribution, kind: str, value: str) -> bool:
    attr = "id" if kind == "id" else "division_code"
    things = [*c.jurisdictions, *c.awards]
    return sum(getattr(t, attr) == value for t in things) > 1


def _check_references(c: Contribution, known: set[str]) -> None:
    shown = "、".join(sorted(known))
    for j in c.jurisdictions:
        if j.parent is not None and j.parent not in known:
            c.fail(
                f"Jurisdiction {j.id} 的 parent：未知的管辖区或奖项 {j.parent!r}（已知：{shown}）"
            )
    for a in c.awards:
        if a.parent is not None and a.parent not in known:
            c.fail(f"Award {a.id} 的 parent：未知的管辖区或奖项 {a.parent!r}（已知：{shown}）")
    for aspect, _jid, _document, value in c.aspects:
        for label, award in _award_references(aspect, value):
            if award not in known:
                c.fail(f"{label}：未知的奖项 {award!r}（已知：{shown}）")


def _award_references(aspect: str, value: Any) -> Iterable[tuple[str, str]]:
    """(where, award id) for every award id a declaration names."""
    if aspect == "sanctions":
        for term in value:
            for i, award in enumerate(term.ban_awards):
                yield f"SanctionTerm {term.clause} 的 ban_awards[{i}]", award
    elif aspect == "reward":
        for i, bonus in enumerate(value.bonuses):
            yield f"RewardSchedule 的 bonuses[{i}]（{bonus.clause}）.award", bonus.award
    elif aspect == "validity":
        for i, route in enumerate(value.routes):
            yield f"ValidityTerms 的 routes[{i}]（{route.clause}）.to_award", route.to_award


def check_clause_ids(decl: Declarations) -> str | None:
    """A clause id a declaration carries that its regulation's inventory lacks, if any."""
    known = {c.id for c in decl.regulation.clauses}
    if not known:
        return None
    for obj in clause_carriers(decl):
        if obj.clause not in known:
            return f"{type(obj).__name__} 引用了规章 {decl.regulation.document} 条款清单中没有的条款 {obj.clause}"
    return None


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


def accept(contributions: list[Contribution], strict: bool) -> list[Contribution]:
    """The sound contributions; the others marked broken (or, when strict, an error)."""
    problems = [p for c in contributions for p in c.problems]
    if problems and strict:
        raise PluginError("\n".join(problems))
    for c in contributions:
        if c.problems:
            c.info.state = State.broken
            c.info.error = "；".join(p.split("：", 1)[1] for p in c.problems)
        else:
            c.info.jurisdictions = sorted(j.id for j in c.jurisdictions)
    return [c for c in contributions if not c.problems]
