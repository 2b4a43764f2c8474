"""Schemathesis fuzzes the running service from its own OpenAPI: whatever it sends, the answer
is never a 5xx. Bounded (a few examples per operation, derandomized) so ``make test`` stays fast."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from servekit import start, stop

EXAMPLES_PER_OPERATION = 8


def test_no_input_makes_the_service_fail(tmp_path):
    proc, url = start(tmp_path)
    try:
        schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 15
        for operation in operations:
            _fuzz(operation)
    finally:
        stop(proc)


def _fuzz(operation) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case):
        response = case.call(timeout=30)
        assert response.status_code < 500, (operation.method, operation.path, response.text[:300])

    fuzz()
