"""A big upload in the browser becomes a background job: the request returns at once, the
job's page shows its state, then the same report as an upload in the request."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from socialstyring.services import jobs
from socialstyring.storage import tenancy
from socialstyring.storage.models import Grant, ImportJob
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
HEADER = "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed;antal\n"
GOOD = HEADER + "G1;P-1;voksen;SEL § 85;5.38.38;01-01-2026;;500,00;time;5\n"
BAD = HEADER + "G1;P-1;voksen;SEL § 85;5.38.38;31-02-2026;;500,00;time;5\n"


@pytest.fixture
def client(settings) -> Client:
    settings.BACKGROUND_IMPORT_BYTES = 10  # every upload here counts as big
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    return client


def _upload(client: Client, body: str):
    upload = SimpleUploadedFile("bevillinger.csv", body.encode(), content_type="text/csv")
    return client.post(reverse("imports_upload"), {"files": [upload]})


def test_a_big_upload_is_queued_and_its_page_shows_the_result_when_done(client):
    response = _upload(client, GOOD)
    queued = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports_job", kwargs={"job_id": queued.id})
    assert not Grant.objects.exists()  # the request stored the file, not the rows
    waiting = client.get(response["Location"])
    assert waiting.status_code == 200
    assert "i kø" in waiting.text and 'http-equiv="refresh"' in waiting.text
    jobs.handle_one("test-worker")
    done = client.get(response["Location"])
    assert "færdig" in done.text and "refresh" not in done.text
    assert "bevillinger.csv" in done.text and Grant.objects.count() == 1


def test_a_rejected_job_shows_the_danish_errors_and_stores_nothing(client):
    location = _upload(client, BAD)["Location"]
    jobs.handle_one("test-worker")
    page = client.get(location)
    assert page.status_code == 400
    assert "Filerne blev afvist" in page.text and "problems-table" in page.text
    assert not Grant.objects.exists()


def test_a_small_upload_is_still_imported_in_the_request(client, settings):
    settings.BACKGROUND_IMPORT_BYTES = 10 * 1024 * 1024
    assert _upload(client, GOOD).status_code == 302
    assert Grant.objects.count() == 1 and not ImportJob.objects.exists()


def test_a_job_of_another_municipality_is_not_found(client):
    with tenancy.activate("851", database=False):
        other = jobs.enqueue([], username="x", now=timezone.now())
    assert client.get(reverse("imports_job", kwargs={"job_id": other.id})).status_code == 404
