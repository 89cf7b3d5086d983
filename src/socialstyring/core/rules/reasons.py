"""Each hit's reason in Danish, built for all hits at once from the rule's reason kind.

The wording comes from the catalogue (English msgids, see docs/i18n.md); numbers are
written in Danish notation (``1.234.567 kr.``, ``12,5``) with polars string expressions,
so a rule with many hits needs no Python loop.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from socialstyring import terms
from socialstyring.translation import _


def with_reason(subjects: pl.DataFrame, kind: str, spec: Mapping[str, Any]) -> pl.DataFrame:
    """``subjects`` (one row per hit) with its ``reason``. The numbers' texts are made
    first, as columns, so each template reads them instead of repeating their expressions
    in every branch (a nested expression grows with every plural and takes long to plan)."""
    first: dict[str, pl.Expr] = {
        "_hours_text": number_text(pl.col("hours_per_week")),
        "_grants_text": pl.col("grants").cast(pl.String),
        "_years": pl.col("course_months").cast(pl.Int64) // 12,
        "_months": pl.col("course_months").cast(pl.Int64) % 12,
        "_amount_text": kroner_text(pl.col("cost_this_year")),
        "_run_rate_text": kroner_text(pl.col("run_rate")),
    }
    needs = _NEEDS.get(kind, ())
    steps = [
        {k: v for k, v in first.items() if k in needs},
        {"_duration": duration_text(pl.col("_years"), pl.col("_months"))}
        if "_duration" in needs
        else {},
        {"reason": _BUILDERS[kind](spec)},
    ]
    frame = subjects
    for step in steps:
        if step:
            frame = frame.with_columns(**step)
    return frame.drop([name for step in steps[:-1] for name in step])


# The helper columns each reason kind reads.
_NEEDS = {
    "course_duration": ("_years", "_months", "_duration"),
    "hours_per_week": ("_hours_text",),
    "hours_and_duration": ("_hours_text", "_years", "_months", "_duration"),
    "family_measures": ("_grants_text",),
    "refund_threshold": ("_amount_text",),
    "measures": ("_grants_text", "_run_rate_text"),
}


def _template(text: str, **parts: pl.Expr) -> pl.Expr:
    """A translated ``%(name)s`` template filled with expressions, as one concat."""
    pieces: list[pl.Expr] = []
    rest = text
    while "%(" in rest:
        before, _open, after = rest.partition("%(")
        name, _close, rest = after.partition(")s")
        if before:
            pieces.append(pl.lit(before.replace("%%", "%")))
        pieces.append(parts[name].cast(pl.String))
    if rest:
        pieces.append(pl.lit(rest.replace("%%", "%")))
    return pl.concat_str(pieces, ignore_nulls=False)


def _plural(count: pl.Expr, one: str, many: str, **parts: pl.Expr) -> pl.Expr:
    """The singular template for n == 1, else the plural (Danish has two forms; each
    form is its own msgid so both layers read it alike); ``parts`` hold the count's text."""
    return pl.when(count == 1).then(_template(one, **parts)).otherwise(_template(many, **parts))


def duration_text(years: pl.Expr, months: pl.Expr) -> pl.Expr:
    """``6 år og 2 måneder``, ``1 år``, ``11 måneder``."""
    years_text = _plural(years, _("%(n)s year"), _("%(n)s years"), n=years.cast(pl.String))
    months_text = _plural(months, _("%(n)s month"), _("%(n)s months"), n=months.cast(pl.String))
    both = _template(_("%(years)s and %(months)s"), years=years_text, months=months_text)
    return pl.when(years == 0).then(months_text).when(months == 0).then(years_text).otherwise(both)


def number_text(value: pl.Expr) -> pl.Expr:
    """A number in Danish notation with at most two decimals and none needless:
    ``12,5``, ``10``, ``0,25``, ``1.234``."""
    v = value.cast(pl.Float64)
    cents = (v.abs() * 100).round(0).cast(pl.Int64)
    whole, fraction = cents // 100, cents % 100
    digits = fraction.cast(pl.String).str.zfill(2).str.strip_chars_end("0")
    text = (
        pl.when(fraction == 0)
        .then(thousands(whole))
        .otherwise(pl.concat_str(thousands(whole), pl.lit(","), digits))
    )
    return pl.when((v < 0) & (cents > 0)).then(pl.concat_str(pl.lit("-"), text)).otherwise(text)


def thousands(value: pl.Expr) -> pl.Expr:
    """Whole numbers with thousands dots: ``1.234.567``, ``-950``. The digits are read
    backwards in threes, so one regular expression places every dot."""
    n = value.round(0).cast(pl.Int64)
    digits = n.abs().cast(pl.String).str.reverse().str.replace_all(r"(\d{3})", "$1.")
    text = digits.str.strip_chars_end(".").str.reverse()
    return pl.when(n < 0).then(pl.concat_str(pl.lit("-"), text)).otherwise(text)


def kroner_text(value: pl.Expr) -> pl.Expr:
    return _template(_("%(amount)s kr."), amount=thousands(value))


def _course_duration(spec: Mapping[str, Any]) -> pl.Expr:
    return _template(
        _("%(paragraph)s for %(duration)s"),
        paragraph=pl.col("paragraph"),
        duration=pl.col("_duration"),
    )


def _hours(n: pl.Expr) -> pl.Expr:
    return _plural(n, _("%(n)s hour a week"), _("%(n)s hours a week"), n=pl.col("_hours_text"))


def _hours_per_week(spec: Mapping[str, Any]) -> pl.Expr:
    return _template(
        _("%(hours)s (%(paragraph)s)"),
        hours=_hours(pl.col("hours_per_week")),
        paragraph=pl.col("paragraph"),
    )


def _hours_and_duration(spec: Mapping[str, Any]) -> pl.Expr:
    return _template(
        _("%(hours)s for %(duration)s"),
        hours=_hours(pl.col("hours_per_week")),
        duration=pl.col("_duration"),
    )


def _family_measures(spec: Mapping[str, Any]) -> pl.Expr:
    band = str(spec.get("band", ""))
    return _plural(
        pl.col("grants"),
        _("%(n)s measure in the family (%(band)s years)"),
        _("%(n)s measures in the family (%(band)s years)"),
        n=pl.col("_grants_text"),
        band=pl.lit(band),
    )


def _aftercare(spec: Mapping[str, Any]) -> pl.Expr:
    without_age = _template(_("Aftercare (%(paragraph)s)"), paragraph=pl.col("paragraph"))
    with_age = _template(
        _("Aftercare (%(paragraph)s), %(age)s years"),
        paragraph=pl.col("paragraph"),
        age=pl.col("age"),
    )
    return pl.when(pl.col("age").is_null()).then(without_age).otherwise(with_age)


def _external_provider(spec: Mapping[str, Any]) -> pl.Expr:
    labels = {code: label.lower() for code, label in terms.PROVIDER_TYPES.labels.items()}
    label = pl.col("provider_type").replace_strict(labels, default=pl.col("provider_type"))
    return _template(_("External provider (%(type)s)"), type=label)


def _refund_threshold(spec: Mapping[str, Any]) -> pl.Expr:
    # Half up, as the reason is read (94,5 % shows as 95 %).
    percent = (pl.col("threshold_share") * 100 + 0.5).floor().cast(pl.Int64)
    return _template(
        _("%(amount)s this year, %(percent)s %% of the refund threshold"),
        amount=pl.col("_amount_text"),
        percent=percent,
    )


def _measures(spec: Mapping[str, Any]) -> pl.Expr:
    return _plural(
        pl.col("grants"),
        _("%(n)s grant, %(run_rate)s a year"),
        _("%(n)s grants, %(run_rate)s a year"),
        n=pl.col("_grants_text"),
        run_rate=pl.col("_run_rate_text"),
    )


_BUILDERS = {
    "course_duration": _course_duration,
    "hours_per_week": _hours_per_week,
    "hours_and_duration": _hours_and_duration,
    "family_measures": _family_measures,
    "aftercare": _aftercare,
    "external_provider": _external_provider,
    "refund_threshold": _refund_threshold,
    "measures": _measures,
}
