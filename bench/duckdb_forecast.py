"""The plain alternative: the same forecast as one DuckDB query over the same CSV files.

It trusts its input (no validation, one date format, no CPR handling), so it is a
lower bound for what a careful import-and-forecast can cost.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

MACROS = r"""
CREATE OR REPLACE MACRO num(x) AS
  CAST(replace(replace(regexp_replace(trim(x), '\s*kr\.?$', ''), '.', ''), ',', '.') AS DOUBLE);
CREATE OR REPLACE MACRO dk_date(x) AS
  coalesce(try_strptime(x, '%d-%m-%Y'), try_strptime(x, '%d.%m.%Y'), try_strptime(x, '%Y-%m-%d'))::DATE;
CREATE OR REPLACE MACRO dim(d) AS day(last_day(d));
CREATE OR REPLACE MACRO diy(d) AS dayofyear(make_date(year(d), 12, 31));
CREATE OR REPLACE MACRO span_cost(unit, p, s, e) AS
  CASE
    WHEN e < s THEN 0.0
    WHEN unit = 'dag' THEN p * (datediff('day', s, e) + 1)
    WHEN unit IN ('uge', 'time') THEN p * (datediff('day', s, e) + 1) / 7.0
    WHEN unit = 'måned' THEN p * (CASE WHEN date_trunc('month', s) = date_trunc('month', e)
        THEN (datediff('day', s, e) + 1) / dim(s)
        ELSE (dim(s) - day(s) + 1) / dim(s)
             + datediff('month', date_trunc('month', s), date_trunc('month', e)) - 1
             + day(e) / dim(e) END)
    WHEN unit = 'år' THEN p * (CASE WHEN year(s) = year(e)
        THEN (datediff('day', s, e) + 1) / diy(s)
        ELSE (diy(s) - dayofyear(s) + 1) / diy(s) + year(e) - year(s) - 1 + dayofyear(e) / diy(e) END)
    ELSE 0.0
  END;
CREATE OR REPLACE MACRO cost(unit, p, st, en, a, b) AS
  CASE WHEN unit = 'engang' THEN (CASE WHEN st BETWEEN a AND b THEN p ELSE 0.0 END)
       ELSE span_cost(unit, p, greatest(a, st), least(b, coalesce(en, b))) END;
"""


def forecast_sql(
    grants: Path, budget: Path, postings: Path | None, year: int, as_of: dt.date
) -> str:
    a, d, b = f"DATE '{year}-01-01'", f"DATE '{as_of.isoformat()}'", f"DATE '{year}-12-31'"
    d1 = f"DATE '{(as_of + dt.timedelta(days=1)).isoformat()}'"
    ledger = (
        f"SELECT konto, sum(num(beløb)) AS spent FROM read_csv('{postings}', delim=';', all_varchar=true) "
        f"WHERE dk_date(bogføringsdato) BETWEEN {a} AND {d} GROUP BY konto"
        if postings
        else "SELECT NULL::VARCHAR AS konto, 0.0 AS spent WHERE false"
    )
    use_ledger = "true" if postings else "false"
    return f"""
    WITH g AS (
      SELECT konto, prisenhed AS unit, num(pris) * coalesce(num(antal), 1) AS p,
             dk_date(startdato) AS st, dk_date(slutdato) AS en,
             coalesce(dk_date(registreret), dk_date(startdato)) AS reg
      FROM read_csv('{grants}', delim=';', all_varchar=true)
    ), known AS (
      SELECT konto, cost(unit, p, st, en, {a}, {d}) AS grant_spent,
             cost(unit, p, st, en, {d1}, {b}) AS rest
      FROM g WHERE reg <= {d}
    ), per AS (
      SELECT konto, sum(grant_spent) AS grant_spent, sum(rest) AS rest FROM known GROUP BY konto
    ), budget AS (
      SELECT konto, arg_min(num(beløb), CASE WHEN type = 'korrigeret' OR type IS NULL THEN 0 ELSE 1 END) AS budget
      FROM read_csv('{budget}', delim=';', all_varchar=true) WHERE år = '{year}' GROUP BY konto
    ), ledger AS ({ledger})
    SELECT konto, coalesce(budget, 0) AS budget,
           CASE WHEN {use_ledger} THEN coalesce(spent, 0) ELSE coalesce(grant_spent, 0) END AS spent_to_date,
           coalesce(rest, 0) AS committed_rest
    FROM per FULL JOIN budget USING (konto) FULL JOIN ledger USING (konto)
    ORDER BY konto
    """


def run(
    grants: Path, budget: Path, postings: Path | None, year: int, as_of: dt.date
) -> list[tuple]:
    con = duckdb.connect()
    con.execute(MACROS)
    return con.execute(forecast_sql(grants, budget, postings, year, as_of)).fetchall()


if __name__ == "__main__":  # one run in a process of its own, to measure its memory
    import sys

    grants, budget, postings, year, as_of = sys.argv[1:6]
    rows = run(Path(grants), Path(budget), Path(postings), int(year), dt.date.fromisoformat(as_of))
    print(len(rows))
