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

out = Console()
err = Console(stderr=True)


def _setup_django() -> None:
    """Configure Django (no database work)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    import django

    django.setup()


def _report_setup(report) -> None:
    err.print(f"Ny installation: database {report.database}", markup=False, highlight=False)
    for path in report.created_keys:
        err.print(f"  Nøgle oprettet: {path} (tag en sikkerhedskopi)", markup=False)


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
    help=(
        "Kommunekoden (tre cifre) rækkerne hører til; flere adskilt af komma, når filerne har "
        "kolonnen kommunekode. Standard: installationens egen kommune."
    ),
)


def _reject(rejection: ImportRejected) -> None:
    err.print(rejection.report(), markup=False, highlight=False)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Socialstyring: økonomi og sager i det specialiserede socialområde."""


@main.command("import")
@KOMMUNE
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def import_command(kommune: str | None, files: tuple[Path, ...]) -> None:
    """Indlæs bevillinger, budget, posteringer og leverandører i databasen.

    Alle filer kontrolleres først; har én fil fejl, gemmes intet.
    """
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

            task = progress.add_task("Starter", total=None)
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
            f"{o.file_name}: {o.kind}, {o.rows} rækker — {o.created} nye, {o.updated} ændrede, "
            f"{o.unchanged} uændrede.",
            markup=False,
            highlight=False,
        )
        if o.ignored_columns:
            out.print(f"  Ukendte kolonner ignoreret: {', '.join(o.ignored_columns)}", markup=False)


BY_CHOICES = click.Choice(list(terms.BY_CHOICES))


@main.command("forecast")
@click.option("--year", type=int, help="Budgetår (standard: året for --as-of).")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d", "%d-%m-%Y"]),
    help="Opgørelsesdato, åååå-mm-dd (standard: i dag).",
)
@click.option(
    "--by", default=terms.ACCOUNT.by, type=BY_CHOICES, show_default=True, help="Gruppering."
)
@click.option(
    "--format",
    "fmt",
    default="table",
    type=click.Choice(["table", "json", "xlsx", "csv"]),
    show_default=True,
)
@click.option(
    "--output", type=click.Path(path_type=Path), help="Skriv til denne fil i stedet for skærmen."
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
    """Forventet regnskab pr. konto (eller anden gruppering).

    Med FILES beregnes direkte fra filerne, og intet gemmes; uden læses databasen.
    """
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
        err.print(f"Skrev {output}", markup=False)
    elif isinstance(payload, bytes):
        if sys.stdout.isatty():
            raise click.UsageError(f"Formatet {fmt} er binært; angiv --output FIL.")
        sys.stdout.buffer.write(payload)
    else:
        click.echo(payload)


@main.command("demo")
@click.option("--seed", default=2026, show_default=True, help="Samme seed giver samme kommune.")
@click.option(
    "--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), help="Dato demo-data er opgjort til."
)
@click.option(
    "--files",
    "folder",
    type=click.Path(path_type=Path),
    help="Skriv også importfilerne til denne mappe.",
)
def demo_command(seed: int, as_of: dt.datetime | None, folder: Path | None) -> None:
    """Indlæs en syntetisk demokommune (ca. 40.000 indbyggere) i databasen."""
    _setup_django()
    from socialstyring.services.demo import ensure_demo_allowed, load_demo
    from socialstyring.services.installation import initialise

    ensure_demo_allowed()
    for path in initialise().created_keys:
        err.print(f"Nøgle oprettet: {path} (tag en sikkerhedskopi)", markup=False)
    day = as_of.date() if as_of else clock.today()
    with _database():
        summary = load_demo(seed=seed, as_of=day, folder=folder, now=clock.now())
    out.print(summary, markup=False, highlight=False)


@main.command("init")
def init_command() -> None:
    """Opret en ny installation: datamappe, nøgler og database (gør intet ved det, der findes)."""
    _setup_django()
    from socialstyring.services.installation import initialise

    report = initialise()
    out.print(f"Data: {report.data_dir}\nDatabase: {report.database}", markup=False)
    for path in report.created_keys:
        out.print(f"Nøgle oprettet: {path} (tag en sikkerhedskopi)", markup=False)


@main.command("migrate")
def migrate_command() -> None:
    """Opdatér databasens opbygning til denne version (tag en sikkerhedskopi først)."""
    _setup_django()
    from socialstyring.services.installation import database_label, migrate

    migrate()
    out.print(f"Databasen er opdateret: {database_label()}", markup=False, highlight=False)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve_command(host: str, port: int, threads: int) -> None:
    """Kør webappen (waitress; appen serverer selv sine statiske filer)."""
    import waitress

    with _database():
        pass  # refuses a database that is behind, before anyone logs in
    from socialstyring.web.wsgi import application

    out.print(
        f"Socialstyring kører på http://{host}:{port}/  (stop med Ctrl+C)",
        markup=False,
        highlight=False,
    )
    waitress.serve(application, host=host, port=port, threads=threads, ident="socialstyring")


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
        err.print(f"Uventet fejl: {type(exc).__name__}: {exc}", markup=False)
        sys.exit(3)


if __name__ == "__main__":
    run()
