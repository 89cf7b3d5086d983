"""The row rules of the regional agreement's file kinds: an offer's tariff basis
(``tilbudsøkonomi``) and its accounts (``tilbudsregnskab``), and the providers' new
columns (target group, the period of the places)."""

from __future__ import annotations

import polars as pl

from socialstyring.core.regional.tariff import cost_base_expr, occupancy_expr
from socialstyring.io.validation.checks import Checker, Reference, check_code, flag_duplicates
from socialstyring.terms import PRICE_UNITS
from socialstyring.translation import _

# A tariff is a price per day or per month (the agreement's two tariff units).
TARIFF_UNITS = {
    alias: code for alias, code in PRICE_UNITS.aliases.items() if code in ("day", "month")
}
DEFAULT_TARIFF_UNIT = "day"


def check_offer_budgets(check: Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    frame = check_code(
        check,
        frame,
        "tariff_unit",
        TARIFF_UNITS,
        _("Unknown tariff unit (use dag or måned)."),
    )
    frame = frame.with_columns(pl.col("tariff_unit").fill_null(DEFAULT_TARIFF_UNIT))
    check.frame = frame
    check.flag(pl.col("places") <= 0, "places", _("The number of places must be above 0."))
    check.flag(
        pl.col("direct_costs") < 0, "direct_costs", _("The direct costs must not be negative.")
    )
    for fld in ("overhead_pct", "depreciation", "interest", "pensions"):
        check.flag(pl.col(fld) < 0, fld, _("The value must not be negative."))
    for fld in ("occupancy_1", "occupancy_2", "expected_occupancy"):
        check.flag(pl.col(fld) < 0, fld, _("An occupancy must not be negative."))
    no_expected = pl.col("raw_expected_occupancy").is_null()
    for fld in ("occupancy_1", "occupancy_2"):
        check.flag(
            no_expected & pl.col(f"raw_{fld}").is_null(),
            fld,
            _("Value missing (belægning_1 and belægning_2, or forventet_belægning)."),
        )
    zero = _("The occupancy is 0; a tariff cannot be computed.")
    check.flag((occupancy_expr() == 0) & ~no_expected, "expected_occupancy", zero)
    check.flag((occupancy_expr() == 0) & no_expected, "occupancy_1", zero)
    check.flag(
        cost_base_expr(ref.overhead_pct) < 0,
        "adjustment",
        _("The tariff's cost base is negative."),
    )
    flag_duplicates(check, ["offer_id", "year"], "offer_id", _("The offer and year"))
    return frame


def check_offer_accounts(check: Checker, frame: pl.DataFrame) -> pl.DataFrame:
    check.flag(pl.col("budget") <= 0, "budget", _("The budget must be above 0."))
    check.flag(pl.col("income") < 0, "income", _("The income must not be negative."))
    check.flag(pl.col("costs") < 0, "costs", _("The costs must not be negative."))
    flag_duplicates(check, ["offer_id", "year"], "offer_id", _("The offer and year"))
    return frame


def check_provider_capacity(check: Checker) -> None:
    check.flag(
        pl.col("capacity_to") < pl.col("capacity_from"),
        "capacity_to",
        _("kapacitet_til is before kapacitet_fra."),
    )
