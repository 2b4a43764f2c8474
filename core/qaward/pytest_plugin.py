"""pytest plugin (entry point ``pytest11``): fixtures every qaward test suite wants, a plugin's
included, and the ``clause`` marker that names the clauses a test exercises."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "clause(*ids): the clause ids a test exercises")


@pytest.fixture(scope="session")
def catalog():
    """The catalogue of the installed jurisdictions, collected once."""
    from qaward.catalog import default_catalog

    return default_catalog()


@pytest.fixture(autouse=True)
def _no_user_registry(monkeypatch, tmp_path_factory):
    """Commands never read the developer's own registry (``$XDG_DATA_HOME/qaward``) in tests."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.delenv("QAWARD_REGISTRY", raising=False)
