"""``socialstyring appeals``: the reversal rate of appeals to Ankestyrelsen."""

from __future__ import annotations

from pathlib import Path

import click

from socialstyring.cli.common import KOMMUNE, OUTPUT, database, emit, format_option, reject
from socialstyring.services.files import ImportRejected
from socialstyring.terms.management import APPEALS_BY, APPEALS_DEFAULT_BY
from socialstyring.translation import _


@click.command(
    "appeals",
    help=_(
        "Appeals to Ankestyrelsen and the reversal rate, per year of Ankestyrelsen's decision "
        "and area (and paragraph or team).\n\n"
        "With FILES (klagesager) it is calculated straight from the files, and nothing is "
        "saved; without, the database is read."
    ),
)
@click.option("--year", type=int, help=_("Only this year of Ankestyrelsen's decision."))
@click.option(
    "--by",
    default=APPEALS_DEFAULT_BY,
    type=click.Choice(list(APPEALS_BY)),
    show_default=True,
    help=_("Grouping besides the year and the area."),
)
@format_option("table", "json", "xlsx")
@OUTPUT
@KOMMUNE
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def appeals_command(
    year: int | None,
    by: str,
    fmt: str,
    output: Path | None,
    kommune: str | None,
    files: tuple[Path, ...],
) -> None:
    """The reversal rate from files (nothing stored) or from the database."""
    from socialstyring.services.files import read_uploads
    from socialstyring.services.management import appeals

    try:
        if files:
            frame = appeals.appeals_from_uploads(read_uploads(files))
        else:
            with database(kommune):
                frame = appeals.appeals_from_database()
    except ImportRejected as rejection:
        reject(rejection)
    emit(appeals.export(appeals.rates(frame, by, year), fmt), fmt, output)
