"""Screening many organisations at once (培育清单, 惠企政策平台): every organisation against every
award, with the failing clauses, their citations and a gap analysis.

The declarations of each jurisdiction are compiled once per as-of date to polars expressions
(:mod:`.compile`) and evaluated over whole chunks of the population (:mod:`.columnar`); the
row engine judges what the compiler leaves to it, and a differential test keeps both equal.
"""

from qaward.screen.run import plans, screen_documents, screen_file, screen_frame, screen_json

__all__ = ["plans", "screen_documents", "screen_file", "screen_frame", "screen_json"]
