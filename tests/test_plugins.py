"""The plugin manager and the catalogue: hooks, conflicts, versions by date, a third-party county."""

import datetime as dt
import inspect

import pluggy
import pytest
from conftest import make_org
from qaward import hookspecs
from qaward.catalog import Catalog, PluginError, choose_regulation, plugin_manager
from qaward.engine import Status, evaluate
from qaward.hookspecs import hookimpl
from qaward.model import Level, Tier
from qaward.plugin import JurisdictionPlugin
from qaward.rules import LegalPerson, Registered, YearsOfOperation
from qaward.terms import Award, Clause, Jurisdiction, Regulation
from qaward.terms import Status as RegStatus

HOOKS = [
    name
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
    if name.startswith("register_")
]


def _county(jid="xinfeng", doc="信府发〔2025〕1号", clauses=True, **regs):
    reg = Regulation(
        clause="XF-30",
        article="第三十条",
        document=doc,
        title="信丰县县长质量奖管理办法",
        status=RegStatus.in_force,
        effective_from=dt.date(2025, 1, 1),
        clauses=(
            Clause("XF-10", "第十条", "elig", "注册登记3年以上"),
            Clause("XF-30", "第三十条", "meta", "施行"),
        )
        if clauses
        else (),
        **regs,
    )
    j = Jurisdiction(
        jid,
        "信丰县",
        "信丰县县长质量奖",
        Level.county,
        (reg,),
        parent="ganzhou_city",
        division_code="360722",
    )
    rules = (
        Registered("XF-10", "第十条"),
        LegalPerson("XF-10", "第十条"),
        YearsOfOperation("XF-10", "第十条", min_years=5),
    )
    return JurisdictionPlugin(j, {doc: {"eligibility": rules}})


def test_every_hookspec_has_a_docstring_and_a_builtin_implementation():
    pm = plugin_manager()
    for name in HOOKS:
        assert getattr(hookspecs, name).__doc__.strip(), name
        if name != "register_awards":  # optional: no built-in text names an unknown award
            assert getattr(pm.hook, name).get_hookimpls(), f"no plugin implements {name}"
    assert set(HOOKS) == {
        "register_jurisdictions",
        "register_awards",
        "register_eligibility",
        "register_quota",
        "register_scoring",
        "register_reward",
        "register_validity",
        "register_sanctions",
    }


def test_builtins_come_through_the_entry_point_group():
    pm = plugin_manager()
    names = {pm.get_name(p) for p, _dist in pm.list_plugin_distinfo()}
    assert {"ganzhou_city", "ganzhou_kfq"} <= names


def test_check_pending_catches_a_misspelled_hook():
    class Typo:
        @hookimpl
        def register_eligibilty(self, register):  # sic
            pass

    with pytest.raises(pluggy.PluginValidationError):
        plugin_manager([Typo()], entry_points=False)


def test_a_third_party_county_is_a_plugin_not_a_core_change():
    catalog = Catalog.collect(plugin_manager([_county()]))
    assert "xinfeng" in catalog.jurisdictions
    assert catalog.contains("ganzhou_city", "xinfeng")
    org = make_org(region="360722", established_on="2022-01-01")
    result = evaluate(org, "xinfeng", dt.date(2026, 9, 1), catalog=catalog)
    assert result.status is Status.ineligible  # 4.7 years < 5
    assert [f.rule for f in result.failed] == ["XF-10"]
    assert result.failed[0].citation == "信府发〔2025〕1号 第十条"
    # the city's bans reach the new county's organisation only for the awards they name
    fraud = make_org(
        region="360722",
        sanctions=[{"award": "ganzhou_kfq", "reason": "fraud", "decided_on": "2025-01-01"}],
    )
    assert (
        evaluate(fraud, "xinfeng", dt.date(2026, 9, 1), catalog=catalog).status is Status.eligible
    )


def test_a_plugin_may_declare_a_higher_award_the_core_does_not_know():
    plugin = _county()
    plugin.awards = (
        Award(
            "guangdong_government", "广东省政府质量奖", Level.provincial, "440000", validity_years=3
        ),
    )
    catalog = Catalog.collect(plugin_manager([plugin]))
    assert catalog.award("guangdong_government").level is Level.provincial
    assert catalog.contains("guangdong_government", "440106")
    plugin.awards = (Award("china_quality_award", "中国质量奖", Level.national),)
    with pytest.raises(PluginError, match="china_quality_award"):
        Catalog.collect(plugin_manager([plugin]))


def test_duplicate_jurisdiction_is_an_error_naming_both_plugins():
    with pytest.raises(PluginError, match="xinfeng"):
        Catalog.collect(plugin_manager([_county(), _county()], entry_points=False))


def test_unknown_clause_id_in_a_declaration_is_an_error():
    plugin = _county()
    bad = plugin.versions["信府发〔2025〕1号"]["eligibility"] + (
        LegalPerson("XF-99", "第九十九条"),
    )
    plugin.versions["信府发〔2025〕1号"]["eligibility"] = bad
    with pytest.raises(PluginError, match="XF-99"):
        Catalog.collect(plugin_manager([plugin], entry_points=False))


def test_declarations_for_an_unknown_version_are_rejected():
    with pytest.raises(ValueError, match="未声明的规章版本"):
        JurisdictionPlugin(_county().jurisdiction, {"另一文号": {}})


def test_hooks_are_called_once_per_catalogue_not_per_evaluation():
    calls = []

    class Counter:
        @hookimpl
        def register_eligibility(self, register):
            calls.append(1)

    catalog = Catalog.collect(plugin_manager([Counter()]))
    assert len(calls) == 1
    for _ in range(20):
        evaluate(make_org(), "ganzhou_city", dt.date(2026, 9, 1), catalog=catalog)
    assert len(calls) == 1


def test_result_does_not_depend_on_plugin_order():
    a = Catalog.collect(plugin_manager([_county()]))
    b = Catalog.collect(plugin_manager([_county()]))
    assert list(a.jurisdictions) == list(b.jurisdictions) == sorted(a.jurisdictions)


def test_versions_are_chosen_by_date():
    old = Regulation("X", "第一条", "旧", "旧办法", RegStatus.in_force, dt.date(2019, 1, 1))
    new = Regulation("X", "第一条", "新", "新办法", RegStatus.in_force, dt.date(2024, 3, 1))
    trial = Regulation(
        "X", "第一条", "试", "试行", RegStatus.trial, dt.date(2023, 7, 1), dt.date(2025, 6, 30)
    )
    draft = Regulation("X", "第一条", "稿", "征求意见稿", RegStatus.draft, None)
    assert choose_regulation((old, new), dt.date(2024, 2, 29))[0] is old
    assert choose_regulation((old, new), dt.date(2024, 3, 1)) == (new, [])
    reg, warnings = choose_regulation((trial,), dt.date(2025, 7, 1))
    assert reg is trial and "期满失效" in warnings[0]
    assert choose_regulation((trial,), dt.date(2025, 6, 30)) == (trial, [])
    assert "尚未施行" in choose_regulation((trial,), dt.date(2023, 6, 30))[1][0]
    assert "征求意见稿" in choose_regulation((draft,), dt.date(2026, 1, 1))[1][0]


def test_regions_nest_by_parent_and_division_code(catalog):
    assert catalog.contains(
        "ganzhou_city", "ganzhou_kfq"
    )  # by parent: 经开区 has no GB/T 2260 code
    assert catalog.contains("ganzhou_city", "360733")
    assert catalog.contains("jiangxi_jinggang", "ganzhou_kfq")  # via 赣州市
    assert catalog.contains("jiangxi_jinggang", "360102")
    assert not catalog.contains("ganzhou_kfq", "ganzhou_city")
    assert not catalog.contains("ganzhou_kfq", "360702")
    assert not catalog.contains("ganzhou_city", "410702")
    assert catalog.award("china_quality_award").level is Level.national


def test_tier_names(catalog):
    assert catalog.jurisdiction("ganzhou_city").tier_names[Tier.nomination] == "市长质量奖提名奖"
