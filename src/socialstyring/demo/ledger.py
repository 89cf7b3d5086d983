"""The ledger and budgets: each grant's monthly cost, its payments, corrections, budgets."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from socialstyring.core.costs import cost_expr
from socialstyring.demo.catalogue import ACCOUNTS, CATALOGUE, kind_values
from socialstyring.demo.days import day_number, first_day, month_of, new_year
from socialstyring.demo.series import date_series, id_series, text_series
from socialstyring.terms import MONTH_NAMES

UNIT_CODES = ("day", "week", "hour", "month", "year", "once")
# Payments in arrears reach into January for the December before, so the window is 13 months.
WINDOW_MONTHS = 13

CORRECTION_TEXTS = (
    "Refusion fra anden kommune",
    "Efterregulering af takst",
    "Tilbagebetaling, for meget udbetalt",
    "Korrektion af fejlpostering",
    "Egenbetaling fra borger",
)


def month_costs(
    start: np.ndarray,
    end: np.ndarray,
    unit: np.ndarray,
    price: np.ndarray,
    quantity: np.ndarray,
    first_month: int,
    last_month: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each grant's cost in each calendar month it touches between two months (months since
    1970-01, inclusive): ``(grant row, month, cost)``.

    The rule of ``forecast.md`` (``core.costs``) restricted to one month, in numpy because the
    ledger needs it for millions of grant-months; ``end`` is the last day (open-ended grants:
    any day after the window) and ``unit`` an index into ``UNIT_CODES``."""
    once = unit == UNIT_CODES.index("once")
    end = np.where(once, start, end)
    first = np.maximum(month_of(start), first_month)
    last = np.minimum(month_of(end), last_month)
    count = np.clip(last - first + 1, 0, None)
    row = np.repeat(np.arange(start.size), count)
    month = first[row] + np.arange(row.size) - np.repeat(np.cumsum(count) - count, count)
    m_first, m_next = first_day(month), first_day(month + 1)
    days = (np.minimum(m_next - 1, end[row]) - np.maximum(m_first, start[row]) + 1).astype(
        np.float64
    )
    year_days = (new_year(month // 12 + 1) - new_year(month // 12)).astype(np.float64)
    p, u = price[row] * quantity[row], unit[row]
    per_unit = np.array([1.0, 1 / 7, 1 / 7, np.nan, np.nan, 0.0])[u]
    cost = np.select(
        [
            u == UNIT_CODES.index("month"),
            u == UNIT_CODES.index("year"),
            u == UNIT_CODES.index("once"),
        ],
        [p * days / (m_next - m_first), p * days / year_days, p],
        p * days * per_unit,
    )
    return row, month, cost


def posting_frame(
    rng: np.random.Generator,
    draft: dict[str, np.ndarray],
    grant_ids: pl.Series,
    year: int,
    as_of: dt.date,
) -> pl.DataFrame:
    """Monthly payments of every grant from 1 January to ``as_of``, plus a few corrections.

    Placements (day, month, year prices) are paid in advance early in the month, hourly
    services and one-off grants in arrears the month after (so December's reach January);
    each payment is the grant's cost in that month with a little noise. ``grant_ids``: null,
    then the grant ids in row order."""
    kind = draft["kind"]
    new_year_day = day_number(dt.date(year, 1, 1))
    window = (
        month_of(np.array([day_number(dt.date(year - 1, 12, 1))]))[0],
        month_of(np.array([day_number(as_of)]))[0],
    )
    unit = np.array([UNIT_CODES.index(k.unit) for k in CATALOGUE])[kind]
    end = np.where(draft["open"], day_number(dt.date(year + 1, 12, 31)), draft["end"])
    row, month, cost = month_costs(
        draft["start"], end, unit, draft["price"], draft["quantity"], *window
    )
    n = row.size
    advance = np.isin(unit[row], [UNIT_CODES.index(u) for u in ("day", "month", "year")])
    day = np.where(advance, rng.integers(1, 11, n), rng.integers(5, 26, n))
    posted = np.maximum(
        first_day(month + np.where(advance, 0, 1)) + day - 1, draft["registered"][row]
    )
    noise = np.where(rng.random(n) < 0.95, rng.uniform(0.985, 1.015, n), rng.uniform(0.8, 1.1, n))
    amount = np.round(cost * noise * 100) / 100
    keep = (posted >= new_year_day) & (posted <= day_number(as_of)) & (amount != 0)
    row, month, posted, amount = row[keep], month[keep], posted[keep], amount[keep]
    account = kind_values([ACCOUNTS.index(k.account) for k in CATALOGUE], kind[row], np.int64)
    text = kind[row] * WINDOW_MONTHS + (month - window[0])
    fix_account, fix_day, fix_amount, fix_text = _corrections(rng, account, amount, year, as_of)
    days_into_year = np.concatenate([posted, fix_day]) - new_year_day
    order = np.argsort(days_into_year.astype(np.int16), kind="stable")  # radix sort
    texts = [
        f"{k.service}, {MONTH_NAMES[m % 12]} {m // 12 + 1970}"
        for k in CATALOGUE
        for m in range(window[0], window[0] + WINDOW_MONTHS)
    ] + list(CORRECTION_TEXTS)
    return pl.DataFrame(
        {
            "posting_id": id_series("P-", order.size, 8),
            "posting_date": date_series(np.concatenate([posted, fix_day])[order]),
            "account": text_series(ACCOUNTS, np.concatenate([account, fix_account])[order]),
            "amount": np.concatenate([amount, fix_amount])[order],
            "grant_id": grant_ids.gather(
                np.concatenate([row + 1, np.zeros(fix_day.size, np.int64)])[order]
            ),
            "text": text_series(
                texts, np.concatenate([text, fix_text + len(CATALOGUE) * WINDOW_MONTHS])[order]
            ),
        }
    )


def _corrections(
    rng: np.random.Generator, account: np.ndarray, amount: np.ndarray, year: int, as_of: dt.date
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Refunds and corrections without a grant: negative, 2.000-150.000 kr., on accounts in
    proportion to their spending; ``(account, day, amount, text)``."""
    spend = np.bincount(account, weights=amount, minlength=len(ACCOUNTS)).clip(0, None)
    used = int(np.count_nonzero(spend))
    if used == 0:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([]), empty
    n = max(2 * used, round(amount.size * 0.004))
    fix_account = rng.choice(len(ACCOUNTS), size=n, p=spend / spend.sum())
    day = rng.integers(day_number(dt.date(year, 1, 1)), day_number(as_of) + 1, n)
    fix_amount = -np.round(np.exp(rng.uniform(np.log(2_000), np.log(150_000), n)) * 100) / 100
    return fix_account, day, fix_amount, rng.integers(0, len(CORRECTION_TEXTS), n)


def budget_frame(rng: np.random.Generator, grants: pl.DataFrame, year: int) -> pl.DataFrame:
    """Corrected budget per account within about ±12 % of the grants' cost in ``year``;
    the adopted budget a little lower; adopted budgets of the four years before, growing
    about 3.5 % a year. Whole thousands of kroner."""
    cost = (
        grants.lazy()
        .select("account", cost_expr(dt.date(year, 1, 1), dt.date(year, 12, 31)).alias("cost"))
        .group_by("account")
        .agg(pl.col("cost").sum())
        .filter(pl.col("cost") > 0)
        .sort("account")
        .collect()
    )
    n = cost.height
    corrected = cost["cost"].to_numpy() * rng.uniform(0.88, 1.08, n)
    adopted = corrected * rng.uniform(0.92, 1.02, n)
    years, kinds, amounts = [year, year], ["adopted", "corrected"], [adopted, corrected]
    for back in range(1, 5):
        years.append(year - back)
        kinds.append("adopted")
        amounts.append(adopted / 1.035**back * rng.uniform(0.96, 1.04, n))
    return pl.DataFrame(
        {
            "year": np.repeat(np.array(years, dtype=np.int64), n),
            "account": pl.concat([cost["account"]] * len(years)),
            "kind": pl.Series(np.repeat(kinds, n).tolist(), dtype=pl.String),
            "amount": np.round(np.concatenate(amounts) / 1000) * 1000,
        }
    )
