"""Import files → typed frames, or a rejection that names every problem
(docs/import.md)."""

from __future__ import annotations

import datetime as dt
import random

import polars as pl
import pytest
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError

from socialstyring.io.cpr import MASK, Pseudonymiser, resolve_citizens
from socialstyring.io.problems import ImportRejected
from socialstyring.io.readers import read_table
from socialstyring.io.schema import BUDGETS, GRANTS, POSTINGS, PROVIDERS
from socialstyring.io.validation import MAX_PROBLEMS, validate
from tests.helpers import (
    KEY,
    OTHER_KEY,
    REFERENCE,
    TODAY,
    load_example,
    pseudonymiser,
    rejection,
    validated,
)
from tests.helpers.files import csv_bytes, grant, grants_csv, records_csv, xlsx_bytes

D = dt.date
DANISH_LETTERS = "æøåÆØÅ"


def only_problem(rejected: ImportRejected):
    assert len(rejected.problems) == 1, rejected.report()
    return rejected.problems[0]


# --- one problem, named by spreadsheet row ---------------------------------------------------


@pytest.mark.parametrize(
    ("change", "column", "value", "reason"),
    [
        ({"startdato": "31-02-2026"}, "startdato", "31-02-2026", "Ugyldig dato"),
        ({"slutdato": "30.02.2026"}, "slutdato", "30.02.2026", "Ugyldig dato"),
        ({"slutdato": "31-12-2025"}, "slutdato", "31-12-2025", "Slutdato ligger før startdato"),
        ({"prisenhed": "kvartal"}, "prisenhed", "kvartal", "Ukendt prisenhed"),
        ({"pris": "-5,00"}, "pris", "-5,00", "Prisen må ikke være negativ"),
        ({"antal": "-1"}, "antal", "-1", "Antal må ikke være negativt"),
        ({"pris": "12,34,56"}, "pris", "12,34,56", "Ugyldigt tal"),
        ({"antal": "to"}, "antal", "to", "Ugyldigt tal"),
        ({"konto": "5.99.99"}, "konto", "5.99.99", "Kontoen findes ikke i kontoplanen"),
        ({"konto": "5.2821"}, "konto", "5.2821", "Ugyldigt kontonummer"),
        ({"område": "ældre"}, "område", "ældre", "Ukendt område"),
        ({"leverandør_type": "kommunal"}, "leverandør_type", "kommunal", "Ukendt leverandørtype"),
        ({"registreret": "2026-13-01"}, "registreret", "2026-13-01", "Ugyldig dato"),
        ({"paragraf": ""}, "paragraf", None, "Værdi mangler"),
        ({"startdato": "  "}, "startdato", None, "Værdi mangler"),
    ],
)
def test_it_rejects_a_bad_cell_and_names_its_row_column_and_value(change, column, value, reason):
    data = grants_csv(
        grant(bevilling_id="B-1"), grant(bevilling_id="B-2", **change), grant(bevilling_id="B-3")
    )
    problem = only_problem(rejection(data))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "bevillinger.csv",
        3,
        column,
        value,
    )
    assert reason in problem.reason


def test_it_rejects_end_before_start():
    data = grants_csv(grant(startdato="01-06-2026", slutdato="31-05-2026"))
    problem = only_problem(rejection(data))
    assert (problem.row, problem.column, problem.reason) == (
        2,
        "slutdato",
        "Slutdato ligger før startdato.",
    )


def test_a_grant_of_one_day_ends_on_its_start():
    frame = validated(grants_csv(grant(startdato="01-06-2026", slutdato="01-06-2026"))).frame
    assert (frame["start"][0], frame["end"][0]) == (D(2026, 6, 1), D(2026, 6, 1))


def test_the_header_is_row_one_and_a_quoted_line_break_does_not_shift_rows():
    data = grants_csv(
        grant(bevilling_id="B-1", indsats="Bostøtte\nmed to linjer"),
        grant(bevilling_id="B-2", pris="x"),
    )
    problem = only_problem(rejection(data))
    assert problem.row == 3


def test_it_names_the_raw_header_of_an_alias_column():
    data = records_csv(
        [
            {
                "Bevillingsnr": "B-1",
                "CPR-nr.": "P-1",
                "område": "børn",
                "paragraf": "SEL § 52",
                "konto": "5.28.21",
                "Gyldig fra": "31-02-2026",
                "Takst": "1,00",
                "Enhed": "dag",
            }
        ]
    )
    problem = only_problem(rejection(data))
    assert (problem.row, problem.column) == (2, "Gyldig fra")


@pytest.mark.parametrize("bad_cpr", ["310299-1234", "3102991234", "290200-1000", "001301-4000"])
def test_it_rejects_a_cpr_with_a_bad_date_part_without_showing_it(bad_cpr):
    with pytest.raises(ValidationError):
        stdnum_cpr.validate(bad_cpr)  # the oracle agrees it is invalid
    data = grants_csv(
        grant(bevilling_id="B-1", borger_id="221216-4151"),
        grant(bevilling_id="B-2", borger_id=bad_cpr, pris="oops"),
    )
    rejected = rejection(data)
    cpr_problems = [p for p in rejected.problems if p.column == "borger_id"]
    assert [(p.row, p.value) for p in cpr_problems] == [(3, MASK)]
    assert "Ugyldigt CPR-nummer" in cpr_problems[0].reason
    assert len(rejected.problems) == 2  # the price is reported too
    text = rejected.report() + repr(rejected.problems) + str(rejected)
    digits = bad_cpr.replace("-", "")
    for secret in (bad_cpr, digits, digits[:6], "221216-4151", "2212164151", "221216"):
        assert secret not in text


def test_a_duplicated_grant_id_names_the_first_row():
    data = grants_csv(
        grant(bevilling_id="B-1"),
        grant(bevilling_id="B-2"),
        grant(bevilling_id="B-1"),
        grant(bevilling_id="B-1"),
    )
    rejected = rejection(data)
    assert [(p.row, p.column, p.value) for p in rejected.problems] == [
        (4, "bevilling_id", "B-1"),
        (5, "bevilling_id", "B-1"),
    ]
    assert all("første gang i række 2" in p.reason for p in rejected.problems)


@pytest.mark.parametrize(
    "ids",
    [
        ["B-1", "B-2", "B-2", "B-3"],  # sorted: the repeat is the neighbour
        ["B-3", "B-1", "B-2", "B-1"],  # unsorted: found by hashing
        ["B-1", "B-2", "B-3", "B-1"],  # sorted until the last row
    ],
)
def test_a_repeated_grant_id_is_found_sorted_or_not(ids):
    rejected = rejection(grants_csv(*(grant(bevilling_id=i) for i in ids)))
    repeated = [i for n, i in enumerate(ids) if i in ids[:n]]
    assert [p.value for p in rejected.problems] == repeated


def test_strictly_increasing_ids_with_gaps_pass():
    frame = validated(
        grants_csv(*(grant(bevilling_id=i) for i in ["B-01", "B-02", "B-10", "B-9"]))
    ).frame
    assert frame["grant_id"].to_list() == ["B-01", "B-02", "B-10", "B-9"]


def test_it_rejects_a_missing_required_column():
    data = grants_csv({k: v for k, v in grant().items() if k not in ("konto", "prisenhed")})
    rejected = rejection(data)
    assert sorted((p.row, p.column, p.reason) for p in rejected.problems) == [
        (1, "konto", "Kolonnen mangler."),
        (1, "prisenhed", "Kolonnen mangler."),
    ]


def test_it_rejects_a_column_given_twice_under_two_names():
    data = grants_csv(grant(Bevillingsnummer="B-9"))
    problem = only_problem(rejection(data))
    assert (problem.row, problem.column, problem.reason) == (
        1,
        "Bevillingsnummer",
        "Kolonnen står to gange.",
    )


@pytest.mark.parametrize(
    "data", [b"", b"   \r\n  \n", b"\xef\xbb\xbf"], ids=["empty", "blank", "bom-only"]
)
def test_it_rejects_an_empty_file(data):
    problem = only_problem(rejection(data))
    assert (problem.row, problem.reason) == (None, "Filen er tom.")


def test_it_rejects_a_header_only_file():
    header_only = ";".join(grant()).encode() + b"\r\n"
    problem = only_problem(rejection(header_only))
    assert (problem.row, problem.reason) == (None, "Filen har overskrifter, men ingen rækker.")


def test_it_rejects_a_header_only_workbook():
    problem = only_problem(rejection(xlsx_bytes(list(grant()), []), "bevillinger.xlsx"))
    assert problem.reason == "Filen har overskrifter, men ingen rækker."


def test_it_rejects_an_unrecognisable_header_row():
    problem = only_problem(rejection(csv_bytes(["navn", "adresse"], [["a", "b"]])))
    assert problem.row is None and "Filtypen kan ikke genkendes" in problem.reason


@pytest.mark.parametrize("seed", [1, 2, 3, 2026])
def test_it_rejects_random_binary_bytes(seed):
    data = random.Random(seed).randbytes(4096)
    problem = only_problem(rejection(data, "upload.csv"))
    assert (problem.file, problem.row) == ("upload.csv", None)
    assert "binære data" in problem.reason or "kan ikke læses" in problem.reason


@pytest.mark.parametrize("seed", [5, 6])
def test_it_rejects_random_bytes_without_zero_bytes(seed):
    data = bytes(b or 1 for b in random.Random(seed).randbytes(4096))
    problem = only_problem(rejection(data, "upload.csv"))
    assert problem.row is None
    assert "binære data" in problem.reason or "hverken UTF-8 eller Windows-1252" in problem.reason


def test_it_rejects_a_broken_workbook():
    data = b"PK\x03\x04" + random.Random(7).randbytes(2000)
    problem = only_problem(rejection(data, "bevillinger.xlsx"))
    assert problem.row is None and "Excel-filen kan ikke læses" in problem.reason


def test_it_rejects_a_row_with_too_many_fields():
    header = list(grant())
    rows = [
        list(grant(bevilling_id="B-1").values()),
        list(grant(bevilling_id="B-2").values()) + ["extra"],
    ]
    problem = only_problem(rejection(csv_bytes(header, rows)))
    assert problem.row == 3
    assert (
        problem.reason
        == f"Rækken har {len(header) + 1} felter, men overskriften har {len(header)}."
    )


def test_it_rejects_a_row_with_too_few_fields():
    header = list(grant())
    rows = [
        list(grant(bevilling_id="B-1").values()),
        list(grant(bevilling_id="B-2").values())[:-1],
        list(grant(bevilling_id="B-3").values()),
    ]
    problem = only_problem(rejection(csv_bytes(header, rows)))
    assert problem.row == 3
    assert (
        problem.reason
        == f"Rækken har {len(header) - 1} felter, men overskriften har {len(header)}."
    )


def test_a_file_with_several_problems_reports_all_of_them():
    data = grants_csv(
        grant(bevilling_id="B-1"),
        grant(bevilling_id="B-2", startdato="31-02-2026", pris="12,34,56"),
        grant(bevilling_id="B-3"),
        grant(bevilling_id="B-4", prisenhed="kvartal", konto="5.99.99"),
        grant(bevilling_id="B-2", borger_id="310299-1234"),
    )
    rejected = rejection(data)
    assert sorted((p.row, p.column) for p in rejected.problems) == [
        (3, "pris"),
        (3, "startdato"),
        (5, "konto"),
        (5, "prisenhed"),
        (6, "bevilling_id"),
        (6, "borger_id"),
    ]
    assert rejected.total == 6
    report = rejected.report()
    assert report.startswith("Afvist: bevillinger.csv blev ikke indlæst (6 fejl). Intet er gemt.")
    for row in (3, 5, 6):
        assert f"række {row}" in report
    assert "kolonne 'prisenhed'" in report and "(værdi: 'kvartal')" in report
    assert "310299" not in report


def test_a_huge_number_of_problems_is_capped_but_counted():
    rows = [grant(bevilling_id=f"B-{i}", pris="x") for i in range(MAX_PROBLEMS + 50)]
    rejected = rejection(grants_csv(*rows))
    assert len(rejected.problems) == MAX_PROBLEMS and rejected.total == MAX_PROBLEMS + 50
    assert rejected.report(limit=10).endswith(f"… og {MAX_PROBLEMS + 40} fejl mere.")


# --- what a valid grants file becomes --------------------------------------------------------


def test_a_valid_grant_is_typed_in_the_cores_column_names():
    data = grants_csv(
        grant(
            bevilling_id="B-7",
            borger_id="P-7",
            område="Voksen",
            paragraf="sel 108",
            konto="53850",
            startdato="01.02.2026",
            slutdato="2026-12-31",
            pris="1.234,50 kr.",
            prisenhed="Uge",
            antal="2,5",
            leverandør_type="privat",
            team="Team Nord",
        )
    )
    result = validated(data)
    assert result.kind is GRANTS and result.rows == 1
    row = result.frame.row(0, named=True)
    assert row == {
        "grant_id": "B-7",
        "citizen_id": "P-7",
        "family_id": None,
        "birth_date": None,
        "area": "adults",
        "paragraph": "SEL § 108",
        "service": None,
        "provider_id": None,
        "provider_type": "private",
        "account": "5.38.50",
        "start": D(2026, 2, 1),
        "end": D(2026, 12, 31),
        "price": 1234.5,
        "price_unit": "week",
        "quantity": 2.5,
        "registered": D(2026, 2, 1),
        "caseworker": None,
        "team": "Team Nord",
        "open_ended": None,
    }


def test_quantity_defaults_to_one_and_registration_to_start():
    data = grants_csv({k: v for k, v in grant(startdato="15-03-2026").items() if k != "antal"})
    row = validated(data).frame.row(0, named=True)
    assert (row["quantity"], row["registered"]) == (1.0, D(2026, 3, 15))


def test_unknown_columns_are_ignored_and_named():
    result = validated(grants_csv(grant(Bemærkning="x", Sagsbehandlertelefon="12345678")))
    assert result.ignored_columns == ["Bemærkning", "Sagsbehandlertelefon"]
    assert "Bemærkning" not in result.frame.columns


@pytest.mark.parametrize(
    ("cell", "unit"),
    [
        ("DAILY", "day"),
        ("WEEKLY", "week"),
        ("MONTHLY", "month"),
        ("Hour", "hour"),
        ("døgn", "day"),
        ("engangsbeløb", "once"),
    ],
)
def test_english_and_variant_unit_codes_map_to_the_cores_units(cell, unit):
    frame = validated(grants_csv(grant(prisenhed=cell, antal="3"))).frame
    assert (frame["price_unit"][0], frame["quantity"][0]) == (unit, 3.0)


def test_minutes_per_week_become_hours_per_week():
    frame = validated(
        grants_csv(
            grant(prisenhed="minutter pr. uge", antal="90", pris="600,00"),
            grant(bevilling_id="B-2", prisenhed="Minutes", antal=None),
        )
    ).frame
    assert frame["price_unit"].to_list() == ["hour", "hour"]
    assert frame["quantity"].to_list() == [1.5, pytest.approx(1 / 60)]


def test_the_examples_validate_completely():
    dk, plain = load_example("kommune-dk"), load_example("kommune-plain")
    assert {k: v.height for k, v in dk.items()} == {
        "bevillinger": 60,
        "budget": 20,
        "posteringer": 60,
        "leverandører": 40,
    }
    assert {k: v.height for k, v in plain.items()} == {
        "bevillinger": 60,
        "budget": 19,
        "leverandører": 40,
    }
    first = dk["bevillinger"].row(1, named=True)  # B31-000001: 445,90 kr.;time;8
    assert (first["grant_id"], first["price"], first["price_unit"], first["quantity"]) == (
        "B31-000001",
        445.9,
        "hour",
        8.0,
    )
    assert first["birth_date"] == D(1989, 3, 24) and first["citizen_id"] == "P31-000026"


# --- encodings, delimiters and workbooks -----------------------------------------------------


def danish_text_grant(**changes) -> dict:
    return grant(indsats=f"Døgnophold {DANISH_LETTERS}", team="Børn Ærø", rådgiver="ÅSØ", **changes)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("cp1252", False), ("utf-8", False), ("utf-8", True)],
    ids=["windows-1252", "utf-8", "utf-8-bom"],
)
@pytest.mark.parametrize("delimiter", [";", ","])
def test_danish_letters_round_trip_in_every_encoding_and_delimiter(encoding, bom, delimiter):
    row = danish_text_grant(pris="1.000,00" if delimiter == ";" else "1000.00")
    data = grants_csv(row, encoding=encoding, bom=bom, delimiter=delimiter)
    raw = read_table(data, "bevillinger.csv")
    assert (raw.delimiter, raw.encoding) == (
        delimiter,
        {"cp1252": "cp1252", "utf-8": "utf-8-sig" if bom else "utf-8"}[encoding],
    )
    assert raw.headers[2] == "område"  # the BOM is not part of the first header either
    assert raw.headers[0] == "bevilling_id"
    frame = validate(raw, REFERENCE, pseudonymiser(), today=TODAY).frame
    assert frame.select("service", "team", "caseworker").row(0) == (
        f"Døgnophold {DANISH_LETTERS}",
        "Børn Ærø",
        "ÅSØ",
    )
    assert frame["price"][0] == 1000.0


def test_a_comma_file_and_a_semicolon_file_give_the_same_frame():
    danish = grants_csv(
        grant(bevilling_id="B-1", pris="1.234.567,50 kr.", antal="2,5", startdato="05.01.2026"),
        grant(
            bevilling_id="B-2",
            pris="99,95",
            antal="1",
            startdato="05/01/2026",
            slutdato="31-12-2026",
        ),
        delimiter=";",
    )
    plain = grants_csv(
        grant(bevilling_id="B-1", pris="1234567.50", antal="2.5", startdato="2026-01-05"),
        grant(
            bevilling_id="B-2",
            pris="99.95 kr",
            antal="1",
            startdato="2026-01-05",
            slutdato="2026-12-31",
        ),
        delimiter=",",
        bom=True,
    )
    first, second = validated(danish).frame, validated(plain).frame
    assert first.equals(second)
    assert first["price"].to_list() == [1234567.5, 99.95]


def test_thousands_grouping_is_an_error_in_a_comma_file():
    problem = only_problem(rejection(grants_csv(grant(pris="1.234,50"), delimiter=",")))
    assert (problem.row, problem.column, problem.value) == (2, "pris", "1.234,50")


def test_a_workbook_reads_to_the_same_frame_as_the_equivalent_csv():
    header = [
        "bevilling_id",
        "borger_id",
        "fødselsdato",
        "område",
        "paragraf",
        "indsats",
        "konto",
        "startdato",
        "slutdato",
        "pris",
        "prisenhed",
        "antal",
        "registreret",
        "team",
    ]
    workbook = xlsx_bytes(
        header,
        [
            [
                "B-1",
                "221216-4151",
                None,
                "børn",
                "SEL §52",
                f"Ophold {DANISH_LETTERS}",
                "5.28.21",
                D(2026, 1, 5),
                D(2026, 12, 31),
                1234.5,
                "måned",
                2,
                D(2025, 12, 20),
                "Syd",
            ],
            [
                "B-2",
                "P-2",
                D(1980, 2, 29),
                "voksen",
                "SEL § 108",
                None,
                53850,
                D(2024, 2, 29),
                None,
                700,
                "dag",
                1.5,
                None,
                "Nord",
            ],
            [
                1003,
                "P-3",
                None,
                "voksen",
                "SEL § 85",
                "Støtte",
                "5.38.59",
                D(2026, 3, 1),
                None,
                0.1,
                "time",
                10,
                D(2026, 2, 1),
                None,
            ],
        ],
    )
    csv_file = csv_bytes(
        header,
        [
            [
                "B-1",
                "221216-4151",
                "",
                "børn",
                "SEL §52",
                f"Ophold {DANISH_LETTERS}",
                "5.28.21",
                "05-01-2026",
                "31-12-2026",
                "1.234,50",
                "måned",
                "2",
                "20-12-2025",
                "Syd",
            ],
            [
                "B-2",
                "P-2",
                "29.02.1980",
                "voksen",
                "SEL § 108",
                "",
                "53850",
                "29-02-2024",
                "",
                "700",
                "dag",
                "1,5",
                "",
                "Nord",
            ],
            [
                "1003",
                "P-3",
                "",
                "voksen",
                "SEL § 85",
                "Støtte",
                "5.38.59",
                "01-03-2026",
                "",
                "0,1",
                "time",
                "10",
                "01-02-2026",
                "",
            ],
        ],
        encoding="cp1252",
    )
    from_xlsx, from_csv = (
        validated(workbook, "bevillinger.xlsx"),
        validated(csv_file, "bevillinger.csv"),
    )
    assert from_xlsx.frame.schema == from_csv.frame.schema
    assert from_xlsx.frame.equals(from_csv.frame)
    assert from_xlsx.frame["price"].to_list() == [1234.5, 700.0, 0.1]
    assert from_xlsx.frame["start"].to_list() == [D(2026, 1, 5), D(2024, 2, 29), D(2026, 3, 1)]
    assert from_xlsx.frame["grant_id"].to_list() == ["B-1", "B-2", "1003"]


def test_a_workbook_budget_reads_to_the_same_frame_as_the_csv():
    header = ["år", "konto", "beløb", "type"]
    workbook = xlsx_bytes(
        header, [[2026, "5.28.21", 6921898.54, "korrigeret"], [2026, 52821, -1500, "oprindeligt"]]
    )
    csv_file = csv_bytes(
        header,
        [
            ["2026", "5.28.21", "6.921.898,54 kr.", "korrigeret"],
            ["2.026", "52821", "-1.500", "oprindeligt"],
        ],
    )
    from_xlsx, from_csv = validated(workbook, "budget.xlsx"), validated(csv_file, "budget.csv")
    assert from_xlsx.kind is BUDGETS
    assert from_xlsx.frame.equals(from_csv.frame)
    assert from_xlsx.frame.rows() == [
        (2026, "5.28.21", "corrected", 6921898.54, "", ""),
        (2026, "5.28.21", "adopted", -1500.0, "", ""),
    ]


def test_a_workbook_date_column_may_mix_date_cells_and_typed_dates():
    header = list(grant())
    rows = [list(grant(bevilling_id="B-1").values()), list(grant(bevilling_id="B-2").values())]
    rows[0][header.index("startdato")] = D(2026, 1, 5)
    rows[1][header.index("startdato")] = "06-01-2026"  # a text cell
    frame = validated(xlsx_bytes(header, rows), "bevillinger.xlsx").frame
    assert frame["start"].to_list() == [D(2026, 1, 5), D(2026, 1, 6)]


def test_a_workbook_with_a_bad_cell_names_the_spreadsheet_row():
    header = list(grant())
    rows = [list(grant(bevilling_id=f"B-{i}").values()) for i in range(4)]
    rows[2][header.index("slutdato")] = D(2025, 1, 1)
    rows[2][header.index("startdato")] = D(2026, 1, 1)
    problem = only_problem(rejection(xlsx_bytes(header, rows), "bevillinger.xlsx"))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "bevillinger.xlsx",
        4,
        "slutdato",
        "2025-01-01",
    )


# --- budgets ---------------------------------------------------------------------------------


def test_budget_type_defaults_to_corrected_and_duplicates_are_rejected():
    result = validated(
        records_csv([{"år": "2026", "konto": "5.28.21", "beløb": "100,00"}]), "budget.csv"
    )
    assert result.frame.rows() == [(2026, "5.28.21", "corrected", 100.0, "", "")]
    rows = [
        {"år": "2026", "konto": "5.28.21", "beløb": "1", "type": "oprindeligt"},
        {"år": "2026", "konto": "5.28.21", "beløb": "2", "type": "korrigeret"},
        {"år": "2026", "konto": "52821", "beløb": "3", "type": "Oprindeligt"},
    ]
    problem = only_problem(rejection(records_csv(rows), "budget.csv"))
    assert problem.row == 4 and "første gang i række 2" in problem.reason


def test_a_budget_year_must_be_whole():
    problem = only_problem(
        rejection(records_csv([{"år": "2026,5", "konto": "5.28.21", "beløb": "1"}]), "budget.csv")
    )
    assert (problem.row, problem.column, problem.reason) == (2, "år", "Ugyldigt heltal.")


# --- postings --------------------------------------------------------------------------------


def postings(header: list[str], *rows: list[str]) -> bytes:
    return csv_bytes(header, rows)


def test_debit_and_credit_columns_give_a_signed_amount():
    data = postings(
        ["Bogf.dato", "Funktion", "Debet", "Kredit", "Posteringstekst"],
        ["05-01-2026", "5.28.21", "1.000,00", "", "betaling"],
        ["06-01-2026", "5.28.21", "", "250,50", "refusion"],
        ["07-01-2026", "5.28.21", "100,00", "40,00", "netto"],
    )
    result = validated(data, "posteringer.csv")
    assert result.kind is POSTINGS
    assert result.frame["amount"].to_list() == [1000.0, -250.5, 60.0]
    assert result.frame["text"].to_list() == ["betaling", "refusion", "netto"]


def test_a_posting_with_neither_debit_nor_credit_is_rejected():
    data = postings(
        ["bogføringsdato", "konto", "debet", "kredit"], ["05-01-2026", "5.28.21", "", ""]
    )
    problem = only_problem(rejection(data, "posteringer.csv"))
    assert (problem.row, problem.column) == (2, "debet")


def test_an_amount_with_a_d_k_column_is_signed_by_it():
    data = postings(
        ["bogføringsdato", "konto", "Beløb", "D/K"],
        ["05-01-2026", "5.28.21", "1.000,00", "D"],
        ["06-01-2026", "5.28.21", "250,50", "K"],
        ["07-01-2026", "5.28.21", "3,00", "kredit"],
    )
    assert validated(data, "posteringer.csv").frame["amount"].to_list() == [1000.0, -250.5, -3.0]


def test_a_signed_negative_amount_in_a_file_with_a_d_k_column_is_an_error():
    data = postings(
        ["bogføringsdato", "konto", "beløb", "D/K"],
        ["05-01-2026", "5.28.21", "1.000,00", "D"],
        ["06-01-2026", "5.28.21", "-250,50", "K"],
    )
    problem = only_problem(rejection(data, "posteringer.csv"))
    assert (problem.row, problem.column, problem.value) == (3, "beløb", "-250,50")
    assert "fortegnet kan ikke afgøres" in problem.reason


def test_an_unknown_sign_is_an_error():
    data = postings(
        ["bogføringsdato", "konto", "beløb", "D/K"], ["05-01-2026", "5.28.21", "1,00", "X"]
    )
    problem = only_problem(rejection(data, "posteringer.csv"))
    assert (problem.row, problem.column, problem.reason) == (
        2,
        "D/K",
        "Ukendt fortegn (brug D eller K).",
    )


def test_an_amount_and_debit_credit_columns_together_are_an_error():
    data = postings(
        ["bogføringsdato", "konto", "beløb", "debet", "kredit"],
        ["05-01-2026", "5.28.21", "1", "1", ""],
    )
    problem = only_problem(rejection(data, "posteringer.csv"))
    assert problem.row == 1 and "både et beløb og debet/kredit" in problem.reason


def test_a_postings_file_without_any_amount_column_is_rejected():
    problem = only_problem(
        rejection(
            postings(["bogføringsdato", "konto"], ["05-01-2026", "5.28.21"]), "posteringer.csv"
        )
    )
    assert problem.row == 1 and "Kolonnen mangler" in problem.reason


def test_a_prisme_account_string_gives_the_function():
    data = postings(
        ["Bogf.dato", "Kontostreng", "Beløb DKK"], ["05-01-2026", "01005-528211002-015027-x", "7"]
    )
    assert validated(data, "posteringer.csv").frame["account"].to_list() == ["5.28.21"]


def unkeyed_postings() -> bytes:
    return postings(
        ["bogføringsdato", "konto", "beløb", "bevilling_id", "tekst"],
        ["05-01-2026", "5.28.21", "100,00", "B-1", "takst"],
        ["05-01-2026", "5.28.21", "100,00", "B-1", "takst"],  # the same line again
        ["05-01-2026", "5.28.21", "100,00", "B-2", "takst"],
        ["06-01-2026", "5.38.50", "-7,5", "", ""],
    )


def test_postings_without_an_id_get_a_stable_content_key():
    first = validated(unkeyed_postings(), "posteringer.csv").frame["posting_id"].to_list()
    again = validated(unkeyed_postings(), "posteringer.csv").frame["posting_id"].to_list()
    assert first == again
    assert len(set(first)) == 4  # two identical rows are two lines
    assert first[0] != first[1] and first[0].rsplit("#", 1)[0] == first[1].rsplit("#", 1)[0]


def test_a_content_key_does_not_depend_on_other_rows():
    header = ["bogføringsdato", "konto", "beløb", "tekst"]
    line = ["05-01-2026", "5.28.21", "100,00", "takst"]
    alone = validated(postings(header, line), "posteringer.csv").frame["posting_id"].to_list()
    among = (
        validated(
            postings(header, ["01-01-2026", "5.38.50", "1,00", "andet"], line), "posteringer.csv"
        )
        .frame["posting_id"]
        .to_list()
    )
    assert among[1] == alone[0] and among[0] != alone[0]


def test_a_changed_amount_changes_the_content_key():
    header = ["bogføringsdato", "konto", "beløb"]
    one = validated(postings(header, ["05-01-2026", "5.28.21", "100,00"]), "posteringer.csv").frame
    other = validated(
        postings(header, ["05-01-2026", "5.28.21", "100,01"]), "posteringer.csv"
    ).frame
    assert one["posting_id"][0] != other["posting_id"][0]


def test_given_posting_ids_are_kept_and_must_be_unique():
    header = ["posterings_id", "bogføringsdato", "konto", "beløb"]
    frame = validated(
        postings(header, ["P-1", "05-01-2026", "5.28.21", "1"]), "posteringer.csv"
    ).frame
    assert frame["posting_id"].to_list() == ["P-1"]
    rejected = rejection(
        postings(
            header, ["P-1", "05-01-2026", "5.28.21", "1"], ["P-1", "06-01-2026", "5.28.21", "2"]
        ),
        "posteringer.csv",
    )
    assert [(p.row, p.column) for p in rejected.problems] == [(3, "posterings_id")]


# --- providers -------------------------------------------------------------------------------


def test_providers_are_typed_and_checked():
    data = records_csv(
        [
            {
                "leverandoer_id": "L-1",
                "navn": "Tilbud Ærø",
                "type": "anden kommune",
                "pladser": "12",
                "takst": "2.500,00",
                "takstenhed": "døgn",
            }
        ]
    )
    result = validated(data, "leverandører.csv")
    assert result.kind is PROVIDERS
    assert result.frame.row(0, named=True) == {
        "provider_id": "L-1",
        "name": "Tilbud Ærø",
        "provider_type": "other_municipality",
        "municipality_code": None,
        "offer_type": None,
        "capacity": 12,
        "tariff": 2500.0,
        "tariff_unit": "day",
        "target_group": None,
        "capacity_from": None,
        "capacity_to": None,
    }
    bad = records_csv(
        [
            {"leverandør_id": "L-1", "navn": "A", "type": "privat", "pladser": "-1"},
            {"leverandør_id": "L-1", "navn": "B", "type": "ukendt", "pladser": "2"},
        ]
    )
    rejected = rejection(bad, "leverandører.csv")
    assert sorted((p.row, p.column) for p in rejected.problems) == [
        (2, "pladser"),
        (3, "leverandør_id"),
        (3, "type"),
    ]


# --- CPR numbers -----------------------------------------------------------------------------


def citizens(*keys: str, key: bytes = KEY) -> pl.DataFrame:
    return resolve_citizens(pl.Series(list(keys), dtype=pl.String), Pseudonymiser(key), TODAY)


def test_a_cpr_gets_a_pseudonym_that_is_stable_under_one_key():
    first = citizens("221216-4151", "2212164151", "P-1")
    again = citizens("221216-4151")
    pseudonym = first["citizen_id"][0]
    assert pseudonym.startswith("PS-") and len(pseudonym) == 23
    assert first["citizen_id"].to_list() == [
        pseudonym,
        pseudonym,
        "P-1",
    ]  # both CPR forms, one person
    assert again["citizen_id"][0] == pseudonym
    assert first["is_cpr"].to_list() == [True, True, False]
    assert first["valid"].to_list() == [True, True, True]


def test_a_cpr_gets_another_pseudonym_under_another_key():
    assert (
        citizens("221216-4151")["citizen_id"][0]
        != citizens("221216-4151", key=OTHER_KEY)["citizen_id"][0]
    )


def test_different_cprs_get_different_pseudonyms():
    got = citizens("221216-4151", "170859-3040", "140477-1396")["citizen_id"]
    assert got.n_unique() == 3


def test_a_pseudonym_key_must_be_long_enough():
    with pytest.raises(ValueError):
        Pseudonymiser(b"short")


@pytest.mark.parametrize(
    ("cpr", "born"),
    [
        ("221216-4151", D(2016, 12, 22)),
        ("290200-4000", D(2000, 2, 29)),  # 4 and 00-36: 2000s, a leap year
        ("010137-4000", D(1937, 1, 1)),  # 4 and 37-99: 1900s
        ("010199-9000", D(1999, 1, 1)),  # 9 and 37-99: 1900s
        ("010120-9000", D(2020, 1, 1)),  # 9 and 00-36: 2000s
        ("010158-5000", D(1858, 1, 1)),  # 5-8 and 58-99: 1800s
        ("010110-6000", D(2010, 1, 1)),  # 5-8 and 00-57: 2000s
        ("311299-0000", D(1999, 12, 31)),  # 0-3: 1900s
        ("150561-3333", D(1961, 5, 15)),
    ],
)
def test_the_birth_date_comes_from_the_cpr_by_the_century_rules(cpr, born):
    assert stdnum_cpr.get_birth_date(cpr) == born  # the rules are stdnum's
    assert citizens(cpr)["cpr_birth_date"].to_list() == [born]


def test_the_cpr_birth_date_fills_the_grant_and_no_cpr_is_kept():
    data = grants_csv(
        grant(bevilling_id="B-1", borger_id="290200-4000", fødselsdato=""),
        grant(bevilling_id="B-2", borger_id="P-2", fødselsdato="01-05-1970"),
        grant(bevilling_id="B-3", borger_id="0101374000", fødselsdato="02-02-1950"),
    )
    frame = validated(data).frame
    assert frame["birth_date"].to_list() == [D(2000, 2, 29), D(1970, 5, 1), D(1937, 1, 1)]
    assert frame["citizen_id"][1] == "P-2"
    everything = str(frame.rows())
    for secret in ("290200", "2902004000", "0101374000", "010137"):
        assert secret not in everything
    assert frame["citizen_id"][0] == Pseudonymiser(KEY)("2902004000")


def test_the_same_file_gives_the_same_pseudonyms_under_one_key_only():
    data = grants_csv(grant(borger_id="221216-4151"))
    assert validated(data).frame["citizen_id"][0] == validated(data).frame["citizen_id"][0]
    assert (
        validated(data).frame["citizen_id"][0]
        != validated(data, key=OTHER_KEY).frame["citizen_id"][0]
    )


def test_a_citizen_key_that_is_not_cpr_shaped_is_kept_as_is():
    got = citizens("P31-000026", "12345", "221216-415", "22121641511")
    assert got["citizen_id"].to_list() == ["P31-000026", "12345", "221216-415", "22121641511"]
    assert got["is_cpr"].to_list() == [False] * 4 and got["cpr_birth_date"].null_count() == 4
