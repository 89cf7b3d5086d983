"""``socialstyring refund``, run as a user runs it: the JSON of docs/refunds.md to the
krone, from files and from the database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fastexcel
import pytest

CLI = [sys.executable, "-m", "socialstyring.cli.main"]
HEADER = (
    "bevilling_id;borger_id;familie_id;fødselsdato;område;paragraf;konto;startdato;slutdato;"
    "pris;prisenhed;antal;registreret"
)
GRANTS = [
    # A household of two children at 1,2 mio. kr. a year each: 635.000 kr.
    "B-1;C-1;F-12;;børn;SEL § 52;5.28.20;01-01-2026;;1.200.000,00;år;1;01-01-2026",
    "B-7;C-2;F-12;;børn;SEL § 52;5.28.21;01-01-2026;;1.200.000,00;år;1;01-01-2026",
    # A citizen at 208.333,33 kr. a month from 1 July, known since May: 355.000 kr.
    "V-1;A-1;;;voksen;SEL § 107;5.38.50;01-07-2026;;208.333,33;måned;1;15-05-2026",
    # One citizen, the CPR written with and without its dash: 2 × 600.000 kr. = 85.000 kr.
    "V-2;010170-1234;;;voksen;SEL § 108;5.38.50;01-01-2026;;50.000,00;måned;1;01-01-2026",
    "V-3;0101701234;;;voksen;SEL § 108;5.38.52;01-01-2026;;50.000,00;måned;1;01-01-2026",
    # 800.000 kr. evenly: close to the first threshold, no refund.
    "V-4;A-2;;;voksen;SEL § 107;5.38.50;01-01-2026;;66.666,67;måned;1;01-01-2026",
    # Small: not listed.
    "V-5;A-3;;;voksen;SEL § 85;5.38.45;01-01-2026;;10.000,00;måned;1;01-01-2026",
]


def run(*args: str | Path, data_dir: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SOCIALSTYRING_DATA_DIR": str(data_dir)}
    environment.pop("SOCIALSTYRING_DEBUG", None)
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, env=environment, timeout=120
    )


@pytest.fixture
def grants_file(tmp_path) -> Path:
    path = tmp_path / "bevillinger.csv"
    path.write_text("\n".join([HEADER, *GRANTS]) + "\n", encoding="utf-8")
    return path


def check(document: dict) -> None:
    assert document["year"] == 2026
    assert document["as_of"] == "2026-05-31"
    assert document["threshold_level"] == 2022
    subjects = {s["subject_id"]: s for s in document["subjects"]}
    assert list(subjects)[:2] == ["F-12", "A-1"]  # the largest refund first
    household = subjects["F-12"]
    assert household["kind"] == "household"
    assert household["grant_ids"] == ["B-1", "B-7"]
    assert household["refund"] == pytest.approx(635_000, abs=0.5)
    assert household["annual_expense"] == pytest.approx(2_400_000, abs=0.5)
    assert len(household["monthly_refund"]) == 12
    assert sum(household["monthly_refund"]) == pytest.approx(635_000, abs=0.5)
    assert household["near_threshold"] is None
    assert subjects["A-1"]["refund"] == pytest.approx(355_000, abs=0.5)
    assert subjects["A-1"]["monthly_refund"][:6] == [0.0] * 6
    # The CPR with and without its dash is one citizen: one pseudonym, both grants.
    (cpr,) = [s for s in subjects.values() if s["grant_ids"] == ["V-2", "V-3"]]
    assert cpr["subject_id"].startswith("PS-") and cpr["kind"] == "citizen"
    assert cpr["refund"] == pytest.approx(85_000, abs=0.5)
    assert subjects["A-2"]["refund"] == 0.0 and subjects["A-2"]["near_threshold"] == 1
    assert "A-3" not in subjects
    accounts = {a["konto"]: a["refund"] for a in document["accounts"]}
    assert list(accounts) == ["5.28.20", "5.28.21", "5.38.50", "5.38.52"]
    assert accounts["5.28.20"] == pytest.approx(317_500, abs=0.5)
    assert accounts["5.38.50"] == pytest.approx(355_000 + 42_500, abs=0.5)
    assert accounts["5.38.52"] == pytest.approx(42_500, abs=0.5)
    assert document["total"]["refund"] == pytest.approx(635_000 + 355_000 + 85_000, abs=1)
    assert document["total"]["annual_expense"] == pytest.approx(
        sum(s["annual_expense"] for s in document["subjects"])
    )


def test_refund_from_files_prints_the_spec_json(grants_file, tmp_path):
    done = run(
        "refund",
        "--year",
        "2026",
        "--as-of",
        "2026-05-31",
        "--format",
        "json",
        grants_file,
        data_dir=tmp_path / "data",
    )
    assert done.returncode == 0, done.stderr
    check(json.loads(done.stdout))
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())


def test_refund_from_the_database_gives_the_same(grants_file, tmp_path):
    data = tmp_path / "data"
    assert run("import", grants_file, data_dir=data).returncode == 0
    done = run(
        "refund", "--year", "2026", "--as-of", "2026-05-31", "--format", "json", data_dir=data
    )
    assert done.returncode == 0, done.stderr
    check(json.loads(done.stdout))


def test_a_thresholds_file_with_the_years_own_level(grants_file, tmp_path):
    thresholds = tmp_path / "graenser.csv"
    thresholds.write_text(
        "prisniveau;ordning;trin;graense_kr_aar;sats;kilde\n"
        "2026;SEL § 176;1;1.000.000;0,25;test\n"
        "2026;SEL § 176;2;2.000.000;0,50;test\n"
        "2026;SEL § 176;3;3.000.000;0,75;test\n",
        encoding="utf-8",
    )
    done = run(
        "refund",
        "--year",
        "2026",
        "--as-of",
        "2026-05-31",
        "--format",
        "json",
        "--thresholds",
        thresholds,
        grants_file,
        data_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["threshold_level"] == 2026 and document["threshold_fallback"] is False
    household = next(s for s in document["subjects"] if s["subject_id"] == "F-12")
    assert household["refund"] == pytest.approx(0.25 * 1_000_000 + 0.5 * 400_000, abs=0.5)


def test_the_table_names_the_level_used(grants_file, tmp_path):
    done = run("refund", "--year", "2026", "--as-of", "2026-05-31", grants_file, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2022" in done.stdout and "635.000 kr." in done.stdout


def test_xlsx_has_each_months_refund_as_numbers(grants_file, tmp_path):
    out = tmp_path / "refusion.xlsx"
    done = run(
        "refund",
        "--year",
        "2026",
        "--as-of",
        "2026-05-31",
        "--format",
        "xlsx",
        "--output",
        out,
        grants_file,
        data_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    sheet = fastexcel.read_excel(out.read_bytes()).load_sheet(0, header_row=3)
    frame = sheet.to_polars()
    assert frame.columns[0] != "" and frame.width == 6 + 12
    first = frame.row(0)
    assert first[0] == "F-12"
    assert first[4] == pytest.approx(635_000, abs=0.5)
    assert sum(first[6:]) == pytest.approx(635_000, abs=0.5)


def test_a_bad_thresholds_file_is_reported_in_danish(grants_file, tmp_path):
    thresholds = tmp_path / "graenser.csv"
    thresholds.write_text("prisniveau;trin;graense_kr_aar\n2026;1;abc\n", encoding="utf-8")
    done = run("refund", "--thresholds", thresholds, grants_file, data_dir=tmp_path)
    assert done.returncode == 1
    assert "sats" in done.stderr and "Traceback" not in done.stderr


def test_a_year_without_any_level_is_refused_plainly(grants_file, tmp_path):
    done = run("refund", "--year", "2019", "--as-of", "2019-12-31", grants_file, data_dir=tmp_path)
    assert done.returncode == 1
    assert "2019" in done.stderr and "Traceback" not in done.stderr


def test_the_forecast_shows_the_refund_beside_expected_never_netted(grants_file, tmp_path):
    args = ("--year", "2026", "--as-of", "2026-05-31", "--format", "json")
    with_refund = run("forecast", *args, grants_file, data_dir=tmp_path)
    without = run("forecast", *args, "--no-refund", grants_file, data_dir=tmp_path)
    assert with_refund.returncode == 0 and without.returncode == 0, with_refund.stderr
    got, plain = json.loads(with_refund.stdout), json.loads(without.stdout)
    assert [{k: v for k, v in line.items() if k != "refund"} for line in got["lines"]] == plain[
        "lines"
    ]
    refunds = {line["konto"]: line["refund"] for line in got["lines"]}
    assert refunds["5.28.20"] == pytest.approx(317_500, abs=0.5)
    assert refunds["5.38.45"] == 0.0
    assert got["total"]["refund"] == pytest.approx(635_000 + 355_000 + 85_000, abs=1)
    assert got["total"]["expected"] == plain["total"]["expected"]
    assert got["refund_threshold_level"] == 2022
    assert "refund" not in plain["total"]


def test_the_forecast_from_the_database_has_the_refund_column(grants_file, tmp_path):
    data = tmp_path / "data"
    assert run("import", grants_file, data_dir=data).returncode == 0
    done = run("forecast", "--year", "2026", "--as-of", "2026-05-31", data_dir=data)
    assert done.returncode == 0, done.stderr
    assert "Forventet refusion (5.22.07)" in done.stdout
    assert "2022-prisniveau" in done.stdout
    assert "1.075.000 kr." in done.stdout  # 635.000 + 355.000 + 85.000


def test_pdf_names_the_level_and_csv_is_not_offered(grants_file, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "refusion.pdf"
    args = ("refund", "--year", "2026", "--as-of", "2026-05-31")
    done = run(*args, "--format", "pdf", "--output", out, grants_file, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "2022-prisniveau" in text and "F-12" in text and "635.000 kr." in text
    refused = run(*args, "--format", "csv", grants_file, data_dir=tmp_path)
    assert refused.returncode == 2
