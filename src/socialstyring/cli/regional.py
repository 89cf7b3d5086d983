"""``socialstyring tariff``: tariffs and settlements by a regional agreement's rules."""

from __future__ import annotations

from pathlib import Path

import click

from socialstyring.cli.common import OUTPUT, emit, format_option, reject
from socialstyring.services.files import ImportRejected
from socialstyring.translation import _


@click.command(
    "tariff",
    help=_(
        "Tariffs of a year and the settlement of each accounts year, by a regional "
        "agreement's rules.\n\n"
        "FILES are tilbudsøkonomi and/or tilbudsregnskab files; nothing is saved."
    ),
)
@click.option("--year", type=int, required=True, help=_("The tariff year."))
@click.option(
    "--agreement",
    default="hovedstaden",
    show_default=True,
    type=click.Choice(["hovedstaden", "nordjylland"]),
    help=_("The agreement whose rules apply."),
)
@format_option("table", "json", "xlsx")
@OUTPUT
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def tariff_command(
    year: int, agreement: str, fmt: str, output: Path | None, files: tuple[Path, ...]
) -> None:
    """Tariffs and settlements from files; stores nothing."""
    from socialstyring.services.files import read_uploads
    from socialstyring.services.regional import reports, tariffs
    from socialstyring.services.regional.agreements import shipped_agreement

    try:
        result = tariffs.from_uploads(read_uploads(files), year, shipped_agreement(agreement))
    except ImportRejected as rejection:
        reject(rejection)
    emit(reports.render(result, fmt), fmt, output)
