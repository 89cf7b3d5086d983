"""The overview's downloads hold the numbers the page shows: XLSX with real numbers,
CSV the Danish way (';', decimal comma, UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import fastexcel
import pytest

from tests.browser.conftest import PERIOD, kroner, login, table_rows

HEADER_ROW = 3  # title, subtitle, a blank row, then the header


def _page_table(page) -> tuple[list[str], list[list[str]], list[str]]:
    headers = page.locator("#overview-table thead th").all_inner_texts()
    return (
        headers,
        table_rows(page, "#overview-table"),
        table_rows(page, "#overview-table", "tfoot")[0],
    )


def _download(page, link: str):
    with page.expect_download() as info:
        page.locator("p.exports").get_by_role("link", name=link, exact=True).click()
    return info.value


def _column(labels: list[str], header: str) -> int:
    """A page column's place in the export; the export's deviation label says which sign is good."""
    return next(i for i, label in enumerate(labels) if label.startswith(header))


def _danish_number(text: str) -> float:
    assert "." not in text or "," in text, f"not Danish notation: {text!r}"
    return float(text.replace(".", "").replace(",", "."))


@pytest.mark.parametrize("by", ["konto", "område"])
def test_the_downloads_hold_the_numbers_on_the_page(page, municipality, by):
    login(page, "oekonomi")
    page.goto(f"/oversigt/?{PERIOD}&by={by}")
    headers, rows, totals = _page_table(page)
    assert len(rows) >= 2
    money = [i for i, h in enumerate(headers) if i > 0 and h not in ("Funktion",)]

    # XLSX: real numbers, equal to the page's to the whole krone, with the totals row.
    download = _download(page, "Excel")
    assert download.suggested_filename == "forventet-regnskab-2026-2026-05-31.xlsx"
    sheet = fastexcel.read_excel(download.path()).load_sheet(0, header_row=HEADER_ROW)
    frame = sheet.to_polars()
    labels = frame.columns
    assert labels[0] == headers[0]
    assert frame.height == len(rows) + 1  # the lines and "I alt"
    for line, cells in zip(frame.iter_rows(), [*rows, totals], strict=True):
        assert str(line[0]) == cells[0]
        if by == "konto" and cells[0] != "I alt":
            assert line[1] == cells[1]  # Funktion
        for i in money:
            value = line[_column(labels, headers[i])]
            if cells[i] == "–":  # no budget of its own ("(uden)"): blank, not zero
                assert value is None, (cells[0], headers[i], value)
                continue
            assert isinstance(value, float), f"{headers[i]} is not a number in the XLSX: {value!r}"
            assert abs(value - kroner(cells[i])) <= 0.5 + 1e-6, (
                cells[0],
                headers[i],
                value,
                cells[i],
            )
    if by != "konto":  # the demo distributes its budget on area: only "(uden)" has none
        budgets = frame.to_series(_column(labels, "Korrigeret budget")).head(len(rows))
        assert budgets.null_count() == sum(1 for r in rows if r[0] == "(uden)")

    # CSV: ';', decimal comma, UTF-8 with BOM; the same numbers.
    download = _download(page, "CSV")
    assert download.suggested_filename == "forventet-regnskab-2026-2026-05-31.csv"
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].count(";") == len(labels) - 1
    records = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert records[0] == labels
    assert len(records) == len(rows) + 1  # header and lines; no totals row in CSV
    for record, cells in zip(records[1:], rows, strict=True):
        assert record[0] == cells[0]
        for i in money:
            field = record[_column(labels, headers[i])]
            if cells[i] == "–":
                assert field == "", (cells[0], headers[i], field)
                continue
            assert "," in field and field.count(",") == 1 and len(field.split(",")[1]) == 2, field
            assert abs(_danish_number(field) - kroner(cells[i])) <= 0.5 + 1e-6, (
                cells[0],
                headers[i],
                field,
            )
