"""The command-line forecast from the database keeps its grants read in a file per
municipality and data version (``storage.frame_files``): the next run reads the file, an
import makes it stale, and no file ever holds a CPR number."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pytest

from tests.cli.test_cli import _assert_matches, run

FORECAST = ("forecast", "--year", "2026", "--as-of", "2026-05-31", "--format", "json")
CPR = re.compile(r"\d{6}-?\d{4}")
NEW_GRANT = (
    "B31-NEW001;P31-000026;;24-03-1989;voksen;SEL § 108;Bostøtte;L31-006;5.38.59;"
    "01-01-2026;;9.000,00;måned;1;01-01-2026;GHI;Børn Syd\r\n"
)


def _frame_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "frames").glob("*/*.arrow"))


def _forecast(data_dir: Path, *files: Path) -> dict:
    done = run(*FORECAST, *files, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_files_are_reused_until_an_import_and_hold_no_cpr(examples, tmp_path):
    folder = examples / "kommune-dk"
    data_dir = tmp_path / "data"
    assert run("import", *sorted(folder.glob("*.csv")), data_dir=data_dir).returncode == 0

    first = _forecast(data_dir)
    written = _frame_files(data_dir)
    assert written, "the forecast keeps its grants read"
    assert len({p.parent.name for p in written}) == 1  # one folder: the one municipality
    text = (folder / "bevillinger.csv").read_bytes().decode("cp1252")
    numbers = {m.replace("-", "") for m in CPR.findall(text)}
    assert numbers
    for path in written:  # pseudonyms only: the export's CPR numbers never reach a file
        frame = pl.read_ipc(path)
        for column in frame.select(pl.col(pl.String)).columns:
            cells = frame[column].drop_nulls().str.replace_all("-", "", literal=True)
            assert not cells.is_in(list(numbers)).any(), column
            assert not any(n in cell for cell in cells for n in numbers), column
    stamps = {p: p.stat().st_mtime_ns for p in written}

    _assert_matches(_forecast(data_dir), first)  # the second run reads the files
    assert {p: p.stat().st_mtime_ns for p in _frame_files(data_dir)} == stamps

    # A new grant: the import draws a new data version, so the old files are not used.
    changed = tmp_path / "changed"
    changed.mkdir()
    for path in folder.glob("*.csv"):
        (changed / path.name).write_bytes(path.read_bytes())
    grants = changed / "bevillinger.csv"
    grants.write_bytes(grants.read_bytes() + NEW_GRANT.encode("cp1252"))
    assert run("import", grants, data_dir=data_dir).returncode == 0

    after = _forecast(data_dir)
    assert after != first
    _assert_matches(after, _forecast(tmp_path / "files-only", *sorted(changed.glob("*.csv"))))
    remaining = _frame_files(data_dir)
    assert remaining and not set(remaining) & set(written)  # the stale version's are gone


@pytest.mark.parametrize("damage", [b"", b"not an arrow file"])
def test_a_damaged_file_falls_back_to_the_database(examples, tmp_path, damage):
    folder = examples / "kommune-dk"
    assert run("import", *sorted(folder.glob("*.csv")), data_dir=tmp_path).returncode == 0
    first = _forecast(tmp_path)
    for path in _frame_files(tmp_path):
        path.write_bytes(damage)
    _assert_matches(_forecast(tmp_path), first)
