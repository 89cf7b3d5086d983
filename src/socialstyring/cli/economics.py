"""``socialstyring scenario``: a what-if scenario against the base, this year and next."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from socialstyring import clock
from socialstyring.cli.common import (
    AS_OF,
    KOMMUNE,
    OUTPUT,
    YEAR,
    database,
    emit,
    err,
    format_option,
    reject,
)
from socialstyring.services.files import ImportRejected
from socialstyring.translation import _


@click.command(
    "scenario",
    help=_(
        "What if: the expected spend per account this year and next year with the changes "
        "of SCENARIO (a JSON file) against the base.\n\n"
        "With FILES it is calculated straight from the files, and nothing is saved; "
        "without, the database is read."
    ),
)
@YEAR
@AS_OF
@format_option("table", "json", "xlsx", "csv")
@OUTPUT
@KOMMUNE
@click.argument("scenario_file", metavar="SCENARIO", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def scenario_command(
    year: int | None,
    as_of: dt.datetime | None,
    fmt: str,
    output: Path | None,
    kommune: str | None,
    scenario_file: Path,
    files: tuple[Path, ...],
) -> None:
    """A scenario from files (nothing stored) or from the database."""
    from socialstyring.services import forecasting, scenarios
    from socialstyring.services.files import read_uploads
    from socialstyring.services.scenario_files import ScenarioError, read_scenario_file

    day = as_of.date() if as_of else clock.today()
    year = year or day.year
    try:
        raw = scenario_file.read_bytes()
    except OSError as exc:
        err.print(
            _("The scenario file %(file)s cannot be read: %(error)s")
            % {"file": scenario_file, "error": exc.strerror or exc},
            markup=False,
        )
        sys.exit(1)
    try:
        spec = read_scenario_file(scenario_file.name, raw)
        if files:
            from socialstyring.services.reference import shipped_account_names

            inputs = forecasting.inputs_from_uploads(read_uploads(files))
            names = shipped_account_names()
        else:
            with database(kommune):
                from socialstyring.services.followups import account_names

                inputs = scenarios.inputs_from_database(year, day)
                names = account_names()
        result = scenarios.compute(spec, inputs, year, day)
    except ScenarioError as bad:
        click.echo(str(bad), err=True)
        sys.exit(1)
    except ImportRejected as rejection:
        reject(rejection)
    emit(scenarios.render(result, fmt, names), fmt, output)
