"""Locale-aware cell parsers and header matching (docs/import.md, "Reading rules"
and "Real exports")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialstyring import terms
from socialstyring.io import parsing
from socialstyring.io.parsing import DANISH, PLAIN
from socialstyring.io.schema import BUDGETS, GRANTS, POSTINGS, PROVIDERS, normalise_header
from socialstyring.io.validation import detect_kind, map_headers

D = dt.date
PRICE_UNITS = terms.PRICE_UNITS.aliases


def parse(function: Callable[[pl.Expr], pl.Expr], *values: str | None) -> list:
    frame = pl.DataFrame({"cell": list(values)}, schema={"cell": pl.String})
    return frame.select(function(pl.col("cell")).alias("out"))["out"].to_list()


def one(function: Callable[[pl.Expr], pl.Expr], value: str | None):
    return parse(function, value)[0]


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("0", 0.0),
        ("1234", 1234.0),
        ("1234,5", 1234.5),
        ("1.234", 1234.0),  # a dot groups thousands
        ("1.234,50", 1234.5),
        ("1.234.567,50", 1234567.5),
        ("20.509,24", 20509.24),
        ("445,90 kr.", 445.9),
        ("21.442,74 kr.", 21442.74),
        ("100 kr", 100.0),
        ("100kr.", 100.0),
        ("3.472,17 KR.", 3472.17),
        ("  12,5  ", 12.5),
        ("-1.234,50", -1234.5),
        ("-445,90 kr.", -445.9),
        ("−7,25", -7.25),  # a typographic minus
        ("+5", 5.0),
    ],
)
def test_it_reads_danish_numbers(cell, value):
    assert one(lambda c: parsing.number(c, DANISH), cell) == value


@pytest.mark.parametrize(
    "cell",
    [
        "12,34,56",
        "1,2,3",
        "1.23",
        "1.2345",
        "12.34,5",
        "1.234.56",
        "1,",
        ",5",
        "abc",
        "1 234",
        "kr. 100",
        "1.234,50 EUR",
        "--5",
        "5-",
        "",
        "kr.",
    ],
)
def test_it_rejects_malformed_danish_numbers(cell):
    assert one(lambda c: parsing.number(c, DANISH), cell) is None


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("0", 0.0),
        ("1234.50", 1234.5),
        ("1234567.5", 1234567.5),
        ("11849.44", 11849.44),
        ("-3.5", -3.5),
        ("459548.89 kr.", 459548.89),
        ("100 kr", 100.0),
        (" 7 ", 7.0),
    ],
)
def test_it_reads_plain_numbers(cell, value):
    assert one(lambda c: parsing.number(c, PLAIN), cell) == value


@pytest.mark.parametrize(
    "cell", ["1,234.50", "1.234,50", "12,34,56", "1.2.3", "1e5", ".5", "abc", "12,5"]
)
def test_it_rejects_malformed_plain_numbers(cell):
    assert one(lambda c: parsing.number(c, PLAIN), cell) is None


def test_the_same_text_means_different_numbers_in_the_two_notations():
    assert one(lambda c: parsing.number(c, DANISH), "1.500") == 1500.0
    assert one(lambda c: parsing.number(c, PLAIN), "1.500") == 1.5


@pytest.mark.parametrize(
    ("cell", "notation", "value"),
    [
        ("2026", DANISH, 2026),
        ("2.026", DANISH, 2026),
        ("2026", PLAIN, 2026),
        ("48", PLAIN, 48),
        ("2026,5", DANISH, None),
        ("2026.5", PLAIN, None),
        ("x", PLAIN, None),
    ],
)
def test_integers_have_no_fraction(cell, notation, value):
    assert one(lambda c: parsing.integer(c, notation), cell) == value


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("05-01-2026", D(2026, 1, 5)),
        ("05.01.2026", D(2026, 1, 5)),
        ("05/01/2026", D(2026, 1, 5)),
        ("2026-01-05", D(2026, 1, 5)),
        ("5-1-2026", D(2026, 1, 5)),
        ("29-02-2024", D(2024, 2, 29)),
        ("29.02.2024", D(2024, 2, 29)),
        ("2024-02-29", D(2024, 2, 29)),
        ("31.12.2025", D(2025, 12, 31)),
        (" 01-09-2024 ", D(2024, 9, 1)),
    ],
)
def test_it_reads_all_four_date_forms(cell, value):
    assert one(parsing.date, cell) == value


@pytest.mark.parametrize(
    "cell",
    [
        "31-02-2026",  # does not exist
        "29-02-2023",  # not a leap year
        "2026-02-31",
        "32.01.2026",
        "01-13-2026",
        "05-01.2026",  # mixed separators
        "05/01-2026",
        "05.01/2026",
        "2026/01/05",  # ISO takes dashes only
        "2026.01.05",
        "05-01-26",  # two-digit year
        "05012026",
        "5. januar 2026",
        "2026-01-05 00:00:00x",
        "",
    ],
)
def test_it_rejects_dates_that_do_not_exist_or_mix_forms(cell):
    assert one(parsing.date, cell) is None


# --- accounts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("5.28.21", "5.28.21"),
        ("52821", "5.28.21"),
        ("53853", "5.38.53"),
        (" 5.38.59 ", "5.38.59"),
        ("01005-528211002-015027-x", "5.28.21"),  # PRISME account string
        ("01005-538501002-015027-123", "5.38.50"),
        ("01005-52821", "5.28.21"),
    ],
)
def test_it_reads_account_forms(cell, value):
    assert one(parsing.account, cell) == value


@pytest.mark.parametrize(
    "cell", ["05.28.21", "5.28.2", "5.2821", "528210", "5282", "abc", "5-28-21", "01005-5282-1"]
)
def test_it_rejects_other_account_forms_without_padding(cell):
    assert one(parsing.account, cell) is None


# --- paragraphs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("SEL § 85", "SEL § 85"),
        ("SEL §85", "SEL § 85"),
        ("sel 85", "SEL § 85"),
        ("Sel  §  108", "SEL § 108"),
        ("Serviceloven § 108", "SEL § 108"),
        ("Barnets lov § 46", "BL § 46"),
        ("barnets lov §46", "BL § 46"),
        ("Barnetslov § 32", "BL § 32"),
        ("BL§46", "BL § 46"),
        ("bl 46", "BL § 46"),
        ("SEL § 52, stk. 3", "SEL § 52, stk. 3"),
        ("§85", "§ 85"),
        ("§ 85", "§ 85"),
    ],
)
def test_it_normalises_paragraphs(cell, value):
    assert one(parsing.paragraph, cell) == value


def test_an_unknown_law_is_kept_as_written():
    assert one(parsing.paragraph, "LAB § 2") == "LAB § 2"


# --- codes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("dag", "day"),
        ("Dag", "day"),
        ("DAILY", "day"),
        ("uge", "week"),
        ("WEEKLY", "week"),
        ("måned", "month"),
        ("MONTHLY", "month"),
        ("Måned", "month"),
        ("år", "year"),
        ("time", "hour"),
        ("Hour", "hour"),
        ("engang", "once"),
        ("Pr.  måned", "month"),
        ("minutter pr. uge", "minute"),
    ],
)
def test_price_units_map_danish_and_english_codes(cell, value):
    assert one(lambda c: parsing.code(c, PRICE_UNITS), cell) == value


def test_an_unknown_code_is_null():
    assert one(lambda c: parsing.code(c, PRICE_UNITS), "kvartal") is None


def test_text_cells_are_trimmed_and_blank_is_empty():
    assert parse(parsing.text, "  a b ", "   ", "", "\t", None) == ["a b", None, None, None, None]


# --- headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("bevilling_id", "bevillingid"),
        (" Bogf.dato ", "bogfdato"),
        ("CPR-nr.", "cprnr"),
        ("Leverandør CVR", "leverandoercvr"),
        ("LEVERANDØR_ID", "leverandoerid"),
        ("Beløb (DKK)", "beloebdkk"),
        ("Rådgiver", "raadgiver"),
        ("D/K", "dk"),
    ],
)
def test_headers_are_normalised(raw, normal):
    assert normalise_header(raw) == normal


@pytest.mark.parametrize(
    ("ascii_header", "field"),
    [
        ("leverandoer_id", "provider_id"),
        ("omraade", "area"),
        ("foedselsdato", "birth_date"),
        ("raadgiver", "caseworker"),
        ("leverandoer_type", "provider_type"),
    ],
)
def test_ascii_spellings_of_danish_letters_are_aliases(ascii_header, field):
    mapping, unknown, _ = map_headers(["bevilling_id", ascii_header], GRANTS)
    assert mapping[field] == ascii_header and unknown == []


def test_budget_ascii_headers_are_recognised():
    mapping, _, _ = map_headers(["aar", "konto", "beloeb", "type"], BUDGETS)
    assert mapping == {"year": "aar", "account": "konto", "amount": "beloeb", "kind": "type"}
    assert detect_kind(["aar", "konto", "beloeb"]) is BUDGETS


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Bevillingsnummer", "grant_id"),
        ("IndsatsID", "grant_id"),
        ("Ydelses-id", "grant_id"),
        ("CPR-nr.", "citizen_id"),
        ("Personnummer", "citizen_id"),
        ("Borger-id", "citizen_id"),
        ("Lovgrundlag", "paragraph"),
        ("§", "paragraph"),
        ("Ydelsesnavn", "service"),
        ("Leverandør CVR", "provider_id"),
        ("CVR-nr.", "provider_id"),
        ("Kontonummer", "account"),
        ("Gyldig fra", "start"),
        ("Ydelsesperiode fra", "start"),
        ("Ophørsdato", "end"),
        ("Periode til", "end"),
        ("Døgntakst", "price"),
        ("Pris pr. enhed", "price"),
        ("Betalingsfrekvens", "price_unit"),
        ("Timer pr. uge", "quantity"),
        ("Mængde", "quantity"),
    ],
)
def test_grant_header_aliases_from_real_exports(header, field):
    mapping, unknown, _ = map_headers([header], GRANTS)
    assert mapping == {field: header} and unknown == []


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Bogf.dato", "posting_date"),
        ("Posteringsdato", "posting_date"),
        ("Bogføringsdag", "posting_date"),
        ("Beløb DKK", "amount"),
        ("Beløb i kr.", "amount"),
        ("Debet", "debit"),
        ("Kredit", "credit"),
        ("D/K", "sign"),
        ("Posteringstekst", "text"),
        ("Bilagstekst", "text"),
    ],
)
def test_posting_header_aliases_from_real_exports(header, field):
    mapping, _, _ = map_headers([header], POSTINGS)
    assert mapping == {field: header}


def test_headers_match_case_insensitively_after_trimming():
    mapping, _, _ = map_headers(["  BEVILLING_ID ", "Borger_Id", "STARTDATO"], GRANTS)
    assert mapping == {
        "grant_id": "  BEVILLING_ID ",
        "citizen_id": "Borger_Id",
        "start": "STARTDATO",
    }


def test_unknown_columns_are_named():
    _, unknown, _ = map_headers(["bevilling_id", "Bemærkning", "Sagsbehandlers telefon"], GRANTS)
    assert unknown == ["Bemærkning", "Sagsbehandlers telefon"]


def test_sagsnummer_is_the_grant_id_only_when_no_better_column_exists():
    alone, unknown, _ = map_headers(["Sagsnummer", "CPR"], GRANTS)
    assert alone["grant_id"] == "Sagsnummer" and unknown == []
    both, unknown, _ = map_headers(["Sagsnummer", "CPR", "Bevillingsnr"], GRANTS)
    assert both["grant_id"] == "Bevillingsnr" and unknown == ["Sagsnummer"]


def test_an_account_string_is_the_account_only_when_no_function_column_exists():
    alone, _, _ = map_headers(["Kontostreng"], POSTINGS)
    assert alone == {"account": "Kontostreng"}
    both, unknown, _ = map_headers(["Kontostreng", "Funktion"], POSTINGS)
    assert both == {"account": "Funktion"} and unknown == ["Kontostreng"]


def test_two_headers_for_one_field_are_reported():
    _, _, doubled = map_headers(["bevilling_id", "Bevillingsnummer"], GRANTS)
    assert doubled == ["Bevillingsnummer"]


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        (["bevilling_id", "borger_id", "startdato"], GRANTS),
        (["Bevillingsnr", "CPR-nr.", "Fra dato", "Takst"], GRANTS),
        (["år", "konto", "beløb"], BUDGETS),
        (["Bogf.dato", "Kontonr", "Beløb DKK"], POSTINGS),
        (["bogføringsdato", "konto", "Debet", "Kredit"], POSTINGS),
        (["leverandør_id", "navn", "type"], PROVIDERS),
        (["leverandoer_id", "navn", "type", "pladser"], PROVIDERS),
    ],
)
def test_the_file_kind_is_recognised_from_the_headers(headers, kind):
    assert detect_kind(headers) is kind


def test_an_unrecognisable_header_row_has_no_kind():
    assert detect_kind(["navn", "adresse", "telefon"]) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.from_regex(r"\A-?[0-9]{1,12}(,[0-9]{1,4})?\Z"),
            st.from_regex(r"\A-?[0-9]{1,12}(\.[0-9]{1,4})?\Z"),
            st.sampled_from(["1.234,50", "12 kr.", "+5", "1e5", "inf", ",5", "5,", ""]),
            st.none(),  # an empty cell
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([parsing.DANISH, parsing.PLAIN]),
)
def test_the_quick_path_for_simple_numbers_agrees_with_the_full_rule(cells, notation):
    frame = pl.DataFrame({"raw": cells}, schema={"raw": pl.String})
    full = frame.select(parsing.number(pl.col("raw"), notation))["raw"]
    if frame.select(parsing.simple_numbers(pl.col("raw"), notation)).item():
        quick = frame.select(parsing.simple_number(pl.col("raw"), notation))["raw"]
        assert quick.to_list() == full.to_list()
        # every simple cell is a valid number; only empty cells are null
        assert full.null_count() == frame["raw"].null_count()
