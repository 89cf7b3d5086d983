"""The regional file kinds through the ordinary import: stored per municipality, all or
nothing, idempotent; and the app's tariff takes a settlement into the year it names."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring.io.problems import ImportRejected
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.services.regional import tariffs
from socialstyring.services.regional.agreements import agreement, shipped_agreement
from socialstyring.storage import tenancy
from socialstyring.storage.models import AgreementParameter, OfferAccounts, OfferBudget, Provider

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)

BUDGETS = (
    "tilbud_id;år;pladser;direkte_omkostninger;afskrivninger;forrentning;forventet_belægning;kommunekode\n"
    "T-1;2026;12;10.000.000;400.000;150.000;96;851\n"
    "T-9;2026;3;900.000;;;90;813\n"
)
ACCOUNTS = (
    "tilbud_id;år;budget;indtægter;omkostninger;kommunekode\n"
    "T-1;2024;8.000.000;8.418.000;7.648.000;851\n"
)
PROVIDERS = (
    "leverandør_id;navn;type;kommunekode;pladser;målgruppe;kapacitet_fra;kapacitet_til\n"
    "T-1;Birken;egen;851;12;selvskade;01-01-2020;31-12-2026\n"
)


def _upload(name: str, text: str) -> Upload:
    return Upload(name, text.encode("utf-8"))


def test_offer_files_are_stored_per_municipality_and_reimport_changes_nothing():
    files = [_upload("tilbudsøkonomi.csv", BUDGETS), _upload("tilbudsregnskab.csv", ACCOUNTS)]
    with tenancy.activate(["851", "813"]):
        first = {o.kind: o for o in import_uploads(files, now=NOW)}
        assert (first["tilbudsøkonomi"].created, first["tilbudsregnskab"].created) == (2, 1)
        again = {o.kind: o for o in import_uploads(files, now=NOW)}
        assert again["tilbudsøkonomi"].unchanged == 2 and again["tilbudsøkonomi"].created == 0
        assert OfferBudget.objects.count() == 2
    with tenancy.activate("813"):
        assert list(OfferBudget.objects.values_list("offer_id", flat=True)) == ["T-9"]
        assert OfferAccounts.objects.count() == 0
    with tenancy.activate("851"):
        row = OfferBudget.objects.get()
        assert (row.places, row.expected_occupancy, row.adjustment) == (12, 96.0, None)
        assert row.tariff_unit == "day"


def test_a_bad_row_stores_nothing_of_any_file():
    bad = ACCOUNTS.replace("8.000.000;8.418.000", "0;8.418.000")
    files = [_upload("tilbudsøkonomi.csv", BUDGETS), _upload("tilbudsregnskab.csv", bad)]
    with tenancy.activate(["851", "813"]):
        with pytest.raises(ImportRejected) as caught:
            import_uploads(files, now=NOW)
        assert OfferBudget.objects.count() == 0 and OfferAccounts.objects.count() == 0
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("tilbudsregnskab.csv", 2, "budget")
    assert problem.reason == "Budgettet skal være over 0."


def test_providers_new_columns_are_stored():
    with tenancy.activate("851"):
        import_uploads([_upload("leverandører.csv", PROVIDERS)], now=NOW)
        provider = Provider.objects.get()
    assert provider.target_group == "selvskade"
    assert (provider.capacity_from, provider.capacity_to) == (
        dt.date(2020, 1, 1),
        dt.date(2026, 12, 31),
    )


def test_the_app_takes_a_settlement_into_the_tariff_two_years_later():
    files = [_upload("tilbudsøkonomi.csv", BUDGETS), _upload("tilbudsregnskab.csv", ACCOUNTS)]
    with tenancy.activate(["851", "813"]):
        import_uploads(files, now=NOW)
        result = tariffs.from_database(agreement("nordjylland"), 2026)
    t1 = result.tariffs.filter(result.tariffs["offer_id"] == "T-1").row(0, named=True)
    # the file gives no regulering: the 370.000 of 2024's surplus enters 2026's tariff
    assert t1["adjustment"] == 370_000.0
    assert t1["tariff"] == 2563.74


def test_agreements_are_editable_in_the_database():
    assert agreement("nordjylland") == shipped_agreement("nordjylland")
    AgreementParameter.objects.filter(agreement="nordjylland", parameter="band_pct").update(
        value="3"
    )
    assert agreement("nordjylland").band_pct == 3.0


def test_row_level_security_covers_the_offer_tables():
    """On PostgreSQL, raw SQL for one municipality sees only its own offers' rows."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row-level security is PostgreSQL's")
    files = [_upload("tilbudsøkonomi.csv", BUDGETS)]
    with tenancy.activate(["851", "813"]):
        import_uploads(files, now=NOW)
    with tenancy.activate("813"), connection.cursor() as cursor:
        cursor.execute("SELECT offer_id FROM ss_offer_budget")
        assert [r[0] for r in cursor.fetchall()] == ["T-9"]
