"""The parameters a regional agreement sets for tariffs and settlements, as one value.

The numbers live in ``reference/data/agreements.csv`` (editable); the core only reads
this object, so no agreement's number is a constant in code."""

from __future__ import annotations

from dataclasses import dataclass

# How a surplus within the band is handled: carried to next year's budget (Hovedstaden),
# or set aside for later use (North Jutland).
CARRY, SET_ASIDE = "carry", "set_aside"


@dataclass(frozen=True)
class Agreement:
    name: str
    overhead_pct: float  # default overhead, % of direct costs
    overhead_ceiling_pct: float  # an offer's overhead above it is marked
    band_pct: float  # ± % of budget carried (or set aside) rather than sent to a tariff
    surplus_within_band: str  # CARRY or SET_ASIDE
    set_aside_years: int  # a set-aside surplus must be used by year + this
    tariff_delay_years: int  # the rest enters the tariff of year + this
    at_risk_occupancy_pct: float  # occupancy over 12 months below it: at risk
    at_risk_deficit_pct: float  # accumulated deficit above this % of budget: at risk
    price_index_pct: float  # the price and wage index of the price frame
    price_frame_less_pct: float  # the frame: the index less this

    @property
    def price_frame_pct(self) -> float:
        """The highest tariff growth from one year to the next the frame allows, %."""
        return self.price_index_pct - self.price_frame_less_pct
