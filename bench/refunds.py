"""The expected refund over N grants (default 1.000.000): the vectorised core, against a
plain Python loop over grants and months on a slice (the same rule, checked to agree).
Usage: python bench/refunds.py [N] [SLICE]"""

from __future__ import annotations

import calendar
import datetime as dt
import sys
from collections import defaultdict

import polars as pl
from common import AS_OF, YEAR, emit, summary, timed, with_cpr_keys

from socialstyring.core.people import birthday
from socialstyring.core.refunds import Thresholds, refunds, thresholds_for
from socialstyring.demo.generator import generate
from socialstyring.reference import refund_thresholds

PER_WEEK = ("week", "hour")


def _month_cost(g: dict, first: dt.date, last: dt.date, year: int) -> float:
    """One grant over one month by the refund's rule, day by day in Python."""
    p = g["price"] * g["quantity"]
    unit, start, end = g["price_unit"], g["start"], g["end"]
    if unit == "once":
        return p / 12 if start.year == year else 0.0
    s, e = max(first, start), min(last, end or last)
    if e < s:
        return 0.0
    days = (e - s).days + 1
    if unit == "day":
        return p * days
    if unit in PER_WEEK:
        return p * days / 7
    if unit == "month":
        return p * days / calendar.monthrange(first.year, first.month)[1]
    if unit == "year":
        return p * days / (366 if calendar.isleap(first.year) else 365)
    return 0.0


def _tier(m: float, t: tuple[float, ...], r: tuple[float, ...]) -> float:
    return (
        r[0] * max(0.0, min(m, t[1]) - t[0])
        + r[1] * max(0.0, min(m, t[2]) - t[1])
        + r[2] * max(0.0, m - t[2])
    )


def plain(grants: pl.DataFrame, level: Thresholds, year: int, as_of: dt.date) -> float:
    """The total refund by a loop per grant and month (the after-67 rule included)."""
    months = [
        (dt.date(year, m, 1), dt.date(year, m, calendar.monthrange(year, m)[1]))
        for m in range(1, 13)
    ]  # noqa: E501
    expense: dict[str, list[float]] = defaultdict(lambda: [0.0] * 12)
    born: dict[str, dt.date] = {}
    rows: dict[str, list[dict]] = defaultdict(list)
    for g in grants.iter_rows(named=True):
        if (g["registered"] or g["start"]) > as_of:
            continue
        adult = g["area"] == "adults"
        subject = g["citizen_id"] if adult else (g["family_id"] or g["citizen_id"])
        rows[subject].append(g)
        if adult and g["birth_date"]:
            born[subject] = max(born.get(subject, g["birth_date"]), g["birth_date"])
        for k, (first, last) in enumerate(months):
            expense[subject][k] += _month_cost(g, first, last, year)
    birthdays = pl.select(birthday(pl.Series(list(born.values()), dtype=pl.Date), 67)).to_series()
    b67 = dict(zip(born, birthdays, strict=True))
    t, r = level.monthly, level.rates
    total = 0.0
    for subject, spent in expense.items():
        after = 13
        keeps = True
        if subject in b67:
            b = b67[subject]
            after = max(1, min(13, b.year * 12 + b.month + (0 if b.day == 1 else 1) - year * 12))
            if after <= 12:
                last = b.replace(day=1) - dt.timedelta(days=1)
                first = last.replace(day=1)
                before = sum(_month_cost(g, first, last, first.year) for g in rows[subject])
                keeps = before > t[0]
        total += sum(_tier(m, t, r) for k, m in enumerate(spent) if k + 1 < after or keeps)
    return total


def main(n: int, part: int) -> None:
    grants = with_cpr_keys(generate(seed=7, grants=n, year=YEAR, as_of=AS_OF).grants)
    level = thresholds_for(refund_thresholds(), YEAR)
    times, result = timed(lambda: refunds(grants, level, year=YEAR, as_of=AS_OF))
    sliced = grants.head(part)
    slice_times, slice_result = timed(lambda: refunds(sliced, level, year=YEAR, as_of=AS_OF))
    plain_times, plain_total = timed(lambda: plain(sliced, level, YEAR, AS_OF), repeat=1)
    ours = slice_result.total["refund"]  # type: ignore[attr-defined]
    emit(
        "refunds",
        {
            "grants": n,
            "subjects_listed": result.subjects.height,  # type: ignore[attr-defined]
            "total_refund": round(result.total["refund"]),  # type: ignore[attr-defined]
            "core": summary(times),
            "target_s": 2.0,
            "slice": {
                "grants": part,
                "core": summary(slice_times),
                "plain_python_loop": summary(plain_times),
                "agree_to_the_krone": abs(ours - plain_total) < 1.0,
                "difference_kr": round(abs(ours - plain_total), 4),
            },
        },
    )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 50_000,
    )
