"""The refund's use cases on a real database: what is read, the editable thresholds, the
after-67 rule across years, one citizen however the CPR is written, a viewer's scope."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.services import refunds
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage.models import Grant, RefundThreshold

pytestmark = pytest.mark.django_db
D = dt.date
AS_OF = D(2026, 5, 31)


def grant(grant_id, citizen_id, **fields):
    values = dict(
        grant_id=grant_id, citizen_id=citizen_id, area="adults", paragraph="SEL § 108",
        account="5.38.50", start=D(2026, 1, 1), price=208_333.33, price_unit="month",
        quantity=1.0, registered=D(2026, 1, 1), team="Voksen", caseworker="VVV",
    )  # fmt: skip
    values.update(fields)
    return Grant.objects.create(**values)


def refund_of(result, subject: str) -> float:
    row = result.subjects.filter(pl.col("subject_id") == subject)
    return float(row["refund"][0]) if row.height else 0.0


def test_the_month_before_67_is_read_from_grants_that_ended_before_the_year():
    # 67 on 10 March 2020: the month before is February 2020, when an earlier grant ran.
    born = D(1953, 3, 10)
    grant("V-1", "PS-OLD", birth_date=born)
    grant("V-0", "PS-OLD", birth_date=born, start=D(2019, 1, 1), end=D(2020, 2, 29),
          price=100_000.0, registered=D(2019, 1, 1))  # fmt: skip
    result, _ = refunds.from_database(2026, AS_OF)
    assert refund_of(result, "PS-OLD") == pytest.approx(710_000, abs=0.5)
    assert result.subjects["after_67_refunded"][0] is True
    Grant.objects.filter(grant_id="V-0").update(price=50_000.0)
    assert refunds.from_database(2026, AS_OF)[0].subjects.is_empty()


def test_the_database_table_is_the_one_used_and_it_is_editable():
    grant("V-1", "PS-1")
    result, _ = refunds.from_database(2026, AS_OF)
    assert result.thresholds.level == 2022 and result.thresholds.is_fallback
    RefundThreshold.objects.filter(price_level=2022, tier=1).update(threshold=1_000_000.0)
    changed, _ = refunds.from_database(2026, AS_OF)
    assert changed.thresholds.limits[0] == 1_000_000.0
    assert refund_of(changed, "PS-1") < refund_of(result, "PS-1")


def test_no_level_is_a_clear_message():
    grant("V-1", "PS-1")
    RefundThreshold.objects.all().delete()
    with pytest.raises(refunds.RefundsUnavailable, match="2026"):
        refunds.from_database(2026, AS_OF)


def test_a_cpr_with_or_without_its_dash_is_one_citizen_once_imported():
    header = "bevilling_id;borger_id;område;paragraf;konto;startdato;pris;prisenhed;antal"
    rows = [
        "V-2;010170-1234;voksen;SEL § 108;5.38.50;01-01-2026;50.000,00;måned;1",
        "V-3;0101701234;voksen;SEL § 108;5.38.52;01-01-2026;50.000,00;måned;1",
    ]
    data = ("\n".join([header, *rows]) + "\n").encode("utf-8")
    import_uploads([Upload("bevillinger.csv", data)], now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    assert Grant.objects.values("citizen_id").distinct().count() == 1
    result, _ = refunds.from_database(2026, AS_OF)
    assert result.subjects.height == 1
    assert result.subjects["grant_ids"][0].to_list() == ["V-2", "V-3"]
    assert result.subjects["refund"][0] == pytest.approx(85_000, abs=0.5)
    assert "0101701234" not in str(list(Grant.objects.values_list("citizen_id", flat=True)))


def test_a_scope_keeps_whole_subjects_and_only_its_own_grants_and_accounts():
    grant("B-1", "PS-C1", family_id="F-1", area="children", account="5.28.20",
          price=1_200_000.0, price_unit="year", team="Syd")  # fmt: skip
    grant("B-2", "PS-C2", family_id="F-1", area="children", account="5.28.21",
          price=1_200_000.0, price_unit="year", team="Nord")  # fmt: skip
    grant("V-1", "PS-A1", team="Voksen")
    everything = refunds.for_viewer(2026, AS_OF, pl.lit(True))
    south = refunds.for_viewer(2026, AS_OF, pl.col("team") == "Syd")
    assert sorted(everything.subjects["subject_id"]) == ["F-1", "PS-A1"]
    assert south.subjects["subject_id"].to_list() == ["F-1"]
    assert south.subjects["refund"][0] == pytest.approx(635_000, abs=0.5)
    assert south.grants["grant_id"].to_list() == ["B-1"]
    assert dict(south.accounts.iter_rows()) == pytest.approx({"5.28.20": 317_500}, abs=0.5)
    nobody = refunds.for_viewer(2026, AS_OF, pl.lit(False))
    assert nobody.subjects.is_empty() and nobody.total["refund"] == 0.0


def test_the_demo_municipality_has_households_and_citizens_above_the_thresholds():
    """The demo shows the refund page with content: a household above the third tier,
    citizens with a refund, and some close to a threshold."""
    from socialstyring.demo.generator import generate

    demo = generate(seed=2026, year=2026, as_of=AS_OF)
    result = refunds.compute(demo.grants, refunds.shipped_thresholds(), 2026, AS_OF)
    subjects = result.subjects
    kinds = subjects.filter(pl.col("refund") > 0).group_by("kind").len()
    assert dict(kinds.iter_rows()).get("citizen", 0) >= 3
    assert dict(kinds.iter_rows()).get("household", 0) >= 1
    assert subjects.filter(pl.col("annual_expense") > 2_120_000)["kind"].to_list()
    assert subjects["near_threshold"].drop_nulls().len() > 0


def test_the_loaded_demo_shows_the_refund_rules():
    """``socialstyring demo`` adds a household with a one-off and two citizens turning 67:
    one keeps the refund after 67, the other does not."""
    from socialstyring.services.demo import load_demo

    as_of = D(2026, 11, 24)
    load_demo(seed=2026, as_of=as_of, now=dt.datetime(2026, 11, 24, 8, tzinfo=dt.UTC))
    result, _ = refunds.from_database(2026, as_of)
    rows = {r["subject_id"]: r for r in result.subjects.iter_rows(named=True)}
    assert rows["F-R-01"]["refund"] == pytest.approx(385_000, abs=0.5)  # 170.000 kr. a month
    assert rows["F-R-01"]["grant_ids"] == ["B-R-001", "B-R-002", "B-R-003"]
    assert rows["DEMO-R67-1"]["after_67_refunded"] is True
    assert rows["DEMO-R67-1"]["refund"] == pytest.approx(500_000, abs=1)
    assert rows["DEMO-R67-2"]["after_67_refunded"] is False
    assert rows["DEMO-R67-2"]["refund"] == 0.0 and rows["DEMO-R67-2"]["near_threshold"] == 2


def test_the_forecasts_grants_serve_its_refund_column_with_the_same_figures():
    """The CLI reads the year's grants once: the refund beside the forecast takes them from
    the forecast's inputs, and still reads the elderly's earlier grants itself."""
    from socialstyring.services import forecasting

    born = D(1953, 3, 10)
    grant("V-1", "PS-OLD", birth_date=born)
    grant("V-0", "PS-OLD", birth_date=born, start=D(2019, 1, 1), end=D(2020, 2, 29),
          price=100_000.0, registered=D(2019, 1, 1))  # fmt: skip
    grant("V-2", "PS-2", price=300_000.0)
    inputs = forecasting.inputs_from_database(2026, AS_OF, also=refunds.GRANT_COLUMNS)
    shared = refunds.for_forecast(2026, AS_OF, stored=inputs)
    alone = refunds.for_forecast(2026, AS_OF)
    assert shared is not None and alone is not None
    assert shared.subjects.equals(alone.subjects) and shared.accounts.equals(alone.accounts)
    assert refund_of(shared, "PS-OLD") == pytest.approx(710_000, abs=0.5)
    # Inputs without the refund's columns (the forecast's own) are not used for it.
    narrow = forecasting.inputs_from_database(2026, AS_OF)
    assert refunds.for_forecast(2026, AS_OF, stored=narrow).subjects.equals(alone.subjects)
