"""The regional market's codes and their Danish labels: why an offer is at risk, the
special terms of a new offer, and the name of the region as an operator."""

from __future__ import annotations

from socialstyring.translation import _, pgettext

AT_RISK_REASONS = {
    "low_occupancy": _("Occupancy over the last 12 months below the agreement's threshold"),
    "deficit": _("Accumulated deficit above the agreement's share of the budget"),
    "capacity_fall": _("Places end (a planned fall in capacity)"),
}
SPECIAL_TERM_LABELS = {
    "objective_start_up": _("Objective financing in the start-up years"),
    "lower_occupancy": _("Lower occupancy rate in the tariff"),
    "collective_deficit": _("Collective deficit coverage"),
}
REGION_LABEL = pgettext("operator", "The region")
