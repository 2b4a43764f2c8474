"""Python tests beside the YAML cases (``qaward_xinfeng/cases/test_xinfeng.yaml``, collected
by qaward's pytest plugin): the declarations load, every encoded clause has a passing and a
failing case."""

from qaward.cases import conformance, shipped_cases
from qaward.catalog import default_catalog


def test_the_county_is_installed_inside_ganzhou():
    catalog = default_catalog()
    assert "xinfeng" in catalog.jurisdictions, [p.describe() for p in catalog.problems()]
    assert catalog.contains("ganzhou_city", "xinfeng")


def test_every_encoded_clause_has_a_passing_and_a_failing_case():
    catalog = default_catalog()
    cases = [c for c in shipped_cases(catalog) if c.file.name == "test_xinfeng.yaml"]
    assert conformance(catalog, cases, ["xinfeng"]) == []
