"""Citations in a cell: the document stated once per block, cited short in the cells."""

from __future__ import annotations

import re

_WENHAO = re.compile(r"〔\d{4}〕\d+号$")


def short_document(document: str) -> str:
    """A document's name in a cell: a 文号 is already short; a title becomes 本办法 (the block
    states the full title once)."""
    return document if _WENHAO.search(document) else "本办法"


def shorten(citation: str, document: str) -> str:
    short = short_document(document)
    return short + citation[len(document) :] if citation.startswith(document) else citation


def registry_sentence(reg: dict) -> str:
    """The registry a result read and what it merged (the ``registry`` key of its JSON)."""
    if reg["state"] == "consulted":
        m = reg["merged"]
        return (
            f"登记簿：{reg['registry']}（只读），合并获奖记录{m['awards']}条、"
            f"处理记录{m['sanctions']}条、推荐记录{m['recommendations']}条"
        )
    if reg["state"] == "no_file":
        return f"登记簿：未使用（{reg['registry']} 不存在）"
    return "登记簿：未使用（--no-registry）"
