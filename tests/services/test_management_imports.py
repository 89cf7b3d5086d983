"""Importing appeals, reference key figures and population: stored, idempotent, no CPR
kept, FOLK1A read as Statistics Denmark writes it, bad rows reported."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring.io.problems import ImportRejected
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage.models import Appeal, KeyFigure, Population
from tests.services.test_imports import _all_database_text

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)

APPEALS = (
    "sag_id;borger_id;område;paragraf;team;afgørelsesdato;ankestyrelsens_afgørelse;"
    "ankestyrelsens_dato\n"
    "K1;010190-1234;børn;Barnets lov § 46;Nord;01-02-2025;hjemvist;15-06-2025\n"
    "K2;;voksen;sel 85;;01-02-2025;;\n"
)


def _upload(name: str, text: str) -> Upload:
    return Upload(name, text.encode("utf-8"))


def test_appeals_are_stored_pseudonymised_and_idempotent():
    [outcome] = import_uploads([_upload("klagesager.csv", APPEALS)], now=NOW)
    assert outcome.kind == "klagesager" and outcome.created == 2
    first = Appeal.objects.get(case_id="K1")
    assert first.citizen_id.startswith("PS-") and first.paragraph == "BL § 46"
    assert first.outcome == "returned" and first.outcome_date == dt.date(2025, 6, 15)
    pending = Appeal.objects.get(case_id="K2")
    assert pending.outcome is None and pending.citizen_id is None
    assert pending.paragraph == "SEL § 85" and pending.area == "adults"
    assert "0101901234" not in _all_database_text()
    assert "010190-1234" not in _all_database_text()
    [again] = import_uploads([_upload("klagesager.csv", APPEALS)], now=NOW)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


@pytest.mark.parametrize(
    "row, column, reason",
    [
        ("K1;;børn;BL § 46;;01-02-2025;stadfæstet;", "ankestyrelsens_dato", "mangler"),
        ("K1;;børn;BL § 46;;01-02-2025;;15-06-2025", "ankestyrelsens_afgørelse", "ingen"),
        ("K1;;børn;BL § 46;;01-02-2025;ændret;15-06-2024", "ankestyrelsens_dato", "før"),
        ("K1;;børn;BL § 46;;;ændret;15-06-2025", "afgørelsesdato", "mangler"),
    ],
)
def test_a_bad_appeal_is_rejected_with_its_row_and_column(row, column, reason):
    header = APPEALS.splitlines()[0]
    with pytest.raises(ImportRejected) as caught:
        import_uploads([_upload("klagesager.csv", f"{header}\n{row}\n")], now=NOW)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (2, column)
    assert reason in problem.reason.lower()
    assert Appeal.objects.count() == 0


def test_key_figures_are_stored_with_an_empty_unit_for_the_country():
    text = (
        "kode;år;niveau;enhed;værdi;kilde\n"
        "omgoerelsesprocent;2024;land;;17,5;Ankestyrelsen\n"
        "spend_per_inhabitant_0_22;2024;gruppe;Sammenlignelige;10.250,5;ECO Nøgletal\n"
    )
    [outcome] = import_uploads([_upload("nøgletal.csv", text)], now=NOW)
    assert outcome.kind == "nøgletal" and outcome.created == 2
    national = KeyFigure.objects.get(code="omgoerelsesprocent")
    assert (national.level, national.unit, national.value) == ("country", "", 17.5)
    assert KeyFigure.objects.get(level="group").value == pytest.approx(10250.5)
    [again] = import_uploads([_upload("nøgletal.csv", text)], now=NOW)
    assert again.unchanged == 2


def test_population_in_the_own_layout_with_bands():
    text = "kommunekode;år;alder;antal\n706;2024;0-17;8000\n0706;2024;18;500\n706;2024;19 år;480\n"
    import_uploads([_upload("befolkning.csv", text)], now=NOW)
    rows = set(Population.objects.values_list("municipality_code", "year", "age_from", "age_to"))
    assert rows == {("706", 2024, 0, 17), ("706", 2024, 18, 18), ("706", 2024, 19, 19)}


def test_population_in_statistics_denmarks_folk1a_layout():
    text = (
        '"OMRÅDE";"ALDER";"TID";"INDHOLD"\n'
        '"Syddjurs";"Alder i alt";"2024K1";"43000"\n'
        '"Syddjurs";"0 år";"2024K1";"380"\n'
        '"Syddjurs";"0 år";"2024K2";"390"\n'
        '"Syddjurs";"100 år og derover";"2024K1";"9"\n'
        '"Hele landet";"5 år";"2024K1";"61000"\n'
        '"Region Midtjylland";"5 år";"2024K1";"14000"\n'
    )
    [outcome] = import_uploads([_upload("folk1a.csv", text)], now=NOW)
    assert outcome.kind == "befolkning"
    rows = set(
        Population.objects.values_list("municipality_code", "year", "age_from", "age_to", "count")
    )
    assert rows == {
        ("706", 2024, 0, 0, 380),  # the first quarter is the year's; the total is left out
        ("706", 2024, 100, 125, 9),
        ("DK", 2024, 5, 5, 61000),
        ("1082", 2024, 5, 5, 14000),
    }


def test_an_unknown_municipality_and_a_bad_age_are_reported():
    text = (
        '"OMRÅDE";"ALDER";"TID";"INDHOLD"\n'
        '"Atlantis";"5 år";"2024K1";"3"\n'
        '"Syddjurs";"fem";"2024";"3"\n'
    )
    with pytest.raises(ImportRejected) as caught:
        import_uploads([_upload("folk1a.csv", text)], now=NOW)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(2, "OMRÅDE"), (3, "ALDER")}
    assert Population.objects.count() == 0


def test_the_population_service_counts_whole_bands():
    from socialstyring.services.management.population import inhabitants, population

    text = "kommunekode;år;alder;antal\n706;2024;0-17;8000\n706;2024;18;500\n706;2025;0-22;9000\n"
    import_uploads([_upload("befolkning.csv", text)], now=NOW)
    assert population().height == 3
    assert inhabitants("706", (0, 18)).rows() == [(2024, 8500.0)]
    assert inhabitants("706", (0, 22)).rows() == [(2024, 8500.0), (2025, 9000.0)]
