"""The drill-down's reconciliation (ledger → grants' cost) of every account of a demo
municipality with N grants, in the core, against a plain Python loop over the postings
and grants doing the same sums, measured in the same run.
Usage: python bench/reconciliation.py [N]"""

from __future__ import annotations

import sys
from collections import defaultdict

import polars as pl
from common import AS_OF, YEAR, emit, summary, timed

from socialstyring.core.forecast import grant_year_costs
from socialstyring.core.periods import year_start
from socialstyring.core.reconciliation import line_totals, reconcile
from socialstyring.demo.generator import generate


def plain_python(postings: list[dict], grants: list[dict], account: str) -> float:
    """The same account's ledger and grant cost with dicts and a loop."""
    on_list = {g["grant_id"]: g["spent_to_date"] for g in grants if g["account"] == account}
    sums: dict[str, float] = defaultdict(float)
    posted = set()
    for p in postings:
        if p["account"] != account:
            continue
        linked = p["grant_id"] in on_list
        sums["linked" if linked else "unlinked"] += p["amount"]
        if linked:
            posted.add(p["grant_id"])
    cost = sum(on_list.values())
    return sums["linked"] + sums["unlinked"] + cost - sum(on_list[g] for g in posted)


def main() -> None:
    grants_n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    demo = generate(seed=7, grants=grants_n, year=YEAR, as_of=AS_OF)
    priced = grant_year_costs(demo.grants, YEAR, AS_OF).rename({"grant_spent": "spent_to_date"})
    postings = demo.postings.filter(pl.col("posting_date").is_between(year_start(YEAR), AS_OF))
    accounts = postings["account"].unique().sort().to_list()

    def core_all() -> list[dict[str, float]]:
        return [line_totals(reconcile(postings, priced, {"account": a})) for a in accounts]

    times, results = timed(core_all)
    rows_p = postings.select("account", "grant_id", "amount").to_dicts()
    rows_g = priced.select("grant_id", "account", "spent_to_date").to_dicts()
    plain_times, plain = timed(lambda: [plain_python(rows_p, rows_g, a) for a in accounts])
    assert results is not None and plain is not None
    for totals, check in zip(results, plain, strict=True):  # type: ignore[call-overload]
        assert abs(totals["ledger"] + totals["unposted_cost"] - check) < 1.0
    emit(
        "reconciliation",
        {
            "grants": priced.height,
            "postings": postings.height,
            "accounts": len(accounts),
            "core_every_account": summary(times),
            "plain_python_every_account": summary(plain_times),
        },
    )


if __name__ == "__main__":
    main()
