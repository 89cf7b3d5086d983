"""The synthetic demo municipality: deterministic, realistic, and importable as written."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from socialstyring.core.costs import cost_expr
from socialstyring.core.forecast import forecast, totals
from socialstyring.demo import DemoMunicipality, generate, write_files
from socialstyring.demo.budget_split import distributed
from socialstyring.demo.generator import CATALOGUE, UNIT_CODES, month_costs
from socialstyring.io.cpr import CPR_SHAPE, Pseudonymiser
from socialstyring.io.readers import read_table
from socialstyring.io.validation import Reference, validate
from socialstyring.reference import chart_of_accounts, municipalities

AFTER_CARE = ["BL § 114", "SEL § 76"]
FRAMES = {
    "bevillinger": "grants",
    "budget": "budgets",
    "posteringer": "postings",
    "leverandører": "providers",
}


@pytest.fixture(scope="module")
def demo() -> DemoMunicipality:
    return generate()


@pytest.fixture(scope="module")
def big() -> DemoMunicipality:
    return generate(seed=7, grants=20_000)


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference(
        accounts=frozenset(chart_of_accounts()["function"]),
        municipalities=frozenset(municipalities()["code"]),
    )


def _active(grants: pl.DataFrame, year: int) -> pl.DataFrame:
    ends_after = pl.col("end").is_null() | (pl.col("end") >= dt.date(year, 1, 1))
    return grants.filter((pl.col("start") <= dt.date(year, 12, 31)) & ends_after)


def _days(series: pl.Series) -> np.ndarray:
    return series.cast(pl.Int32).cast(pl.Int64).to_numpy()


def test_the_same_seed_gives_identical_frames() -> None:
    first, again, other = (
        generate(seed=11, grants=3000),
        generate(seed=11, grants=3000),
        generate(seed=12, grants=3000),
    )
    for name in FRAMES.values():
        assert getattr(first, name).equals(getattr(again, name)), name
    assert not first.grants.equals(other.grants)
    assert not first.postings.equals(other.postings)


def test_the_default_is_a_municipality_of_40000_inhabitants(demo: DemoMunicipality) -> None:
    active = _active(demo.grants, demo.year)
    assert 4_000 <= demo.grants.height <= 6_000
    assert 1_500 <= active.height <= 3_000
    assert demo.grants["start"].min() >= dt.date(demo.year - 5, 1, 1)
    assert demo.grants.filter(pl.col("end") < dt.date(demo.year, 1, 1)).height > 1_000  # history
    yearly_cost = (
        demo.grants.select(cost_expr(dt.date(2026, 1, 1), dt.date(2026, 12, 31))).to_series().sum()
    )
    assert 250e6 <= yearly_cost <= 550e6  # ≈ 6.000-14.000 kr. per inhabitant


def test_grants_sets_the_number_of_grant_rows(big: DemoMunicipality) -> None:
    assert big.grants.height == 20_000
    assert big.grants["grant_id"].n_unique() == 20_000


def test_small_and_empty_municipalities_can_be_generated() -> None:
    for count in (0, 1, 2, 25):
        small = generate(grants=count)
        assert small.grants.height == count


def test_every_account_is_in_the_chart_of_accounts(demo: DemoMunicipality) -> None:
    chart = set(chart_of_accounts()["function"])
    for frame in (demo.grants, demo.budgets, demo.postings):
        assert set(frame["account"]) <= chart
    children = demo.grants.filter(pl.col("area") == "children")["account"]
    adults = demo.grants.filter(pl.col("area") == "adults")["account"]
    assert children.str.starts_with("5.28.2").all()
    assert adults.str.starts_with("5.38.").all()


def test_paragraphs_fit_their_accounts(big: DemoMunicipality) -> None:
    expected = {
        "SEL § 85": {"5.38.38"},
        "SEL § 96": {"5.38.38"},
        "SEL § 102": {"5.38.38"},
        "SEL § 97": {"5.38.53"},
        "SEL § 101": {"5.38.45"},
        "SEL § 103": {"5.38.58"},
        "SEL § 104": {"5.38.59"},
        "SEL § 107": {"5.38.52"},
        "SEL § 108": {"5.38.50"},
        "SEL § 109": {"5.38.42"},
        "SEL § 110": {"5.38.42"},
        "BL § 20": {"5.28.21"},
        "SEL § 50": {"5.28.21"},
        "BL § 32": {"5.28.21"},
        "BL § 90": {"5.28.21"},
        "SEL § 44": {"5.28.21"},
        "BL § 47": {"5.28.24"},
        "SEL § 58": {"5.28.24"},
        "BL § 46": {"5.28.20", "5.28.22", "5.28.23"},
        "SEL § 52": {"5.28.20", "5.28.21", "5.28.22", "5.28.23"},
        "BL § 114": {"5.28.20", "5.28.21", "5.28.22"},
        "SEL § 76": {"5.28.20", "5.28.21", "5.28.22"},
    }
    pairs = big.grants.group_by("paragraph").agg(pl.col("account").unique())
    for paragraph, accounts in pairs.iter_rows():
        assert set(accounts) <= expected[paragraph], paragraph


def test_childrens_grants_started_before_barnets_lov_cite_serviceloven(
    big: DemoMunicipality,
) -> None:
    children = big.grants.filter(pl.col("area") == "children")
    before = children.filter(pl.col("start") < dt.date(2024, 1, 1))["paragraph"]
    after = children.filter(pl.col("start") >= dt.date(2024, 1, 1))["paragraph"]
    assert before.str.starts_with("SEL ").all()
    assert after.str.starts_with("BL ").all()


def test_both_areas_and_all_four_provider_types_are_present(demo: DemoMunicipality) -> None:
    assert set(demo.grants["area"]) == {"children", "adults"}
    types = {"own", "other_municipality", "region", "private"}
    assert set(demo.grants["provider_type"]) == types
    assert set(demo.providers["provider_type"]) == types


def test_prices_periods_and_keys_are_valid(demo: DemoMunicipality) -> None:
    grants, postings = demo.grants, demo.postings
    assert (grants["price"] >= 0).all()
    assert (grants["quantity"] > 0).all()
    assert grants.filter(pl.col("end") < pl.col("start")).height == 0
    assert grants["registered"].max() <= demo.as_of
    assert set(grants["price_unit"]) <= set(UNIT_CODES)
    assert postings["posting_date"].min() >= dt.date(demo.year, 1, 1)
    assert postings["posting_date"].max() <= demo.as_of
    assert set(postings["grant_id"].drop_nulls()) <= set(grants["grant_id"])
    assert postings.filter(pl.col("grant_id").is_null())["amount"].max() < 0  # corrections, refunds
    assert set(grants["provider_id"]) <= set(demo.providers["provider_id"])
    assert set(demo.providers["municipality_code"]) <= set(municipalities()["code"])
    assert demo.postings["posting_id"].n_unique() == demo.postings.height


def test_citizens_are_pseudonyms_never_cpr_numbers(big: DemoMunicipality) -> None:
    citizens = big.grants["citizen_id"]
    assert citizens.str.contains(r"^DEMO-\d{6,}$").all()
    assert not citizens.str.contains(CPR_SHAPE).any()
    assert (
        big.grants["citizen_id"].n_unique() < big.grants.height
    )  # some citizens hold several grants


def test_ages_fit_the_measures(big: DemoMunicipality) -> None:
    def age_at(column: str) -> pl.Expr:
        return (pl.col(column) - pl.col("birth_date")).dt.total_days() / 365.25

    children = big.grants.filter(
        (pl.col("area") == "children") & ~pl.col("paragraph").is_in(AFTER_CARE)
    )
    after_care = big.grants.filter(pl.col("paragraph").is_in(AFTER_CARE))
    adults = big.grants.filter(pl.col("area") == "adults")
    assert children.select(age_at("start").max()).item() < 18
    assert children.select(age_at("end").max()).item() < 18
    assert after_care.select(age_at("start").min()).item() >= 18
    assert after_care.select(age_at("end").max()).item() < 23
    assert adults.select(age_at("start").min()).item() >= 18


def test_prices_lie_in_the_documented_ranges(big: DemoMunicipality) -> None:
    for kind in CATALOGUE:
        low, high = kind.price
        grants = big.grants.filter(
            (pl.col("service") == kind.service) & (pl.col("account") == kind.account)
        )
        offers = big.providers.filter(pl.col("provider_id").is_in(grants["provider_id"].implode()))
        assert grants.height > 0, kind.key
        assert grants["price_unit"].unique().to_list() == [kind.unit], kind.key
        assert grants["price"].min() >= low * 0.9 - 0.01, (
            kind.key
        )  # individual discounts down to 0.9
        assert grants["price"].max() <= high * 1.25 + 0.01, kind.key  # supplements up to 1.25
        assert set(offers["offer_type"]) == {kind.offer_type}, kind.key
        assert offers["tariff"].is_between(low - 0.5, high + 0.5).all(), kind.key


def test_families_share_children_and_measures(demo: DemoMunicipality) -> None:
    children = _active(demo.grants, demo.year).filter(pl.col("area") == "children")
    assert children["family_id"].null_count() == 0
    assert (
        demo.grants.filter(pl.col("area") == "adults")["family_id"].null_count()
        == demo.grants.filter(pl.col("area") == "adults").height
    )
    families = children.group_by("family_id").agg(
        pl.len().alias("measures"), pl.col("citizen_id").n_unique()
    )
    assert families.filter(pl.col("measures") > 1).height >= 10
    assert families.filter(pl.col("citizen_id") > 1).height >= 10


def test_month_costs_agree_with_the_core_cost_rule(big: DemoMunicipality) -> None:
    grants = big.grants
    unit = np.array([UNIT_CODES.index(u) for u in grants["price_unit"]])
    end = _days(grants["end"].fill_null(dt.date(2099, 12, 31)))
    jan, dec = (2026 - 1970) * 12, (2026 - 1970) * 12 + 11
    row, _, cost = month_costs(
        _days(grants["start"]),
        end,
        unit,
        grants["price"].to_numpy(),
        grants["quantity"].to_numpy(),
        jan,
        dec,
    )
    ours = np.bincount(row, weights=cost, minlength=grants.height)
    core = (
        grants.select(cost_expr(dt.date(2026, 1, 1), dt.date(2026, 12, 31))).to_series().to_numpy()
    )
    assert np.abs(ours - core).max() < 1e-6


def test_the_ledger_pays_the_grants_month_by_month(demo: DemoMunicipality) -> None:
    through = dt.date(demo.year, 9, 30)
    paid = demo.postings.filter(
        pl.col("grant_id").is_not_null() & (pl.col("posting_date") <= through)
    )["amount"].sum()
    cost = demo.grants.select(cost_expr(dt.date(demo.year, 1, 1), through)).to_series().sum()
    assert paid == pytest.approx(cost, rel=0.05)


@pytest.mark.parametrize("fixture", ["demo", "big"])
def test_the_forecast_is_within_15_percent_of_the_budget(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    data: DemoMunicipality = request.getfixturevalue(fixture)
    table = forecast(data.grants, data.budgets, data.postings, year=data.year, as_of=data.as_of)
    total = totals(table)
    assert total["budget"] > 0
    assert abs(total["deviation"]) <= 0.15 * total["budget"]
    assert table.filter(pl.col("deviation") > 0).height > 0  # some underspends …
    assert table.filter(pl.col("deviation") < 0).height > 0  # … and some overspends


def test_budgets_cover_the_year_and_four_before(demo: DemoMunicipality) -> None:
    budgets = demo.budgets
    current = budgets.filter(pl.col("year") == demo.year)
    assert set(current["kind"]) == {"adopted", "corrected"}
    assert set(current["account"]) == set(_active(demo.grants, demo.year)["account"])
    earlier = budgets.filter(pl.col("year") < demo.year)
    assert sorted(earlier["year"].unique()) == [
        demo.year - 4,
        demo.year - 3,
        demo.year - 2,
        demo.year - 1,
    ]
    assert set(earlier["kind"]) == {"adopted"}


def test_budgets_are_distributed_to_teams_by_their_share_of_cost(demo: DemoMunicipality) -> None:
    budgets = demo.budgets
    per_account = budgets.group_by("year", "account", "kind").agg(pl.col("amount").sum())
    # Distributed in whole kroner, each account's total still whole thousands (as adopted).
    assert (budgets["amount"] % 1 == 0).all() and (per_account["amount"] % 1000 == 0).all()
    current = budgets.filter((pl.col("year") == demo.year) & (pl.col("kind") == "corrected"))
    teams = _active(demo.grants, demo.year).select("account", "area", "team").unique()
    assert current.select("account", "area", "team").sort(pl.all()).equals(teams.sort(pl.all()))
    # Redistributing the totals gives the same rows: the split is exact and repeatable.
    totals = per_account.sort("year", "account", "kind")
    again = distributed(totals, demo.grants)
    assert (
        again.group_by("year", "account", "kind")
        .agg(pl.col("amount").sum())
        .sort("year", "account", "kind")
        .equals(totals)
    )


@pytest.mark.parametrize("style", ["danish", "plain"])
def test_written_files_read_back_through_the_importer(
    style: str, big: DemoMunicipality, reference: Reference, tmp_path: Path
) -> None:
    paths = write_files(big, tmp_path, style)
    assert {p.name for p in paths.values()} == {
        "bevillinger.csv",
        "budget.csv",
        "posteringer.csv",
        "leverandører.csv",
    }
    for name, path in paths.items():
        validated = validate(
            read_table(path.read_bytes(), path.name),
            reference,
            Pseudonymiser(b"demo-key-16bytes"),
            today=dt.date(2026, 12, 1),
        )
        assert validated.kind.name == name
        assert validated.ignored_columns == []
        expected: pl.DataFrame = getattr(big, FRAMES[name])
        # Fields the demo does not fill (the providers' regional columns) read back empty.
        extra = [c for c in validated.frame.columns if c not in expected.columns]
        assert all(validated.frame[c].null_count() == validated.frame.height for c in extra)
        assert validated.frame.select(expected.columns).equals(expected), name


def test_danish_files_look_like_danish_excel(demo: DemoMunicipality, tmp_path: Path) -> None:
    path = write_files(demo, tmp_path, "danish")["bevillinger"]
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header, first = data[3:].decode("utf-8").splitlines()[:2]
    assert header == (
        "bevilling_id;borger_id;familie_id;fødselsdato;område;paragraf;indsats;leverandør_id;"
        "leverandør_type;konto;startdato;slutdato;pris;prisenhed;antal;registreret;rådgiver;team"
    )
    cells = dict(zip(header.split(";"), first.split(";"), strict=True))
    assert cells["område"] in {"børn", "voksen"}
    assert cells["prisenhed"] in {"dag", "uge", "måned", "år", "time", "engang"}
    assert cells["leverandør_type"] in {"egen", "anden_kommune", "region", "privat"}
    assert dt.datetime.strptime(cells["startdato"], "%d-%m-%Y")
    assert "," in cells["pris"] and "." not in cells["pris"]
    budget = (
        write_files(demo, tmp_path, "danish")["budget"].read_text(encoding="utf-8-sig").splitlines()
    )
    assert budget[0] == "år;konto;beløb;type;område;team"
    assert budget[1].split(";")[3] in {"oprindeligt", "korrigeret"}


def test_plain_files_use_commas_points_and_iso_dates(
    demo: DemoMunicipality, tmp_path: Path
) -> None:
    data = write_files(demo, tmp_path, "plain")["posteringer"].read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    header, first = data.decode("utf-8").splitlines()[:2]
    assert header == "posterings_id,bogføringsdato,konto,beløb,bevilling_id,tekst"
    assert dt.date.fromisoformat(first.split(",")[1])
    assert re.fullmatch(r"-?\d+\.\d{2}", first.split(",")[3])


def test_write_files_rejects_an_unknown_style(demo: DemoMunicipality, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_files(demo, tmp_path, "excel")
