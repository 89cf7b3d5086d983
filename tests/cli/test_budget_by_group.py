"""``forecast --by område|team`` gives each group its budget as the overview does: what the
budget file distributed to the group, plus the budgets of accounts wholly the group's own;
an account shared between groups leaves its lines without budget (docs/forecast.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run

GRANTS = [
    "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed;antal;team",
    "B-1;C-1;voksen;SEL § 108;5.38.50;01-01-2026;;30.000,00;måned;1;Voksen Vest",
    "B-2;C-2;voksen;SEL § 108;5.38.50;01-01-2026;;20.000,00;måned;1;Voksen Øst",
    "B-3;C-3;voksen;SEL § 85;5.38.45;01-01-2026;;10.000,00;måned;1;Voksen Øst",
    "B-4;C-4;børn;BL § 52;5.28.21;01-01-2026;;5.000,00;måned;1;Børn Nord",
]
BUDGET_HEADER = "år;konto;beløb;type"


def _files(tmp_path: Path, budget_rows: list[str], header: str = BUDGET_HEADER) -> list[Path]:
    grants, budget = tmp_path / "bevillinger.csv", tmp_path / "budget.csv"
    grants.write_text("\n".join(GRANTS) + "\n", encoding="utf-8")
    budget.write_text("\n".join([header, *budget_rows]) + "\n", encoding="utf-8")
    return [grants, budget]


def _lines(tmp_path: Path, by: str, files: list[Path]) -> tuple[dict, dict]:
    done = run(
        "forecast", "--year", "2026", "--as-of", "2026-05-31", "--by", by,
        "--format", "json", *files, data_dir=tmp_path / "data",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return {line[by]: line for line in result["lines"]}, result["total"]


@pytest.mark.parametrize("by", ["område", "team"])
def test_accounts_wholly_a_groups_own_give_it_their_budget(tmp_path, by):
    files = _files(
        tmp_path,
        ["2026;5.38.50;600.000;oprindeligt", "2026;5.38.45;120.000;oprindeligt",
         "2026;5.28.21;60.000;oprindeligt"],
    )  # fmt: skip
    lines, total = _lines(tmp_path, by, files)
    assert total["budget"] == 780_000.0
    assert total["deviation"] == pytest.approx(780_000.0 - total["expected"])
    if by == "område":  # every account lies in one area (JSON names the area by its code)
        assert lines["adults"]["budget"] == 720_000.0
        assert lines["children"]["budget"] == 60_000.0
        assert lines["adults"]["deviation"] == pytest.approx(
            720_000.0 - lines["adults"]["expected"]
        )
    else:  # 5.38.50 is shared by two teams: their lines cannot have a budget
        assert lines["Børn Nord"]["budget"] == 60_000.0
        assert lines["Voksen Vest"]["budget"] is None
        assert lines["Voksen Øst"]["budget"] is None


def test_a_budget_distributed_to_teams_reaches_every_team(tmp_path):
    files = _files(
        tmp_path,
        ["2026;5.38.50;360.000;oprindeligt;Voksen Vest",
         "2026;5.38.50;240.000;oprindeligt;Voksen Øst",
         "2026;5.38.45;120.000;oprindeligt;Voksen Øst",
         "2026;5.28.21;60.000;oprindeligt;Børn Nord"],
        header=BUDGET_HEADER + ";team",
    )  # fmt: skip
    lines, total = _lines(tmp_path, "team", files)
    assert {team: line["budget"] for team, line in lines.items()} == {
        "Voksen Vest": 360_000.0,
        "Voksen Øst": 360_000.0,
        "Børn Nord": 60_000.0,
    }
    assert total["budget"] == 780_000.0
