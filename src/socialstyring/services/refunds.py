"""The expected state refund for expensive single cases (docs/refunds.md): from files
(nothing stored) or from the database, with the shipped or the database's thresholds.

File-only work runs without Django (the CLI), so storage is imported inside the functions
that read the database, and texts are translated with the standard library's gettext."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

import polars as pl

from socialstyring import reference
from socialstyring.core import refunds as core
from socialstyring.core.refunds import GRANT_COLUMNS, RefundResult
from socialstyring.io.problems import ImportRejected, file_problem
from socialstyring.io.refund_thresholds import read_thresholds
from socialstyring.services import forecasting
from socialstyring.services.files import Source
from socialstyring.terms import MONTH_NAMES
from socialstyring.translation import _

__all__ = ["GRANT_COLUMNS", "RefundResult", "RefundsUnavailable"]

# What the refund page and the drill-down also read, besides the refund's own columns.
SCOPE_COLUMNS = ("team", "caseworker")


class RefundsUnavailable(Exception):
    """The refund cannot be computed (no threshold level for the year); ``str`` is Danish."""


def shipped_thresholds() -> pl.DataFrame:
    return reference.refund_thresholds()


def database_thresholds() -> pl.DataFrame:
    """The editable thresholds table (loaded from the shipped file by migration 0002)."""
    from socialstyring.storage.models import RefundThreshold

    rows = list(
        RefundThreshold.objects.values_list(
            "price_level", "scheme", "tier", "threshold", "rate", "source"
        )
    )
    return pl.DataFrame(
        rows,
        schema={
            "price_level": pl.Int64,
            "scheme": pl.String,
            "tier": pl.Int64,
            "threshold": pl.Float64,
            "rate": pl.Float64,
            "source": pl.String,
        },
        orient="row",
    )


def thresholds_from_file(source: Source) -> pl.DataFrame:
    """A ``--thresholds`` file; :class:`ImportRejected` with every bad cell named."""
    table = read_thresholds(source.data, source.name)
    if table.height == 0:
        raise ImportRejected([file_problem(source.name, _("The thresholds file has no rows."))])
    return table


def compute(
    grants: pl.DataFrame, thresholds: pl.DataFrame, year: int, as_of: dt.date
) -> RefundResult:
    try:
        level = core.thresholds_for(thresholds, year)
    except core.NoThresholdLevel:
        raise RefundsUnavailable(
            _(
                "No price level up to %(year)s has all three refund thresholds; add them to "
                "the thresholds table."
            )
            % {"year": year}
        ) from None
    return core.refunds(grants, level, year=year, as_of=as_of)


def from_uploads(
    uploads: Sequence[Source],
    year: int,
    as_of: dt.date,
    thresholds: pl.DataFrame | None = None,
) -> RefundResult:
    """From files, validated as an import would be; nothing is stored."""
    inputs = forecasting.inputs_from_uploads(uploads)
    table = thresholds if thresholds is not None else shipped_thresholds()
    return compute(inputs.grants, table, year, as_of)


def grants_from_database(
    year: int,
    as_of: dt.date,
    columns: Sequence[str] = (*GRANT_COLUMNS, *SCOPE_COLUMNS),
    year_grants: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The year's known grants with the refund's columns, plus the earlier grants of the
    citizens whose month before the 67th birthday's month lies before ``year`` (born
    before 1 February of ``year`` − 67): two queries, however many citizens.
    ``year_grants``: the year's known grants already read (with at least ``columns``)."""
    from socialstyring.storage import frames

    columns = list(columns)
    if year_grants is None:
        grants = frames.load_grants_for_year(year, as_of, columns)
    else:
        grants = year_grants.select(columns)
    rows = frames.load_grants_before(year, as_of, dt.date(year - 67, 2, 1), columns)
    # Those still running in ``year`` are among the year's grants already: keep the ones
    # that ended before it (a filter, where a unique() over a million ids cost 0,17 s).
    ended = rows.filter(pl.col("end") < dt.date(year, 1, 1))
    if ended.height == 0:
        return grants
    return pl.concat([grants, ended])


def from_database(year: int, as_of: dt.date) -> tuple[RefundResult, pl.DataFrame]:
    """The refund from the database and its thresholds table; also the grants it read
    (for the page's scope and drill-down)."""
    grants = grants_from_database(year, as_of)
    return compute(grants, database_thresholds(), year, as_of), grants


def for_forecast(
    year: int,
    as_of: dt.date,
    inputs: forecasting.Inputs | None = None,
    *,
    stored: forecasting.Inputs | None = None,
) -> RefundResult | None:
    """The refund beside the forecast by account: from the files' grants (``inputs``) with
    the shipped thresholds, else from the database (reusing the year's grants the forecast
    read, ``stored``, when they carry :data:`GRANT_COLUMNS`); None when no level covers
    the year."""
    try:
        if inputs is not None:
            return compute(inputs.grants, shipped_thresholds(), year, as_of)
        # The refund's own columns only: the forecast needs no scope.
        read = stored.grants if stored is not None else None
        if read is not None and not set(GRANT_COLUMNS) <= set(read.columns):
            read = None
        grants = grants_from_database(year, as_of, GRANT_COLUMNS, read)
        return compute(grants, database_thresholds(), year, as_of)
    except RefundsUnavailable:
        return None


# --- what one viewer sees: the refund page, its exports and the drill-down ---------------


def scoped(result: RefundResult, grants: pl.DataFrame, scope: pl.Expr) -> RefundResult:
    """The subjects with at least one grant within ``scope`` (a viewer's team or caseload),
    each with its whole figures (the refund is counted on the whole household); their
    accounts and grants limited to what lies within the scope."""
    in_scope = grants.filter(scope).select("grant_id")
    visible_grants = result.grants.join(in_scope, on="grant_id", how="semi")
    subjects = visible_grants.select("subject_id").unique()
    return replace(
        result,
        subjects=result.subjects.join(subjects, on="subject_id", how="semi"),
        accounts=core.accounts_of(visible_grants),
        grants=visible_grants,
    )


def for_viewer(year: int, as_of: dt.date, scope: pl.Expr) -> RefundResult:
    """The refund from the database as a viewer with ``scope`` may see it."""
    result, grants = from_database(year, as_of)
    return scoped(result, grants, scope)


def subject_months(result: RefundResult, subject_id: str) -> pl.DataFrame | None:
    """One subject's months: ``month, month_name, expense, refund`` and the monthly
    thresholds beside them; None when the subject is not in ``result``."""
    row = result.subjects.filter(pl.col("subject_id") == subject_id)
    if row.height == 0:
        return None
    t1, t2, t3 = result.thresholds.monthly
    return pl.DataFrame(
        {
            "month": list(range(1, 13)),
            "month_name": list(MONTH_NAMES),
            "expense": row["monthly_expense"][0].to_list(),
            "refund": row["monthly_refund"][0].to_list(),
        }
    ).with_columns(t1=pl.lit(t1), t2=pl.lit(t2), t3=pl.lit(t3))


def subject_grants(result: RefundResult, subject_id: str) -> pl.DataFrame:
    """The subject's grants within the viewer's scope: what they are and their expense in
    the year by the refund's rule (one-offs spread over their year)."""
    from socialstyring.storage.models import Grant

    mine = result.grants.filter(pl.col("subject_id") == subject_id)
    fields = ("grant_id", "paragraph", "service", "start", "end", "price", "price_unit", "team")
    rows = Grant.objects.filter(grant_id__in=mine["grant_id"].to_list()).values_list(*fields)
    details = pl.DataFrame(
        list(rows),
        schema={
            "grant_id": pl.String,
            "paragraph": pl.String,
            "service": pl.String,
            "start": pl.Date,
            "end": pl.Date,
            "price": pl.Float64,
            "price_unit": pl.String,
            "team": pl.String,
        },
        orient="row",
    )
    return mine.join(details, on="grant_id", how="left").sort("expense", descending=True)
