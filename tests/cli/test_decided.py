"""``forecast --format json`` from the database carries the decided column (review outcomes
the case system has not registered) per line and in the total; from files there are no
outcomes, so it has none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import run

HEADER = "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed;antal"
GRANTS = [
    "B-1;C-1;voksen;SEL § 108;5.38.50;01-01-2025;;30.000,00;måned;1",
    "B-2;C-2;voksen;SEL § 85;5.38.45;01-04-2026;;450,00;time;10",
]
# A review closing B-1 from 1 June with a wind-down to 31 August, recorded as the web
# app records it (the service), in the command's own database.
RECORD = """
import datetime as dt
import polars as pl
from socialstyring.cli.common import database
with database(None):
    from socialstyring.services.casework import focus, reviews
    day = dt.date(2026, 5, 31)
    grants, _providers, _thresholds = focus.database_inputs(day)
    grant = grants.filter(pl.col("grant_id") == "B-1").row(0, named=True)
    data = {"outcome": "closed", "effective": dt.date(2026, 6, 1),
            "wind_down": dt.date(2026, 8, 31), "reviewed_on": dt.date(2026, 5, 20)}
    reviews.record_for(grant, data, "test", day)
"""
ARGS = ("forecast", "--year", "2026", "--as-of", "2026-05-31")


@pytest.fixture
def grants_file(tmp_path) -> Path:
    path = tmp_path / "bevillinger.csv"
    path.write_text("\n".join([HEADER, *GRANTS]) + "\n", encoding="utf-8")
    return path


def _json(done: subprocess.CompletedProcess) -> dict:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_forecast_from_the_database_has_the_decided_column(grants_file, tmp_path):
    data = tmp_path / "data"
    assert run("import", grants_file, data_dir=data).returncode == 0
    before = _json(run(*ARGS, "--format", "json", data_dir=data))
    assert [line["decided"] for line in before["lines"]] == [0.0, 0.0]  # always the key
    assert before["total"]["decided"] == 0.0

    env = {**os.environ, "SOCIALSTYRING_DATA_DIR": str(data)}
    recorded = subprocess.run(
        [sys.executable, "-c", RECORD], capture_output=True, text=True, env=env
    )
    assert recorded.returncode == 0, recorded.stderr
    after = _json(run(*ARGS, "--format", "json", data_dir=data))
    lines = {line["konto"]: line for line in after["lines"]}
    assert lines["5.38.50"]["decided"] == pytest.approx(-120_000.0)  # 4 months of 30.000
    assert lines["5.38.50"]["expected"] == pytest.approx(360_000.0)  # never netted
    assert lines["5.38.45"]["decided"] == 0.0
    assert after["total"]["decided"] == pytest.approx(-120_000.0)
    assert after["total"]["expected"] == before["total"]["expected"]
    csv = run(*ARGS, "--format", "csv", data_dir=data).stdout.lstrip("\ufeff").splitlines()
    assert csv[0].endswith(";Besluttet, ikke registreret") and csv[2].endswith(";-120.000,00")


def test_from_files_there_is_no_decided_column(grants_file, tmp_path):
    document = _json(run(*ARGS, "--format", "json", grants_file, data_dir=tmp_path))
    assert "decided" not in document["total"]
    assert all("decided" not in line for line in document["lines"])
