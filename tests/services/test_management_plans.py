"""Action plans: edited and audited, each target's status from the live figures, and the
status report as a PDF and a Word document whose text reads back (the Word file through
LibreOffice, as a committee's agenda system would open it)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.services.management import plans
from socialstyring.storage.models import ActionPlan, AuditEntry, Target

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2020, 6, 1, 12, 0, tzinfo=dt.UTC)
MAY = dt.date(2020, 5, 31)

GRANTS = (
    "bevilling_id;borger_id;familie_id;fødselsdato;område;paragraf;konto;startdato;slutdato;"
    "pris;prisenhed;leverandør_type\n"
    "E19;C1;;01-01-2001;børn;BL § 114;5.28.21;01-01-2019;31-12-2019;8500000;år;egen\n"
    "E20;C2;;01-01-2001;børn;BL § 114;5.28.21;01-01-2020;;5900000;år;privat\n"
    "F1;C3;FAM1;01-03-2005;børn;BL § 32;5.28.21;01-01-2020;;1000;måned;egen\n"
    "F2;C4;FAM1;01-03-2006;børn;BL § 32;5.28.21;01-01-2020;;1000;måned;egen\n"
)


def _plan() -> ActionPlan:
    import_uploads([Upload("bevillinger.csv", GRANTS.encode())], now=NOW)
    who = {"username": "leder", "now": NOW}
    plan = plans.save("plan", {"title": "Handleplan for det specialiserede børneområde"}, **who)
    point = plans.save(
        "focus_point",
        {"title": "Efterværn", "comment": "Drøftet i udvalget"},
        parent_id=plan.pk,
        **who,
    )
    plans.save(
        "action",
        {
            "text": "Gennemgang af alle efterværnssager",
            "owner": "Familieafdelingen",
            "deadline": dt.date(2020, 9, 1),
            "status_text": "Halvdelen er gennemgået",
        },
        parent_id=point.pk,
        **who,
    )
    plans.save(
        "target",
        {
            "label": "Udgift til efterværn",
            "measure": "paragraph_expected",
            "reference": "BL § 114",
            "direction": "below",
            "value": 6_000_000.0,
            "due": dt.date(2020, 12, 31),
            "baseline": 8_500_000.0,
            "baseline_year": 2019,
        },
        parent_id=point.pk,
        **who,
    )
    families = plans.save(
        "focus_point", {"title": "Familier med flere indsatser"}, parent_id=plan.pk, **who
    )
    plans.save(
        "target",
        {
            "label": "Familier med mere end én indsats, 13-18 år",
            "measure": "families_several_grants",
            "reference": "13-18",
            "direction": "at_most",
            "value": 0.0,
            "due": dt.date(2020, 12, 31),
        },
        parent_id=families.pk,
        **who,
    )
    return plan


def test_a_target_is_on_track_from_the_live_figure_and_edits_are_audited():
    plan = _plan()
    report = plans.status_report(plan, MAY)
    aftercare, families = report.sections
    [target] = aftercare.targets
    assert (target.status, target.figure) == ("on_track", "5.900.000 kr.")
    assert [(p.year, p.value) for p in target.trend] == [(2019, 8_500_000.0), (2020, 5_900_000.0)]
    # one family (FAM1) has two active grants, for children aged 14 and 15 on 31 May 2020
    [count] = families.targets
    assert (count.figure, count.status) == ("1", "not_met")
    assert AuditEntry.objects.filter(action="management.target.created").count() == 2
    target_row = Target.objects.get(reference="BL § 114")
    plans.save("target", {"value": 5_000_000.0}, pk=target_row.pk, username="leder", now=NOW)
    assert plans.status_report(plan, MAY).sections[0].targets[0].status == "not_met"
    change = AuditEntry.objects.get(action="management.target.changed")
    assert change.changes["value"] == ["6000000.0", "5000000.0"]
    plans.delete("target", target_row.pk, username="leder", now=NOW)
    assert plans.status_report(plan, MAY).sections[0].targets == ()


def _text_of_pdf(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_pdf_reads_back(tmp_path):
    download = plans.status_download(_plan(), MAY, "pdf")
    assert download.filename == "statusrapport-2020-05-31.pdf"
    path = tmp_path / download.filename
    path.write_bytes(download.payload)
    text = _text_of_pdf(path)
    for expected in ("Fokus", "Handling", "Status", "Efterværn", "Halvdelen er gennemgået"):
        assert expected in text
    assert "På vej" in text and "5.900.000 kr." in text and "under 6.000.000 kr." in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_word_document_opens_in_libreoffice_and_holds_the_table(tmp_path):
    download = plans.status_download(_plan(), MAY, "docx")
    assert download.content_type.endswith("wordprocessingml.document")
    path = tmp_path / "status.docx"
    path.write_bytes(download.payload)
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    text = _text_of_pdf(tmp_path / "status.pdf")
    for expected in ("Fokus", "Handling", "Status", "Efterværn", "Familieafdelingen"):
        assert expected in text
    assert "På vej" in text and "Ikke opfyldt" in text


def test_a_target_on_a_focus_rules_count():
    plan = _plan()
    point = plan.focus_points.get(title="Familier med flere indsatser")
    plans.save(
        "target",
        {
            "label": "Familier med mere end én indsats (fokusregel)",
            "measure": "rule_count",
            "reference": "families_multiple_measures_13_18",
            "direction": "at_most",
            "value": 1.0,
            "due": dt.date(2020, 12, 31),
        },
        parent_id=point.pk,
        username="leder",
        now=NOW,
    )
    [_families, by_rule] = plans.status_report(plan, MAY).sections[1].targets
    # FAM1: two active grants for its children aged 14 and 15 — one household found
    assert (by_rule.figure, by_rule.status) == ("1", "on_track")
    unknown = Target.objects.create(
        focus_point=point,
        label="Ukendt regel",
        measure="rule_cost",
        reference="findes_ikke",
        direction="below",
        value=1.0,
        due=dt.date(2020, 12, 31),
    )
    statuses = [t.status for t in plans.status_report(plan, MAY).sections[1].targets]
    assert statuses[-1] == "unknown" and unknown.pk
