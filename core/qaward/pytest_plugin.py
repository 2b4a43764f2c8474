"""pytest plugin (entry point ``pytest11``): fixtures every qaward test suite wants, a plugin's
included, and the ``clause`` marker that names the clauses a test exercises."""

from __future__ import annotations

from pathlib import Path

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


# --- YAML case files (qaward.cases): ``test_*.yaml`` with a ``cases:`` list -------------------


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    from qaward.cases import is_case_file

    if is_case_file(file_path) and b"cases:" in file_path.read_bytes()[:100_000]:
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFailed(Exception):
    """A case whose expectation differs from what qaward finds: the differences, line by line."""


class CaseFile(pytest.File):
    def collect(self):
        from qaward.cases import load

        for case in load(self.path):
            item = CaseItem.from_parent(self, name=case.name, case=case)
            item.add_marker(pytest.mark.clause(*case.clauses))
            yield item


class CaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        from qaward.cases import run
        from qaward.catalog import default_catalog

        problems = run(self.case, default_catalog())
        if problems:
            raise CaseFailed("\n".join(problems))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailed):
            return f"{self.case.where}（条款 {', '.join(self.case.clauses)}）\n{excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"case: {self.name}"


# --- a plugin's tests run from its sdist: other jurisdictions may be absent -------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "qaward_skip_missing_jurisdictions",
        "skip (not fail) a test that needs a jurisdiction whose plugin is not installed",
        type="bool",
        default=False,
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):
    outcome = yield
    exc = outcome.excinfo[1] if outcome.excinfo else None
    if exc is None or not item.config.getini("qaward_skip_missing_jurisdictions"):
        return
    from qaward.errors import PluginUnavailable, UnknownJurisdiction

    if isinstance(exc, UnknownJurisdiction | PluginUnavailable):
        reason = f"需要未安装（或已停用）的管辖区：{exc}"
        outcome.force_exception(pytest.skip.Exception(reason, _use_item_location=True))
