"""What every command shares: the consoles, the database context, ``--kommune``, the
rejection report and writing a result to the screen or a file."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

from socialstyring.services.files import ImportRejected
from socialstyring.translation import _

out = Console()
err = Console(stderr=True)


def setup_django() -> None:
    """Configure Django (no database work)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    import django

    django.setup()


def report_setup(report) -> None:
    err.print(
        _("New installation: database %(database)s") % {"database": report.database},
        markup=False,
        highlight=False,
    )
    for path in report.created_keys:
        err.print("  " + key_created(path), markup=False)


def key_created(path) -> str:
    return _("Key created: %(path)s (take a backup)") % {"path": path}


@contextmanager
def database(
    kommune: str | None = None, while_set_up: Callable[[], object] | None = None
) -> Iterator[tuple[str, ...]]:
    """The database, ready: a new one is set up, an old one is refused until migrated;
    then the work runs for the municipality ``kommune`` (or the installation's own).
    ``while_set_up`` starts work that runs while a new database's schema is made
    (``installation.initialise``)."""
    setup_django()
    from socialstyring.services.installation import ready_for_use
    from socialstyring.services.tenants import municipality

    report = ready_for_use(while_set_up)
    if report is not None:
        report_setup(report)
    with municipality(kommune) as code:
        yield code


# The options most commands share, declared once.
YEAR = click.option("--year", type=int, help=_("Budget year (default: the year of --as-of)."))
AS_OF = click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d", "%d-%m-%Y"]),
    help=_("As-of date, yyyy-mm-dd (default: today)."),
)
OUTPUT = click.option(
    "--output",
    type=click.Path(path_type=Path),
    help=_("Write to this file instead of the screen."),
)


def format_option(*formats: str):
    """``--format`` with these choices, the first the default."""
    return click.option(
        "--format", "fmt", default=formats[0], type=click.Choice(list(formats)), show_default=True
    )


KOMMUNE = click.option(
    "--kommune",
    help=_(
        "The municipality code (three digits) the rows belong to; several separated by "
        "commas when the files have the kommunekode column. Default: the installation's "
        "own municipality."
    ),
)


def reject(rejection: ImportRejected) -> None:
    err.print(rejection.report(), markup=False, highlight=False)
    sys.exit(1)


def emit(payload: str | bytes, fmt: str, output: Path | None) -> None:
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
