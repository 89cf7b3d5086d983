"""Shared bench helpers: the demo data set at a given size, timing, JSON output."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
YEAR = 2026
AS_OF = dt.date(2026, 5, 31)
CLI = [sys.executable, "-m", "socialstyring.cli.main"]


def rows_in(files: dict[str, Path]) -> int:
    """Data rows of the import files (their lines less each header; the demo writes no
    line breaks inside cells)."""
    total = 0
    for path in files.values():
        with path.open("rb") as handle:
            chunks = iter(lambda: handle.read(1 << 24), b"")
            total += sum(chunk.count(b"\n") for chunk in chunks) - 1
    return total


def dataset(grants: int, seed: int = 7, cpr: bool = False) -> dict[str, Path]:
    """Import files of a demo municipality with ``grants`` grants (cached between runs).

    ``cpr``: the citizen keys of 6 in 10 citizens become CPR numbers, as in a real export."""
    from socialstyring.demo.generator import generate, write_files

    folder = OUT / f"demo-{grants}-{seed}{'-cpr' if cpr else ''}"
    names = ("bevillinger", "budget", "posteringer", "leverandører")
    if not all((folder / f"{n}.csv").exists() for n in names):
        folder.mkdir(parents=True, exist_ok=True)
        demo = generate(seed=seed, grants=grants, year=YEAR, as_of=AS_OF)
        if cpr:
            demo = dataclasses.replace(demo, grants=with_cpr_keys(demo.grants))
        write_files(demo, folder)
    return {n: folder / f"{n}.csv" for n in names}


def with_cpr_keys(grants: pl.DataFrame) -> pl.DataFrame:
    """Synthetic CPR numbers for 6 in 10 citizens (``DEMO-…`` keys ending in 0-5): the
    citizen's birth date, a century digit that fits it, a running number per birth date.
    A third are written ``ddmmyy-xxxx``, a third ``ddmmyyxxxx``, a third as Excel leaves a
    number (a leading zero lost)."""
    citizens = (
        grants.select("citizen_id", "birth_date")
        .unique("citizen_id", keep="first")
        .sort("citizen_id")
        .filter(pl.col("citizen_id").str.contains(r"[0-5]$"))
    )
    year = pl.col("birth_date").dt.year()
    century = pl.when(year < 2000).then(pl.lit("2")).otherwise(pl.lit("5"))  # 1900s, 2000s
    running = pl.int_range(pl.len()).over("birth_date") % 1000
    digits = pl.concat_str(
        pl.col("birth_date").dt.strftime("%d%m%y"), century, running.cast(pl.String).str.zfill(3)
    )
    style = pl.int_range(pl.len()) % 3
    cpr = (
        pl.when(style == 0)
        .then(pl.concat_str(digits.str.slice(0, 6), pl.lit("-"), digits.str.slice(6)))
        .when(style == 1)
        .then(digits)
        .otherwise(digits.str.strip_chars_start("0"))
    )
    keys = citizens.select("citizen_id", cpr.alias("_cpr"))
    joined = grants.join(keys, on="citizen_id", how="left", maintain_order="left")
    return joined.with_columns(pl.coalesce("_cpr", "citizen_id").alias("citizen_id")).drop("_cpr")


def timed(fn, repeat: int = 3) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def summary(times: list[float]) -> dict[str, float]:
    return {
        "best_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "runs": len(times),
        **({"each_s": [round(t, 2) for t in times]} if len(times) <= 10 else {}),
    }


PEAK_RSS_MB: list[float] = []  # the peak resident memory of each run_cli process
# The CPU seconds (user + system, all threads) of each run_measured process: on a shared,
# loaded machine they vary much less than the wall time.
CPU_S: list[float] = []


def own_cpu_s() -> float:
    """This process's CPU seconds so far (to measure an in-process alternative's)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_measured([*CLI, *args], env=env)


def run_measured(command: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``command``; its peak resident memory (the child's own, from wait4) is appended
    to ``PEAK_RSS_MB``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(
            command, child.returncode, out.read().decode(), err.read().decode()
        )
    PEAK_RSS_MB.append(round(usage.ru_maxrss / 1024, 1))  # Linux: kilobytes
    CPU_S.append(round(usage.ru_utime + usage.ru_stime, 3))
    if done.returncode != 0:
        raise SystemExit(f"Command failed: {done.stderr[-2000:]}")
    return done


def before_env() -> dict | None:
    """``BENCH_BEFORE_SRC``: the ``src`` folder of an earlier version of the code (``git
    archive main src | tar -x -C DIR``), so before and after are measured in one run."""
    folder = os.environ.get("BENCH_BEFORE_SRC")
    return {"PYTHONPATH": folder} if folder else None


def emit(name: str, figures: dict) -> None:
    load = [round(x, 1) for x in os.getloadavg()]  # the machine is shared: say how busy
    print(
        json.dumps({"bench": name, **figures, "load_average": load}, ensure_ascii=False, indent=1)
    )
