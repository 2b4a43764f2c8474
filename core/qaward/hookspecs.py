"""Hook specifications. Plugins *declare*; the core decides.

Each hook is called once per process by :mod:`qaward.catalog`, never per organisation or rule.
Each receives a ``register`` callable and hands it declarations:

- ``register(jurisdiction)`` for :func:`register_jurisdictions`, ``register(award)`` for
  :func:`register_awards`;
- ``register(jurisdiction_id, document, value)`` for the six aspects, where ``document`` is the
  文号 of the regulation version the value belongs to.
"""

import pluggy

hookspec = pluggy.HookspecMarker("qaward")
hookimpl = pluggy.HookimplMarker("qaward")


@hookspec
def register_jurisdictions(register):
    """Register :class:`qaward.terms.Jurisdiction` objects with their regulation versions."""


@hookspec
def register_awards(register):
    """Register higher :class:`qaward.terms.Award` objects the core does not know (id, level, code)."""


@hookspec
def register_eligibility(register):
    """Register a jurisdiction's eligibility rules (a tuple of rule objects, in article order)."""


@hookspec
def register_quota(register):
    """Register a jurisdiction's :class:`qaward.terms.QuotaPolicy`."""


@hookspec
def register_scoring(register):
    """Register a jurisdiction's :class:`qaward.terms.ScoringScheme`."""


@hookspec
def register_reward(register):
    """Register a jurisdiction's :class:`qaward.terms.RewardSchedule`."""


@hookspec
def register_validity(register):
    """Register a jurisdiction's :class:`qaward.terms.ValidityTerms`."""


@hookspec
def register_sanctions(register):
    """Register a jurisdiction's sanction terms (a tuple of :class:`qaward.terms.SanctionTerm`)."""
