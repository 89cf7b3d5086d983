"""Codes the core uses for price units, areas and provider types (see glossary.md)."""

PRICE_UNITS = ("day", "week", "month", "year", "hour", "once")
AREAS = ("children", "adults")
PROVIDER_TYPES = ("own", "other_municipality", "region", "private")
BUDGET_KINDS = ("adopted", "corrected")
