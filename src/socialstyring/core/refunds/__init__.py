"""State refund for particularly expensive single cases (SEL § 176, BL § 198): see
docs/refunds.md."""

from socialstyring.core.refunds.compute import GRANT_COLUMNS, RefundResult, accounts_of, refunds
from socialstyring.core.refunds.thresholds import (
    NoThresholdLevel,
    Thresholds,
    thresholds_for,
    tier_refund,
)

__all__ = [
    "GRANT_COLUMNS",
    "NoThresholdLevel",
    "RefundResult",
    "Thresholds",
    "accounts_of",
    "refunds",
    "thresholds_for",
    "tier_refund",
]
