"""``socialstyring appeals`` as a user runs it: the spec's JSON from files and from the
database, the table, the spreadsheet, and a bad file."""

from __future__ import annotations

import json
from pathlib import Path

import fastexcel
import pytest

from tests.cli.test_cli import run

HEADER = (
    "sag_id;borger_id;område;paragraf;team;afgørelsesdato;"
    "ankestyrelsens_afgørelse;ankestyrelsens_dato\n"
)


def _appeals_file(folder: Path) -> Path:
    rows, n = [], 0
    for outcome, count in (("hjemvist", 19), ("ændret", 5), ("stadfæstet", 105), ("afvist", 3)):
        for _ in range(count):
            n += 1
            rows.append(
                f"K{n};0101901234;børn;Barnets lov §46;Nord;01-02-2025;{outcome};15-06-2025"
            )
    for _ in range(4):
        n += 1
        rows.append(f"K{n};;børn;BL § 46;Nord;01-03-2025;;")
    rows.append("V1;;voksen;BL § 46;Syd;01-02-2024;ændret;31-12-2024")
    rows.append("V2;;voksen;SEL § 85;Syd;01-02-2024;Stadfæstet;01-01-2025")
    path = folder / "klagesager.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


EXAMPLE_2025 = {
    "year": 2025,
    "område": "børn",
    "paragraf": "BL § 46",
    "team": None,
    "upheld": 105,
    "changed": 5,
    "annulled": 0,
    "returned": 19,
    "rejected": 3,
}


def test_json_from_files_is_the_specs(tmp_path):
    path = _appeals_file(tmp_path)
    done = run("appeals", "--by", "paragraf", "--format", "json", path, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert [(g["year"], g["område"], g["paragraf"]) for g in got["groups"]] == [
        (2024, "voksen", "BL § 46"),
        (2025, "børn", "BL § 46"),
        (2025, "voksen", "SEL § 85"),
    ]
    example = got["groups"][1]
    assert {k: example[k] for k in EXAMPLE_2025} == EXAMPLE_2025
    assert example["reversal_rate"] == pytest.approx(0.18605, abs=5e-6)
    assert got["total"]["pending"] == 4
    assert got["total"]["upheld"] == 106 and got["total"]["changed"] == 6
    assert got["total"]["reversal_rate"] == pytest.approx(25 / 131)
    assert not (tmp_path / "socialstyring.sqlite3").exists()  # from files, nothing is stored


def test_default_is_by_area_and_year_selects(tmp_path):
    path = _appeals_file(tmp_path)
    done = run("appeals", "--year", "2025", "--format", "json", path, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert [(g["year"], g["område"], g["paragraf"], g["team"]) for g in got["groups"]] == [
        (2025, "børn", None, None),
        (2025, "voksen", None, None),
    ]
    assert got["groups"][1]["reversal_rate"] == 0.0
    assert got["total"]["upheld"] == 106 and got["total"]["changed"] == 5
    assert got["total"]["pending"] == 4


def test_import_then_appeals_from_the_database_by_team(tmp_path):
    path = _appeals_file(tmp_path)
    done = run("import", path, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "klagesager" in done.stdout
    done = run("appeals", "--by", "team", "--format", "json", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert [(g["year"], g["område"], g["team"]) for g in got["groups"]] == [
        (2024, "voksen", "Syd"),
        (2025, "børn", "Nord"),
        (2025, "voksen", "Syd"),
    ]
    assert got["total"]["pending"] == 4


def test_table_and_spreadsheet(tmp_path):
    path = _appeals_file(tmp_path)
    done = run("appeals", path, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "18,6 %" in done.stdout and "Børn og unge" in done.stdout
    out = tmp_path / "klager.xlsx"
    done = run("appeals", "--format", "xlsx", "--output", out, path, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    sheet = fastexcel.read_excel(out.read_bytes()).load_sheet(0, header_row=3).to_polars()
    rates = sheet[sheet.columns[-1]].to_list()
    assert rates[1] == pytest.approx(24 / 129)


def test_a_bad_file_is_a_danish_report(tmp_path):
    path = tmp_path / "klagesager.csv"
    path.write_text(HEADER + "K1;;børn;BL § 46;;01-02-2025;vundet;\n", encoding="utf-8")
    done = run("appeals", "--format", "json", path, data_dir=tmp_path)
    assert done.returncode == 1
    assert "ankestyrelsens_afgørelse" in done.stderr and "vundet" in done.stderr
