"""Objective financing from the population the ``befolkning`` import stored: split by the
region's 0-17-year-olds, the partial (60/40) split, the tariff's cost base as the amount,
a Danish message naming a municipality without figures, and who sees which shares."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import pytest

from socialstyring.services.access import Viewer
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.services.regional import objective
from socialstyring.storage import tenancy
from socialstyring.storage.models import ObjectiveFinancing

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
SECRETARIAT = Viewer("sek", "secretariat", None, "", (), "851")
HJOERRING = Viewer("hjo", "finance", None, "", ("860",))

# Aalborg imports figures for itself and for Hjørring (one file); Hjørring imports its
# own too, which win for Hjørring: 10.000 children, not 99.999.
POPULATION_851 = (
    "kommunekode;år;alder;antal\n"
    "851;2026;0-17;30000\n851;2026;18-64;140000\n"
    "860;2026;0-17;99999\n"
    "851;2025;0-17;29000\n"
)
POPULATION_860 = "kommunekode;år;alder;antal\n860;2026;5;4000\n860;2026;6-17;6000\n"
BUDGETS = (
    "tilbud_id;år;pladser;direkte_omkostninger;afskrivninger;forrentning;forventet_belægning\n"
    "T-1;2026;12;10.000.000;400.000;150.000;96\n"
)
PROVIDERS = "leverandør_id;navn;type;kommunekode;pladser\nT-1;Birken;egen;851;12\n"


def _import(code: str, *files: tuple[str, str]) -> None:
    with tenancy.activate(code):
        import_uploads([Upload(n, t.encode()) for n, t in files], now=NOW)


@pytest.fixture
def region():
    _import(
        "851",
        ("befolkning.csv", POPULATION_851),
        ("tilbudsøkonomi.csv", BUDGETS),
        ("leverandører.csv", PROVIDERS),
    )
    _import("860", ("befolkning.csv", POPULATION_860))


def _arrange(**values) -> None:
    defaults = {"region_code": "1081", "first_year": 2025, "last_year": 2027}
    ObjectiveFinancing.objects.create(**{**defaults, **values})


def test_a_partial_split_by_the_stored_children(region):
    _arrange(
        offer_id="BH",
        name="Børnehus Nord",
        objective_pct=60,
        amount=1_000_000,
        municipalities="851,860",
    )
    page = objective.financing(SECRETARIAT, 2026)
    (split,) = page.splits
    assert split.problem == ""
    assert split.objective_part == pytest.approx(600_000.0)
    assert split.per_case_part == pytest.approx(400_000.0)
    shares = {r["municipality"]: (r["children"], r["amount"]) for r in split.rows}
    # 30.000 and 10.000 (Hjørring's own import wins over Aalborg's figure for it)
    assert shares == {
        "851": (30_000.0, pytest.approx(450_000.0)),
        "860": (10_000.0, pytest.approx(150_000.0)),
    }
    assert sum(r["amount"] for r in split.rows) == pytest.approx(600_000.0)


def test_the_amount_is_the_tariff_s_cost_base_when_none_is_given(region):
    _arrange(offer_id="T-1", objective_pct=100, municipalities="851,860")
    (split,) = objective.financing(SECRETARIAT, 2026).splits
    assert split.arrangement.name == "Birken" and split.arrangement.from_tariff
    # the worked example's cost base before its regulering: 10.000.000 + 6 % + 550.000
    assert split.arrangement.total == pytest.approx(11_150_000.0)
    assert sum(r["amount"] for r in split.rows) == pytest.approx(11_150_000.0)


def test_a_municipality_without_figures_is_named_never_a_silent_zero(region):
    _arrange(offer_id="BH", name="Børnehus Nord", objective_pct=60, amount=1_000_000)
    (split,) = objective.financing(SECRETARIAT, 2026).splits  # all 11 of North Jutland
    assert split.rows == []
    assert "2026" in split.problem and "773 Morsø" in split.problem
    assert "825 Læsø" in split.problem and "851" not in split.problem
    assert split.problem.startswith("Ingen befolkningstal")


def test_no_population_up_to_the_year_names_the_year(region):
    _arrange(offer_id="BH", amount=1_000_000, municipalities="851,860", first_year=2020)
    (split,) = objective.financing(SECRETARIAT, 2024).splits
    assert "2024" in split.problem and "851 Aalborg" in split.problem


def test_a_municipality_sees_its_own_share_and_the_total(region):
    _arrange(
        offer_id="BH",
        name="Børnehus Nord",
        objective_pct=60,
        amount=1_000_000,
        municipalities="851,860",
    )
    page = objective.financing(HJOERRING, 2026)
    assert not page.sees_all and page.own == "860"
    (split,) = page.splits
    assert [r["municipality"] for r in split.rows] == ["860"]
    assert split.arrangement.total == pytest.approx(1_000_000.0)
    assert split.objective_part == pytest.approx(600_000.0)


def test_the_xlsx_export_reads_back(region):
    _arrange(
        offer_id="BH",
        name="Børnehus Nord",
        objective_pct=60,
        amount=1_000_000,
        municipalities="851,860",
    )
    file = objective.financing_download(SECRETARIAT, 2026, "xlsx")
    assert file.filename == "objektiv-finansiering-2026.xlsx"
    sheet = pl.read_excel(io.BytesIO(file.payload), read_options={"header_row": None})
    cells = [str(c) for row in sheet.iter_rows() for c in row if c is not None]
    assert "Børnehus Nord" in cells
    assert any("851 Aalborg" in c for c in cells) and any("860 Hjørring" in c for c in cells)
    assert any(c.startswith("450000") or c == "450000.0" for c in cells)
