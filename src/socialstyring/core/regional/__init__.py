"""The regional market for places (docs/regional.md): tariffs and their settlement by
the agreement's rules, objective financing and special terms, the price frame, occupancy,
sales and purchases between municipalities, offers at risk, supply against demand and
the citizens who could come home. Pure polars, the agreement and dates as arguments."""

from socialstyring.core.regional.agreement import CARRY, SET_ASIDE, Agreement
from socialstyring.core.regional.financing import (
    children,
    collective_deficit,
    from_stored,
    objective_financing,
    per_case_part,
    population_year,
    split,
    without_children,
)
from socialstyring.core.regional.market import balances, municipality_view, sales_matrix, trades
from socialstyring.core.regional.occupancy import monthly_occupancy, period_occupancy
from socialstyring.core.regional.offers import (
    REGION,
    offers,
    with_computed_tariffs,
    with_operator,
)
from socialstyring.core.regional.price_frame import beyond_price_frame
from socialstyring.core.regional.risk import REASONS, at_risk
from socialstyring.core.regional.settlement import SETTLEMENT_COLUMNS, settlements
from socialstyring.core.regional.special_terms import (
    TERMS,
    deficit_coverage,
    start_up_financing,
    with_lower_occupancy,
)
from socialstyring.core.regional.supply import bring_home, supply_and_demand
from socialstyring.core.regional.tariff import TARIFF_COLUMNS, tariffs, with_adjustments

__all__ = [
    "CARRY",
    "REASONS",
    "REGION",
    "SETTLEMENT_COLUMNS",
    "SET_ASIDE",
    "TARIFF_COLUMNS",
    "TERMS",
    "Agreement",
    "at_risk",
    "balances",
    "beyond_price_frame",
    "bring_home",
    "children",
    "collective_deficit",
    "deficit_coverage",
    "from_stored",
    "monthly_occupancy",
    "municipality_view",
    "objective_financing",
    "offers",
    "per_case_part",
    "period_occupancy",
    "population_year",
    "sales_matrix",
    "settlements",
    "split",
    "start_up_financing",
    "supply_and_demand",
    "tariffs",
    "trades",
    "with_adjustments",
    "with_lower_occupancy",
    "with_computed_tariffs",
    "with_operator",
    "without_children",
]
