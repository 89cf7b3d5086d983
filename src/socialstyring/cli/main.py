"""``socialstyring`` — import files, forecast, demo data, serve the web app."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

from socialstyring import clock, terms
from socialstyring.errors import SetupError
from socialstyring.services.files import ImportRejected
from socialstyring.translation import _

out = Console()
err = Console(stderr=True)


def _setup_django() -> None:
    """Configure Django (no database work)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    import django

    django.setup()


def _report_setup(report) -> None:
    err.print(
        _("New installation: database %(database)s") % {"database": report.database},
        markup=False,
        highlight=False,
    )
    for path in report.created_keys:
        err.print("  " + _key_created(path), markup=False)


def _key_created(path) -> str:
    return _("Key created: %(path)s (take a backup)") % {"path": path}


@contextmanager
def _database(kommune: str | None = None) -> Iterator[tuple[str, ...]]:
    """The database, ready: a new one is set up, an old one is refused until migrated;
    then the work runs for the municipality ``kommune`` (or the installation's own)."""
    _setup_django()
    from socialstyring.services.installation import ready_for_use
    from socialstyring.services.tenants import municipality

    report = ready_for_use()
    if report is not None:
        _report_setup(report)
    with municipality(kommune) as code:
        yield code


KOMMUNE = click.option(
    "--kommune",
    help=_(
        "The municipality code (three digits) the rows belong to; several separated by "
        "commas when the files have the kommunekode column. Default: the installation's "
        "own municipality."
    ),
)


def _reject(rejection: ImportRejected) -> None:
    err.print(rejection.report(), markup=False, highlight=False)
    sys.exit(1)


# Help texts are given as ``help=`` (translated); the docstrings are for developers.
@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("Socialstyring: finances and cases in the specialised social services."),
)
def main() -> None:
    """The ``socialstyring`` command group."""


@main.command(
    "import",
    help=_(
        "Load grants, budget, postings and providers into the database.\n\n"
        "All files are checked first; if one file has errors, nothing is saved."
    ),
)
@KOMMUNE
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def import_command(kommune: str | None, files: tuple[Path, ...]) -> None:
    """Import files into the database: all or nothing."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from socialstyring.services.files import read_uploads

    try:
        uploads = read_uploads(files)
        with (
            _database(kommune),
            Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            ) as progress,
        ):
            from socialstyring.services.imports import import_uploads

            task = progress.add_task(_("Starting"), total=None)
            outcomes = import_uploads(
                uploads,
                now=clock.now(),
                username=os.environ.get("USER", ""),
                progress=lambda step: progress.update(task, description=step),
            )
    except ImportRejected as rejection:
        _reject(rejection)
    for o in outcomes:
        out.print(
            _(
                "%(file)s: %(kind)s, %(rows)s rows — %(created)s new, %(updated)s changed, "
                "%(unchanged)s unchanged."
            )
            % {
                "file": o.file_name,
                "kind": o.kind,
                "rows": o.rows,
                "created": o.created,
                "updated": o.updated,
                "unchanged": o.unchanged,
            },
            markup=False,
            highlight=False,
        )
        if o.ignored_columns:
            out.print(
                "  "
                + _("Unknown columns ignored: %(columns)s")
                % {"columns": ", ".join(o.ignored_columns)},
                markup=False,
            )


BY_CHOICES = click.Choice(list(terms.BY_CHOICES))


@main.command(
    "forecast",
    help=_(
        "Expected outturn per account (or another grouping).\n\n"
        "With FILES it is calculated straight from the files, and nothing is saved; "
        "without, the database is read."
    ),
)
@click.option("--year", type=int, help=_("Budget year (default: the year of --as-of)."))
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d", "%d-%m-%Y"]),
    help=_("As-of date, yyyy-mm-dd (default: today)."),
)
@click.option(
    "--by", default=terms.ACCOUNT.by, type=BY_CHOICES, show_default=True, help=_("Grouping.")
)
@click.option(
    "--format",
    "fmt",
    default="table",
    type=click.Choice(["table", "json", "xlsx", "csv"]),
    show_default=True,
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help=_("Write to this file instead of the screen."),
)
@KOMMUNE
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def forecast_command(
    year: int | None,
    as_of: dt.datetime | None,
    by: str,
    fmt: str,
    output: Path | None,
    kommune: str | None,
    files: tuple[Path, ...],
) -> None:
    """The forecast from files (nothing stored) or from the database."""
    from socialstyring.services import forecasting
    from socialstyring.services.files import read_uploads

    day = as_of.date() if as_of else clock.today()
    year = year or day.year
    try:
        if files:
            inputs = forecasting.inputs_from_uploads(read_uploads(files))
            names = _shipped_account_names()
        else:
            with _database(kommune):
                inputs = forecasting.inputs_from_database(
                    year, day, forecasting_field(by) if by != terms.PROFILE_BY else "account"
                )
                names = _database_account_names()
    except ImportRejected as rejection:
        _reject(rejection)
    from socialstyring.services import exports

    if by == terms.PROFILE_BY:
        profile = forecasting.profile(inputs, year, day)
        payload = exports.profile(profile, fmt, year=year, as_of=day)
    else:
        result = forecasting.compute(inputs, year, day, forecasting_field(by))
        payload = exports.forecast(
            result.table, result.totals, fmt, year=year, as_of=day, by=by, account_names=names
        )
    _emit(payload, fmt, output)


def forecasting_field(by: str) -> str:
    return terms.grouping(by).field


def _shipped_account_names() -> dict[str, str]:
    from socialstyring.services.reference import shipped_account_names

    return shipped_account_names()


def _database_account_names() -> dict[str, str]:
    from socialstyring.services.followups import account_names

    return account_names()


def _emit(payload: str | bytes, fmt: str, output: Path | None) -> None:
    if output is not None:
        output.write_bytes(payload if isinstance(payload, bytes) else payload.encode("utf-8"))
        err.print(_("Wrote %(path)s") % {"path": output}, markup=False)
    elif isinstance(payload, bytes):
        if sys.stdout.isatty():
            raise click.UsageError(
                _("The format %(format)s is binary; give --output FILE.") % {"format": fmt}
            )
        sys.stdout.buffer.write(payload)
    else:
        click.echo(payload)


@main.command(
    "demo",
    help=_("Load a synthetic demo municipality (about 40,000 inhabitants) into the database."),
)
@click.option(
    "--seed", default=2026, show_default=True, help=_("The same seed gives the same municipality.")
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    help=_("The date the demo data is made up to."),
)
@click.option(
    "--files",
    "folder",
    type=click.Path(path_type=Path),
    help=_("Also write the import files to this folder."),
)
def demo_command(seed: int, as_of: dt.datetime | None, folder: Path | None) -> None:
    """Load the demo municipality (refused in production)."""
    _setup_django()
    from socialstyring.services.demo import ensure_demo_allowed, load_demo
    from socialstyring.services.installation import initialise

    ensure_demo_allowed()
    for path in initialise().created_keys:
        err.print(_key_created(path), markup=False)
    day = as_of.date() if as_of else clock.today()
    with _database():
        summary = load_demo(seed=seed, as_of=day, folder=folder, now=clock.now())
    out.print(summary, markup=False, highlight=False)


@main.command(
    "init",
    help=_("Create a new installation: data folder, keys and database (leaves what exists alone)."),
)
def init_command() -> None:
    """Set up a new installation; an existing one is left as it is."""
    _setup_django()
    from socialstyring.services.installation import initialise

    report = initialise()
    out.print(
        _("Data: %(folder)s\nDatabase: %(database)s")
        % {"folder": report.data_dir, "database": report.database},
        markup=False,
    )
    for path in report.created_keys:
        out.print(_key_created(path), markup=False)


@main.command(
    "migrate",
    help=_("Bring the database's structure up to this version (take a backup first)."),
)
def migrate_command() -> None:
    """Migrate the database."""
    _setup_django()
    from socialstyring.services.installation import database_label, migrate

    migrate()
    out.print(
        _("The database has been updated: %(database)s") % {"database": database_label()},
        markup=False,
        highlight=False,
    )


@main.command("serve", help=_("Run the web app (waitress; the app serves its own static files)."))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve_command(host: str, port: int, threads: int) -> None:
    """Serve the web app."""
    import waitress

    with _database():
        pass  # refuses a database that is behind, before anyone logs in
    from socialstyring.web.wsgi import application

    out.print(
        _("Socialstyring runs at %(url)s  (stop with Ctrl+C)") % {"url": f"http://{host}:{port}/"},
        markup=False,
        highlight=False,
    )
    from django.conf import settings

    waitress.serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="socialstyring",
        # Also a chunked body without a length stops at the upload limit.
        max_request_body_size=settings.MAX_UPLOAD_BYTES,
        **_proxy(),
    )


def _proxy() -> dict:
    """waitress trusts the forwarding headers of the configured proxy only; without one it
    strips them, so a client cannot claim https."""
    from django.conf import settings

    if not settings.TRUSTED_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"},
        "clear_untrusted_proxy_headers": True,
    }


def run() -> None:
    """Entry point that never shows a traceback to a user."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except SetupError as exc:
        err.print(str(exc), markup=False, highlight=False)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - last line of defence
        if os.environ.get("SOCIALSTYRING_DEBUG"):
            raise
        err.print(
            _("Unexpected error: %(type)s: %(error)s") % {"type": type(exc).__name__, "error": exc},
            markup=False,
        )
        sys.exit(3)


if __name__ == "__main__":
    run()
