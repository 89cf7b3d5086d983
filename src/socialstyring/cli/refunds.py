"""``socialstyring refund``: the expected state refund for expensive single cases."""

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
    "refund",
    help=_(
        "Expected state refund for expensive single cases (SEL § 176, BL § 198) per "
        "household or citizen, per account and in total.\n\n"
        "With FILES it is calculated straight from the files, and nothing is saved; "
        "without, the database is read."
    ),
)
@YEAR
@AS_OF
@click.option(
    "--thresholds",
    type=click.Path(path_type=Path, dir_okay=False),
    help=_(
        "A file with the refund thresholds, with the columns of refusion_graenser.csv "
        "(default: the database's table, or the shipped one with FILES)."
    ),
)
@format_option("table", "json", "xlsx", "pdf")
@OUTPUT
@KOMMUNE
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def refund_command(
    year: int | None,
    as_of: dt.datetime | None,
    thresholds: Path | None,
    fmt: str,
    output: Path | None,
    kommune: str | None,
    files: tuple[Path, ...],
) -> None:
    """The refund from files (nothing stored) or from the database."""
    from socialstyring.services import exports, refunds
    from socialstyring.services.files import read_uploads

    day = as_of.date() if as_of else clock.today()
    year = year or day.year
    try:
        table = None
        if thresholds is not None:
            (source,) = read_uploads([thresholds])
            table = refunds.thresholds_from_file(source)
        if files:
            result = refunds.from_uploads(read_uploads(files), year, day, table)
        else:
            with database(kommune):
                grants = refunds.grants_from_database(year, day)
                chosen = table if table is not None else refunds.database_thresholds()
                result = refunds.compute(grants, chosen, year, day)
    except ImportRejected as rejection:
        reject(rejection)
    except refunds.RefundsUnavailable as problem:
        err.print(str(problem), markup=False, highlight=False)
        sys.exit(1)
    emit(exports.refund(result, fmt), fmt, output)
