"""Warnings with a stable code besides their Chinese text.

A :class:`Notice` *is* its text (a ``str``), so every place that prints, joins or searches
warnings keeps working; other systems read ``code`` (``{"code", "text"}`` in every output
document, see :mod:`qaward.ops`). Codes are part of the output contract: add, never rename.
"""

from __future__ import annotations

CODES = {
    "regulation_lapsed": "适用的规章已期满失效（试行期满等）",
    "regulation_not_in_force": "适用的规章尚未施行（征求意见稿或未到施行日）",
    "undetermined_not_ranked": "资格待定，未参加排名",
    "no_score": "符合条件但未给出评分，未参加排名",
    "votes_unused": "该奖项不设投票表决，votes_for 未使用",
    "no_reward_declared": "未声明奖励或规章未规定此情形的奖金",
    "payee_type": "奖励对象类型与规章所写不同（如“每家企业”），按同一金额计发",
    "no_quota_declared": "未声明名额",
    "vacancy": "名额空缺",
    "tie": "并列，提请评委会决定",
    "no_publicity_term": "规章未规定公示期",
    "no_publicity_start": "未给出公示开始日",
    "granted_on_estimated": "授奖日期按公示期满次日估计",
    "no_grant_date": "无授奖日期，未计算有效期与义务期限",
    "other": "未分类的提示",
}


class Notice(str):
    """A warning's text that also carries its stable ``code`` (one of :data:`CODES`)."""

    code: str

    def __new__(cls, code: str, text: str) -> Notice:
        if code not in CODES:
            raise ValueError(f"unknown warning code {code!r}")
        self = super().__new__(cls, text)
        self.code = code
        return self

    def __reduce__(self) -> tuple:  # pickled with its code (a process pool, a Dask cluster)
        return (Notice, (self.code, str(self)))


def code_of(warning: str) -> str:
    """The code of a warning; a plain string (not yet given one) is ``other``."""
    return getattr(warning, "code", "other")


def as_json(warnings: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    return [{"code": code_of(w), "text": str(w)} for w in warnings]
