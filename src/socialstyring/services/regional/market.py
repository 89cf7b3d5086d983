"""The regional market as the pages see it: occupancy, sales and purchases, offers at
risk, supply against demand and each offer's tariff, computed from every municipality's
rows of the viewer's region and handed back as aggregates (no citizen of any).

The region's rows are read inside a short activation of the region's municipalities,
``region_activated`` here (also used by ``objective`` for the population) and nowhere
else; the requests of the secretariat themselves see no municipality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import polars as pl

from socialstyring.core import regional as core
from socialstyring.services.access import Viewer, require
from socialstyring.services.regional import agreements
from socialstyring.services.regional.tariffs import empty
from socialstyring.storage import regional_frames, tenancy
from socialstyring.terms import FileKind

# Grant columns the market views read: no citizen, no caseworker, no team.
MARKET_COLUMNS = ["provider_id", "start", "end", "price", "price_unit", "quantity"]


def home_of(viewer: Viewer) -> str:
    return viewer.region_of or (viewer.municipalities[0] if viewer.municipalities else "")


def region_codes(viewer: Viewer) -> tuple[str, ...]:
    """The municipalities of the region of the viewer's (or the secretariat's host)
    municipality, and the region's own code; the municipality alone when the region is
    not known."""
    from socialstyring.storage.models import Municipality

    home = home_of(viewer)
    region = Municipality.objects.filter(code=home).values_list("region_code", flat=True).first()
    if region is None:
        return (home,) if home else ()
    codes = Municipality.objects.filter(region_code=region).values_list("code", flat=True)
    return tuple(sorted({*codes, region_tenant(region)}))


def region_tenant(region_code: str) -> str:
    """The code the region's own rows (its offers' budgets and accounts) carry: the last
    three digits of its region code (1081 → 081), which no municipality has."""
    return region_code[-3:]


def names() -> dict[str, str]:
    from socialstyring.storage.models import Municipality

    return dict(Municipality.objects.values_list("code", "name"))


def region_agreement(viewer: Viewer) -> core.Agreement:
    """The agreement of the viewer's region: North Jutland's for Region Nordjylland,
    else the default (Hovedstaden's model)."""
    from socialstyring.storage.models import Municipality

    region = (
        Municipality.objects.filter(code=home_of(viewer))
        .values_list("region_name", flat=True)
        .first()
    )
    known = agreements.names()
    name = next(
        (n for n in known if region and n.casefold() in region.casefold()),
        agreements.DEFAULT_AGREEMENT,
    )
    return agreements.agreement(name)


@contextmanager
def region_activated(codes: tuple[str, ...]) -> Iterator[None]:
    """The only place the region's municipalities are activated together (short-lived)."""
    with tenancy.activate(codes):
        yield


@dataclass(frozen=True)
class Market:
    """What the regional views compute from: the region's offers, grants without citizens
    (``citizens`` holds only counts' inputs), accounts and budgets."""

    codes: tuple[str, ...]
    agreement: core.Agreement
    register: pl.DataFrame
    grants: pl.DataFrame
    budgets: pl.DataFrame
    accounts: pl.DataFrame


def load_market(viewer: Viewer, *, with_citizens: bool = False) -> Market:
    """The region's rows; ``with_citizens`` adds the pseudonym, for counting demand only."""
    require(viewer, "regional.view")
    codes = region_codes(viewer)
    columns = [*MARKET_COLUMNS, *(["citizen_id"] if with_citizens else [])]
    with region_activated(codes):
        providers = regional_frames.load(FileKind.PROVIDERS)
        grants = regional_frames.load_grants(columns)
        budgets = regional_frames.load(FileKind.OFFER_BUDGETS)
        accounts = regional_frames.load(FileKind.OFFER_ACCOUNTS)
    return Market(
        codes,
        region_agreement(viewer),
        core.offers(providers),
        grants,
        budgets if budgets.height else empty(FileKind.OFFER_BUDGETS),
        accounts if accounts.height else empty(FileKind.OFFER_ACCOUNTS),
    )


def settlements(market: Market) -> pl.DataFrame:
    return core.settlements(market.accounts, market.agreement)


def tariff_history(market: Market) -> pl.DataFrame:
    """Every year's tariff of every offer, a settlement feeding the year it names."""
    adjusted = core.with_adjustments(market.budgets, settlements(market))
    return core.tariffs(adjusted, market.agreement)


def occupancy(market: Market, year: int) -> pl.DataFrame:
    return core.monthly_occupancy(market.grants, market.register, year).join(
        market.register.select("offer_id", "name", "operator"), on="offer_id", how="left"
    )


def trades(market: Market, year: int) -> pl.DataFrame:
    return core.trades(market.grants, market.register, year)


def matrix(viewer: Viewer, market: Market, year: int) -> pl.DataFrame:
    """The secretariat's matrix: buyer × seller, amounts of the year."""
    require(viewer, "regional.matrix")
    return core.sales_matrix(trades(market, year))


def own_trade(viewer: Viewer, market: Market, year: int) -> dict[str, pl.DataFrame]:
    """The viewer's municipality's purchases and sales, per counterpart and offer."""
    require(viewer, "regional.trade")
    view = core.municipality_view(trades(market, year), home_of(viewer))
    offer_names = market.register.select("offer_id", "name")
    return {k: v.join(offer_names, on="offer_id", how="left") for k, v in view.items()}


def at_risk(market: Market, as_of: dt.date) -> pl.DataFrame:
    return core.at_risk(
        market.grants, market.register, settlements(market), market.agreement, as_of
    )


def supply_and_demand(market: Market, year: int) -> pl.DataFrame:
    from socialstyring.storage.models import TargetGroup

    central = tuple(TargetGroup.objects.filter(central=True).values_list("code", flat=True))
    table = core.supply_and_demand(
        market.grants, market.register, list(market.codes), year, central
    )
    group_names = dict(TargetGroup.objects.values_list("code", "name"))
    return table.with_columns(
        pl.col("target_group")
        .replace_strict(group_names, default=pl.col("target_group"), return_dtype=pl.String)
        .alias("target_group_name")
    )


def price_frame(market: Market) -> pl.DataFrame:
    return core.beyond_price_frame(tariff_history(market), market.agreement.price_frame_pct)


@dataclass(frozen=True)
class OfferPage:
    offer: dict
    tariffs: pl.DataFrame  # every year, the build-up line by line
    settlements: pl.DataFrame
    occupancy: pl.DataFrame  # the year's months


def offer_page(viewer: Viewer, offer_id: str, year: int) -> OfferPage | None:
    """An offer's tariff build-up and history, its settlements and the year's occupancy;
    None for an offer the region does not have."""
    market = load_market(viewer)
    found = market.register.filter(pl.col("offer_id") == offer_id)
    history = tariff_history(market).filter(pl.col("offer_id") == offer_id)
    settled = settlements(market).filter(pl.col("offer_id") == offer_id)
    if found.height == 0 and history.height == 0 and settled.height == 0:
        return None
    offer = found.row(0, named=True) if found.height else {"offer_id": offer_id, "name": offer_id}
    months = occupancy(market, year).filter(pl.col("offer_id") == offer_id)
    return OfferPage(offer, history, settled, months)
