"""Clause coverage: every clause is encoded and tested, or says why not; the map is current."""

import clausemap
from qaward.coverage import coverage


def test_clause_map_is_current():
    assert clausemap.TARGET.read_text(encoding="utf-8") == clausemap.render(), (
        "core/qaward/clause_tests.json is stale: run `make clause-map`"
    )


def test_every_encoded_clause_has_a_test(catalog):
    untested = [
        r["clause"] for r in coverage(catalog) if r["status"] == "encoded" and not r["tests"]
    ]
    assert not untested, f"encoded but never tested: {untested}"


def test_every_clause_is_accounted_for(catalog):
    for row in coverage(catalog):
        assert row["status"] in {"encoded", "attested", "out-of-scope", "not yet"}
        if row["status"] != "encoded":
            assert row["reason"], f"{row['clause']} needs a reason"


def test_markers_name_known_clauses(catalog):
    known = {r["clause"] for r in coverage(catalog)}
    unknown = set(clausemap.collect()) - known
    assert not unknown, f"tests mark clauses no regulation declares: {sorted(unknown)}"
