"""The committee report (udvalgsrapport): one follow-up snapshot as the PDF the committee
reads, through the shared export ``render``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import pgettext

from socialstyring.io.reports import SNAPSHOT_REPORT
from socialstyring.io.writers import pdf
from socialstyring.services import exports, snapshots
from socialstyring.services.buffers import BufferStatus
from socialstyring.storage.models import Snapshot


def cover(snapshot: Snapshot, data: snapshots.SnapshotDetail) -> pdf.CommitteeReport:
    """Everything on the report but its lines: title page, buffer pool, chart, note."""
    return pdf.CommitteeReport(
        organisation=settings.MUNICIPALITY_NAME,
        title=snapshot.title,
        year=snapshot.year,
        as_of=snapshot.as_of,
        created_by=author_name(snapshot.created_by),
        created_at=timezone.localtime(snapshot.created_at),
        note=snapshot.note,
        is_final=snapshot.is_final,
        lines=(),  # the snapshot's rows, rendered from the frame
        buffer=buffer_summary(data.buffer),
        series=data.series,
        projection=data.projection,
    )


def author_name(username: str) -> str:
    """The name a committee knows the author by: first and last name, else the login."""
    user = get_user_model().objects.filter(username=username).first()
    full = f"{user.first_name} {user.last_name}".strip() if user is not None else ""
    return full or username


def buffer_summary(status: BufferStatus | None) -> pdf.BufferSummary | None:
    if status is None:
        return None
    return pdf.BufferSummary(
        names=", ".join(p.name for p in status.pools),
        amount=status.amount,
        released=status.released,
        released_amount=status.released_amount,
        deviation_without=status.deviation_without,
        deviation_with=status.deviation_with,
        rule=status.pools[0].rule if len(status.pools) == 1 else "",
    )


def report_download(snapshot: Snapshot) -> exports.Download:
    """The committee's PDF of one snapshot, its lines grouped by area."""
    data = snapshots.detail(snapshot)
    return exports.download(
        SNAPSHOT_REPORT,
        data.rows,
        "pdf",
        exports.file_name(pgettext("file name", "committee-report"), snapshot.year, snapshot.as_of),
        formats=("pdf",),
        document=cover(snapshot, data),
    )
