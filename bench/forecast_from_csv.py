"""Forecast of N grants from CSV, end to end through the CLI, against one DuckDB query
over the same files. Usage: python bench/forecast_from_csv.py [N]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb_forecast
from common import (
    AS_OF,
    CPU_S,
    PEAK_RSS_MB,
    YEAR,
    before_env,
    dataset,
    emit,
    run_cli,
    run_measured,
    summary,
    timed,
)


def main(n: int) -> None:
    files = dataset(n, cpr=True)
    paths = list(files.values())
    args = [
        "forecast",
        "--year",
        str(YEAR),
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
        *map(str, paths),
    ]

    def cpu_of(runs: int) -> float:  # the best CPU seconds of the last ``runs`` processes
        return min(CPU_S[-runs:])

    cli_times, done = timed(lambda: run_cli(*args))
    cli_cpu = cpu_of(3)
    ours = {line["konto"]: line for line in json.loads(done.stdout)["lines"]}
    cli_peak = max(PEAK_RSS_MB)
    no_refund, _ = timed(lambda: run_cli(*args, "--no-refund"))
    no_refund_cpu = cpu_of(3)
    before = before_env()
    earlier, _ = timed(lambda: run_cli(*args, env=before)) if before else ([], None)
    earlier_cpu = cpu_of(3) if before else None

    duck_times, rows = timed(
        lambda: duckdb_forecast.run(
            files["bevillinger"], files["budget"], files["posteringer"], YEAR, AS_OF
        )
    )
    here = Path(__file__).parent
    duck_own, _ = timed(
        lambda: run_measured(
            [
                sys.executable,
                str(here / "duckdb_forecast.py"),
                *(str(files[k]) for k in ("bevillinger", "budget", "posteringer")),
                str(YEAR),
                AS_OF.isoformat(),
            ]
        )
    )
    duck_peak = max(PEAK_RSS_MB[-3:])
    duck_cpu = cpu_of(3)
    # What no check in a polars process can go below: start-up and every cell read.
    floor, _ = timed(
        lambda: run_measured([sys.executable, str(here / "polars_read.py"), *map(str, paths)])
    )
    floor_cpu = cpu_of(3)
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
            "socialstyring_cli_no_refund": summary(no_refund),
            **({"socialstyring_cli_before": summary(earlier)} if earlier else {}),
            "duckdb_query": summary(duck_times),
            "duckdb_query_own_process": summary(duck_own),
            "polars_reading_every_cell_own_process": summary(floor),
            "cli_grants_per_s": round(n / min(cli_times)),
            "cli_vs_duckdb": round(min(cli_times) / min(duck_times), 2),
            "cli_no_refund_vs_duckdb": round(min(no_refund) / min(duck_times), 2),
            "polars_reading_vs_duckdb": round(min(floor) / min(duck_times), 2),
            "cpu_s": {
                "cli": cli_cpu,
                "cli_no_refund": no_refund_cpu,
                **({"cli_before": earlier_cpu} if before else {}),
                "duckdb_query_own_process": duck_cpu,
                "polars_reading_own_process": floor_cpu,
            },
            "cli_peak_rss_mb": cli_peak,
            "duckdb_peak_rss_mb": duck_peak,
            "accounts": len(ours),
            "max_difference_kr": round(worst, 4),
            "note": "CLI = new process: start-up, read, full validation, CPR check, forecast, "
            "JSON. DuckDB = in-process query, no validation (also timed in a "
            "process of its own). Polars reading = a new process that reads every cell of the "
            "files as text and checks nothing: the floor of a check in polars. Citizen keys: 6 "
            "in 10 citizens have a CPR number. Peak RSS: the CLI's worst run; DuckDB's query "
            "in a process of its own.",
        },
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
