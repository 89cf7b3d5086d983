"""Upload of import files in the browser: the same validation and report as the CLI."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialstyring.services import jobs
from socialstyring.services.imports import ImportRejected, Upload, history, import_uploads
from socialstyring.services.tenants import names
from socialstyring.web.views import requires

MAX_FILES = 10


@requires("imports.view")
def imports(request, viewer):
    return render(
        request,
        "imports/imports.html",
        {
            "records": history(50),
            "can_upload": viewer.can("imports.upload"),
            "municipality": names(viewer.municipalities),
        },
    )


@require_POST
@requires("imports.upload")
def upload(request, viewer):
    files = request.FILES.getlist("files")[:MAX_FILES]
    if not files:
        messages.error(request, _("Choose one or more files."))
        return redirect("imports")
    if sum(f.size for f in files) > settings.BACKGROUND_IMPORT_BYTES:
        queued = jobs.enqueue(
            [Upload(f.name, f.read()) for f in files], username=viewer.username, now=timezone.now()
        )
        return redirect("imports_job", job_id=queued.id)
    uploads = [Upload(f.name, f.read()) for f in files]
    try:
        outcomes = import_uploads(uploads, now=timezone.now(), username=viewer.username)
    except ImportRejected as rejection:
        return render(
            request,
            "imports/imports.html",
            {
                "records": history(50),
                "can_upload": True,
                "municipality": names(viewer.municipalities),
                "rejection": rejection,
                "problems": rejection.problems[:500],
            },
            status=400,
        )
    for o in outcomes:
        messages.success(
            request,
            _(
                "%(file)s: %(rows)s rows loaded (%(created)s new, %(updated)s changed, "
                "%(unchanged)s unchanged)."
            )
            % {
                "file": o.file_name,
                "rows": o.rows,
                "created": o.created,
                "updated": o.updated,
                "unchanged": o.unchanged,
            },
        )
    return redirect("imports")


@requires("imports.upload")
def job(request, viewer, job_id: int):
    """A background import: its progress while it runs, then the same report as an upload
    in the request (the page reloads itself until then)."""
    found = jobs.job(job_id)
    if found is None:
        raise Http404
    failed = found.state == found.FAILED
    rejection = found.result[0] if failed and found.result else {}
    return render(
        request,
        "imports/job.html",
        {
            "job": found,
            "waiting": found.state in (found.QUEUED, found.RUNNING),
            "outcomes": found.result if found.state == found.DONE else [],
            "rejection": rejection,
            "problems": rejection.get("problems", []),
        },
        status=400 if failed else 200,
    )
