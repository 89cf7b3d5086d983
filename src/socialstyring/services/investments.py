"""Business cases before the decision and investments after it: stored, computed by the
core from the grants, audited when changed, and exported through ``exports``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import transaction
from django.http import Http404

from socialstyring import clock
from socialstyring.core import business_case as case_core
from socialstyring.core import investments as core
from socialstyring.core import rules
from socialstyring.core.costs import COST_INPUTS
from socialstyring.core.rules import RuleError
from socialstyring.io.formatting import date_dk, kroner, number_dk
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.io.writers.pdf import TableDocument
from socialstyring.services import audit, exports
from socialstyring.services.access import Viewer, require
from socialstyring.storage import frames
from socialstyring.storage.models import BusinessCase, Investment, InvestmentGrant
from socialstyring.terms import FileKind
from socialstyring.translation import _, pgettext

__all__ = ["RuleError"]  # a bad cohort rule, for the faces to show

COHORT_FIELDS = (
    "grant_id",
    "citizen_id",
    "paragraph",
    "account",
    *COST_INPUTS,
)


# --- business cases -------------------------------------------------------------------------


def evaluate_case(case: BusinessCase) -> case_core.BusinessCase:
    return case_core.business_case(
        list(case.costs), list(case.savings), rate=case.rate, first_year=case.first_year
    )


def save_case(values: Mapping[str, Any], username: str, case: BusinessCase | None = None):
    """Create (or change) a business case from checked ``values``; audited."""
    fields = ("name", "first_year", "rate", "costs", "savings", "note", "approved")
    values = {f: values[f] for f in fields}
    with transaction.atomic():
        if case is None:
            case = BusinessCase.objects.create(
                **{f: values[f] for f in fields}, created_at=clock.now(), created_by=username
            )
            changes = {f: values[f] for f in fields}
        else:
            changes = audit.changed_fields({f: getattr(case, f) for f in fields}, dict(values))
            for field, (_old, new) in changes.items():
                setattr(case, field, new)
            case.save()
        audit.record(
            username,
            "economics.business_case.saved",
            object_type="business_case",
            object_id=str(case.pk),
            changes=changes,
        )
    return case


def cohort_savings(
    conditions: Sequence[Mapping[str, Any]],
    day: dt.date,
    *,
    share_closed: float,
    hours_reduced_pct: float,
    horizon: int,
) -> list[float]:
    """Expected savings from a rule's cohort on ``day`` and an assumed effect."""
    cohort = _cohort_frame(conditions, day)
    return case_core.expected_savings(
        cohort,
        day,
        share_closed=share_closed,
        hours_reduced_pct=hours_reduced_pct,
        horizon=horizon,
    )


def derived_note(values: Mapping[str, Any]) -> str:
    """The basis of savings derived from a cohort, in words, to keep with the case."""
    return _(
        "Derived from the cohort on %(day)s (%(rule)s): %(closed)s %% of the cases closed, "
        "hours reduced by %(hours)s %% in the rest."
    ) % {
        "day": date_dk(values["cohort_day"]),
        "rule": json.dumps(values["cohort_rule"], ensure_ascii=False),
        "closed": number_dk((values.get("share_closed") or 0.0) * 100, 1),
        "hours": number_dk((values.get("hours_reduced") or 0.0) * 100, 1),
    }


def case_for(viewer: Viewer, pk: int, action: str = "economics.view") -> BusinessCase:
    require(viewer, action)
    try:
        return BusinessCase.objects.get(pk=pk)
    except BusinessCase.DoesNotExist:
        raise Http404 from None


CASE_REPORT = Report(
    _("Business case"),
    (
        ReportColumn("year", _("Year"), "text", 8),
        ReportColumn("cost", _("Cost"), "kroner", 16),
        ReportColumn("saving", _("Expected saving"), "kroner", 16),
        ReportColumn("net", _("Net"), "kroner", 16),
        ReportColumn("present_net", _("Present value of the net"), "kroner", 18),
        ReportColumn("cumulative_net", _("Cumulative present value"), "kroner", 18),
    ),
)


def case_download(case: BusinessCase, fmt: str) -> exports.Download:
    result = evaluate_case(case)
    frame = result.years.with_columns(pl.col("year").cast(pl.String))
    notes = (
        _("Net present value %(npv)s; break-even year %(year)s; return per krone %(ret)s.")
        % {
            "npv": kroner(result.npv),
            "year": result.break_even_year if result.break_even_year is not None else "–",
            "ret": "–" if result.return_per_krone is None else number_dk(result.return_per_krone),
        },
        _("Discount rate: %(rate)s %% a year.") % {"rate": number_dk(case.rate * 100, 1)},
    )
    return exports.download(
        CASE_REPORT,
        frame,
        fmt,
        pgettext("file name", "business-case-%(year)s") % {"year": case.first_year},
        formats=exports.WITH_PDF,
        document=TableDocument(case.name, notes=notes),
        caption=case.name,
        totals={
            "cost": float(result.years["cost"].sum()),
            "saving": float(result.years["saving"].sum()),
            "net": float(result.years["net"].sum()),
            "present_net": result.npv,
        },
    )


# --- investments -------------------------------------------------------------------------------


def _cohort_frame(conditions: Sequence[Mapping[str, Any]], day: dt.date) -> pl.DataFrame:
    """The grants active on ``day`` that meet ``conditions`` (the rule language)."""
    grants = frames.load_grants_for_year(day.year, day)
    grants = core.cohort_on(grants, day, None)
    if conditions:
        grants = rules.select_grants(grants, conditions, day, providers=frames.load_providers())
    return grants


def create_investment(
    *,
    name: str,
    start_day: dt.date,
    costs: list[float],
    conditions: Sequence[Mapping[str, Any]],
    username: str,
    price_index: float = 0.0,
    business_case: BusinessCase | None = None,
    cohort: pl.DataFrame | None = None,
) -> Investment:
    """An investment whose cohort — the grants ``conditions`` select on the start day, or
    ``cohort`` as given (terms on the start day) — is frozen with it; audited."""
    rules.check_conditions(list(conditions))
    frozen = cohort if cohort is not None else _cohort_frame(conditions, start_day)
    with transaction.atomic():
        investment = Investment.objects.create(
            name=name,
            start_day=start_day,
            costs=[float(c) for c in costs],
            price_index=price_index,
            cohort_rule=list(conditions),
            business_case=business_case,
            created_at=clock.now(),
            created_by=username,
        )
        InvestmentGrant.objects.bulk_create(
            InvestmentGrant(investment=investment, **row)
            for row in frozen.select(COHORT_FIELDS).iter_rows(named=True)
        )
        audit.record(
            username,
            "economics.investment.created",
            object_type="investment",
            object_id=str(investment.pk),
            changes={"name": name, "start_day": start_day.isoformat(), "grants": frozen.height},
        )
    return investment


def investment_for(viewer: Viewer, pk: int, action: str = "economics.view") -> Investment:
    require(viewer, action)
    try:
        return Investment.objects.get(pk=pk)
    except Investment.DoesNotExist:
        raise Http404 from None


def _frozen(investment: Investment) -> pl.DataFrame:
    rows = list(InvestmentGrant.objects.filter(investment=investment).values(*COHORT_FIELDS))
    columns = frames.TABLES[FileKind.GRANTS].data_columns
    schema = {f: columns[f] for f in COHORT_FIELDS}
    return pl.DataFrame(rows, schema=schema)


@dataclass(frozen=True)
class InvestmentView:
    investment: Investment
    result: core.InvestmentResult
    promised: list[float | None]  # the business case's expected saving per year


def follow_up(investment: Investment, through: int | None = None) -> InvestmentView:
    """Baseline, actual and saving per year from the frozen cohort and today's grants."""
    cohort = _frozen(investment)
    first = investment.start_day.year
    last = max(first + len(investment.costs) - 1, through or first)
    now = pl.concat(
        [frames.load_grants_for_year(y) for y in range(first, last + 1)], how="vertical_relaxed"
    ).unique("grant_id", keep="first", maintain_order=True)
    result = core.investment_table(
        cohort,
        now,
        start_day=investment.start_day,
        invested=list(investment.costs),
        price_index=investment.price_index,
        through=through,
    )
    promised: list[float | None] = [None] * result.table.height
    case = investment.business_case
    if case is not None:
        by_year = {case.first_year + t: s for t, s in enumerate(case.savings)}
        promised = [by_year.get(y) for y in result.table["year"]]
    return InvestmentView(investment, result, promised)


INVESTMENT_REPORT = Report(
    _("Investment"),
    (
        ReportColumn("year", _("Year"), "text", 8),
        ReportColumn("invested", _("Invested"), "kroner", 16),
        ReportColumn("baseline", _("Baseline"), "kroner", 16),
        ReportColumn("actual", _("Actual"), "kroner", 16),
        ReportColumn("saving", _("Saving"), "kroner", 16),
        ReportColumn("promised", _("Promised saving"), "kroner", 16),
        ReportColumn("net", _("Net"), "kroner", 16),
    ),
)


def investment_frame(view: InvestmentView) -> pl.DataFrame:
    return view.result.table.with_columns(
        pl.col("year").cast(pl.String),
        pl.Series("promised", view.promised, dtype=pl.Float64),
    )


def investment_download(view: InvestmentView, fmt: str) -> exports.Download:
    return exports.download(
        INVESTMENT_REPORT,
        investment_frame(view),
        fmt,
        pgettext("file name", "investment-%(year)s") % {"year": view.investment.start_day.year},
        formats=exports.WITH_PDF,
        document=TableDocument(
            view.investment.name,
            notes=(
                _(
                    "Cost per citizen in the cohort (%(citizens)s): baseline %(base)s, "
                    "actual %(now)s."
                )
                % {
                    "citizens": view.result.citizens,
                    "base": kroner(view.result.baseline_per_citizen),
                    "now": kroner(view.result.actual_per_citizen),
                },
            ),
        ),
        caption=view.investment.name,
        totals=view.result.totals,
    )


def cases() -> list[BusinessCase]:
    return list(BusinessCase.objects.all()[:200])


def investments() -> list[Investment]:
    return list(Investment.objects.all()[:200])
