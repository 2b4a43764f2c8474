"""Declarations are checked when built and when collected: one test per mistake a new county's
author made (issue 11's table), each error naming the plugin, the declaration and the field."""

import datetime as dt

import pytest
from conftest import make_org
from qaward.catalog import Catalog, plugin_manager
from qaward.compare import comparison
from qaward.engine import Status, evaluate
from qaward.errors import DeclarationError, PluginError
from qaward.plugin import (
    Award,
    Clause,
    FraudTest,
    Jurisdiction,
    JurisdictionPlugin,
    LegalPerson,
    Level,
    Registered,
    Regulation,
    SanctionReason,
    SanctionTerm,
    ScoringScheme,
)
from qaward.plugin import (
    Status as RegStatus,
)

DOC = "信府发〔2025〕1号"
CLAUSES = (
    Clause("XF-10", "第十条", "elig", "在信丰县注册登记，具有法人资格"),
    Clause("XF-12", "第十二条", "score", "按 GB/T 19580 评分"),
    Clause("XF-20", "第二十条", "sanct", "弄虚作假：撤销，5年内不得申报"),
    Clause("XF-30", "第三十条", "meta", "施行"),
)
REG = Regulation(
    "XF-30",
    "第三十条",
    DOC,
    "信丰县县长质量奖管理办法",
    RegStatus.in_force,
    dt.date(2025, 1, 1),
    clauses=CLAUSES,
)
RULES = (Registered("XF-10", "第十条"), LegalPerson("XF-10", "第十条"))


def county(**changes) -> Jurisdiction:
    fields = dict(
        id="xinfeng",
        name="信丰县",
        award_name="信丰县县长质量奖",
        level=Level.county,
        regulations=(REG,),
        parent="ganzhou_city",
        division_code="360722",
    )
    return Jurisdiction(**(fields | changes))


STATED = {"revoke": True, "clawback": True, "notice": True, "window": "any"}


def fraud(*awards: str) -> SanctionTerm:
    return SanctionTerm(
        "XF-20",
        "第二十条",
        SanctionReason.fraud,
        "弄虚作假",
        events=(FraudTest(),),
        ban_years=5,
        ban_awards=awards,
        **STATED,
    )


def collect(*plugins, isolate=False) -> Catalog:
    return Catalog.collect(plugin_manager(plugins), isolate=isolate)


def test_a_sound_county_is_collected():
    catalog = collect(JurisdictionPlugin.of(county(), eligibility=RULES))
    assert catalog.contains("ganzhou_city", "xinfeng")


# --- row 1: a misspelt aspect keyword ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "meant"), [("eligibilty", "eligibility"), ("sanction", "sanctions")]
)
def test_a_misspelt_aspect_keyword_is_refused_with_the_right_one(typo, meant):
    with pytest.raises(PluginError, match=f"未知的声明项 '{typo}'.*是否应为 {meant}"):
        JurisdictionPlugin.of(county(), **{typo: RULES})


# --- row 2: a parent nobody declared -----------------------------------------------------------


def test_an_unknown_parent_names_the_plugin_the_jurisdiction_and_the_field():
    plugin = JurisdictionPlugin.of(county(parent="ganzhou"), eligibility=RULES)
    with pytest.raises(PluginError) as err:
        collect(plugin)
    message = str(err.value)
    assert "Jurisdiction xinfeng 的 parent" in message and "'ganzhou'" in message
    assert "ganzhou_city" in message  # the known ids, to pick the right one


def test_an_unknown_parent_leaves_only_that_plugin_out_when_isolating():
    catalog = collect(
        JurisdictionPlugin.of(county(parent="ganzhou"), eligibility=RULES), isolate=True
    )
    assert "xinfeng" not in catalog.jurisdictions
    assert evaluate(make_org(), "ganzhou_city", dt.date(2026, 9, 1), catalog=catalog).status is (
        Status.eligible
    )
    (broken,) = [i for i in catalog.problems() if "parent" in i.error]
    assert broken.state == "broken"


# --- row 3: an unknown award in a ban; a division code another jurisdiction has ----------------


def test_an_unknown_award_in_a_sanctions_bans_is_refused():
    plugin = JurisdictionPlugin.of(
        county(), eligibility=RULES, sanctions=(fraud("xinfeng", "jiangxi_jingang"),)
    )
    with pytest.raises(
        PluginError, match=r"SanctionTerm XF-20 的 ban_awards\[1\].*'jiangxi_jingang'"
    ):
        collect(plugin)


def test_a_division_code_another_jurisdiction_has_is_refused():
    plugin = JurisdictionPlugin.of(county(division_code="360733"), eligibility=RULES)  # 会昌县
    with pytest.raises(PluginError, match="行政区划代码 360733 被重复声明") as err:
        collect(plugin)
    assert "（huichang (qaward-huichang 0.1.0)、xinfeng）" in str(err.value)


def test_a_division_code_of_a_core_award_is_refused():
    plugin = JurisdictionPlugin.of(county(division_code="360000"), eligibility=RULES)
    with pytest.raises(PluginError, match="360000 已属于核心已知的奖项 江西省井冈质量奖"):
        collect(plugin)


def test_a_division_code_must_have_six_digits():
    with pytest.raises(PluginError, match="division_code：应为6位"):
        collect(JurisdictionPlugin.of(county(division_code="36072"), eligibility=RULES))


# --- row 4: a string where the vocabulary wants an enumeration ---------------------------------


def test_a_level_given_as_a_string_fails_where_it_is_written():
    with pytest.raises(DeclarationError, match="Jurisdiction.level：应为 Level.*得到 str 'county'"):
        county(level="county")


def test_wrong_types_inside_rules_and_terms_name_class_field_and_position():
    with pytest.raises(DeclarationError, match=r"Regulation.clauses\[0\]：应为 Clause"):
        Regulation("XF-30", "第三十条", DOC, "t", RegStatus.in_force, None, clauses=("XF-10",))
    with pytest.raises(DeclarationError, match="SanctionTerm.ban_years：应为 int | None"):
        SanctionTerm("XF-20", "第二十条", SanctionReason.fraud, "弄虚作假", ban_years="5", **STATED)


def test_an_aspect_of_the_wrong_kind_is_refused_at_collection():
    plugin = JurisdictionPlugin.of(county(), eligibility=RULES, quota=RULES)
    with pytest.raises(PluginError, match="xinfeng 信府发〔2025〕1号 的 quota：应为 QuotaPolicy"):
        collect(plugin)
    with pytest.raises(PluginError, match=r"eligibility\[1\]：应为规则对象"):
        collect(JurisdictionPlugin.of(county(), eligibility=(RULES[0], "XF-10")))


# --- row 5 (import errors, no `plugin` attribute) is in test_plugin_faults.py --------------------

# --- row 6: awards= given to JurisdictionPlugin.of ---------------------------------------------


def test_awards_given_to_of_are_kept():
    award = Award("guangdong_government", "广东省政府质量奖", Level.provincial, "440000")
    catalog = collect(JurisdictionPlugin.of(county(), eligibility=RULES, awards=(award,)))
    assert catalog.award("guangdong_government") == award


# --- row 7: an unstated term is left unstated --------------------------------------------------


def test_a_scoring_scheme_without_covers_years_says_nothing_of_past_performance():
    scheme = ScoringScheme("XF-12", "第十二条", standard="GB/T 19580")
    assert scheme.covers_years is None
    catalog = collect(JurisdictionPlugin.of(county(), eligibility=RULES, scoring=scheme))
    _ids, rows = comparison(catalog, ["xinfeng"], dt.date(2026, 9, 1))
    assert not any("业绩" in str(cell) for _term, cells in rows for cell in cells)


# --- beyond the table: duplicates, no eligibility rules ----------------------------------------


def test_a_jurisdiction_with_no_eligibility_rules_is_refused():
    with pytest.raises(PluginError, match="没有声明申报条件（eligibility）"):
        collect(JurisdictionPlugin.of(county()))


def test_a_jurisdiction_id_of_a_core_award_is_refused():
    with pytest.raises(PluginError, match="id china_quality_award 已属于核心已知的奖项"):
        collect(JurisdictionPlugin.of(county(id="china_quality_award"), eligibility=RULES))


def test_duplicate_clause_ids_in_an_inventory_are_refused():
    reg = Regulation(
        "XF-30",
        "第三十条",
        DOC,
        "t",
        RegStatus.in_force,
        dt.date(2025, 1, 1),
        clauses=(*CLAUSES, Clause("XF-10", "第十条", "elig", "again")),
    )
    with pytest.raises(PluginError, match=r"条款编号重复 \['XF-10'\]"):
        collect(JurisdictionPlugin.of(county(regulations=(reg,)), eligibility=RULES))


def test_one_of_reports_several_versions_clearly():
    reg2 = Regulation("XF-30", "第三十条", "信府发〔2026〕2号", "t2", RegStatus.draft, None)
    with pytest.raises(PluginError, match="只有一个规章版本"):
        JurisdictionPlugin.of(county(regulations=(REG, reg2)), eligibility=RULES)


def test_a_sanction_term_states_what_its_article_does():
    with pytest.raises(TypeError, match="revoke"):
        SanctionTerm("XF-20", "第二十条", SanctionReason.fraud, "弄虚作假")  # type: ignore[call-arg]
