"""``forecast --projection`` and ``backtest``, run as a user runs them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import fastexcel
import pytest

from socialstyring.demo.generator import generate, write_files
from tests.cli.test_cli import run

YEAR, AS_OF = 2026, "2026-05-31"
FIVE = ("inflow", "early_endings", "projected", "projected_low", "projected_high")


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("demo")
    demo = generate(seed=3, grants=1500, year=YEAR, as_of=dt.date(2026, 5, 31))
    return sorted(write_files(demo, folder).values())


def _forecast(*args, data_dir: Path) -> dict:
    done = run(
        "forecast", "--year", YEAR, "--as-of", AS_OF, "--format", "json", *args, data_dir=data_dir
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_projection_adds_five_keys_to_every_line_and_the_total(demo_files, tmp_path):
    plain = _forecast(*demo_files, data_dir=tmp_path)
    projected = _forecast("--projection", *demo_files, data_dir=tmp_path)
    assert [line["konto"] for line in projected["lines"]] == [
        line["konto"] for line in plain["lines"]
    ]
    for mine, theirs in zip(projected["lines"], plain["lines"], strict=True):
        assert mine["expected"] == pytest.approx(theirs["expected"], abs=1.0)  # never folded in
        assert mine["projected"] == pytest.approx(
            mine["expected"] + mine["inflow"] - mine["early_endings"], abs=1.0
        )
        assert mine["projected_low"] <= mine["projected"] <= mine["projected_high"]
        assert mine["inflow"] >= 0 and mine["early_endings"] >= 0
        assert mine["refund"] == pytest.approx(theirs["refund"], abs=0.01)  # beside it, as without
    total = projected["total"]
    assert total["refund"] == pytest.approx(plain["total"]["refund"], abs=0.01)
    assert set(FIVE) <= set(total)
    assert total["expected"] == pytest.approx(plain["total"]["expected"], abs=1.0)
    for key in ("inflow", "early_endings", "projected"):
        assert total[key] == pytest.approx(sum(line[key] for line in projected["lines"]), abs=1.0)
    assert total["projected_low"] < total["projected"] < total["projected_high"]
    assert total["inflow"] > 0.02 * total["expected"]  # in May, much of the year is still to come


def test_projection_from_the_database_matches_the_files(demo_files, tmp_path):
    from_files = _forecast("--projection", *demo_files, data_dir=tmp_path)
    done = run("import", *demo_files, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    from_database = _forecast("--projection", data_dir=tmp_path)
    for mine, theirs in zip(from_database["lines"], from_files["lines"], strict=True):
        for key in ("expected", *FIVE):
            assert mine[key] == pytest.approx(theirs[key], abs=1.0), (mine["konto"], key)


def test_projection_as_a_danish_spreadsheet_and_table(demo_files, tmp_path):
    target = tmp_path / "fremskrivning.xlsx"
    done = run(
        "forecast", "--year", YEAR, "--as-of", AS_OF, "--projection", "--format", "xlsx",
        "--output", target, *demo_files, data_dir=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheet = fastexcel.read_excel(target.read_bytes()).load_sheet(0, header_row=3).to_polars()
    for header in ("Forventet regnskab", "Forventet tilgang", "Fremskrevet regnskab"):
        assert header in sheet.columns
    done = run(
        "forecast", "--year", YEAR, "--as-of", AS_OF, "--projection", *demo_files, data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "Fremskrevet regnskab" in done.stdout and "tilgang" in done.stdout


def test_backtest_reports_errors_and_coverage_per_month(demo_files, tmp_path):
    done = run(
        "backtest", "--years", "2024-2025", "--format", "json", *demo_files, data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["years"] == [2024, 2025]
    assert [m["month"] for m in result["months"]] == list(range(1, 13))
    assert len(result["cuts"]) == 24
    may = next(c for c in result["cuts"] if c["as_of"] == "2025-05-31")
    assert may["error_expected"] == pytest.approx(may["expected"] - may["outcome"], abs=1.0)
    assert may["covered"] == (may["projected_low"] <= may["outcome"] <= may["projected_high"])
    assert {a["konto"] for a in may["accounts"]}
    # Commitments miss the grants still to come; the projection counts them.
    months = {m["month"]: m for m in result["months"]}
    assert months[5]["mape_projected_total"] < months[5]["mape_expected_total"] / 2
    # From the database after an import: the same backtest.
    assert run("import", *demo_files, data_dir=tmp_path).returncode == 0
    again = run("backtest", "--years", "2024-2025", "--format", "json", data_dir=tmp_path)
    assert again.returncode == 0, again.stderr
    stored = json.loads(again.stdout)
    for mine, theirs in zip(stored["months"], result["months"], strict=True):
        assert mine["mape_projected_total"] == pytest.approx(
            theirs["mape_projected_total"], abs=1e-6
        )


def test_backtest_refuses_bad_years_plainly(demo_files, tmp_path):
    done = run("backtest", "--years", "sidste år", *demo_files, data_dir=tmp_path)
    assert done.returncode != 0
    assert "2022-2025" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_monthly_profile_with_the_projected_path(demo_files, tmp_path):
    result = _forecast("--by", "måned", "--projection", *demo_files, data_dir=tmp_path)
    months = result["months"]
    assert [m["month"] for m in months] == list(range(1, 13))
    for m in months:
        assert m["projected"] == pytest.approx(m["expected"] + m["inflow"] - m["early_endings"])
    assert all(m["inflow"] == 0 for m in months[:5])  # nothing arrives before the cut
    assert sum(m["inflow"] for m in months[5:]) > 0
