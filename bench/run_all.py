"""Run every benchmark and print their JSON figures. Usage: python bench/run_all.py [N]"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    n = sys.argv[1] if len(sys.argv) > 1 else "1000000"
    for script, *args in (
        ("forecast_from_csv.py", n),
        ("database.py", "sqlite", n),
        ("database.py", "postgres", n),
        ("storage.py", "sqlite", n),
        ("storage.py", "postgres", n),
        ("forecast_database.py", "sqlite", n),
        ("forecast_database.py", "postgres", n),
        ("overview.py", "110000", "sqlite"),
        ("overview.py", "110000", "postgres"),
        ("load.py", "sqlite"),
        ("load.py", "postgres"),
        ("rules.py", n),
        ("focus_page.py",),
        ("decided.py", n),
        ("refunds.py", n),
        ("regional.py",),
        ("management.py",),
        ("scenarios.py", n),
        ("projection.py", n),
    ):
        subprocess.run([sys.executable, str(HERE / script), *args], check=True, cwd=HERE)


if __name__ == "__main__":
    main()
