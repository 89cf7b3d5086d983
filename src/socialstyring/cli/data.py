"""``socialstyring import`` and ``socialstyring forecast``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import click

from socialstyring import clock, terms
from socialstyring.cli.common import (
    AS_OF,
    KOMMUNE,
    OUTPUT,
    YEAR,
    database,
    emit,
    err,
    format_option,
    out,
    reject,
)
from socialstyring.services.files import ImportRejected
from socialstyring.translation import _


@click.command(
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
        checking = []

        def check_meanwhile() -> None:  # while a new database's schema is made
            from socialstyring.services.imports import start_checking, while_set_up

            checking.append(start_checking(uploads, *while_set_up(kommune)))

        with (
            database(kommune, while_set_up=check_meanwhile),
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
                checking=checking[0] if checking else None,
            )
    except ImportRejected as rejection:
        reject(rejection)
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


@click.command(
    "forecast",
    help=_(
        "Expected outturn per account (or another grouping).\n\n"
        "With FILES it is calculated straight from the files, and nothing is saved; "
        "without, the database is read."
    ),
)
@YEAR
@AS_OF
@click.option(
    "--by", default=terms.ACCOUNT.by, type=BY_CHOICES, show_default=True, help=_("Grouping.")
)
@format_option("table", "json", "xlsx", "csv")
@OUTPUT
@click.option(
    "--refund/--no-refund",
    "with_refund",
    default=True,
    help=_("By account: show the expected refund for expensive single cases beside it."),
)
@click.option(
    "--projection",
    is_flag=True,
    help=_("Add the projection: expected inflow, early endings and an 80 % interval."),
)
@KOMMUNE
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def forecast_command(
    year: int | None,
    as_of: dt.datetime | None,
    by: str,
    fmt: str,
    output: Path | None,
    with_refund: bool,
    projection: bool,
    kommune: str | None,
    files: tuple[Path, ...],
) -> None:
    """The forecast from files (nothing stored) or from the database."""
    from socialstyring.services import forecasting, refunds
    from socialstyring.services.files import read_uploads

    if projection or by == terms.PROFILE_BY:  # loaded only when asked for: a faster start
        from socialstyring.services import projection as projecting

    day = as_of.date() if as_of else clock.today()
    year = year or day.year
    refund = decided = None
    # By account only: budgets and refunds exist per account.
    with_refund = with_refund and by == terms.ACCOUNT.by
    try:
        if files:
            inputs = forecasting.inputs_from_uploads(read_uploads(files))
            names = _shipped_account_names()
            if with_refund:
                refund = refunds.for_forecast(year, day, inputs)
        else:
            from socialstyring.services.frame_cache import persisted

            # The grants read is kept in a file per data version: the next run reads that.
            with database(kommune), persisted():
                field = forecasting_field(by) if by != terms.PROFILE_BY else "account"
                if projection:
                    inputs = projecting.inputs_from_database(year, day, field)
                else:  # one read of the year's grants serves the refund beside it
                    also = refunds.GRANT_COLUMNS if with_refund else ()
                    inputs = forecasting.inputs_from_database(year, day, field, also=also)
                names = _database_account_names()
                if with_refund:  # the projection's grants are the history, not the year's
                    stored = None if projection else inputs
                    refund = refunds.for_forecast(year, day, stored=stored)
                if by != terms.PROFILE_BY:  # review outcomes not yet registered (casework.md)
                    decided = _decided(year, day, forecasting_field(by), inputs.postings)
    except ImportRejected as rejection:
        reject(rejection)
    from socialstyring.services import exports

    # Always in JSON from the database; elsewhere while a decision waits (docs/casework.md).
    show_decided = decided is not None and (fmt == "json" or decided.height > 0)
    if by == terms.PROFILE_BY:
        profile = (projecting.path if projection else forecasting.profile)(inputs, year, day)
        payload = exports.profile(profile, fmt, year=year, as_of=day)
    elif projection:
        projected = projecting.compute(inputs, year, day, forecasting_field(by))
        if decided is not None:
            table, totals = _with_decided(projected.table, projected.totals, decided, by)
            projected = dataclasses.replace(projected, table=table, totals=totals)
        payload = projecting.export(
            projected, fmt, by=by, account_names=names, refund=refund, decided=show_decided
        )
    else:
        result = forecasting.compute(inputs, year, day, forecasting_field(by))
        table, totals = result.table, result.totals
        if by != terms.ACCOUNT.by:  # each group's budget, as the overview shows it
            table, totals, _state = forecasting.with_budgets(inputs, result)
        if decided is not None:
            table, totals = _with_decided(table, totals, decided, by)
        payload = exports.forecast(
            table,
            totals,
            fmt,
            year=year,
            as_of=day,
            by=by,
            account_names=names,
            refund=refund,
            decided=show_decided,
        )
    emit(payload, fmt, output)


def _decided(year: int, day: dt.date, field: str, postings):
    from socialstyring.services.casework import decisions

    return decisions.decided(year, day, field, postings=postings)


def _with_decided(table, totals, decided, by: str):
    from socialstyring.services.casework import decisions

    return decisions.with_decided(table, totals, decided, forecasting_field(by))


def forecasting_field(by: str) -> str:
    return terms.grouping(by).field


def _shipped_account_names() -> dict[str, str]:
    from socialstyring.services.reference import shipped_account_names

    return shipped_account_names()


def _database_account_names() -> dict[str, str]:
    from socialstyring.services.followups import account_names

    return account_names()
