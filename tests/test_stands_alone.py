"""The project stands alone: a user clones it and nothing else, so no tracked file may
read or cite a path outside the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Spelled in pieces, so this file does not match itself.
OUTSIDE = re.compile(
    "|".join(
        (
            r"\.\./" + "shared",
            r"\.\./" + r"spec/",
            r"parents\[\d+\]\s*/\s*['\"]" + "shared",
            r"\b" + "shared/" + r"(spec|examples|reference|seeds)\b",
            "/" + "work/",
        )
    )
)
BINARY = {".png", ".jpg", ".pdf", ".xlsx", ".mo", ".sqlite3"}


def tracked_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listed.decode().split("\0") if name]


def test_no_tracked_file_names_a_path_outside_the_repository():
    found = []
    for path in tracked_files():
        if path.suffix in BINARY or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert found == []


def test_the_pattern_catches_what_it_must():
    for line in (
        "EXAMPLES = Path(__file__).parents[2] / 'sha" + "red' / 'examples'",
        "see ../" + "sha" + "red/spec/forecast.md",
        "The contract is in ../" + "spec/import-format.md",
    ):
        assert OUTSIDE.search(line), line
    assert not OUTSIDE.search("tests/fixtures/examples/kommune-dk/budget.csv")


def test_the_examples_live_inside_the_repository():
    examples = ROOT / "tests" / "fixtures" / "examples"
    assert (examples / "kommune-dk" / "forventet_forecast.json").is_file()
    assert (examples / "enkeltbevillinger.csv").is_file()
