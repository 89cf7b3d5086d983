"""The demo's management data: five years of population and appeals with a falling
reversal rate, reference figures beside every own figure, and seed 003's action plan."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.management.appeals import yearly_rates
from socialstyring.demo.generator import generate, write_files
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.services.management import appeals, key_figures, plans
from socialstyring.services.management.demo import load_management_demo
from socialstyring.storage.models import ActionPlan, ComparisonGroup, Population, Target

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 5, 31)
NOW = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)


def test_the_demo_management_data(tmp_path):
    demo = generate(seed=31, grants=600, year=AS_OF.year, as_of=AS_OF)
    import_uploads([Upload.from_path(p) for p in write_files(demo, tmp_path).values()], now=NOW)
    load_management_demo(seed=31, as_of=AS_OF, now=NOW)

    assert sorted(set(Population.objects.values_list("year", flat=True))) == list(range(2022, 2027))
    rates = yearly_rates(appeals.appeals_from_database())
    assert rates["year"].to_list() == list(range(2022, 2027))
    assert rates["reversal_rate"][0] > rates["reversal_rate"][-1]  # falling
    assert appeals.rates(appeals.appeals_from_database()).total["pending"] == 6

    result = key_figures.key_figures(AS_OF)
    latest = result.comparison.filter(pl.col("year") == 2025)
    assert latest.filter(pl.col("own").is_not_null())["comparison"].null_count() == 0
    assert ComparisonGroup.objects.get().code_list[0] == "706"

    plan = ActionPlan.objects.get()
    assert Target.objects.filter(focus_point__plan=plan).count() == 3
    report = plans.status_report(plan, AS_OF)
    assert [s.title for s in report.sections] == [
        "Efterværn for unge 18-22 år",
        "Brug af eksterne leverandører",
        "Familier med mere end én indsats",
    ]
    assert all(t.status != "unknown" for s in report.sections for t in s.targets)
    # Loading the demo again changes nothing and adds no second plan.
    load_management_demo(seed=31, as_of=AS_OF, now=NOW)
    assert ActionPlan.objects.count() == 1
