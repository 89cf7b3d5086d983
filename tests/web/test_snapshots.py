"""Snapshot and buffer-pool pages: forms, exports read back, the PDF, access with real objects."""

from __future__ import annotations

import datetime as dt
import io
import re

import fastexcel
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from socialstyring.io.formatting import kroner
from socialstyring.services import snapshots
from socialstyring.storage.models import AuditEntry, Budget, BufferPool, Grant, Snapshot
from tests.web.factories import make_grant, make_municipality, make_user

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
ROLES = ("finance", "team_leader", "caseworker", "reader", "admin", "anonymous")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Real hashing costs seconds per user; these tests are about pages, not passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(db):
    make_municipality()
    Budget.objects.create(year=2026, account="5.38.50", kind="corrected", amount=2_000_000.0)
    make_grant("G-9", "PS-ADULT", team="Voksne", caseworker="VOK", account="5.38.50", price=5000.0)
    return {
        "finance": make_user("oekonomi", "finance"),
        "team_leader": make_user("leder", "team_leader", team="Børn Syd"),
        "caseworker": make_user("raadgiver", "caseworker", team="Børn Syd", caseworker_code="ABC"),
        "reader": make_user("laeser", "reader"),
        "admin": make_user("admin", "admin"),
    }


def _client(users, role: str = "finance") -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def _snapshot(as_of: dt.date = dt.date(2026, 5, 31), **kwargs) -> Snapshot:
    values = dict(
        title="Budgetopfølgning maj",
        note="Samlet: merforbrug på voksne",
        comments={"5.28.21": "Aflastning som ventet", "5.38.50": "Ny dyr sag"},
        is_final=False,
        username="oekonomi",
        now=NOW,
    )
    return snapshots.save_snapshot(2026, as_of, **{**values, **kwargs})


# --- access with real objects --------------------------------------------------------------

VIEW = dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=302)
SAVE = dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=302)
PAGES = {  # url name → (kwargs builder, query builder, expected)
    "snapshot_detail": (lambda s, p: {"pk": s.pk}, lambda a, b: "", VIEW),
    "snapshot_edit": (lambda s, p: {"pk": s.pk}, lambda a, b: "", SAVE),
    "snapshot_export": (lambda s, p: {"pk": s.pk, "fmt": "xlsx"}, lambda a, b: "", VIEW),
    "snapshot_pdf": (lambda s, p: {"pk": s.pk}, lambda a, b: "", VIEW),
    "snapshot_compare": (lambda s, p: {}, lambda a, b: f"?a={a.pk}&b={b.pk}&konto=5.28.21", VIEW),
    "buffer_edit": (lambda s, p: {"pk": p.pk}, lambda a, b: "", SAVE),
}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_pages_of_one_object_follow_the_role(users, name, role):
    a = _snapshot(dt.date(2026, 3, 31))
    b = _snapshot()
    pool = BufferPool.objects.create(year=2026, name="Bufferpulje", amount=18e6)
    kwargs, query, expected = PAGES[name]
    response = _client(users, role).get(reverse(name, kwargs=kwargs(b, pool)) + query(a, b))
    assert response.status_code == expected[role], f"{name} as {role}"


def test_the_list_is_newest_first_in_a_fixed_number_of_queries(users):
    client = _client(users)
    _snapshot(dt.date(2026, 3, 31), title="Marts")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("snapshots") + "?year=2026")
    _snapshot(dt.date(2026, 5, 31), title="Maj")
    _snapshot(dt.date(2026, 4, 30), title="April")
    with CaptureQueriesContext(connection) as three:
        html = client.get(reverse("snapshots") + "?year=2026").content.decode()
    assert len(three) == len(one)
    assert html.index("Maj") < html.index("April") < html.index("Marts")


# --- saving --------------------------------------------------------------------------------


def test_the_save_form_is_prefilled_with_the_overview_per_account(users):
    response = _client(users).get(reverse("snapshot_new") + "?year=2026&as_of=2026-05-31")
    html = response.content.decode()
    assert response.status_code == 200
    for account in ("5.28.21", "5.38.50"):
        assert f'<label for="comment-{account}">' in html
        assert f'name="comment-{account}"' in html
    assert kroner(1000.0 * 365 + 2000.0 * 365) in html  # expected on 5.28.21
    assert 'name="is_final"' in html and "Årets sidste opfølgning" in html
    assert "Budgetopfølgning pr. 31-05-2026" in html


def test_posting_the_form_saves_the_snapshot_with_comments(users):
    response = _client(users).post(
        reverse("snapshot_save"),
        {
            "year": "2026",
            "as_of": "2026-05-31",
            "title": "Opfølgning 2",
            "note": "Samlet note",
            "is_final": "on",
            "comment-5.28.21": "Forklaring børn",
            "comment-5.38.50": "",
        },
    )
    snapshot = Snapshot.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "snapshot_detail", args=[snapshot.pk]
    )
    assert snapshot.is_final and snapshot.created_by == "oekonomi"
    assert snapshot.lines.get(account="5.28.21").comment == "Forklaring børn"
    assert AuditEntry.objects.filter(action="followup.snapshot.saved").count() == 1


def test_an_invalid_form_saves_nothing_and_keeps_the_comments(users):
    response = _client(users).post(
        reverse("snapshot_save"),
        {
            "year": "2026",
            "as_of": "2026-05-31",
            "title": "",
            "comment-5.28.21": "Bevares",
        },
    )
    assert response.status_code == 400
    assert "Bevares" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_a_get_cannot_save(users):
    assert _client(users).get(reverse("snapshot_save")).status_code == 405


def test_editing_comments_through_the_page_audits_the_change(users):
    snapshot = _snapshot()
    response = _client(users).post(
        reverse("snapshot_update", args=[snapshot.pk]),
        {
            "note": "Samlet: merforbrug på voksne",
            "comment-5.28.21": "Aflastning som ventet",
            "comment-5.38.50": "Sagen er nu revurderet",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="followup.snapshot.changed")
    assert entry.changes == {"comment:5.38.50": ["Ny dyr sag", "Sagen er nu revurderet"]}


# --- the detail page, exports and the PDF ---------------------------------------------------


def test_the_detail_page_shows_lines_comments_areas_and_buffer(users):
    BufferPool.objects.create(year=2026, name="Bufferpulje 2026", amount=18e6)
    snapshot = _snapshot()
    html = _client(users).get(reverse("snapshot_detail", args=[snapshot.pk])).content.decode()
    for line in snapshot.lines.all():
        assert kroner(line.expected) in html
    assert "Aflastning som ventet" in html and "Ny dyr sag" in html
    assert "Børn og unge" in html and "Voksne" in html
    assert "Bufferpulje 2026" in html and "Ikke frigivet" in html
    assert 'class="year-chart"' in html


def test_the_xlsx_export_has_the_numbers_of_the_page(users):
    snapshot = _snapshot()
    client = _client(users)
    page = client.get(reverse("snapshot_detail", args=[snapshot.pk])).content.decode()
    response = client.get(reverse("snapshot_export", args=[snapshot.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = fastexcel.read_excel(response.content).load_sheet(0, header_row=3).to_polars()
    rows = sheet.filter(sheet["Konto"] != "I alt")
    lines = {line.account: line for line in snapshot.lines.all()}
    assert sorted(rows["Konto"].to_list()) == sorted(lines)
    for row in rows.iter_rows(named=True):
        line = lines[row["Konto"]]
        assert row["Forventet regnskab"] == pytest.approx(line.expected)
        assert row["Afvigelse (+ mindreforbrug)"] == pytest.approx(line.deviation)
        assert row["Bemærkning"] == line.comment
        for value in (
            row["Korrigeret budget"],
            row["Forventet regnskab"],
            row["Afvigelse (+ mindreforbrug)"],
        ):
            assert kroner(value) in page
    total = sheet.filter(sheet["Konto"] == "I alt")
    assert total["Forventet regnskab"][0] == pytest.approx(
        sum(line.expected for line in lines.values())
    )


def test_the_csv_export_is_danish(users):
    snapshot = _snapshot()
    response = _client(users).get(reverse("snapshot_export", args=[snapshot.pk, "csv"]))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Konto;Funktion;Område;Korrigeret budget")
    assert re.search(r"5\.28\.21;[^;]*;Børn og unge;1\.000\.000,00;", text)
    assert "Ny dyr sag" in text


def test_the_pdf_has_title_totals_comments_and_page_numbers(users):
    BufferPool.objects.create(year=2026, name="Bufferpulje", amount=18e6)
    snapshot = _snapshot()
    response = _client(users).get(reverse("snapshot_pdf", args=[snapshot.pk]))
    assert response["Content-Type"] == "application/pdf"
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages]
    text = "\n".join(pages)
    assert "Budgetopfølgning maj" in pages[0] and "Side 1 af" in pages[0]
    assert "1.000.000 kr." in text  # the children's budget
    assert kroner(sum(line.expected for line in snapshot.lines.all())) in text
    assert "Aflastning som ventet" in text and "Samlet: merforbrug på voksne" in text
    assert "Ikke frigivet" in text


# --- comparing -----------------------------------------------------------------------------


def _two_snapshots() -> tuple[Snapshot, Snapshot]:
    a = _snapshot(dt.date(2026, 3, 31), title="Marts")
    Grant.objects.filter(grant_id="G-2").update(end=dt.date(2026, 6, 30))
    make_grant(
        "G-NEW", "PS-NEW", team="Børn Syd", caseworker="ABC", price=300.0, start=dt.date(2026, 4, 1)
    )
    return a, _snapshot(title="Maj")


def test_the_compare_page_splits_the_movement_and_drills_down(users):
    a, b = _two_snapshots()
    html = (
        _client(users)
        .get(reverse("snapshot_compare") + f"?a={a.pk}&b={b.pk}&konto=5.28.21")
        .content.decode()
    )
    assert kroner(300.0 * 275) in html  # the new grant
    assert kroner(2000.0 * 181 - 2000.0 * 365) in html  # the ended grant
    assert "G-NEW" in html and "G-2" in html


def test_the_drill_down_hides_other_teams_grants(users):
    a, b = _two_snapshots()
    html = (
        _client(users, "team_leader")
        .get(reverse("snapshot_compare") + f"?a={a.pk}&b={b.pk}&konto=5.28.21")
        .content.decode()
    )
    assert "G-NEW" in html  # Børn Syd
    assert ">G-2<" not in html  # Børn Nord's grant is counted, not shown
    assert "1 bevilling uden for dit team" in html


def test_a_reader_sees_the_movement_but_no_grants(users):
    a, b = _two_snapshots()
    html = (
        _client(users, "reader")
        .get(reverse("snapshot_compare") + f"?a={a.pk}&b={b.pk}&konto=5.28.21")
        .content.decode()
    )
    assert kroner(300.0 * 275) in html
    assert "G-NEW" not in html


# --- the buffer pool pages -----------------------------------------------------------------


def test_buffer_pool_pages_create_change_and_delete_with_audit(users):
    client = _client(users)
    response = client.post(
        reverse("buffer_create"),
        {
            "year": "2026",
            "name": "Bufferpulje",
            "amount": "18.000.000",
            "rule": "Frigives ved sidste opfølgning",
        },
    )
    assert response.status_code == 302
    pool = BufferPool.objects.get()
    assert pool.amount == 18_000_000.0
    client.post(
        reverse("buffer_update", args=[pool.pk]),
        {
            "year": "2026",
            "name": "Bufferpulje",
            "amount": "20.000.000,00",
            "rule": "Frigives ved sidste opfølgning",
        },
    )
    assert AuditEntry.objects.get(action="followup.buffer.changed").changes == {
        "amount": [18e6, 20e6]
    }
    assert "20.000.000 kr." in client.get(reverse("buffer_pools")).content.decode()
    client.post(reverse("buffer_delete", args=[pool.pk]))
    assert not BufferPool.objects.exists()
    assert [e.action for e in AuditEntry.objects.order_by("id")] == [
        "followup.buffer.created",
        "followup.buffer.changed",
        "followup.buffer.deleted",
    ]


@pytest.mark.parametrize("amount", ["18,000,000", "atten", "1.5", "-5"])
def test_a_bad_amount_is_rejected(users, amount):
    response = _client(users).post(
        reverse("buffer_create"),
        {"year": "2026", "name": "Bufferpulje", "amount": amount, "rule": "Regel"},
    )
    assert response.status_code == 400
    assert not BufferPool.objects.exists()


def test_the_buffer_list_shows_the_release_at_the_final_snapshot(users):
    BufferPool.objects.create(year=2026, name="Bufferpulje", amount=18e6)
    Budget.objects.filter(account="5.38.50").update(amount=0.0)  # now an overspend
    client = _client(users)
    assert "Ikke frigivet" in client.get(reverse("buffer_pools")).content.decode()
    final = _snapshot(dt.date(2026, 12, 31), is_final=True)
    overspend = -sum(line.deviation for line in final.lines.all())
    assert overspend > 0
    assert f"Frigivet {kroner(overspend)}" in client.get(reverse("buffer_pools")).content.decode()


# --- navigation and the content security policy ---------------------------------------------


def test_the_menu_shows_snapshots_and_buffer_pool_to_finance_only_where_allowed(users):
    finance = _client(users).get(reverse("snapshots")).content.decode()
    reader = _client(users, "reader").get(reverse("snapshots")).content.decode()
    assert "Budgetopfølgninger" in finance and reverse("buffer_pools") in finance
    assert "Budgetopfølgninger" in reader and reverse("buffer_pools") not in reader


def test_the_pages_have_no_inline_styles_or_scripts(users):
    a, b = _two_snapshots()
    pool = BufferPool.objects.create(year=2026, name="Bufferpulje", amount=18e6)
    client = _client(users)
    urls = [
        reverse("snapshots"),
        reverse("snapshot_new") + "?year=2026",
        reverse("snapshot_detail", args=[b.pk]),
        reverse("snapshot_edit", args=[b.pk]),
        reverse("snapshot_compare") + f"?a={a.pk}&b={b.pk}&konto=5.28.21",
        reverse("buffer_pools"),
        reverse("buffer_new"),
        reverse("buffer_edit", args=[pool.pk]),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        inline_script = re.search(r"<script(?![^>]*\bsrc=)", html)  # the app's own files only
        assert " style=" not in html and not inline_script and " on" + "click=" not in html, url


def test_the_compare_page_opens_on_the_two_newest_follow_ups(users):
    a, b = _two_snapshots()
    html = _client(users).get(reverse("snapshot_compare")).content.decode()
    assert f'<option value="{a.pk}" selected>' in html.split('name="b"')[0]  # A: the older
    assert f'<option value="{b.pk}" selected>' in html.split('name="b"')[1]  # B: the newest
    assert kroner(300.0 * 275) in html  # and the comparison is shown at once


def test_the_compare_page_says_what_to_do_with_fewer_than_two_follow_ups(users):
    client = _client(users)
    assert "Der er endnu ikke gemt nogen opfølgninger" in (
        client.get(reverse("snapshot_compare")).content.decode()
    )
    _snapshot()
    html = client.get(reverse("snapshot_compare")).content.decode()
    assert "Der er kun gemt én opfølgning" in html
    assert "<select" not in html


# --- the committee report as an agenda item ------------------------------------------------


def test_the_committee_pdf_names_the_author_by_full_name_and_opens_with_the_comment(users):
    users["finance"].first_name, users["finance"].last_name = "Karin", "Holm"
    users["finance"].save()
    snapshot = _snapshot()
    response = _client(users).get(reverse("snapshot_pdf", args=[snapshot.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    first = reader.pages[0].extract_text()
    assert "Udarbejdet af Karin Holm" in first and "oekonomi" not in first
    assert first.index("Samlet bemærkning") < first.index("Samlet: merforbrug på voksne")
    assert reader.metadata.title == "Budgetopfølgning maj"
    assert reader.trailer["/Root"]["/Lang"] == "da-DK"
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_without_a_name_the_author_is_the_login(users):
    response = _client(users).get(reverse("snapshot_pdf", args=[_snapshot().pk]))
    first = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Udarbejdet af oekonomi" in first


def test_the_spreadsheets_carry_the_overall_comment_and_each_accounts_comment(users):
    snapshot = _snapshot()
    client = _client(users)
    xlsx = client.get(reverse("snapshot_export", args=[snapshot.pk, "xlsx"])).content
    cells = fastexcel.read_excel(xlsx).load_sheet(0, header_row=None).to_polars()
    assert cells.row(2)[:2] == ("Samlet bemærkning", "Samlet: merforbrug på voksne")
    sheet = fastexcel.read_excel(xlsx).load_sheet(0, header_row=3).to_polars()
    comments = dict(zip(sheet["Konto"], sheet["Bemærkning"], strict=True))
    assert comments["5.38.50"] == "Ny dyr sag" and comments["5.28.21"] == "Aflastning som ventet"
    csv = client.get(reverse("snapshot_export", args=[snapshot.pk, "csv"]))
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith(";Samlet bemærkning;") and lines[1].endswith(
        ";Samlet: merforbrug på voksne"
    )
    assert any(line.startswith("5.38.50;") and line.endswith(";Ny dyr sag") for line in lines)
