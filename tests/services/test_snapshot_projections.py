"""Snapshots keep the projection (docs/projection.md): stored equal to the live projection,
shown, exported and compared; older snapshots without it show "–", never 0."""

from __future__ import annotations

import datetime as dt
import io

import fastexcel
import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from socialstyring.services import projection, snapshots
from socialstyring.storage.models import SnapshotLine
from socialstyring.terms import PROJECTION_FIELDS
from tests.helpers.demo import stored_demo
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
YEAR, MARCH, MAY = 2026, dt.date(2026, 3, 31), dt.date(2026, 5, 31)
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo():
    return stored_demo(900, MAY, year=YEAR)


def _save(as_of: dt.date, title: str = "Opfølgning"):
    return snapshots.save_snapshot(YEAR, as_of, title, "", {}, False, "oekonomi", NOW)


def _forget_projection(snapshot) -> None:
    """As a snapshot saved before the projection was kept."""
    snapshot.lines.update(**{f: None for f in PROJECTION_FIELDS})
    snapshot.projection = None
    snapshot.save(update_fields=["projection"])


def _client() -> Client:
    from django.contrib.auth.models import User

    client = Client()
    user = User.objects.filter(username="oekonomi").first()
    client.force_login(user or make_user("oekonomi", "finance"))
    return client


def test_a_snapshot_stores_the_live_projection_to_the_oere(demo):
    live = projection.overview(YEAR, MAY, "account")
    snapshot = _save(MAY)
    lines = {line.account: line for line in snapshot.lines.all()}
    assert set(lines) == set(live.table["account"].to_list())
    for row in live.table.iter_rows(named=True):
        for field in PROJECTION_FIELDS:
            assert getattr(lines[row["account"]], field) == pytest.approx(row[field], abs=0.005)
    for field in PROJECTION_FIELDS:
        assert snapshot.projection[field] == pytest.approx(live.totals[field], abs=0.005)
    assert snapshot.projection["inflow_years"] == live.inflow_years
    assert snapshot.projection["inflow"] > 0  # the demo has history to learn from


def test_the_snapshot_page_shows_the_projection_and_an_old_one_does_not(demo):
    snapshot = _save(MAY)
    client = _client()
    html = client.get(reverse("snapshot_detail", args=[snapshot.pk])).content.decode()
    assert "Fremskrevet" in html and 'id="projection-note"' in html
    _forget_projection(snapshot)
    html = client.get(reverse("snapshot_detail", args=[snapshot.pk])).content.decode()
    assert "Forventet tilgang" not in html and 'id="projection-note"' not in html
    rows = snapshots.snapshot_rows(snapshot)
    assert rows["projected"].null_count() == rows.height  # null, not 0
    assert snapshots.detail(snapshot).totals["projected"] is None


def test_the_spreadsheet_reads_back_with_the_projection(demo):
    snapshot = _save(MAY)
    export = _client().get(reverse("snapshot_export", args=[snapshot.pk, "xlsx"]))
    assert export.status_code == 200
    sheet = fastexcel.read_excel(export.content).load_sheet(0, header_row=3).to_polars()
    for header in ("Forventet tilgang", "Fremskrevet regnskab"):
        assert header in sheet.columns
    lines = SnapshotLine.objects.filter(snapshot=snapshot)
    stored = dict(lines.values_list("account", "projected"))
    read = dict(zip(sheet["Konto"].to_list(), sheet["Fremskrevet regnskab"].to_list(), strict=True))
    total = read.pop("I alt")  # the totals row: the sum of the lines' projected
    assert total == pytest.approx(snapshot.projection["projected"], abs=0.01)
    assert read.keys() == stored.keys()
    bounds = sheet.filter(sheet["Konto"] == "I alt")
    # The interval's bounds in the totals row are the total's own, not the lines' sum.
    low = bounds["Fremskrevet, lav (80 %)"][0]
    assert low == pytest.approx(snapshot.projection["projected_low"], abs=0.01)
    for account, value in stored.items():
        assert read[account] == pytest.approx(value, abs=0.005)
    _forget_projection(snapshot)
    old = _client().get(reverse("snapshot_export", args=[snapshot.pk, "xlsx"]))
    old_sheet = fastexcel.read_excel(old.content).load_sheet(0, header_row=3).to_polars()
    assert "Fremskrevet regnskab" not in old_sheet.columns


def test_compare_shows_how_the_projection_moved(demo):
    march, may = _save(MARCH, "Marts"), _save(MAY, "Maj")
    comparison = snapshots.compare(march, may)
    assert comparison.projected
    total = comparison.total
    assert total.projected_a == pytest.approx(march.projection["projected"])
    assert total.projected_b == pytest.approx(may.projection["projected"])
    assert total.projected_movement == pytest.approx(total.projected_b - total.projected_a)
    assert total.projected_movement != 0
    for movement in comparison.accounts:
        line = may.lines.get(account=movement.account)
        assert movement.projected_b == pytest.approx(line.projected)
    html = _client().get(reverse("snapshot_compare") + f"?a={march.pk}&b={may.pk}").content.decode()
    assert "Bevægelse i fremskrevet" in html
    # An older snapshot on one side: its figures and the movement are "–", not 0.
    _forget_projection(march)
    comparison = snapshots.compare(march, may)
    assert comparison.total.projected_a is None and comparison.total.projected_movement is None
    assert all(m.projected_movement is None for m in comparison.accounts)


def test_the_committee_report_carries_the_projection(demo):
    snapshot = _save(MAY)
    pdf = _client().get(reverse("snapshot_pdf", args=[snapshot.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Fremskrevet regnskab" in text and "Forventet tilgang" in text
    _forget_projection(snapshot)
    pdf = _client().get(reverse("snapshot_pdf", args=[snapshot.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Forventet tilgang" not in text


def test_the_snapshot_chart_draws_the_projected_path_it_had(demo):
    snapshot = _save(MAY)
    series = snapshots.detail(snapshot).series
    assert series is not None and series.projected_path is not None
    # The path ends where the projection's total does, inside its band.
    assert series.projected_path[-1] == pytest.approx(snapshot.projection["projected"], abs=1.0)
    assert series.projected_high[-1] == pytest.approx(
        snapshot.projection["projected_high"], abs=1.0
    )
    html = _client().get(reverse("snapshot_detail", args=[snapshot.pk])).content.decode()
    assert "Fremskrevet forløb" in html
    _forget_projection(snapshot)
    assert snapshots.detail(snapshot).series.projected_path is None
