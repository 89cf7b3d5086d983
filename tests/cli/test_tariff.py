"""``socialstyring tariff``, run as a user runs it: the spec's JSON to the øre."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fastexcel
import pytest

CLI = [sys.executable, "-m", "socialstyring.cli.main", "tariff"]

BUDGETS = (
    "tilbud_id;år;pladser;direkte_omkostninger;overhead_pct;afskrivninger;forrentning;"
    "tjenestemandspension;regulering;belægning_1;belægning_2;forventet_belægning;takstenhed\n"
    "T-1;2026;12;10.000.000;;400.000;150.000;;370.000;;;96;dag\n"
    "T-2;2026;6;2.400.000;5;;;50.000;;88;92;;måned\n"
    "T-0;2026;4;1.000.000;;;;;;100;100;;\n"
    "T-1;2025;12;9.000.000;;;;;;90;90;;dag\n"
)
ACCOUNTS = (
    "tilbud_id;år;budget;indtægter;omkostninger\n"
    "T-1;2024;8.000.000;8.418.000;7.648.000\n"
    "T-2;2023;2.000.000;1.850.000;2.000.000\n"
)


def run(*args: str | Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOCIALSTYRING_DATA_DIR": str(tmp_path / "data")}
    env.pop("SOCIALSTYRING_DEBUG", None)
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    budgets, accounts = tmp_path / "tilbudsøkonomi.csv", tmp_path / "tilbudsregnskab.csv"
    budgets.write_text(BUDGETS, encoding="utf-8")
    accounts.write_text(ACCOUNTS, encoding="utf-8")
    return [budgets, accounts]


def test_json_is_the_spec_s(files, tmp_path):
    done = run(
        "--year",
        "2026",
        "--agreement",
        "nordjylland",
        "--format",
        "json",
        *files,
        tmp_path=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert (got["year"], got["agreement"]) == (2026, "nordjylland")
    assert [t["tilbud_id"] for t in got["tariffs"]] == ["T-0", "T-1", "T-2"]  # only 2026
    t1 = got["tariffs"][1]
    assert {k: t1[k] for k in ("cost_base", "occupancy", "units", "tariff", "takstenhed")} == {
        "cost_base": pytest.approx(10_780_000.0, abs=0.005),
        "occupancy": pytest.approx(0.96),
        "units": 365,
        "tariff": 2563.74,
        "takstenhed": "dag",
    }
    t2 = got["tariffs"][2]
    # 2.400.000 × 1,05 + 50.000 = 2.570.000; 6 × 12 × 0,90 → 39.660,49 a month
    assert t2["cost_base"] == pytest.approx(2_570_000.0)
    assert (t2["units"], t2["takstenhed"], t2["tariff"]) == (12, "måned", 39660.49)
    assert got["tariffs"][0]["tariff"] == round(1_060_000 / (4 * 365), 2)
    s = {(row["tilbud_id"], row["år"]): row for row in got["settlements"]}
    assert list(s) == [("T-1", 2024), ("T-2", 2023)]
    assert s["T-1", 2024] | {} == {
        **s["T-1", 2024],
        "result": 770_000.0,
        "result_pct": 9.625,
        "carried_next_year": 0.0,
        "set_aside": 400_000.0,
        "set_aside_until": 2029,
        "into_tariff": 370_000.0,
        "into_tariff_year": 2026,
    }
    deficit = s["T-2", 2023]  # −150.000 = −7,5 %: −100.000 carried, −50.000 in 2025
    assert (deficit["carried_next_year"], deficit["set_aside"], deficit["into_tariff"]) == (
        -100_000.0,
        0.0,
        -50_000.0,
    )
    assert deficit["set_aside_until"] is None and deficit["into_tariff_year"] == 2025


def test_default_agreement_is_hovedstaden(files, tmp_path):
    done = run("--year", "2026", "--format", "json", files[1], tmp_path=tmp_path)
    got = json.loads(done.stdout)
    assert got["agreement"] == "hovedstaden" and got["tariffs"] == []
    row = got["settlements"][0]
    assert (row["carried_next_year"], row["set_aside"], row["into_tariff"]) == (
        400_000.0,
        0.0,
        370_000.0,
    )
    assert row["set_aside_until"] is None


def test_leap_year_tariff(tmp_path):
    path = tmp_path / "oko.csv"
    path.write_text(
        "tilbud_id,år,pladser,direkte_omkostninger,belægning_1,belægning_2\nL,2028,10,3000000,90,94\n",
        encoding="utf-8",
    )
    got = json.loads(run("--year", "2028", "--format", "json", path, tmp_path=tmp_path).stdout)
    assert got["tariffs"][0]["units"] == 366 and got["tariffs"][0]["tariff"] == 944.40


def test_table_and_xlsx(files, tmp_path):
    table = run("--year", "2026", *files, tmp_path=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "2.563,74" in table.stdout and "770.000 kr." in table.stdout
    out = tmp_path / "takster.xlsx"
    done = run("--year", "2026", "--format", "xlsx", "--output", out, *files, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    sheet = fastexcel.read_excel(out.read_bytes()).load_sheet(0, header_row=3).to_polars()
    assert 2563.74 in sheet["Takst"].to_list()
    assert 370_000.0 in sheet["Indgår i taksten"].to_list()


def test_bad_rows_are_reported_in_danish_and_nothing_computed(tmp_path):
    path = tmp_path / "tilbudsøkonomi.csv"
    path.write_text(
        "tilbud_id;år;pladser;direkte_omkostninger;regulering;belægning_1;belægning_2;"
        "forventet_belægning;takstenhed\n"
        "A;2026;0;100;;90;90;;dag\n"  # no places
        "B;2026;2;100;;0;0;;dag\n"  # occupancy 0
        "C;2026;2;100;1.000;;;80;dag\n"  # negative cost base
        "D;2026;2;100;;90;;;uge\n"  # occupancy missing, unknown unit
        "A;2026;3;100;;90;90;;dag\n",  # the same offer and year again
        encoding="utf-8",
    )
    done = run("--year", "2026", "--format", "json", path, tmp_path=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    report = " ".join(done.stderr.split())  # the terminal wraps long lines
    assert "række 2, kolonne 'pladser': Antallet af pladser skal være over 0." in report
    assert "række 3, kolonne 'belægning_1': Belægningen er 0" in report
    assert "række 4, kolonne 'regulering': Takstgrundlaget er negativt." in report
    assert "række 5, kolonne 'belægning_2': Værdi mangler" in report
    assert "række 5, kolonne 'takstenhed': Ukendt takstenhed" in report
    assert "række 6, kolonne 'tilbud_id': Tilbud og år står flere gange i filen" in report


def test_another_kind_of_file_is_refused(tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text("år;konto;beløb\n2026;5.28.21;100\n", encoding="utf-8")
    done = run("--year", "2026", path, tmp_path=tmp_path)
    assert done.returncode == 1
    report = " ".join(done.stderr.split())
    assert (
        "Filen er en budget-fil; taksten læser tilbudsøkonomi- og tilbudsregnskabsfiler" in report
    )


def test_the_same_offer_and_year_in_two_files_is_refused(files, tmp_path):
    again = tmp_path / "tilbudsøkonomi-2.csv"
    again.write_text(BUDGETS.split("\n", 1)[0] + "\nT-1;2026;1;1;;;;;;;;90;dag\n", encoding="utf-8")
    done = run("--year", "2026", "--format", "json", files[0], again, tmp_path=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert "Tilbuddet T-1 og året 2026 står i mere end én fil." in " ".join(done.stderr.split())


def test_import_takes_the_offer_files_for_a_municipality_and_for_the_region(files, tmp_path):
    main = [sys.executable, "-m", "socialstyring.cli.main", "import"]
    env = {**os.environ, "SOCIALSTYRING_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [*main, "--kommune", "081", *map(str, files)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "tilbudsøkonomi.csv: tilbudsøkonomi, 4 rækker — 4 nye" in " ".join(done.stdout.split())
    again = subprocess.run(
        [*main, "--kommune", "081", *map(str, files)], capture_output=True, text=True, env=env
    )
    assert "0 nye, 0 ændrede, 4 uændrede" in " ".join(again.stdout.split())
    refused = subprocess.run(
        [*main, "--kommune", "999", str(files[0])], capture_output=True, text=True, env=env
    )
    assert refused.returncode == 2
