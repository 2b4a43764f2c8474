"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character."""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


class CreditCodeError(ValueError):
    """A credit code that GB 32100-2015 rejects; the message says why."""


def check_character(first17: str) -> str:
    """The check character for the first 17 characters (GB 32100-2015 附录 B)."""
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def validate_credit_code(code: object) -> None:
    if not isinstance(code, str):
        raise CreditCodeError(f"统一社会信用代码应为字符串，得到 {type(code).__name__}")
    if len(code) != 18:
        raise CreditCodeError(f"统一社会信用代码应为18位，得到 {len(code)} 位：{code}")
    bad = [c for c in code if c not in CHARSET]
    if bad:
        raise CreditCodeError(f"统一社会信用代码含非法字符 {''.join(bad)!r}：{code}")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise CreditCodeError(
            f"统一社会信用代码校验位错误：{code} 的第18位应为 {expected}，而不是 {code[17]}"
        )
