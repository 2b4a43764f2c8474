"""An award cycle: applications in; eligibility, ranking, places, money, validity and publicity out.

``run`` evaluates a cycle, ``input`` checks a cycle document, ``scoring`` and ``selection`` rank
and place the applicants, ``calendar`` counts publicity periods on the State Council calendar.
"""

from qaward.cycle.run import CycleResult, evaluate_cycle

__all__ = ["CycleResult", "evaluate_cycle"]
