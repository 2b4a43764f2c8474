"""A ready-made jurisdiction plugin: declarations in, every ``register_*`` hook implemented.

A new county writes its declarations (rules, terms, regulation versions) and exposes
``plugin = JurisdictionPlugin(...)`` through the ``qaward`` entry-point group. A plugin may also
implement the hooks of :mod:`qaward.hookspecs` itself; this class is only a convenience.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qaward.hookspecs import hookimpl
from qaward.terms import Award, Jurisdiction


class JurisdictionPlugin:
    def __init__(
        self,
        jurisdiction: Jurisdiction,
        versions: Mapping[str, Mapping[str, Any]],
        awards: tuple[Award, ...] = (),
    ):
        """``versions`` maps a regulation's document number to its aspects by name
        (eligibility, quota, scoring, reward, validity, sanctions); ``awards`` are higher awards
        its texts name that the core does not know."""
        documents = {r.document for r in jurisdiction.regulations}
        unknown = set(versions) - documents
        if unknown:
            raise ValueError(f"{jurisdiction.id}: 未声明的规章版本 {sorted(unknown)}")
        self.jurisdiction = jurisdiction
        self.versions = versions
        self.awards = awards

    @classmethod
    def of(cls, jurisdiction: Jurisdiction, **aspects: Any) -> JurisdictionPlugin:
        """A jurisdiction with one regulation version: its aspects by name."""
        (regulation,) = jurisdiction.regulations
        return cls(jurisdiction, {regulation.document: aspects})

    def _each(self, register, aspect: str) -> None:
        for document, aspects in self.versions.items():
            if aspect in aspects:
                register(self.jurisdiction.id, document, aspects[aspect])

    @hookimpl
    def register_jurisdictions(self, register):
        register(self.jurisdiction)

    @hookimpl
    def register_awards(self, register):
        for award in self.awards:
            register(award)

    @hookimpl
    def register_eligibility(self, register):
        self._each(register, "eligibility")

    @hookimpl
    def register_quota(self, register):
        self._each(register, "quota")

    @hookimpl
    def register_scoring(self, register):
        self._each(register, "scoring")

    @hookimpl
    def register_reward(self, register):
        self._each(register, "reward")

    @hookimpl
    def register_validity(self, register):
        self._each(register, "validity")

    @hookimpl
    def register_sanctions(self, register):
        self._each(register, "sanctions")
