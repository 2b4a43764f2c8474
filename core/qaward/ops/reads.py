"""Registry reads: show (an organisation's record), verify (the audit chain), log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qaward import io
from qaward.catalog import Catalog
from qaward.creditcode import CreditCodeError, validate_credit_code
from qaward.ops.common import Doc, catalog_of, day, document, open_registry


def credit_code(code: str, where: str = "credit_code") -> str:
    try:
        validate_credit_code(code)
    except CreditCodeError as exc:
        raise io.InputError(where, [str(exc)]) from None
    return code


def show(
    code: str,
    as_of: dt.date | None = None,
    *,
    registry: Any = None,
    catalog: Catalog | None = None,
) -> Doc:
    """History, bans (in force or spent), recommendations and obligations due of one organisation."""
    from qaward.registry import queries

    credit_code(code)
    reg = open_registry(registry, readonly=True)
    with reg.reading() as conn:
        return document(**queries.show(conn, code, catalog_of(catalog), day(as_of)))


def verify(
    known_head: str | None = None,
    statement: dict[str, Any] | None = None,
    *,
    registry: Any = None,
) -> Doc:
    """Every problem in the audit chain (signatures too, under the configured audit key) and the
    data rows (``ok`` when none); ``known_head`` a hash noted earlier, ``statement`` a head
    exported by ``registry head --export``."""
    from qaward.registry import audit, shown
    from qaward.registry.keys import audit_key

    key = audit_key()
    reg = open_registry(registry, readonly=True)
    with reg.reading() as conn:
        problems, summary = audit.verify(conn, known_head, key, statement)
    return document(registry=shown(reg.url), ok=not problems, problems=problems, **summary)


def log(code: str | None = None, limit: int = 50, *, registry: Any = None) -> Doc:
    """The latest audit entries, newest first (of one organisation when a code is given)."""
    from qaward.registry import queries

    if code:
        credit_code(code)
    with open_registry(registry, readonly=True).reading() as conn:
        return document(entries=queries.audit_rows(conn, code, limit))
