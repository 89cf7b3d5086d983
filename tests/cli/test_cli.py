"""The real ``socialstyring`` command, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fastexcel
import pytest

CLI = [sys.executable, "-m", "socialstyring.cli.main"]


def run(*args: str | Path, data_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SOCIALSTYRING_DATA_DIR": str(data_dir), **(env or {})}
    environment.pop("SOCIALSTYRING_DEBUG", None)
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, env=environment, timeout=120
    )


def _expected(folder: Path) -> dict:
    return json.loads((folder / "forventet_forecast.json").read_text())


def _assert_matches(got: dict, expected: dict) -> None:
    assert [line["konto"] for line in got["lines"]] == [line["konto"] for line in expected["lines"]]
    for mine, theirs in zip(got["lines"], expected["lines"], strict=True):
        for key in ("budget", "spent_to_date", "committed_rest", "expected", "deviation"):
            assert mine[key] == pytest.approx(theirs[key], abs=1.0), (mine["konto"], key)
    for key, value in expected["total"].items():
        assert got["total"][key] == pytest.approx(value, abs=1.0)


@pytest.mark.parametrize(
    "folder, year, as_of",
    [
        ("kommune-dk", 2026, "2026-05-31"),
        ("kommune-plain", 2024, "2024-02-29"),
    ],
)
def test_forecast_from_files_matches_the_examples(examples, tmp_path, folder, year, as_of):
    files = sorted((examples / folder).glob("*.csv"))
    done = run(
        "forecast", "--year", year, "--as-of", as_of, "--format", "json", *files, data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr
    _assert_matches(json.loads(done.stdout), _expected(examples / folder))
    assert not (tmp_path / "socialstyring.sqlite3").exists()  # from files, nothing is stored


def test_import_then_forecast_from_the_database_matches(examples, tmp_path):
    folder = examples / "kommune-dk"
    done = run("import", *sorted(folder.glob("*.csv")), data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "60 nye" in done.stdout
    done = run(
        "forecast", "--year", "2026", "--as-of", "2026-05-31", "--format", "json", data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr
    _assert_matches(json.loads(done.stdout), _expected(folder))


def test_table_output_is_danish(examples, tmp_path):
    files = sorted((examples / "kommune-dk").glob("*.csv"))
    done = run("forecast", "--year", "2026", "--as-of", "2026-05-31", *files, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "31-05-2026" in done.stdout
    assert "268.609.048 kr." in done.stdout  # the budget total, Danish notation
    assert "Forventet regnskab" in done.stdout


def test_xlsx_output_has_real_numbers_and_a_total(examples, tmp_path):
    files = sorted((examples / "kommune-dk").glob("*.csv"))
    target = tmp_path / "forecast.xlsx"
    done = run(
        "forecast",
        "--year",
        "2026",
        "--as-of",
        "2026-05-31",
        "--format",
        "xlsx",
        "--output",
        target,
        *files,
        data_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    sheet = fastexcel.read_excel(target.read_bytes()).load_sheet(0, header_row=3).to_polars()
    assert sheet.columns[:2] == ["Konto", "Funktion"]
    lines = sheet.filter(sheet["Konto"].str.starts_with("5."))
    assert lines.height == 11
    expected = _expected(examples / "kommune-dk")
    assert lines["Forventet regnskab"].to_list() == pytest.approx(
        [line["expected"] for line in expected["lines"]], abs=1.0
    )
    total = sheet.filter(sheet["Konto"] == "I alt")
    assert total["Korrigeret budget"][0] == pytest.approx(expected["total"]["budget"], abs=1.0)


def test_a_bad_file_exits_non_zero_with_the_report_and_no_traceback(tmp_path):
    bad = tmp_path / "bevillinger.csv"
    bad.write_text(
        "bevilling_id;borger_id;område;paragraf;konto;startdato;pris;prisenhed\n"
        "G1;P1;voksen;SEL § 85;5.38.38;31-02-2026;12,34,56;time\n",
        encoding="utf-8",
    )
    for command in ("forecast", "import"):
        done = run(command, bad, data_dir=tmp_path)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr + done.stdout
        assert "række 2" in done.stderr and "startdato" in done.stderr and "pris" in done.stderr


def test_binary_garbage_is_rejected_plainly(tmp_path):
    import random

    junk = tmp_path / "junk.csv"
    junk.write_bytes(random.Random(7).randbytes(4096))
    done = run("forecast", junk, data_dir=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "junk.csv" in done.stderr


def test_a_missing_file_is_reported(tmp_path):
    done = run("import", tmp_path / "findes-ikke.csv", data_dir=tmp_path)
    assert done.returncode == 1
    assert "findes-ikke.csv" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["import", "forecast", "demo"])
def test_every_command_has_help(command, tmp_path):
    done = run(command, "--help", data_dir=tmp_path)
    assert done.returncode == 0
    assert "Usage" in done.stdout
