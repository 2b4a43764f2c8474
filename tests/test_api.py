"""The embedding API (``import qaward``): documents from dicts or files, one or all
jurisdictions, with or without a registry, and documented errors instead of bare
KeyError / TypeError."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import qaward
from qaward.testing import SAMPLE
from registrykit import EXAMPLES, ok

DAY = dt.date(2026, 9, 1)
FLUORINE = EXAMPLES / "org_huichang_fluorine.yaml"


def test_version_and_documented_names():
    from importlib.metadata import version

    assert qaward.__version__ == version("qaward")
    for name in qaward.__all__:
        assert getattr(qaward, name) is not None, name
    assert issubclass(qaward.InputError, qaward.QawardError)
    assert issubclass(qaward.UnknownJurisdiction, qaward.QawardError)


def test_import_qaward_alone_loads_neither_the_engine_nor_the_metadata():
    code = "import sys, qaward; print(any(m in sys.modules for m in ('qaward.engine', 'importlib.metadata', 'qaward.catalog')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False"


def test_organization_from_a_dict_or_a_file_gives_the_same_result():
    from_dict = qaward.organization(SAMPLE | {"region": "ganzhou_kfq"})
    from_file = qaward.organization(EXAMPLES / "org_kfq_electronics.yaml")
    assert qaward.check(from_dict, DAY, "ganzhou_city")[0].status is qaward.Status.eligible
    assert [r.jurisdiction for r in qaward.check(from_file, DAY)] == sorted(
        qaward.default_catalog().jurisdictions
    )


def test_one_several_or_all_jurisdictions():
    org = qaward.organization(FLUORINE)
    assert [r.jurisdiction for r in qaward.check(org, DAY, "huichang")] == ["huichang"]
    assert [r.jurisdiction for r in qaward.check(org, DAY, ["huichang", "ganzhou_city"])] == [
        "huichang",
        "ganzhou_city",
    ]
    assert qaward.check(str(FLUORINE), DAY, "huichang")[0].to_json()["jurisdiction"] == "huichang"


def test_a_string_date_is_an_invalid_date_not_a_type_error_deep_inside():
    org = qaward.organization(FLUORINE)
    with pytest.raises(qaward.InvalidDate, match=r"date.fromisoformat\('2026-09-01'\)"):
        qaward.check(org, "2026-09-01")
    with pytest.raises(qaward.InvalidDate, match="datetime"):
        qaward.check(org, dt.datetime(2026, 9, 1))


def test_an_unknown_jurisdiction_names_the_known_ones():
    with pytest.raises(qaward.UnknownJurisdiction, match="未知的管辖区 'ganzhou'.*ganzhou_city"):
        qaward.check(qaward.organization(FLUORINE), DAY, "ganzhou")
    with pytest.raises(qaward.UnknownJurisdiction):
        qaward.evaluate(
            {"award": "nowhere", "year": 2026, "as_of": "2026-09-01", "applications": []}
        )


def test_bad_documents_raise_input_error_with_field_paths(tmp_path):
    with pytest.raises(qaward.InputError) as err:
        qaward.organization(SAMPLE | {"region": "ganzhou_kfq", "established_on": "2016-02-30"})
    assert any("$.established_on" in p for p in err.value.problems)
    with pytest.raises(qaward.InputError):
        qaward.organization(42)  # type: ignore[arg-type]


def test_with_a_registry_its_records_count(tmp_path):
    url = str(tmp_path / "registry.db")
    ok("registry", "init", registry=url)
    ok("registry", "import", str(EXAMPLES / "registry_history.yaml"), registry=url)
    org = qaward.organization(FLUORINE)  # holds a recorded city award (registry only)
    day = dt.date(2026, 6, 1)
    (without,) = qaward.check(org, day, "huichang")
    (with_registry,) = qaward.check(org, day, "huichang", registry=url)
    held = [f for f in with_registry.findings if f.rule == "HC-13-6" and f.passed is False]
    assert held and not [f for f in without.findings if f.rule == "HC-13-6" and f.passed is False]


def test_a_cycle_from_a_file():
    result = qaward.evaluate(EXAMPLES / "cycle_hongqi.yaml")
    assert result.to_json()["award"] == "hongqi"
    with pytest.raises(qaward.InvalidDate):
        qaward.evaluate(EXAMPLES / "cycle_hongqi.yaml", as_of="2026-09-01")  # type: ignore[arg-type]


def test_py_typed_ships_with_the_package():
    assert (Path(qaward.__file__).parent / "py.typed").exists()
