"""Scores on GB/T 19580's 1,000 points and the order they give.

The seven categories and their maxima are the standard's (GB/T 19580-2012), the same for every
jurisdiction; what a jurisdiction declares (thresholds, preferences) is in its ScoringScheme.
Ties in score are broken by the award's review preferences (评审倾斜: KFQ-12, CITY-15, HC-15,
JD-3-2-5), met or not: at equal score an applicant meeting one ranks ahead of one meeting none;
two that both meet one (or both meet none) stay a tie for the committee. Preferences are not
counted, and "鼓励…申报" clauses are not preferences (no ranking effect).
"""

from __future__ import annotations

from attrs import fields

from qaward.model import Application, CategoryScores, Organization, Tier
from qaward.terms import PreferenceRule, ScoringScheme, Threshold

# GB/T 19580-2012 评分条款: field name -> (category, maximum points)
CATEGORIES: dict[str, tuple[str, int]] = {
    "leadership": ("领导", 110),
    "strategy": ("战略", 90),
    "customers_and_markets": ("顾客与市场", 90),
    "resources": ("资源", 130),
    "process_management": ("过程管理", 100),
    "measurement_analysis_improvement": ("测量、分析与改进", 80),
    "results": ("结果", 400),
}
STANDARD_TOTAL = sum(m for _, m in CATEGORIES.values())
assert [f.name for f in fields(CategoryScores)] == list(CATEGORIES)


def score_problems(app: Application, total: int = STANDARD_TOTAL) -> list[tuple[str, str]]:
    """(field path below the application, message) for each bad score; empty when fine."""
    out = []
    if app.score is not None and app.scores is not None:
        out.append(("score", "score 与 scores 只能给出其一（总分或七个类目得分）"))
    if app.score is not None and not 0 <= app.score <= total:
        out.append(("score", f"总分应在 0 至 {total} 分之间，得到 {app.score}"))
    if app.scores is not None:
        for name, (label, most) in CATEGORIES.items():
            value = getattr(app.scores, name)
            if not 0 <= value <= most:
                out.append((f"scores.{name}", f"{label}得分应在 0 至 {most} 分之间，得到 {value}"))
    return out


def total_score(app: Application) -> int | None:
    """The total: given, or the sum of the seven categories (None: not scored yet)."""
    if app.score is not None:
        return app.score
    if app.scores is not None:
        return sum(getattr(app.scores, name) for name in CATEGORIES)
    return None


def threshold(scheme: ScoringScheme | None, tier: Tier) -> Threshold | None:
    if scheme is None:
        return None
    return next((t for t in scheme.thresholds if t.tier is tier), None)


def preferences_met(scheme: ScoringScheme | None, org: Organization) -> tuple[PreferenceRule, ...]:
    """The regulation's preference clauses the organisation meets (any listed preference)."""
    if scheme is None:
        return ()
    held = set(org.preferences)
    return tuple(p for p in scheme.preferences if held & p.preferences)


def rank_key(score: int, preferences: tuple[PreferenceRule, ...]) -> tuple[int, bool]:
    """Higher first: the score, then whether a review preference is met (met or not, not how
    many)."""
    return (score, bool(preferences))
