"""Key figures from the database: the ledger's spending of a past year per inhabitant,
the references beside them, the spreadsheet read back."""

from __future__ import annotations

import datetime as dt

import fastexcel
import pytest

from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.services.management import key_figures
from socialstyring.storage import tenancy

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
AS_OF = dt.date(2024, 5, 31)


def _files() -> list[Upload]:
    code = tenancy.current_code()
    grants = (
        "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed;antal;"
        "rådgiver;team;leverandør_type\n"
        "G1;K-1;børn;BL § 46;5.28.21;01-01-2023;;10000;måned;1;X;T1;egen\n"
        "G2;K-2;voksen;SEL § 85;5.38.50;01-01-2023;;5000;måned;1;Y;T2;privat\n"
    )
    postings = "bogføringsdato;konto;beløb\n15-03-2023;5.28.21;150000\n15-03-2023;5.38.50;60000\n"
    population = (
        "kommunekode;år;alder;antal\n"
        + "".join(
            f"{code};2023;{age};{count}\n"
            for age, count in (("0-17", 40), ("18", 2), ("19", 2), ("20", 2), ("21", 2), ("22", 2))
        )
        + f"{code};2023;23-64;50\n"
    )
    references = (
        "kode;år;niveau;enhed;værdi;kilde\n"
        "spend_per_inhabitant_0_22;2023;land;;3500;ECO\n"
        "omgoerelsesprocent;2023;land;;17,5;Ankestyrelsen\n"
    )
    return [
        Upload("bevillinger.csv", grants.encode()),
        Upload("posteringer.csv", postings.encode()),
        Upload("befolkning.csv", population.encode()),
        Upload("nøgletal.csv", references.encode()),
    ]


def test_spending_per_inhabitant_of_a_past_year_is_the_ledgers():
    import_uploads(_files(), now=NOW)
    result = key_figures.key_figures(AS_OF)
    assert result.years == [2023, 2024]
    row = result.series("spend_per_inhabitant_0_22").to_dicts()[0]
    # 150.000 kr. posted on the children's accounts ÷ 50 inhabitants aged 0-22
    assert (row["year"], row["own"], row["country"]) == (2023, pytest.approx(3_000.0), 3_500.0)
    adults = result.series("spend_per_inhabitant_18_64").to_dicts()[0]
    assert adults["own"] == pytest.approx(60_000 / 60)
    assert key_figures.national_reversal_rates() == {2023: pytest.approx(0.175)}


def test_the_key_figures_spreadsheet_reads_back():
    import_uploads(_files(), now=NOW)
    download = key_figures.download(key_figures.key_figures(AS_OF))
    assert download.filename.endswith(".xlsx")
    sheet = fastexcel.read_excel(download.payload).load_sheet(0, header_row=3).to_polars()
    assert sheet.height >= 2
    assert 3_000.0 in sheet[sheet.columns[2]].to_list()
