"""All built-in focus rules over N grants from a frame already in memory, against a plain
Python loop over the same rows for three of them (after-care, external providers, the
families of 0-12-year-olds: one grant at a time, dicts for the families).
Usage: python bench/rules.py [N]"""

from __future__ import annotations

import datetime as dt
import sys

from common import AS_OF, YEAR, emit, summary, timed, with_cpr_keys

from socialstyring import reference
from socialstyring.core.rules import evaluate, parse_rule
from socialstyring.demo.generator import generate

AFTERCARE = {"SEL § 76", "SEL § 76 a", "BL § 114", "BL § 115"}


def plain_three(rows: list[dict], as_of: dt.date) -> dict[str, int]:
    """The three rules one row at a time: what a hand-written loop would do."""
    aftercare = external = 0
    families: dict[str, int] = {}
    for g in rows:
        known = (g["registered"] or g["start"]) <= as_of
        active = known and g["start"] <= as_of and (g["end"] is None or g["end"] >= as_of)
        if not active or g["price_unit"] == "once":
            continue
        if g["paragraph"] in AFTERCARE:
            aftercare += 1
        if g["area"] == "children":
            if g["provider_type"] not in (None, "own"):
                external += 1
            b = g["birth_date"]
            if b is not None:
                age = as_of.year - b.year - ((as_of.month, as_of.day) < (b.month, b.day))
                if 0 <= age <= 12:
                    key = g["family_id"] or g["citizen_id"]
                    families[key] = families.get(key, 0) + 1
    return {
        "aftercare": aftercare,
        "children_external_providers": external,
        "families_multiple_measures_0_12": sum(1 for n in families.values() if n > 1),
    }


def main(n: int) -> None:
    demo = generate(seed=7, grants=n, year=YEAR, as_of=AS_OF)
    grants = with_cpr_keys(demo.grants)
    providers, thresholds = demo.providers, reference.refund_thresholds()
    rules = [parse_rule(r) for r in reference.focus_rules()]
    times, results = timed(
        lambda: evaluate(grants, rules, AS_OF, providers=providers, thresholds=thresholds)
    )
    three = [
        r
        for r in rules
        if r.code in ("aftercare", "children_external_providers", "families_multiple_measures_0_12")
    ]
    three_times, three_results = timed(
        lambda: evaluate(grants, three, AS_OF, providers=providers, thresholds=thresholds)
    )
    from socialstyring.core.grants import with_provider_types

    # From the same frame in memory: the rows as Python objects are part of the plain way.
    filled = with_provider_types(grants, providers)
    plain_times, plain = timed(lambda: plain_three(filled.to_dicts(), AS_OF), repeat=1)
    mine = {r.rule.code: r.count for r in three_results}  # type: ignore[union-attr]
    assert mine == plain, (mine, plain)  # the two ways agree before their times mean anything
    emit(
        "rules",
        {
            "grants": grants.height,
            "rules": len(rules),
            "all_rules": summary(times),
            "counts": {r.rule.code: r.count for r in results},  # type: ignore[union-attr]
            "three_rules_vectorised": summary(three_times),
            "three_rules_plain_python_loop": summary(plain_times),
            "speed_up_on_three": round(min(plain_times) / min(three_times), 1),
            "target_s": 2.0,
        },
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
