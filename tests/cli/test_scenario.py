"""``socialstyring scenario``, run as a user runs it, against figures computed by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.files import grant, records_csv

CLI = [sys.executable, "-m", "socialstyring.cli.main"]


def run(*args: str | Path, data_dir: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SOCIALSTYRING_DATA_DIR": str(data_dir)}
    environment.pop("SOCIALSTYRING_DEBUG", None)
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, env=environment, timeout=120
    )


def write(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def grants_file(tmp_path) -> Path:
    rows = [
        # 10 hours a week at 500 kr. under § 85, open-ended: 5.000 kr. a week.
        grant(
            bevilling_id="H1",
            borger_id="P-1",
            område="voksen",
            paragraf="SEL § 85",
            konto="5.38.38",
            startdato="01-01-2025",
            pris="500,00",
            prisenhed="time",
            antal="10",
        ),
        # A private placement at 1.000 kr. a day.
        grant(
            bevilling_id="D1",
            borger_id="P-2",
            område="voksen",
            paragraf="SEL § 107",
            konto="5.38.52",
            startdato="01-01-2025",
            pris="1.000,00",
            prisenhed="dag",
            leverandør_type="privat",
        ),
    ]
    path = tmp_path / "bevillinger.csv"
    path.write_bytes(records_csv(rows))
    return path


SCENARIO = {
    "name": "Halve timer og hjem",
    "changes": [
        {
            "change": "reduce_hours",
            "filter": {"paragraf": "sel 85"},
            "from": "2026-07-01",
            "factor": 0.5,
        },
        {
            "change": "bring_home",
            "filter": {"leverandørtype": ["privat"]},
            "from": "2026-10-01",
            "pris": 600,
            "prisenhed": "dag",
        },
        {"change": "add_amount", "from": "2026-07-01", "beløb": -365000, "konto": "5.38.99"},
    ],
}


def test_scenario_from_files_to_the_krone(tmp_path, grants_file):
    scenario = write(tmp_path / "s.json", SCENARIO)
    done = run(
        "scenario",
        "--year",
        "2026",
        "--as-of",
        "2026-05-31",
        "--format",
        "json",
        scenario,
        grants_file,
        data_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    lines = {line["konto"]: line for line in got["lines"]}
    assert list(lines) == ["5.38.38", "5.38.52", "5.38.99"]
    hours = lines["5.38.38"]
    assert hours["base_Y"] == pytest.approx(5_000 * 365 / 7, abs=0.01)
    assert hours["scenario_Y"] == pytest.approx(5_000 * 181 / 7 + 2_500 * 184 / 7, abs=0.01)
    assert hours["base_Y1"] == pytest.approx(5_000 * 365 / 7, abs=0.01)
    assert hours["scenario_Y1"] == pytest.approx(2_500 * 365 / 7, abs=0.01)
    home = lines["5.38.52"]
    assert home["scenario_Y"] == pytest.approx(1_000 * 273 + 600 * 92)
    assert home["scenario_Y1"] == pytest.approx(600 * 365)
    assert lines["5.38.99"]["scenario_Y"] == pytest.approx(-184_000)
    assert got["total"]["scenario_Y1"] == pytest.approx(
        2_500 * 365 / 7 + 600 * 365 - 365_000, abs=0.01
    )
    assert got["total"]["difference_Y"] == pytest.approx(
        sum(line["difference_Y"] for line in got["lines"]), abs=0.01
    )
    assert not (tmp_path / "socialstyring.sqlite3").exists()


def test_an_empty_scenario_gives_the_forecast_as_base(tmp_path, examples):
    files = sorted((examples / "kommune-dk").glob("*.csv"))
    expected = json.loads((examples / "kommune-dk" / "forventet_forecast.json").read_text())
    scenario = write(tmp_path / "s.json", {"name": "", "changes": []})
    done = run(
        "scenario",
        "--year",
        "2026",
        "--as-of",
        "2026-05-31",
        "--format",
        "json",
        scenario,
        *files,
        data_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    want = {line["konto"]: line["expected"] for line in expected["lines"]}
    have = {line["konto"]: line for line in got["lines"]}
    assert set(have) == set(want)
    for konto, value in want.items():
        assert have[konto]["base_Y"] == pytest.approx(value, abs=1.0)
        assert have[konto]["scenario_Y"] == have[konto]["base_Y"]
        assert have[konto]["difference_Y1"] == 0


def test_from_the_database_after_an_import(tmp_path, grants_file):
    assert run("import", grants_file, data_dir=tmp_path).returncode == 0
    scenario = write(tmp_path / "s.json", SCENARIO)
    done = run(
        "scenario",
        "--year",
        "2026",
        "--as-of",
        "2026-05-31",
        "--format",
        "json",
        scenario,
        data_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = {line["konto"]: line for line in json.loads(done.stdout)["lines"]}
    assert lines["5.38.52"]["scenario_Y"] == pytest.approx(1_000 * 273 + 600 * 92)


def test_xlsx_output_is_written(tmp_path, grants_file):
    scenario = write(tmp_path / "s.json", SCENARIO)
    target = tmp_path / "scenarie.xlsx"
    done = run(
        "scenario",
        "--as-of",
        "2026-05-31",
        "--format",
        "xlsx",
        "--output",
        target,
        scenario,
        grants_file,
        data_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    import fastexcel

    sheet = fastexcel.read_excel(target.read_bytes()).load_sheet(0).to_polars()
    assert "5.38.52" in sheet.to_pandas().to_string()


@pytest.mark.parametrize(
    "change, words",
    [
        ({"change": "shrink", "from": "2026-07-01"}, ["Ændring 1 (shrink)", "ukendt ændring"]),
        (
            {"change": "reduce_hours", "from": "2026-07-01"},
            ["Ændring 1 (reduce_hours)", '"factor"'],
        ),
        (
            {"change": "tariff_change", "from": "1. juli", "pct": 3},
            ["Ændring 1 (tariff_change)", '"from"', "1. juli"],
        ),
        (
            {"change": "end", "from": "2026-07-01", "filter": {"farve": "rød"}},
            ["Ændring 1 (end)", "filter[0].field", "'farve'"],
        ),
        (
            {"change": "bring_home", "from": "2026-07-01", "pris": 1, "prisenhed": "kvartal"},
            ["Ændring 1 (bring_home)", "kvartal"],
        ),
    ],
)
def test_a_bad_scenario_names_the_change_and_the_key(tmp_path, grants_file, change, words):
    scenario = write(tmp_path / "s.json", {"name": "x", "changes": [change]})
    done = run("scenario", "--as-of", "2026-05-31", scenario, grants_file, data_dir=tmp_path)
    assert done.returncode == 1
    for word in words:
        assert word in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_scenario_file_that_is_not_json(tmp_path, grants_file):
    bad = tmp_path / "s.json"
    bad.write_text("{name: oops", encoding="utf-8")
    done = run("scenario", "--as-of", "2026-05-31", bad, grants_file, data_dir=tmp_path)
    assert done.returncode == 1 and "ikke gyldig JSON" in done.stderr


def test_bring_home_to_a_named_own_provider_takes_its_tariff(tmp_path, grants_file):
    from tests.helpers.files import csv_bytes

    providers = tmp_path / "leverandører.csv"
    providers.write_bytes(
        csv_bytes(
            ["leverandør_id", "navn", "type", "takst", "takstenhed"],
            [["L-EGEN", "Eget botilbud", "egen", "700,00", "dag"], ["L-X", "X", "egen", "", ""]],
        )
    )
    home = {"change": "bring_home", "filter": {"bevilling_id": "D1"}, "from": "2026-10-01"}
    scenario = write(
        tmp_path / "s.json", {"name": "", "changes": [{**home, "provider_id": "L-EGEN"}]}
    )
    done = run(
        "scenario",
        "--as-of",
        "2026-05-31",
        "--format",
        "json",
        scenario,
        grants_file,
        providers,
        data_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = {line["konto"]: line for line in json.loads(done.stdout)["lines"]}
    assert lines["5.38.52"]["scenario_Y"] == pytest.approx(1_000 * 273 + 700 * 92)
    scenario = write(tmp_path / "s.json", {"name": "", "changes": [{**home, "provider_id": "L-X"}]})
    done = run(
        "scenario", "--as-of", "2026-05-31", scenario, grants_file, providers, data_dir=tmp_path
    )
    assert done.returncode == 1
    assert "Ændring 1 (bring_home)" in done.stderr and "L-X" in done.stderr
