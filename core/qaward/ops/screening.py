"""screen: a population against every (or the named) award at once, column-wise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from qaward import io
from qaward.catalog import Catalog
from qaward.ops.checks import organization
from qaward.ops.common import Doc, catalog_of, day, document, jurisdiction_ids


def screen(
    orgs: Iterable[Any],
    as_of: dt.date | None = None,
    jurisdictions: list[str] | None = None,
    *,
    catalog: Catalog | None = None,
    where: str = "<input>",
) -> Doc:
    """Many organisations screened (培育清单): per organisation and award the status, the failing
    and undetermined clauses with their citations and the gaps with the dates they close; and
    the summary. Unlike check_batch, any bad organisation refuses the whole input (InputError
    naming ``where[i]`` and the field path): a screening counts the population it was given."""
    from qaward.screen import screen_json  # polars: the ``screen`` extra

    catalog = catalog_of(catalog)
    ids = jurisdiction_ids(catalog, jurisdictions, where)
    on = day(as_of)
    documents = list(orgs)
    for i, data in enumerate(documents):
        organization(data, f"{where}[{i}]", catalog)
    if not documents:
        raise io.InputError(where, ["$: 没有组织，应至少一个"])
    done = screen_json(documents, on, ids or None, catalog=catalog)
    return document(
        as_of=on, count=len(documents), results=done["results"], summary=done["summary"]
    )
