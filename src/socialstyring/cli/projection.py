"""``socialstyring backtest``: how well the projection did in past years."""

from __future__ import annotations

from pathlib import Path

import click

from socialstyring import clock
from socialstyring.cli.common import KOMMUNE, OUTPUT, database, emit, format_option, reject
from socialstyring.services.files import ImportRejected
from socialstyring.translation import _


@click.command(
    "backtest",
    help=_(
        "Backtest the projection: for past years and each month-end, project with what was "
        "known then and compare with the outcome.\n\n"
        "With FILES it is calculated straight from the files, and nothing is saved; "
        "without, the database is read."
    ),
)
@click.option("--years", help=_("Years, e.g. 2022-2025 (default: the four years before this)."))
@format_option("table", "json", "xlsx", "csv")
@OUTPUT
@KOMMUNE
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def backtest_command(
    years: str | None, fmt: str, output: Path | None, kommune: str | None, files: tuple[Path, ...]
) -> None:
    """The backtest from files (nothing stored) or from the database."""
    from socialstyring.services import backtests, forecasting
    from socialstyring.services.files import read_uploads

    today = clock.today()
    try:
        chosen = backtests.parse_years(years) if years else None
    except backtests.BadYears as exc:
        raise click.BadParameter(str(exc), param_hint="--years") from exc
    try:
        if files:
            inputs = forecasting.inputs_from_uploads(read_uploads(files))
        else:
            with database(kommune):
                inputs = backtests.inputs_from_database(today)
    except ImportRejected as rejection:
        reject(rejection)
    chosen = chosen or backtests.default_years(inputs, today)
    result = backtests.run(inputs, chosen)
    emit(backtests.export(result, chosen, fmt), fmt, output)
