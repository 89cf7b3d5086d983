"""Import files into the database: validate all, then store all in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from socialstyring.io.problems import ImportRejected
from socialstyring.services import audit
from socialstyring.services.files import Checked, Upload, check_uploads, rejection_of
from socialstyring.services.installation import pseudonymiser
from socialstyring.services.reference import database_reference
from socialstyring.storage import frames
from socialstyring.storage.models import ImportRecord
from socialstyring.terms import FileKind

# Providers first, so grants can take their type from the register; postings last.
ORDER = (FileKind.PROVIDERS, FileKind.BUDGETS, FileKind.GRANTS, FileKind.POSTINGS)


@dataclass(frozen=True)
class ImportOutcome:
    file_name: str
    kind: str
    rows: int
    created: int
    updated: int
    unchanged: int
    ignored_columns: tuple[str, ...]


def _record_rejections(checked: list[Checked], now: dt.datetime, username: str) -> None:
    ImportRecord.objects.bulk_create(
        [
            ImportRecord(
                imported_at=now,
                file_name=c.upload.name,
                sha256=c.upload.sha256,
                accepted=False,
                kind=c.result.kind.name if c.result else "",
                problem_count=c.rejection.total if c.rejection else 0,
                report=c.rejection.report()
                if c.rejection
                else "Afvist, fordi en anden fil i samme import havde fejl.",
                username=username,
            )
            for c in checked
        ]
    )


def import_uploads(
    uploads: list[Upload],
    *,
    now: dt.datetime,
    username: str = "",
    progress: Callable[[str], None] = lambda _step: None,
) -> list[ImportOutcome]:
    """Store every file or none, each stored file with an audit entry in the same transaction.
    Raises :class:`ImportRejected` with all problems of all files (the rejection is recorded
    in the import history, outside any caller's transaction)."""
    progress("Kontrollerer filer")
    checked = check_uploads(uploads, database_reference(), pseudonymiser())
    rejection = rejection_of(checked)
    if rejection is not None:
        _record_rejections(checked, now, username)
        raise rejection
    outcomes = []
    ordered = sorted(checked, key=lambda c: ORDER.index(c.result.file_kind))  # type: ignore[union-attr]
    with transaction.atomic():
        for item in ordered:
            result = item.result
            assert result is not None
            progress(f"Gemmer {item.upload.name} ({result.rows:,} rækker)".replace(",", "."))
            counts = frames.save(result.file_kind, result.frame)
            ImportRecord.objects.create(
                imported_at=now,
                file_name=item.upload.name,
                kind=result.kind.name,
                sha256=item.upload.sha256,
                rows=result.rows,
                created=counts.created,
                updated=counts.updated,
                unchanged=counts.unchanged,
                accepted=True,
                username=username,
                report=_accepted_report(result.ignored_columns),
            )
            outcomes.append(
                ImportOutcome(
                    item.upload.name,
                    result.kind.name,
                    result.rows,
                    counts.created,
                    counts.updated,
                    counts.unchanged,
                    tuple(result.ignored_columns),
                )
            )
            audit.record(
                username,
                "imports.file.imported",
                object_type="import",
                object_id=item.upload.name,
                at=now,
                changes={
                    "kind": result.kind.name,
                    "rows": result.rows,
                    "created": counts.created,
                    "updated": counts.updated,
                    "sha256": item.upload.sha256,
                },
            )
    return outcomes


def history(limit: int = 50) -> QuerySet[ImportRecord]:
    """The latest import attempts, accepted or rejected, newest first."""
    return ImportRecord.objects.all()[:limit]


def _accepted_report(ignored: list[str]) -> str:
    if not ignored:
        return ""
    return "Ukendte kolonner blev ignoreret: " + ", ".join(ignored)


__all__ = ["ImportOutcome", "ImportRejected", "Upload", "history", "import_uploads"]
