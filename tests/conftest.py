"""Shared helpers: a baseline organisation in 赣州经开区 that meets every Ganzhou condition, and
helpers to vary it (from :mod:`qaward.testing`; the fixtures come from :mod:`qaward.pytest_plugin`).
Tests are marked ``@pytest.mark.clause("ID", ...)`` with the clause ids they exercise;
``tests/clausemap.py`` turns the markers into ``core/qaward/clause_tests.json``."""

import pytest
from qaward.testing import AS_OF, Baseline, fails, passes, undetermined, verdicts
from registrykit import BACKENDS, fresh_registry

__all__ = ["AS_OF", "fails", "passes", "verdicts"]

BASELINE = Baseline(region="ganzhou_kfq")
BASE = BASELINE.data_
org_data = BASELINE.data
make_org = BASELINE.org
judge = BASELINE.judge
open_ = undetermined


@pytest.fixture(params=BACKENDS)
def registry_url(request, tmp_path):
    """A fresh registry on each backend: a SQLite file, and PostgreSQL when configured."""
    yield from fresh_registry(request.param, tmp_path)
