"""An organisation's award history, sanctions and recommendations, merged from every source."""

from __future__ import annotations

from attrs import frozen

from qaward.model import AwardRecord, Organization, Recommendation, Sanction


@frozen
class History:
    awards: tuple[AwardRecord, ...] = ()
    sanctions: tuple[Sanction, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()

    @classmethod
    def of(cls, org: Organization, *more: History) -> History:
        """The organisation's inline history plus other sources (e.g. the registry), deduplicated.
        For the same record, a later source wins: the registry knows a revocation that the
        applicant's own document may not mention."""
        parts = (cls(tuple(org.awards), tuple(org.sanctions), tuple(org.recommendations)), *more)

        def merged(attr):
            seen: dict = {}
            for part in parts:
                for rec in getattr(part, attr):
                    seen[_key(rec)] = rec
            return tuple(seen.values())

        return cls(merged("awards"), merged("sanctions"), merged("recommendations"))


def _key(rec) -> tuple:
    """Identity of a record regardless of the registry-only fields (credit_code, name)."""
    if isinstance(rec, AwardRecord):
        return (rec.award, rec.tier, rec.year)
    if isinstance(rec, Sanction):
        return (rec.award, rec.reason, rec.decided_on)
    return (rec.award, rec.by)
