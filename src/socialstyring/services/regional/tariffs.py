"""Tariffs and settlements: from files (``socialstyring tariff``, nothing stored) and
from the database (the app, where a settlement feeds the tariff of the year it names)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import polars as pl

from socialstyring import clock
from socialstyring.core import regional as core
from socialstyring.io.cpr import RunPseudonymiser
from socialstyring.io.problems import ImportRejected, file_problem
from socialstyring.services.files import Source, check_uploads, rejection_of
from socialstyring.services.reference import shipped_reference
from socialstyring.terms import FileKind
from socialstyring.translation import _

OFFER_KINDS = (FileKind.OFFER_BUDGETS, FileKind.OFFER_ACCOUNTS)


@dataclass(frozen=True)
class TariffResult:
    year: int
    agreement: core.Agreement
    tariffs: pl.DataFrame  # the year's tariffs (core.TARIFF_COLUMNS)
    settlements: pl.DataFrame  # every accounts year (core.SETTLEMENT_COLUMNS)


def frames_from_uploads(
    uploads: Sequence[Source], agreement: core.Agreement
) -> dict[FileKind, pl.DataFrame]:
    """The offer files validated as an import would (against the agreement's overhead)."""
    ref = replace(shipped_reference(), overhead_pct=agreement.overhead_pct)
    pseudonyms = RunPseudonymiser()
    checked = check_uploads(uploads, ref, pseudonyms, today=clock.today())
    rejection = rejection_of(checked)
    if rejection is not None:
        raise rejection
    found: dict[FileKind, list[pl.DataFrame]] = {}
    others = []
    for item in checked:
        assert item.result is not None
        if item.result.file_kind in OFFER_KINDS:
            found.setdefault(item.result.file_kind, []).append(
                item.result.frame.select(item.result.file_kind.field_names)
            )
        else:
            others.append(
                file_problem(
                    item.upload.name,
                    _(
                        "The file is a %(kind)s file; the tariff reads tilbudsøkonomi and "
                        "tilbudsregnskab files."
                    )
                    % {"kind": item.result.kind.label},
                )
            )
    if others:
        raise ImportRejected(others)
    merged = {kind: pl.concat(parts) for kind, parts in found.items()}
    repeated = [
        file_problem(
            ", ".join(u.name for u in uploads),
            _("The offer %(offer)s and year %(year)s appear in more than one file.")
            % {"offer": offer, "year": year},
        )
        for frame in merged.values()
        for offer, year in frame.filter(pl.struct("offer_id", "year").is_duplicated())
        .select("offer_id", "year")
        .unique(maintain_order=True)
        .iter_rows()
    ]
    if repeated:
        raise ImportRejected(repeated)
    return merged


def from_uploads(uploads: Sequence[Source], year: int, agreement: core.Agreement) -> TariffResult:
    """Tariffs of ``year`` and every settlement; ``regulering`` is the file's column alone."""
    found = frames_from_uploads(uploads, agreement)
    budgets = found.get(FileKind.OFFER_BUDGETS)
    accounts = found.get(FileKind.OFFER_ACCOUNTS)
    tariffs = (
        core.tariffs(budgets.filter(pl.col("year") == year), agreement)
        if budgets is not None
        else None
    )
    settled = core.settlements(accounts, agreement) if accounts is not None else None
    return TariffResult(
        year,
        agreement,
        tariffs if tariffs is not None else core.tariffs(empty(FileKind.OFFER_BUDGETS), agreement),
        settled
        if settled is not None
        else core.settlements(empty(FileKind.OFFER_ACCOUNTS), agreement),
    )


_DTYPES = {"text": pl.String, "integer": pl.Int64, "date": pl.Date}


def empty(kind: FileKind) -> pl.DataFrame:
    """A frame of ``kind``'s record with no rows."""
    return pl.DataFrame(schema={f.name: _DTYPES.get(f.type, pl.Float64) for f in kind.fields})


def from_database(agreement: core.Agreement, year: int | None = None) -> TariffResult:
    """Stored offer budgets and accounts of the active municipalities: every settlement,
    and tariffs (of ``year``, or every year) whose adjustment a settlement fills in."""
    from socialstyring.storage import regional_frames

    budgets = regional_frames.load(FileKind.OFFER_BUDGETS)
    accounts = regional_frames.load(FileKind.OFFER_ACCOUNTS)
    settled = core.settlements(accounts, agreement)
    adjusted = core.with_adjustments(budgets, settled)
    if year is not None:
        adjusted = adjusted.filter(pl.col("year") == year)
    return TariffResult(year or 0, agreement, core.tariffs(adjusted, agreement), settled)
