"""Bad input never reaches the rules: strict structuring with file and field path."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import org_data
from qaward import io as io_module
from qaward.creditcode import CreditCodeError, check_character, validate_credit_code
from qaward.io import InputError, load, read_document, structure
from qaward.model import Organization, SanctionCase


def problems(data, cls=Organization):
    with pytest.raises(InputError) as info:
        structure(data, cls, "org.yaml")
    return "\n".join(info.value.problems)


@pytest.mark.parametrize("code", ["91360703MA399JF903", "91350100M000100Y43", "91110000600037341L"])
def test_valid_credit_codes(code):
    validate_credit_code(code)
    assert check_character(code[:17]) == code[17]


@pytest.mark.parametrize(
    "code, reason",
    [
        ("91360703MA399JF904", "校验位错误"),
        ("91360703MA399JF90", "18位"),
        ("91360703MA399JFO03", "非法字符"),  # letter O is not in the GB 32100 character set
    ],
)
def test_bad_credit_codes(code, reason):
    with pytest.raises(CreditCodeError, match=reason):
        validate_credit_code(code)
    assert "$.credit_code" in problems(org_data(credit_code=code))


def test_wrong_check_character_names_the_expected_one():
    assert "应为 3" in problems(org_data(credit_code="91360703MA399JF904"))


@pytest.mark.parametrize(
    "changes, path, words",
    [
        ({"founded": "2016-01-01"}, "$", "未知字段 founded"),
        ({"legal_person": "yes"}, "$.legal_person", "true/false"),
        ({"established_on": "2016-02-30"}, "$.established_on", "YYYY-MM-DD"),
        ({"established_on": 20160301}, "$.established_on", "YYYY-MM-DD"),
        ({"sector": "mining"}, "$.sector", "manufacturing | service"),
        ({"tax_per_mu": "260000"}, "$.tax_per_mu", "整数"),
        ({"tax_per_mu": True}, "$.tax_per_mu", "整数"),
        ({"safety_standardization_level": 4}, "$.safety_standardization_level", "1、2、3"),
        ({"financials": [{"year": 2025, "profit": 1.5}]}, "$.financials[0].profit", "整数"),
        (
            {"events": [{"kind": "meteor", "date": "2025-01-01"}]},
            "$.events[0]",
            "accident | complaint",
        ),
        (
            {
                "events": [
                    {"kind": "accident", "date": "2025-01-01", "category": "fire", "grade": "major"}
                ]
            },
            "$.events[0].category",
            "production_safety",
        ),
        (
            {"events": [{"kind": "complaint", "date": "2025-01-01", "major": True, "loud": True}]},
            "$.events[0]",
            "未知字段 loud",
        ),
        (
            {"attestations": {"policy_compliant": True, "happy": True}},
            "$.attestations",
            "未知字段 happy",
        ),
        (
            {
                "awards": [
                    {
                        "award": "ganzhou_city",
                        "tier": "gold",
                        "year": 2024,
                        "granted_on": "2024-12-20",
                    }
                ]
            },
            "$.awards[0].tier",
            "quality | nomination",
        ),
        (
            {"sanctions": [{"award": "ganzhou_kfq", "reason": "fraud"}]},
            "$.sanctions[0]",
            "decided_on",
        ),
    ],
)
def test_bad_fields_are_named_with_their_path(changes, path, words):
    text = problems(org_data(**changes))
    assert f"@ {path}" in text and words in text, text


def test_missing_required_fields():
    text = problems({"credit_code": "91360703MA399JF903"})
    assert "name" in text and "region" in text


def test_yaml_dates_and_json_strings_give_the_same_organisation(tmp_path):
    y = tmp_path / "a.yaml"
    y.write_text(
        "name: 甲\ncredit_code: 91360703MA399JF903\nregion: ganzhou_kfq\nestablished_on: 2016-03-01\n",
        encoding="utf-8",
    )
    j = tmp_path / "a.json"
    j.write_text(
        '{"name": "甲", "credit_code": "91360703MA399JF903", "region": "ganzhou_kfq", "established_on": "2016-03-01"}',
        encoding="utf-8",
    )
    assert load(y, Organization) == load(j, Organization)
    assert load(y, Organization).established_on == dt.date(2016, 3, 1)


@pytest.mark.parametrize(
    "text, words",
    [
        ("name: [unclosed\n", "YAML 格式错误：第"),
        ("- just\n- a list\n", "应为映射"),
        ("", "应为映射"),
    ],
)
def test_malformed_yaml(tmp_path, text, words):
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(f, Organization)
    assert words in str(info.value) and str(f) in str(info.value)


def test_yaml_on_and_yes_are_not_booleans(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text(
        "name: 甲\ncredit_code: 91360703MA399JF903\nregion: huichang\n"
        "recommendations:\n  - {award: huichang, by: 筠门岭镇人民政府, on: 2025-03-10}\n",
        encoding="utf-8",
    )
    assert load(f, Organization).recommendations[0].on == dt.date(2025, 3, 10)
    f.write_text(
        "name: 甲\ncredit_code: 91360703MA399JF903\nregion: huichang\nlegal_person: yes\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="true/false"):
        load(f, Organization)


def test_malformed_json(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{"name": "x",}', encoding="utf-8")
    with pytest.raises(InputError, match="JSON 格式错误：第1行"):
        load(f, Organization)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="无法读取文件"):
        load(tmp_path / "nope.yaml", Organization)


def test_sanction_case_accepts_sanction_only_event_kinds():
    case = structure(
        {
            "record": {
                "award": "ganzhou_kfq",
                "tier": "quality",
                "year": 2024,
                "granted_on": "2024-12-20",
            },
            "event": {"kind": "operating_loss", "date": "2026-01-01", "years": 2},
            "decided_on": "2026-03-01",
        },
        SanctionCase,
    )
    assert case.event.years == 2
    with pytest.raises(InputError, match="kind"):
        structure(org_data(events=[{"kind": "fraud", "date": "2025-01-01"}]), Organization)


ORG_HEAD = "name: 甲\ncredit_code: 91360703MA399JF903\nregion: ganzhou_kfq\n"


@pytest.mark.parametrize(
    "text, words",
    [
        (ORG_HEAD + "name: 乙\n", "第4行：重复的键 'name'（第一次在第1行）"),
        (
            ORG_HEAD + "events:\n  - {kind: spot_check_failure, date: 2024-01-01,"
            " date: 2024-02-01, level: city}\n",
            "第5行：重复的键 'date'",
        ),
    ],
)
def test_yaml_duplicate_keys_are_errors(tmp_path, text, words):
    f = tmp_path / "dup.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(f, Organization)
    assert words in str(info.value) and "YAML 格式错误" in str(info.value)


def test_json_duplicate_keys_are_errors_naming_the_line(tmp_path):
    f = tmp_path / "dup.json"
    # the same key in sibling objects is fine; the second "date" of the second event is not
    f.write_text(
        '{"name": "甲", "credit_code": "91360703MA399JF903", "region": "ganzhou_kfq",\n'
        ' "events": [\n'
        '  {"kind": "spot_check_failure", "date": "2024-01-01", "level": "city"},\n'
        '  {"kind": "spot_check_failure", "date": "2024-01-01",\n'
        '   "level": "city", "date": "2024-03-01"}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load(f, Organization)
    assert "JSON 格式错误：第5行：重复的键 'date'（第一次在第4行）" in str(info.value)


def test_yaml_merge_keys_still_work(tmp_path):
    f = tmp_path / "merge.yaml"
    f.write_text(
        "base: &b {name: 甲, region: ganzhou_kfq}\n"
        "org:\n  <<: *b\n  credit_code: 91360703MA399JF903\n  name: 乙\n",
        encoding="utf-8",
    )
    assert read_document(f)["org"] == {
        "name": "乙",
        "region": "ganzhou_kfq",
        "credit_code": "91360703MA399JF903",
    }


class _ReferenceLoader(io_module._Loader):
    """The same loader through PyYAML's own (generator-based) construction and resolution."""

    resolve = yaml.resolver.BaseResolver.resolve
    construct_document = yaml.constructor.BaseConstructor.construct_document


YAML_SAMPLES = [
    *sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")),
    "a: &x [1, 2.5, null, ~, true, False, 'on', on, yes, 0x1F, 2025-02-30, '2025-03-01']\n"
    "b: *x\nc: {<<: {k: 1, j: 2}, j: 3}\nd: |\n  多行\n  文本\ne: [[], {}, '', \"\\u4e2d\"]\n",
    "- {a: 1}\n- &m {b: 2}\n- *m\n- {<<: [*m, {c: 3}], c: 4}\n",
]


@pytest.mark.parametrize("sample", YAML_SAMPLES, ids=str)
def test_the_fast_yaml_construction_gives_pyyaml_s_result(sample):
    text = sample.read_text(encoding="utf-8") if isinstance(sample, Path) else sample
    fast = yaml.load(text, Loader=io_module._Loader)
    assert fast == yaml.load(text, Loader=_ReferenceLoader)
    if isinstance(sample, str) and sample.startswith("a:"):
        assert fast["a"] is fast["b"]  # an alias is the same object, as in PyYAML
        assert fast["c"] == {"k": 1, "j": 3} and fast["a"][7] == "on"


def test_an_unhashable_yaml_key_is_a_format_error(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("? [a, b]\n: 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="YAML"):
        read_document(f)


def test_the_lazy_tagged_unions_answer_as_cattrs_configure_tagged_union(monkeypatch):
    """io makes an event kind's hooks when first met; cattrs' strategy makes them all at once:
    the same structures, the same unstructured output, the same messages, kind by kind."""
    from cattrs.strategies import configure_tagged_union
    from qaward.model import SANCTION_EVENT_TYPES, Event, SanctionEvent

    reference = io_module._make_converter()
    for union in (Event, SanctionEvent):
        configure_tagged_union(union, reference, tag_name="kind", tag_generator=lambda c: c.kind)
    examples = Path(__file__).parent.parent / "examples"
    org = read_document(examples / "org_kfq_electronics.yaml")
    cases = [read_document(p) for p in sorted(examples.glob("sanction_case_*.yaml"))]
    orgs = [read_document(p) for p in sorted(examples.glob("org_*.yaml"))]
    kinds = [t.kind for t in SANCTION_EVENT_TYPES]
    bad_events = [
        *({"kind": k} for k in kinds),  # each kind's own required fields named
        *({"kind": k, "date": "2024-01-01", "bogus": 1} for k in kinds),
        {"kind": "earthquake", "date": "2024-01-01"},
        {"date": "2024-01-01"},
        {"kind": ["accident"]},
        "accident",
    ]
    inputs = [(o, Organization) for o in orgs] + [(c, SanctionCase) for c in cases]
    inputs += [(org | {"events": [e]}, Organization) for e in bad_events]
    inputs += [(cases[0] | {"event": e}, SanctionCase) for e in bad_events]

    def answer(converter, data, cls):
        monkeypatch.setattr(io_module, "converter", converter)
        try:
            got = structure(data, cls, "x.yaml")
        except InputError as exc:
            return "error", exc.problems
        return "ok", got, converter.unstructure(got)

    ours = io_module.converter
    for data, cls in inputs:
        assert answer(ours, data, cls) == answer(reference, data, cls), data
