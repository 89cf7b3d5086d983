"""``socialstyring demo / init / migrate / serve``: the installation and the web app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from socialstyring import clock
from socialstyring.cli.common import database, err, key_created, out, setup_django
from socialstyring.translation import _


@click.command(
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
@click.option(
    "--region",
    is_flag=True,
    help=_("Load the North Jutland region's 11 municipalities and their offers instead."),
)
def demo_command(
    seed: int, as_of: dt.datetime | None, folder: Path | None, region: bool = False
) -> None:
    """Load the demo municipality, or the demo region (refused in production)."""
    setup_django()
    from socialstyring.services.demo import ensure_demo_allowed, load_demo
    from socialstyring.services.installation import initialise

    ensure_demo_allowed()
    for path in initialise().created_keys:
        err.print(key_created(path), markup=False)
    day = as_of.date() if as_of else clock.today()
    if region:
        from socialstyring.services.regional.demo import load_region_demo

        with database():
            summary = load_region_demo(seed=seed, as_of=day, folder=folder, now=clock.now())
        out.print(summary, markup=False, highlight=False)
        return
    with database():
        summary = load_demo(seed=seed, as_of=day, folder=folder, now=clock.now())
    out.print(summary, markup=False, highlight=False)


@click.command(
    "init",
    help=_("Create a new installation: data folder, keys and database (leaves what exists alone)."),
)
def init_command() -> None:
    """Set up a new installation; an existing one is left as it is."""
    setup_django()
    from socialstyring.services.installation import initialise

    report = initialise()
    out.print(
        _("Data: %(folder)s\nDatabase: %(database)s")
        % {"folder": report.data_dir, "database": report.database},
        markup=False,
    )
    for path in report.created_keys:
        out.print(key_created(path), markup=False)


@click.command(
    "migrate",
    help=_("Bring the database's structure up to this version (take a backup first)."),
)
def migrate_command() -> None:
    """Migrate the database."""
    setup_django()
    from socialstyring.services.installation import database_label, migrate

    migrate()
    out.print(
        _("The database has been updated: %(database)s") % {"database": database_label()},
        markup=False,
        highlight=False,
    )


@click.command(
    "serve",
    help=_(
        "Run the web app (waitress; with --workers above 1, gunicorn in several processes). "
        "Also starts a background worker for big uploads."
    ),
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help=_("Web processes (gunicorn on Linux and macOS; one means waitress)."),
)
@click.option(
    "--worker/--no-worker",
    "worker",
    default=True,
    show_default=True,
    help=_("Also run a background worker for big uploads."),
)
def serve_command(host: str, port: int, threads: int, workers: int, worker: bool) -> None:
    """Serve the web app."""
    from socialstyring.cli.serving import serve

    serve(host, port, threads, workers, worker)
