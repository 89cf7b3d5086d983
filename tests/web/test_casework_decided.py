"""Decided but not registered, on a real database through real imports: recorded review
outcomes stand as their own column beside the overview's figures and in its XLSX, CSV and
PDF, until a later import shows them in the grants (registered, audited), when the column
goes away. Imports queue approvals once."""

from __future__ import annotations

import datetime as dt
import io
import re

import fastexcel
import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from socialstyring.services import jobs
from socialstyring.services.access import viewer_for
from socialstyring.services.casework import approvals
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage.models import Approval, AuditEntry, CaseReview
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 5, 31)
NOW = dt.datetime(2026, 5, 31, 12, 0, tzinfo=dt.UTC)
URL = reverse("overview") + "?year=2026&as_of=2026-05-31"
HEADER = (
    "bevilling_id;borger_id;familie_id;område;paragraf;konto;startdato;slutdato;pris;"
    "prisenhed;antal;registreret;team;rådgiver"
)
ADULTS = [
    # 30.000 kr. a month since 2025: 360.000 kr. in 2026.
    "B-1;C-1;;voksen;SEL § 108;5.38.50;01-01-2025;{b1_end};30.000,00;måned;1;01-01-2025;Voksen;ABC",
    # 450 kr. an hour, 10 hours a week from 1 April 2026.
    "B-2;C-2;;voksen;SEL § 85;5.38.45;01-04-2026;;450,00;time;{b2_hours};01-04-2026;Voksen;ABC",
]
FAMILY = [
    "F-1;K-1;FAM-1;børn;SEL § 52;5.28.21;01-01-2026;;5.000,00;måned;1;01-01-2026;Børn Syd;XYZ",
    "F-2;K-2;FAM-1;børn;SEL § 52;5.28.21;01-03-2026;;2.000,00;måned;1;01-03-2026;Børn Syd;XYZ",
]
CLOSED = -4 * 30_000.0  # ends 31 August instead of running the year out
REDUCED = (4 - 10) * 450.0 * 184 / 7  # 4 instead of 10 hours from 1 July: −70.971,43


def grants_file(rows: list[str], **values: str) -> Upload:
    body = "\n".join([HEADER, *(r.format(**values) for r in rows)]) + "\n"
    return Upload("bevillinger.csv", body.encode("utf-8"))


def as_before() -> Upload:
    return grants_file(ADULTS, b1_end="", b2_hours="10")


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("socialstyring.clock.today", lambda: TODAY)
    return TODAY


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _kroner(text: str) -> float:
    return float(text.replace("kr.", "").replace(".", "").replace("−", "-").strip())


def _record_reviews(leader: Client) -> None:
    for data in (
        {"grant_id": "B-1", "outcome": "closed", "effective": "2026-06-01"},
        {"grant_id": "B-2", "outcome": "hours_reduced", "effective": "2026-07-01"},
    ):
        extra = (
            {"wind_down": "2026-08-31"} if data["outcome"] == "closed" else {"new_quantity": "4"}
        )
        assert leader.post(reverse("review_record"), {**data, **extra}).status_code == 302


def test_the_overview_shows_decisions_apart_until_an_import_registers_them(today):
    import_uploads([as_before()], now=NOW, username="oekonomi")
    finance = client_for(make_user("oekonomi", "finance"))
    assert "Besluttet, ikke registreret" not in finance.get(URL).content.decode()

    _record_reviews(client_for(make_user("leder", "team_leader", team="Voksen")))
    assert CaseReview.objects.get(grant_id="B-1").wind_down == D(2026, 8, 31)
    html = finance.get(URL).content.decode()
    assert "Besluttet, ikke registreret" in html and 'id="decided-note"' in html
    cells = {
        account: _kroner(value)
        for account, value in re.findall(
            r'<a href="[^"]*">(5\.38\.\d\d)</a>.*?<td class="num decided">([^<]+)<', html, re.S
        )
    }
    assert cells == pytest.approx({"5.38.45": REDUCED, "5.38.50": CLOSED}, abs=1.0)
    total = re.search(r'id="decided-total">([^<]+)<', html)
    assert total and _kroner(total.group(1)) == pytest.approx(CLOSED + REDUCED, abs=1.0)
    # Expected is as the grants have it, never netted.
    assert "360.000 kr." in html

    export = reverse("overview_export", args=["xlsx"]) + "?year=2026&as_of=2026-05-31"
    sheet = fastexcel.read_excel(finance.get(export).content).load_sheet(0, header_row=3)
    frame = sheet.to_polars()
    assert frame.columns[-1] == "Besluttet, ikke registreret"  # after the commitment figures
    figures = {
        r["Konto"]: (r["Forventet regnskab"], r["Besluttet, ikke registreret"])
        for r in frame.iter_rows(named=True)
    }
    assert figures["5.38.50"] == pytest.approx((360_000.0, CLOSED))
    assert figures["5.38.45"][1] == pytest.approx(REDUCED)
    assert figures["I alt"][1] == pytest.approx(CLOSED + REDUCED)  # the total row's SUM

    csv = finance.get(export.replace("xlsx", "csv")).content.decode("utf-8-sig")
    assert "Besluttet, ikke registreret" in csv.splitlines()[0]
    assert "-120.000,00" in csv
    pdf = finance.get(export.replace("xlsx", "pdf"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Besluttet" in text and "190.971 kr." in text

    # The case system registers both: B-1 ends on its wind-down day, B-2 has 4 hours.
    import_uploads([grants_file(ADULTS, b1_end="31-08-2026", b2_hours="4")], now=NOW)
    assert set(CaseReview.objects.values_list("registered_on", flat=True)) == {TODAY}
    entry = AuditEntry.objects.get(action="reviews.registered")
    assert entry.changes == {"count": 2, "grants": ["B-1", "B-2"]}
    html = finance.get(URL).content.decode()
    assert "Besluttet, ikke registreret" not in html
    # Registered stays registered, also if a later import says otherwise.
    import_uploads([as_before()], now=NOW)
    assert "Besluttet, ikke registreret" not in finance.get(URL).content.decode()
    assert AuditEntry.objects.filter(action="reviews.registered").count() == 1
    statuses = {r["review"].grant_id: r["status"] for r in _recent()}
    assert statuses == {"B-1": "registered", "B-2": "registered"}


def _recent():
    from socialstyring.services.casework import reviews

    return reviews.recent(viewer_for(make_user("leder2", "team_leader", team="Voksen")))


def test_an_import_queues_the_family_for_the_team_leader_once(today):
    import_uploads([grants_file(FAMILY)], now=NOW, username="oekonomi")
    queued = Approval.objects.order_by("grant_id")
    assert [(a.grant_id, a.family_id, a.approver, a.team) for a in queued] == [
        ("F-1", "FAM-1", "team_leader", "Børn Syd"),
        ("F-2", "FAM-1", "team_leader", "Børn Syd"),
    ]
    leader = viewer_for(make_user("leder", "team_leader", team="Børn Syd"))
    assert [a.grant_id for a in approvals.queue(leader)] == ["F-1", "F-2"]
    assert not approvals.queue(viewer_for(make_user("andet", "team_leader", team="Voksen")))
    entry = AuditEntry.objects.get(action="approvals.flagged")
    assert (entry.username, entry.changes) == ("oekonomi", {"count": 2})

    import_uploads([grants_file(FAMILY)], now=NOW, username="oekonomi")  # the same file again
    assert Approval.objects.count() == 2
    assert AuditEntry.objects.filter(action="approvals.flagged").count() == 1


def test_a_background_import_queues_approvals_too(today):
    jobs.enqueue([grants_file(FAMILY)], username="oekonomi", now=NOW)
    done = jobs.handle_one("w1")
    assert done is not None and done.state == "done"
    assert Approval.objects.filter(rule_code="family_more_than_one_measure").count() == 2


def test_a_first_import_flags_from_its_own_rows_what_a_read_back_would(today, tmp_path):
    """A first load hands its grants to the approval rules instead of reading them back;
    the rules must then flag exactly what they flag over the stored grants."""
    from socialstyring.demo.generator import generate, write_files
    from socialstyring.storage import frames

    handed = []
    flag = approvals.flag

    def watched(as_of, username="", *, saved=None):
        handed.append(saved)
        return flag(as_of, username, saved=saved)

    write_files(generate(seed=3, grants=3000, year=2026, as_of=TODAY), tmp_path)
    files = [Upload.from_path(tmp_path / f"{n}.csv") for n in ("leverandører", "bevillinger")]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(approvals, "flag", watched)
        import_uploads(files, now=NOW, username="oekonomi")
    from_import = set(Approval.objects.values_list("rule_code", "grant_id"))
    assert from_import  # the demo has grants the rules flag
    assert len(handed) == 1 and handed[0] is not None
    in_memory = frames.known_grants_of(handed[0], TODAY).sort("grant_id")
    assert in_memory.equals(frames.load_known_grants(TODAY).sort("grant_id"))
    Approval.objects.all().delete()
    approvals.flag(TODAY)  # over the grants read back from the database
    assert set(Approval.objects.values_list("rule_code", "grant_id")) == from_import
