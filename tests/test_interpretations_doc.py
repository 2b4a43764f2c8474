"""The project carries its own copy of the interpretations it applies (docs/interpretations.md),
linked from the README; every clause id it names is one the plugins declare."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "interpretations.md"
IDS = re.compile(r"\b(?:KFQ|CITY|HC|HQ|JD)-[0-9]+(?:-[0-9]+)*[a-z]?\b")


def test_readme_links_the_interpretations_and_points_nowhere_outside():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/interpretations.md)" in readme
    for text in (readme, DOC.read_text(encoding="utf-8")):
        # no path to the steering folder beside the repository, nor its file names
        assert "../" + "shared" not in text and "CLAUSES" + ".md" not in text


def test_every_clause_id_in_the_interpretations_is_declared(catalog):
    declared = {c.id for d in catalog.all_declarations() for c in d.regulation.clauses}
    named = set(IDS.findall(DOC.read_text(encoding="utf-8")))
    assert named and named <= declared, sorted(named - declared)
