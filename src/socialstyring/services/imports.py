"""Import files into the database: validate all, then store all in one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import polars as pl
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from socialstyring import clock
from socialstyring.io.cpr import Pseudonymiser
from socialstyring.io.problems import ImportRejected, file_problem
from socialstyring.io.schema import TENANT
from socialstyring.io.validation import Reference
from socialstyring.services import audit
from socialstyring.services.files import (
    Checked,
    Source,
    Upload,
    announced_kind,
    check_upload,
    rejection_of,
)
from socialstyring.services.installation import pseudonymiser
from socialstyring.services.reference import database_reference
from socialstyring.storage import frames, tenancy
from socialstyring.storage.frames import SaveCounts
from socialstyring.storage.history import remembered_open_ended
from socialstyring.storage.models import ImportRecord
from socialstyring.terms import FileKind

# The order files are checked and stored in (no file's rows depend on another's when
# stored). The ledger before the grants: its check takes half as long as theirs (0,8 s
# against 1,6 s for 1,5M postings and 1M grants), and the grants are checked while it is
# stored. The offers' files and the management files stand alone.
ORDER = (
    FileKind.PROVIDERS,
    FileKind.BUDGETS,
    FileKind.POSTINGS,
    FileKind.GRANTS,
    FileKind.OFFER_BUDGETS,
    FileKind.OFFER_ACCOUNTS,
    FileKind.APPEALS,
    FileKind.KEY_FIGURES,
    FileKind.POPULATION,
)


@dataclass(frozen=True)
class ImportOutcome:
    file_name: str
    kind: str
    rows: int
    created: int
    updated: int
    unchanged: int
    ignored_columns: tuple[str, ...]


def _record_rejections(
    checked: list[Checked],
    now: dt.datetime,
    username: str,
    failure: ImportRejected | None = None,
) -> None:
    """In the import history of every municipality the import was for; ``failure`` is the
    reason of a set the database refused after validation passed."""
    ImportRecord.objects.bulk_create(
        [
            ImportRecord(
                municipality=code,
                imported_at=now,
                file_name=c.upload.name,
                sha256=c.upload.sha256,
                accepted=False,
                kind=c.result.kind.name if c.result else "",
                problem_count=_problem_count(c, failure),
                report=_rejection_report(c, failure),
                username=username,
            )
            for c in checked
            for code in tenancy.current_codes() or (tenancy.default_code(),)
        ]
    )


def _problem_count(item: Checked, failure: ImportRejected | None) -> int:
    reason = failure or item.rejection
    return reason.total if reason is not None else 0


def _rejection_report(item: Checked, failure: ImportRejected | None) -> str:
    if failure is not None:
        return failure.report()
    if item.rejection is not None:
        return item.rejection.report()
    return _("Rejected because another file in the same import had errors.")


LOCK_NAMESPACE = "socialstyring.import"


def _lock_municipalities(uploads: Sequence[Source]) -> None:
    """One import at a time per municipality (PostgreSQL advisory locks, held until the
    transaction ends): two imports of the same rows in different orders would otherwise
    deadlock. A second import is refused at once rather than left waiting. SQLite writes
    one transaction at a time anyway."""
    if connection.vendor != "postgresql":
        return
    codes = sorted(tenancy.current_codes() or (tenancy.default_code(),))
    with connection.cursor() as cursor:
        for code in codes:
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s))", [f"{LOCK_NAMESPACE}:{code}"]
            )
            if not cursor.fetchone()[0]:
                raise ImportRejected(
                    [
                        file_problem(
                            ", ".join(u.name for u in uploads),
                            _(
                                "Another import for municipality %(code)s is running. "
                                "Nothing has been saved; try again when it has finished."
                            )
                            % {"code": code},
                        )
                    ]
                )


def _by_municipality(frame: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    """The rows of each municipality (from the file's kommunekode, else the active one)."""
    if TENANT not in frame.columns:
        code = tenancy.current_code()
        return [(code, frame.with_columns(pl.lit(code, pl.String).alias(TENANT)))]
    return [
        (code, frame.filter(pl.col(TENANT) == code))
        for code in sorted(frame[TENANT].unique().to_list())
    ]


@dataclass(frozen=True)
class Checking:
    """Files being checked one after another in a thread of their own, in the order they
    are stored (:func:`start_checking`)."""

    uploads: tuple[Source, ...]
    ref: Reference
    pseudonymise: Pseudonymiser
    today: dt.date
    pending: list[Future[Checked]]

    def serves(self, uploads: Sequence[Source], ref: Reference, key: Pseudonymiser) -> bool:
        """Whether these checks are those of ``uploads`` against ``ref``, under ``key``'s
        pseudonym key, today."""
        return (
            len(self.uploads) == len(uploads)
            and all(a is b for a, b in zip(self.uploads, uploads, strict=True))
            and self.ref == ref
            and self.pseudonymise.same_key(key)
            and self.today == clock.today()
        )


def start_checking(
    uploads: Sequence[Source], ref: Reference, pseudonymise: Pseudonymiser
) -> Checking:
    """Begin checking ``uploads`` in the order they are stored (the kind each one's header
    line announces), one after another in a thread; the caller goes on meanwhile."""
    today = clock.today()
    queue = sorted(uploads, key=lambda u: _position(announced_kind(u)))
    checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-check")
    pending = [checker.submit(check_upload, u, ref, pseudonymise, today=today) for u in queue]
    checker.shutdown(wait=False)  # it checks what it was given, then its thread ends
    return Checking(tuple(uploads), ref, pseudonymise, today, pending)


def while_set_up(kommune: str | None) -> tuple[Reference, Pseudonymiser]:
    """What a new database will check files against once it is set up, known before its
    schema is: the shipped reference data (its migrations load them), the municipalities
    the work is for, and the installation's pseudonym key. :func:`import_uploads` checks
    again should the database say otherwise."""
    from socialstyring.services.installation import pseudonym_key
    from socialstyring.services.reference import shipped_reference

    codes = [c.strip() for c in kommune.split(",") if c.strip()] if kommune else []
    tenants = frozenset(codes or [tenancy.default_code()])
    ref = dataclasses.replace(shipped_reference(), tenants=tenants)
    return ref, Pseudonymiser(pseudonym_key())


def import_uploads(
    uploads: Sequence[Source],
    *,
    now: dt.datetime,
    username: str = "",
    progress: Callable[[str], None] = lambda _step: None,
    as_of: dt.date | None = None,
    checking: Checking | None = None,
) -> list[ImportOutcome]:
    """Store every file or none, each stored file with an audit entry in the same transaction.
    Raises :class:`ImportRejected` with all problems of all files (the rejection is recorded
    in the import history, outside any caller's transaction). After grants, case steering
    queues approvals and registers review outcomes as of ``as_of`` (default today), in
    the same transaction.

    The files are checked one after another in a thread of their own, in the order they
    are stored, and each is stored as soon as it and those before it are clean: the grants
    are checked while the ledger is being written. A file found wrong rolls back what was
    written, so nothing is stored. ``checking``: checks begun earlier (while a new
    database was set up), used when they were made against this database's reference
    data and pseudonym key; otherwise the files are checked again."""
    progress(_("Checking files"))
    ref, pseudonymise = database_reference(), pseudonymiser()
    as_of = as_of or clock.today()
    if checking is None or not checking.serves(uploads, ref, pseudonymise):
        checking = start_checking(uploads, ref, pseudonymise)
    pending = checking.pending
    try:
        return _stored(_in_turn(pending), uploads, now, username, progress, as_of, pending)
    except _Halt:  # a file was rejected, or is of a kind it did not announce: rolled back
        checked = [f.result() for f in pending]  # every file's problems are reported
    rejection = rejection_of(checked)
    if rejection is not None:
        _record_rejections(checked, now, username)
        raise rejection
    ordered = sorted(checked, key=lambda c: _position(c.result.file_kind))  # type: ignore[union-attr]
    return _stored(iter(ordered), uploads, now, username, progress, as_of, pending)


def _position(kind: FileKind | None) -> int:
    """Where a kind of file is stored; an unknown one is checked first."""
    return ORDER.index(kind) if kind is not None else -1


class _Halt(Exception):
    """Raised inside the store's transaction to roll it back."""


def _in_turn(pending: list[Future[Checked]]) -> Iterator[Checked]:
    """Each file as its check completes, in the queue's order; halts at a rejected file or
    one whose kind must be stored before a file already given."""
    furthest = -1
    for future in pending:
        item = future.result()
        if item.result is None or _position(item.result.file_kind) < furthest:
            raise _Halt
        furthest = _position(item.result.file_kind)
        yield item


def _stored(
    items: Iterator[Checked],
    uploads: Sequence[Source],
    now: dt.datetime,
    username: str,
    progress: Callable[[str], None],
    as_of: dt.date,
    pending: list[Future[Checked]],
) -> list[ImportOutcome]:
    try:
        return _store(items, uploads, progress, now, username, as_of)
    except DatabaseError as exc:
        # Validation should have caught it; if the database still refuses, the user gets
        # a Danish report (without row data) and the history keeps the attempt.
        failure = ImportRejected(
            [
                file_problem(
                    ", ".join(u.name for u in uploads),
                    _("The database refused the files (%(error)s). Nothing has been saved.")
                    % {"error": type(exc).__name__},
                )
            ]
        )
        checked = [f.result() for f in pending]
        _record_rejections(checked, now, username, failure)
        raise failure from exc


def _store(
    items: Iterator[Checked],
    uploads: Sequence[Source],
    progress: Callable[[str], None],
    now: dt.datetime,
    username: str,
    as_of: dt.date,
) -> list[ImportOutcome]:
    outcomes = []
    grant_codes: set[str] = set()
    first_loads: dict[str, pl.DataFrame] = {}
    with transaction.atomic():
        _lock_municipalities(uploads)
        for item in items:
            result = item.result
            assert result is not None
            progress(
                _("Saving %(file)s (%(rows)s rows)")
                % {"file": item.upload.name, "rows": f"{result.rows:,}".replace(",", ".")}
            )
            total = SaveCounts(0, 0, 0)
            for code, part in _by_municipality(result.frame):
                if result.file_kind is FileKind.GRANTS:  # løbende, as far as history knows
                    part = remembered_open_ended(part, code)
                counts = frames.save(result.file_kind, part)
                total = SaveCounts(
                    total.created + counts.created,
                    total.updated + counts.updated,
                    total.unchanged + counts.unchanged,
                )
                _record_stored(item, part.height, counts, code, now, username)
                # Unchanged grants can flag nothing new: a re-import skips the check.
                if result.file_kind == FileKind.GRANTS and (counts.created or counts.updated):
                    grant_codes.add(code)
                    if counts.first_load:  # all the municipality's grants are these
                        first_loads[code] = part
                    else:
                        first_loads.pop(code, None)
            outcomes.append(
                ImportOutcome(
                    item.upload.name,
                    result.kind.name,
                    result.rows,
                    total.created,
                    total.updated,
                    total.unchanged,
                    tuple(result.ignored_columns),
                )
            )
        if grant_codes:
            from socialstyring.services.casework.after_import import after_grants

            progress(_("Checking approvals and case reviews"))
            after_grants(grant_codes, as_of, username, first_loads)
    return outcomes


def _record_stored(
    item: Checked, rows: int, counts: SaveCounts, code: str, now: dt.datetime, username: str
) -> None:
    """The import record and audit entry of one file's rows for one municipality."""
    result = item.result
    assert result is not None
    ImportRecord.objects.create(
        municipality=code,
        imported_at=now,
        file_name=item.upload.name,
        kind=result.kind.name,
        sha256=item.upload.sha256,
        rows=rows,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        accepted=True,
        username=username,
        report=_accepted_report(result.ignored_columns),
    )
    audit.record(
        username,
        "imports.file.imported",
        object_type="import",
        object_id=item.upload.name,
        at=now,
        municipality=code,
        changes={
            "kind": result.kind.name,
            "rows": rows,
            "created": counts.created,
            "updated": counts.updated,
            "sha256": item.upload.sha256,
        },
    )


def history(limit: int = 50) -> QuerySet[ImportRecord]:
    """The latest import attempts, accepted or rejected, newest first."""
    return ImportRecord.objects.all()[:limit]


def _accepted_report(ignored: list[str]) -> str:
    if not ignored:
        return ""
    return _("Unknown columns were ignored: %(columns)s") % {"columns": ", ".join(ignored)}


__all__ = ["ImportOutcome", "ImportRejected", "Upload", "history", "import_uploads"]
