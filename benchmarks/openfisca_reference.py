"""A reference from another rules-as-code engine: OpenFisca-Core computing one entity.

The conditions of one jurisdiction (赣州经开区, KFQ-11 and KFQ-24: registration, legal person,
3 years of operation, two attestations, a management-system certificate of 2 years, excellence
model of 1 year, chief quality officer, safety level, profit or growth, no adverse event in 3
years, no earlier win), written as OpenFisca variables over a single entity; one call builds the
simulation for one organisation and calculates ``eligible``: what embedding OpenFisca to answer
one organisation costs. Imported by ``bench_speed.py`` only when OpenFisca-Core is installed.
"""

from __future__ import annotations

from openfisca_core.entities import build_entity
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

Organisation = build_entity(
    key="organisation", plural="organisations", label="组织", is_person=True
)
MONTH = "2026-09"

INPUTS = {
    "in_region": bool,
    "legal_person": bool,
    "days_operating": int,
    "policy_compliant": bool,
    "licences_complete": bool,
    "certificate_days": int,
    "excellence_days": int,
    "chief_quality_officer": bool,
    "industry_leading": bool,
    "safety_level": int,
    "profit_last_year": float,
    "profit_year_before": float,
    "adverse_events_3_years": int,
    "previous_wins": int,
}


def _input(name: str, kind: type) -> type[Variable]:
    return type(
        name,
        (Variable,),
        {
            "value_type": kind,
            "entity": Organisation,
            "definition_period": DateUnit.MONTH,
            "label": name,
        },
    )


class eligible(Variable):  # noqa: N801 (OpenFisca names variables in snake case)
    value_type = bool
    entity = Organisation
    definition_period = DateUnit.MONTH
    label = "符合申报条件"

    def formula(org, period):
        return (
            org("in_region", period)
            * org("legal_person", period)
            * (org("days_operating", period) >= 3 * 365)
            * org("policy_compliant", period)
            * org("licences_complete", period)
            * (org("certificate_days", period) >= 2 * 365)
            * (org("excellence_days", period) >= 365)
            * org("chief_quality_officer", period)
            * org("industry_leading", period)
            * (org("safety_level", period) <= 3)
            * ((org("profit_last_year", period) > 0) + (org("profit_year_before", period) > 0))
            * (org("adverse_events_3_years", period) == 0)
            * (org("previous_wins", period) == 0)
        )


SYSTEM = TaxBenefitSystem([Organisation])
SYSTEM.add_variables(*(_input(n, k) for n, k in INPUTS.items()), eligible)

ORG = {
    "in_region": True,
    "legal_person": True,
    "days_operating": 3836,
    "policy_compliant": True,
    "licences_complete": True,
    "certificate_days": 3036,
    "excellence_days": 2069,
    "chief_quality_officer": True,
    "industry_leading": True,
    "safety_level": 2,
    "profit_last_year": 30_000_000.0,
    "profit_year_before": 26_000_000.0,
    "adverse_events_3_years": 1,
    "previous_wins": 0,
}


def one_entity() -> bool:
    entities = {"organisations": {"o": {k: {MONTH: v} for k, v in ORG.items()}}}
    simulation = SimulationBuilder().build_from_entities(SYSTEM, entities)
    return bool(simulation.calculate("eligible", MONTH)[0])
