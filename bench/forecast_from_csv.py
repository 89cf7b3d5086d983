"""Forecast of N grants from CSV, end to end through the CLI, against one DuckDB query
over the same files. Usage: python bench/forecast_from_csv.py [N]"""

from __future__ import annotations

import json
import sys

import duckdb_forecast
from common import AS_OF, YEAR, dataset, emit, run_cli, summary, timed


def main(n: int) -> None:
    files = dataset(n)
    args = [
        "forecast",
        "--year",
        str(YEAR),
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
        *(str(p) for p in files.values()),
    ]
    cli_times, done = timed(lambda: run_cli(*args))
    ours = {line["konto"]: line for line in json.loads(done.stdout)["lines"]}

    duck_times, rows = timed(
        lambda: duckdb_forecast.run(
            files["bevillinger"], files["budget"], files["posteringer"], YEAR, AS_OF
        )
    )
    theirs = {konto: (budget, spent, rest) for konto, budget, spent, rest in rows}
    worst = max(
        abs(ours[k]["spent_to_date"] + ours[k]["committed_rest"] - (spent + rest))
        for k, (_, spent, rest) in theirs.items()
    )
    emit(
        "forecast_from_csv",
        {
            "grants": n,
            "file_mb": round(files["bevillinger"].stat().st_size / 1e6, 1),
            "socialstyring_cli": summary(cli_times),
            "duckdb_query": summary(duck_times),
            "cli_grants_per_s": round(n / min(cli_times)),
            "cli_vs_duckdb": round(min(cli_times) / min(duck_times), 2),
            "accounts": len(ours),
            "max_difference_kr": round(worst, 4),
            "note": "CLI = new process: start-up, read, full validation, CPR check, forecast, "
            "JSON. DuckDB = in-process query, no validation.",
        },
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
