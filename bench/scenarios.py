"""A what-if scenario over N grants (five changes, filters in the rule language) in the
core, against a plain Python loop over the grants measured on a sample in the same run;
then a saved scenario's recompute on the demo municipality, as the web app does it.
Usage: python bench/scenarios.py [N] [--no-demo]"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import sys
import tempfile

from common import AS_OF, YEAR, emit, summary, timed

from socialstyring.demo.generator import generate
from socialstyring.services.forecasting import Inputs
from socialstyring.services.scenario_files import read_scenario
from socialstyring.services.scenarios import compute

X = "2026-07-01"
SCENARIO = {
    "name": "bench",
    "changes": [
        {
            "change": "reduce_hours",
            "filter": [
                {"field": "paragraph", "op": "eq", "value": "SEL § 85"},
                {"field": "quantity", "op": "gt", "value": 1},
            ],
            "from": X,
            "factor": 0.5,
        },
        {
            "change": "bring_home",
            "filter": [
                {"field": "provider_type", "op": "eq", "value": "private"},
                {"field": "price_unit", "op": "eq", "value": "day"},
                {"field": "area", "op": "eq", "value": "adults"},
            ],
            "from": "2026-09-01",
            "price": 1500,
            "unit": "day",
            "quantity": 1,
        },
        {
            "change": "tariff_change",
            "filter": [{"field": "provider_type", "op": "eq", "value": "other_municipality"}],
            "from": "2027-01-01",
            "pct": 3.5,
        },
        {
            "change": "end",
            "filter": [
                {"field": "paragraph", "op": "in", "value": ["SEL § 104", "SEL § 103"]},
                {"field": "run_rate", "op": "lt", "value": 20000},
            ],
            "from": "2026-10-01",
        },
        {"change": "add_amount", "from": X, "amount": -2_000_000, "account": "5.38.38"},
    ],
}


# --- the plain alternative: one grant at a time, the cost rule written out ---------------------


def _cost(g: dict, a: dt.date, b: dt.date) -> float:
    p, unit = g["price"] * g["quantity"], g["price_unit"]
    if unit == "once":
        return p if a <= g["start"] <= b else 0.0
    s, e = max(a, g["start"]), min(b, g["end"] or b)
    if e < s:
        return 0.0
    days = (e - s).days + 1
    if unit == "day":
        return p * days
    if unit in ("week", "hour"):
        return p * days / 7
    total, day = 0.0, s
    while day <= e:
        if unit == "month":
            size = calendar.monthrange(day.year, day.month)[1]
            last = min(e, dt.date(day.year, day.month, size))
        else:
            size = 366 if calendar.isleap(day.year) else 365
            last = min(e, dt.date(day.year, 12, 31))
        total += p * ((last - day).days + 1) / size
        day = last + dt.timedelta(days=1)
    return total


def _plain(rows: list[dict], hits: list[set[int]], changes) -> dict[str, list[float]]:
    """Base and scenario per account for Y and Y + 1, one grant and one change at a time."""
    years = [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in (YEAR, YEAR + 1)]
    out: dict[str, list[float]] = {}
    for i, g in enumerate(rows):
        if (g["registered"] or g["start"]) > AS_OF:
            continue
        pieces = [dict(g)]
        for change, hit in zip(changes, hits, strict=True):
            if change.kind == "add_amount" or i not in hit:
                continue
            x, new = change.start, []
            for piece in pieces:
                if change.kind == "reduce_hours" and piece["price_unit"] != "hour":
                    new.append(piece)
                    continue
                once = piece["price_unit"] == "once"
                if piece["start"] < x:
                    old = dict(piece)
                    if not once and (piece["end"] is None or piece["end"] >= x):
                        old["end"] = x - dt.timedelta(days=1)
                    new.append(old)
                after = (
                    (piece["start"] >= x) if once else (piece["end"] is None or piece["end"] >= x)
                )
                if after and change.kind != "end":
                    moved = dict(piece, start=max(piece["start"], x))
                    if change.kind == "reduce_hours":
                        moved["quantity"] *= change.factor
                    elif change.kind == "tariff_change":
                        moved["price"] *= 1 + change.pct / 100
                    elif change.kind == "bring_home":
                        moved.update(
                            price=change.price,
                            price_unit=change.unit,
                            quantity=change.quantity,
                            provider_type="own",
                        )
                    new.append(moved)
            pieces = new
        line = out.setdefault(g["account"], [0.0, 0.0, 0.0, 0.0])
        for k, (a, b) in enumerate(years):
            line[k] += _cost(g, a, b)
            line[2 + k] += sum(_cost(piece, a, b) for piece in pieces)
    return out


def main(n: int, demo: bool) -> None:
    municipality = generate(seed=7, grants=n, year=YEAR, as_of=AS_OF)
    inputs = Inputs(municipality.grants, municipality.budgets, None, municipality.providers)
    spec = read_scenario(SCENARIO)
    times, result = timed(lambda: compute(spec, inputs, YEAR, AS_OF))

    # The plain loop on a sample (the filters still evaluated by the rule language).
    sample_n = min(n, 20_000)
    sample = Inputs(municipality.grants.head(sample_n), None, None, municipality.providers)
    from socialstyring.core.grants import with_provider_types
    from socialstyring.services.scenarios import bound

    typed = with_provider_types(sample.grants, sample.providers)
    indexed, changes = bound(spec, typed, AS_OF)
    hits = [
        set(indexed.filter(c.condition)["_row"].to_list()) if c.condition is not None else set()
        for c in changes
    ]
    rows = typed.to_dicts()
    plain_times, plain = timed(lambda: _plain(rows, hits, changes), repeat=1)
    check = compute(spec, sample, YEAR, AS_OF).table
    worst = 0.0
    for line in check.iter_rows(named=True):
        theirs = plain.get(line["account"])
        if theirs is not None:  # add_amount's account has no grants in the plain loop
            ours = [line["base_Y"], line["base_Y1"], line["scenario_Y"], line["scenario_Y1"]]
            if line["account"] != "5.38.38":
                worst = max(worst, *(abs(o - t) for o, t in zip(ours, theirs, strict=True)))
    figures = {
        "grants": n,
        "changes": len(SCENARIO["changes"]),
        "core_scenario": summary(times),
        "grants_per_s": round(n / min(times)),
        "plain_loop_sample": sample_n,
        "plain_loop_s": round(plain_times[0], 3),
        "plain_loop_estimated_s_for_n": round(plain_times[0] * n / sample_n, 1),
        "core_vs_plain": round(plain_times[0] * n / sample_n / min(times), 1),
        "sample_max_difference_kr": round(worst, 4),
        "total_difference_Y": round(result.totals["difference_Y"]),
        "total_difference_Y1": round(result.totals["difference_Y1"]),
    }
    if demo:
        figures.update(_demo_recompute())
    figures["note"] = (
        "Core = in-process, from frames (no file reading): five changes, filters by the "
        "rule language, base and scenario for Y and Y+1 per account. Plain = one grant and "
        "one change at a time in Python, on a sample, scaled linearly. Demo recompute = a "
        "saved scenario computed again from the demo database (SQLite), as the web page does."
    )
    emit("scenarios", figures)


def _demo_recompute() -> dict:
    """The demo's saved scenarios recomputed from a fresh demo database (SQLite)."""
    folder = tempfile.mkdtemp(prefix="ss-bench-")
    os.environ["SOCIALSTYRING_DATA_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    import django

    django.setup()
    from socialstyring import clock
    from socialstyring.services.installation import ready_for_use
    from socialstyring.services.saved_scenarios import recompute
    from socialstyring.services.tenants import municipality
    from socialstyring.storage.models import Scenario

    ready_for_use()
    with municipality(None):
        from socialstyring.services.demo import load_demo

        load_demo(seed=2026, as_of=AS_OF, now=clock.now())
        saved = list(Scenario.objects.all())
        times, _ = timed(lambda: [recompute(s) for s in saved])
    per = [t / len(saved) for t in times]
    return {"demo_scenarios": len(saved), "demo_recompute_per_scenario": summary(per)}


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 1_000_000, "--no-demo" not in sys.argv)
