"""Shared bench helpers: the demo data set at a given size, timing, JSON output."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
YEAR = 2026
AS_OF = dt.date(2026, 5, 31)
CLI = [sys.executable, "-m", "socialstyring.cli.main"]


def dataset(grants: int, seed: int = 7) -> dict[str, Path]:
    """Import files of a demo municipality with ``grants`` grants (cached between runs)."""
    from socialstyring.demo.generator import generate, write_files

    folder = OUT / f"demo-{grants}-{seed}"
    names = ("bevillinger", "budget", "posteringer", "leverandører")
    if not all((folder / f"{n}.csv").exists() for n in names):
        folder.mkdir(parents=True, exist_ok=True)
        write_files(generate(seed=seed, grants=grants, year=YEAR, as_of=AS_OF), folder)
    return {n: folder / f"{n}.csv" for n in names}


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
    }


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    if done.returncode != 0:
        raise SystemExit(f"CLI failed: {done.stderr[-2000:]}")
    return done


def emit(name: str, figures: dict) -> None:
    print(json.dumps({"bench": name, **figures}, ensure_ascii=False, indent=1))
