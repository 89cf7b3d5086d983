"""The family, after-care, external-provider and expensive-case rules against
hand-computed cases: ages 12/13/17/18 on their birthdays, 29 February children, grants
without a birth date or a provider type counted apart, the refund threshold's 90 %."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.rules import evaluate
from tests.core.rules.grants import grants
from tests.core.rules.test_builtin_sel85 import AS_OF, BUILT_IN, hits, run

D = dt.date
CHILD = {"area": "children", "paragraph": "BL § 32", "price_unit": "month", "price": 1000.0}


def child(**values):
    return CHILD | values


@pytest.mark.parametrize(
    ("birth", "young", "teen"),
    [
        (D(2014, 5, 31), 1, 0),  # 12 today
        (D(2013, 6, 1), 1, 0),  # 12, turns 13 tomorrow
        (D(2013, 5, 31), 0, 1),  # 13 today
        (D(2008, 6, 1), 0, 1),  # 17, turns 18 tomorrow
        (D(2008, 5, 31), 0, 0),  # 18 today: out of both
        (D(2026, 6, 1), 0, 0),  # not yet born
    ],
)
def test_family_age_bands_on_birthdays(birth, young, teen):
    frame = grants(child(birth_date=birth), child(birth_date=birth))  # one child, two grants
    assert run("families_multiple_measures_0_12", frame).count == young
    assert run("families_multiple_measures_13_18", frame).count == teen


def test_a_29_february_child_turns_13_on_1_march():
    frame = grants(child(birth_date=D(2012, 2, 29)), child(birth_date=D(2012, 2, 29)))
    day_before = D(2025, 2, 28)
    assert run("families_multiple_measures_0_12", frame, day_before).count == 1
    assert run("families_multiple_measures_13_18", frame, D(2025, 3, 1)).count == 1


def test_family_counts_grants_of_the_children_in_the_band_only():
    frame = grants(
        child(citizen_id="C-1", family_id="F-1", birth_date=D(2016, 1, 1)),
        child(citizen_id="C-2", family_id="F-1", birth_date=D(2018, 1, 1)),
        child(citizen_id="C-3", family_id="F-1", birth_date=D(2019, 1, 1), start=D(2026, 6, 1)),
        child(citizen_id="C-4", family_id="F-1", birth_date=D(2010, 1, 1)),  # 16
        {"citizen_id": "M-1", "family_id": "F-1", "area": "adults", "birth_date": D(1990, 1, 1)},
        child(citizen_id="C-5", family_id="F-1", birth_date=D(2017, 1, 1)),
        child(citizen_id="C-6", family_id=None, birth_date=D(2017, 1, 1)),
        child(citizen_id="C-7", family_id="F-2", birth_date=None),
        child(citizen_id="C-7", family_id="F-2", birth_date=None),
    )
    result = run("families_multiple_measures_0_12", frame)
    assert hits(result) == {"F-1": (["B-1", "B-2", "B-6"], "3 indsatser i familien (0-12 år)")}
    assert result.skipped_without_birth_date == 2
    assert result.cost_this_year == pytest.approx(3 * 12_000.0)
    assert result.run_rate == pytest.approx(3 * 12_000.0)
    teen = run("families_multiple_measures_13_18", frame)
    assert teen.count == 0  # one grant is not more than one
    assert teen.skipped_without_birth_date == 2


def test_a_family_without_family_id_is_the_citizen_alone():
    frame = grants(
        child(citizen_id="C-1", birth_date=D(2015, 1, 1)),
        child(citizen_id="C-1", birth_date=D(2015, 1, 1), paragraph="BL § 46"),
        child(citizen_id="C-2", birth_date=D(2015, 1, 1)),
    )
    result = run("families_multiple_measures_0_12", frame)
    assert hits(result) == {"C-1": (["B-1", "B-2"], "2 indsatser i familien (0-12 år)")}


def test_aftercare_reason_has_the_age_and_no_age_condition():
    frame = grants(
        {"paragraph": "SEL § 76", "birth_date": D(2007, 1, 15), "price_unit": "month"},
        {"paragraph": "BL § 114", "birth_date": None, "price_unit": "month"},
        {"paragraph": "SEL § 76 a", "birth_date": D(1990, 1, 1), "end": D(2026, 5, 30)},
        {"paragraph": "BL § 115", "birth_date": D(2004, 1, 1), "price_unit": "once"},
        {"paragraph": "SEL § 85", "birth_date": D(2007, 1, 15)},
    )
    result = run("aftercare", frame)
    assert hits(result) == {
        "B-1": (["B-1"], "Efterværn (SEL § 76), 19 år"),
        "B-2": (["B-2"], "Efterværn (BL § 114)"),
    }
    assert result.skipped_without_birth_date == 0


def test_external_providers_grant_type_wins_and_unknown_is_counted_apart():
    providers = pl.DataFrame(
        {"provider_id": ["L-own", "L-priv"], "provider_type": ["own", "private"]}
    )
    frame = grants(
        child(provider_id="L-priv"),  # private by the register
        child(provider_id="L-priv", provider_type="own"),  # its own type wins
        child(provider_id="L-own", provider_type="region"),
        child(provider_id="L-missing"),  # not in the register: unknown
        child(provider_id=None),  # unknown
        {"provider_id": "L-priv"},  # adults' area
        child(provider_id="L-priv", end=D(2026, 5, 1)),  # ended
    )
    (result,) = evaluate(
        frame, [BUILT_IN["children_external_providers"]], AS_OF, providers=providers
    )
    assert hits(result) == {
        "B-1": (["B-1"], "Ekstern leverandør (privat)"),
        "B-3": (["B-3"], "Ekstern leverandør (region)"),
    }
    assert result.unknown_provider_type == 2
    other = grants(child(provider_type="other_municipality"))
    assert hits(run("children_external_providers", other))["B-1"][1] == (
        "Ekstern leverandør (anden kommune)"
    )


# The 2026 price level falls back to 2022 (the latest complete level): T1 = 860.000 kr.
T1 = 860_000.0


def year_grant(amount: float, **values):
    return {
        "price_unit": "year",
        "price": amount,
        "start": D(2026, 1, 1),
        "end": D(2026, 12, 31),
    } | values


@pytest.mark.parametrize(("amount", "hit"), [(0.9 * T1, True), (0.9 * T1 - 1, False)])
def test_expensive_cases_at_90_percent(amount, hit):
    assert run("expensive_cases", grants(year_grant(amount))).count == (1 if hit else 0)


def test_expensive_cases_subject_reason_and_matching_grants():
    frame = grants(
        # a household of two children: the family is the subject
        child(citizen_id="C-1", family_id="F-1", **year_grant(500_000.0)),
        child(citizen_id="C-2", family_id="F-1", **year_grant(300_000.0)),
        child(
            citizen_id="C-2",
            family_id="F-1",
            price_unit="once",
            price=12_345.0,
            start=D(2026, 3, 1),
        ),
        child(
            citizen_id="C-2",
            family_id="F-1",
            price_unit="once",
            price=99_999.0,
            start=D(2025, 3, 1),
        ),
        child(citizen_id="C-2", family_id="F-1", start=D(2027, 1, 1)),  # costs nothing this year
        # an adult citizen: alone; a grant registered after the day is not known
        year_grant(700_000.0, citizen_id="A-1", area="adults"),
        year_grant(700_000.0, citizen_id="A-1", area="adults", registered=D(2026, 6, 1)),
    )
    result = run("expensive_cases", frame)
    assert hits(result) == {
        "F-1": (["B-1", "B-2", "B-3"], "812.345 kr. i år, 94 % af refusionsgrænsen"),
    }
    assert result.cost_this_year == pytest.approx(812_345.0)
    assert result.run_rate == pytest.approx(800_000.0)
