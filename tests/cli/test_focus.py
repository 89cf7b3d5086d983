"""``socialstyring focus``: the spec's JSON from files (nothing stored) and from the
database, the choice of rules, a rules file, and the Danish refusals."""

from __future__ import annotations

import json
from pathlib import Path

import fastexcel
import pytest

from tests.cli.test_cli import run

HEADER = (
    "bevilling_id,borger_id,familie_id,foedselsdato,omraade,paragraf,leverandoer_id,konto,"
    "startdato,slutdato,pris,prisenhed,antal,registreret,raadgiver,team"
)
ROWS = [
    # § 85 since 2020 (renewed after 20 days): more than five years, 2 x 6,25 hours
    "B-17,0101801234,,,voksen,SEL § 85,,5.38.50,2020-03-15,2022-03-31,400,time,6.25,,AB,Voksen",
    "B-18,0101801234,,,voksen,SEL § 85,,5.38.50,2022-04-20,,400,time,6.25,,AB,Voksen",
    "B-19,0101801234,,,voksen,SEL § 85,,5.38.50,2026-03-01,,400,time,6.25,,AB,Voksen",
    # two children of one family, 8 and 11: two measures
    "B-20,0203154234,F-1,,børn,BL § 32,L-1,5.28.21,2025-01-01,,10000,måned,1,,CD,Børn",
    "B-21,0405184234,F-1,,børn,BL § 52,L-2,5.28.21,2025-06-01,,5000,måned,1,,CD,Børn",
    # after-care, 19 years old
    "B-22,1006064234,,,børn,SEL § 76,,5.28.21,2025-06-10,,8000,måned,1,,CD,Børn",
]
PROVIDERS = "leverandoer_id,navn,type\nL-1,Opholdsstedet,privat\nL-2,Familiecentret,egen\n"


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    grants = tmp_path / "bevillinger.csv"
    grants.write_text(HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    providers = tmp_path / "leverandører.csv"
    providers.write_text(PROVIDERS, encoding="utf-8")
    return [grants, providers]


def focus(*args, data_dir: Path) -> dict:
    done = run("focus", "--as-of", "2026-05-31", "--format", "json", *args, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def by_code(document: dict) -> dict[str, dict]:
    return {r["code"]: r for r in document["rules"]}


def test_every_built_in_rule_from_files(files, tmp_path):
    document = focus(*files, data_dir=tmp_path)
    assert document["as_of"] == "2026-05-31"
    rules = by_code(document)
    assert list(rules) == [
        "sel85_over_5_years",
        "sel85_most_hours",
        "sel85_one_hour_over_1_year",
        "families_multiple_measures_0_12",
        "families_multiple_measures_13_18",
        "aftercare",
        "children_external_providers",
        "expensive_cases",
    ]
    over = rules["sel85_over_5_years"]
    assert (over["name"], over["subject"], over["count"]) == (
        "SEL § 85 i mere end 5 år",
        "citizen",
        1,
    )
    (hit,) = over["hits"]
    assert hit["subject_id"].startswith("PS-")  # the pseudonym, never the CPR number
    assert hit["grant_ids"] == ["B-18", "B-19"]
    assert hit["reason"] == "SEL § 85 i 6 år og 2 måneder"
    # 400 kr. x 6,25 hours a week: B-18 all year to date and on, B-19 from 1 March.
    week = 400 * 6.25 / 7
    assert hit["cost_this_year"] == pytest.approx(week * 365 + week * 306)
    assert hit["run_rate"] == pytest.approx(2 * 400 * 6.25 * 365 / 7)
    assert over["cost_this_year"] == pytest.approx(hit["cost_this_year"])
    hours = rules["sel85_most_hours"]["hits"][0]
    assert hours["reason"] == "12,5 timer om ugen (SEL § 85)"
    family = rules["families_multiple_measures_0_12"]
    assert [(h["subject_id"], h["grant_ids"], h["reason"]) for h in family["hits"]] == [
        ("F-1", ["B-20", "B-21"], "2 indsatser i familien (0-12 år)")
    ]
    assert rules["aftercare"]["hits"][0]["reason"] == "Efterværn (SEL § 76), 19 år"
    external = rules["children_external_providers"]
    assert [h["grant_ids"] for h in external["hits"]] == [["B-20"]]
    assert external["hits"][0]["reason"] == "Ekstern leverandør (privat)"
    assert external["unknown_provider_type"] == 1  # B-22 has no provider
    assert not (tmp_path / "socialstyring.sqlite3").exists()  # from files, nothing is stored


def test_the_database_gives_the_same_document(files, tmp_path):
    expected = focus(*files, data_dir=tmp_path)
    done = run("import", *files, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    stored = focus(data_dir=tmp_path)
    for mine, theirs in zip(stored["rules"], expected["rules"], strict=True):
        assert mine["count"] == theirs["count"], mine["code"]
        assert [h["grant_ids"] for h in mine["hits"]] == [h["grant_ids"] for h in theirs["hits"]]
        assert [h["reason"] for h in mine["hits"]] == [h["reason"] for h in theirs["hits"]]
        assert mine["run_rate"] == pytest.approx(theirs["run_rate"])


def test_chosen_rules_and_a_rules_file(files, tmp_path):
    rules_file = tmp_path / "regler.json"
    rules_file.write_text(
        json.dumps(
            {
                "rules": [
                    {
                        "code": "dyre_born",
                        "name": "Dyre børnesager",
                        "subject": "grant",
                        "conditions": [
                            {"field": "area", "op": "eq", "value": "children"},
                            {"field": "run_rate", "op": "ge", "value": 96000},
                        ],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    document = focus(
        "--rule",
        "dyre_born",
        "--rule",
        "aftercare",
        "--rules",
        rules_file,
        *files,
        data_dir=tmp_path,
    )
    assert [r["code"] for r in document["rules"]] == ["dyre_born", "aftercare"]
    mine = document["rules"][0]
    assert [h["grant_ids"] for h in mine["hits"]] == [["B-20"], ["B-22"]]  # by run rate
    assert mine["hits"][0]["reason"] == "1 bevilling, 120.000 kr. om året"


def test_a_wrong_rules_file_and_an_unknown_rule_are_refused_in_danish(files, tmp_path):
    bad = tmp_path / "regler.json"
    bad.write_text(
        '{"rules": [{"code": "x", "conditions": [{"field": "farve", "op": "eq", "value": 1}]}]}'
    )
    done = run("focus", "--rules", bad, *files, data_dir=tmp_path)
    assert done.returncode == 2
    assert "regler.json: rules[0].conditions[0].field: Ukendt felt 'farve'" in done.stderr
    done = run("focus", "--rule", "findes_ikke", *files, data_dir=tmp_path)
    assert done.returncode == 2 and "Ukendt regel findes_ikke" in done.stderr
    assert "Traceback" not in done.stderr


def test_xlsx_reads_back(files, tmp_path):
    out = tmp_path / "fokus.xlsx"
    done = run(
        "focus",
        "--as-of",
        "2026-05-31",
        "--format",
        "xlsx",
        "--output",
        out,
        *files,
        data_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    sheet = fastexcel.read_excel(out).load_sheet(0, header_row=None).to_polars()
    cells = [str(v) for row in sheet.rows() for v in row if v is not None]
    assert "SEL § 85 i 6 år og 2 måneder" in cells
    assert "B-18, B-19" in cells
