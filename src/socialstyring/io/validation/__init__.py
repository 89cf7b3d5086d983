"""Raw text tables → typed frames of one file kind, with every problem collected.

Validation is vectorised: each rule is one polars filter over all rows, and the
rows it catches become problems. A file with any problem is rejected whole.

The package, one job a module: ``headers`` maps a file's headers to fields and recognises
its kind, ``typed`` parses the raw cells, ``checks`` holds the checker and the checks all
kinds share, ``rules`` the rules of each kind; this module is the entry point.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import polars as pl

from socialstyring.io.cpr import Pseudonymiser, masked, resolve_citizens
from socialstyring.io.problems import ImportRejected, Problem, file_problem
from socialstyring.io.readers import RawTable
from socialstyring.io.schema import (
    APPEALS,
    BUDGETS,
    GRANTS,
    KEY_FIGURES,
    OFFER_ACCOUNTS,
    OFFER_BUDGETS,
    POPULATION,
    POSTINGS,
    PROVIDERS,
    TENANT,
    FileLayout,
)
from socialstyring.io.validation.cells import check_cells, check_stored
from socialstyring.io.validation.checks import MAX_PROBLEMS, Checker, Reference, generic_checks
from socialstyring.io.validation.headers import detect_kind, map_headers
from socialstyring.io.validation.management import (
    check_appeals,
    check_key_figures,
    check_population,
)
from socialstyring.io.validation.offers import (
    check_offer_accounts,
    check_offer_budgets,
    check_provider_capacity,
)
from socialstyring.io.validation.rules import (
    check_budgets,
    check_grants,
    check_postings,
    check_providers,
    check_tenant,
)
from socialstyring.io.validation.typed import parse
from socialstyring.terms import FileKind
from socialstyring.terms.files import AMOUNT, DATE, INTEGER, NUMBER, TEXT
from socialstyring.translation import _

__all__ = [
    "MAX_PROBLEMS",
    "Reference",
    "Validated",
    "detect_kind",
    "map_headers",
    "validate",
]


@dataclass
class Validated:
    kind: FileLayout
    file: str
    frame: pl.DataFrame
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.frame.height

    @property
    def file_kind(self) -> FileKind:
        return self.kind.kind


def validate(
    raw: RawTable,
    ref: Reference,
    pseudonymise: Pseudonymiser,
    kind: FileLayout | None = None,
    *,
    today: dt.date,
) -> Validated:
    """Typed frame of ``raw`` in the core's column names, or :class:`ImportRejected`."""
    kind = kind or detect_kind(raw.headers)
    if kind is None:
        raise ImportRejected(
            [
                file_problem(
                    raw.file,
                    _(
                        "The kind of file cannot be recognised from the headers. Expected "
                        "bevillinger (bevilling_id, borger_id, startdato …), budget (år, "
                        "konto, beløb), posteringer (bogføringsdato, konto, beløb), "
                        "leverandører (leverandør_id, navn, type), tilbudsøkonomi (tilbud_id, "
                        "pladser, direkte_omkostninger) or tilbudsregnskab (tilbud_id, budget, "
                        "indtægter, omkostninger)."
                    ),
                )
            ]
        )
    mapping, unknown, doubled = map_headers(raw.headers, kind)
    problems = [
        Problem(raw.file, 1, c.name, None, _("The column is missing."))
        for c in kind.columns
        if c.required and c.field not in mapping
    ]
    problems += [Problem(raw.file, 1, h, None, _("The column appears twice.")) for h in doubled]
    if problems:
        raise ImportRejected(problems)
    if raw.frame.height == 0:
        raise ImportRejected([file_problem(raw.file, _("The file has headers but no rows."))])

    if kind is GRANTS:  # the citizens' keys are resolved beside parsing and the checks
        with ThreadPoolExecutor(max_workers=1) as pool:
            keys = raw.frame[mapping["citizen_id"]].fill_null("")
            citizens = pool.submit(resolve_citizens, keys, pseudonymise, today)
            return _checked(raw, ref, pseudonymise, kind, mapping, unknown, today, citizens.result)
    return _checked(raw, ref, pseudonymise, kind, mapping, unknown, today)


def _checked(
    raw: RawTable,
    ref: Reference,
    pseudonymise: Pseudonymiser,
    kind: FileLayout,
    mapping: dict[str, str],
    unknown: list[str],
    today: dt.date,
    citizens: Callable[[], pl.DataFrame] | None = None,
) -> Validated:
    frame = parse(raw, kind, mapping)
    check = Checker(frame, {c.field: mapping.get(c.field, c.name) for c in kind.columns})
    generic_checks(check, kind)
    check_cells(check, raw, kind, mapping, today)
    has_tenant = TENANT in mapping
    if has_tenant:
        frame = check_tenant(check, frame, ref)
    else:
        frame = frame.drop(TENANT, strict=False)
        check.frame = frame
    if kind is GRANTS:
        assert citizens is not None
        frame = check_grants(check, frame, ref, citizens)
    elif kind is BUDGETS:
        frame = check_budgets(check, frame, ref)
    elif kind is POSTINGS:
        frame = check_postings(check, frame, ref, mapping)
    elif kind is PROVIDERS:
        frame = check_providers(check, frame, ref)
        check_provider_capacity(check)
    elif kind is OFFER_BUDGETS:
        frame = check_offer_budgets(check, frame, ref)
    elif kind is OFFER_ACCOUNTS:
        frame = check_offer_accounts(check, frame)
    elif kind is APPEALS:
        frame = check_appeals(check, frame, pseudonymise, today)
    elif kind is KEY_FIGURES:
        frame = check_key_figures(check, frame)
    elif kind is POPULATION:
        frame = check_population(check, frame, ref)
    check_stored(check, frame, kind, mapping, today)
    if not has_tenant and len(ref.tenants) > 1:
        raise ImportRejected(
            [
                file_problem(
                    raw.file,
                    _("The import is for several municipalities: give the kommunekode column."),
                )
            ]
        )
    found, total = check.problems(raw.file)
    if found:
        raise ImportRejected(found, total)
    fields = [*kind.fields, TENANT] if has_tenant else list(kind.fields)
    frame = frame.select(fields).cast(_dtypes(kind))  # type: ignore[arg-type]
    return Validated(kind, raw.file, frame, [masked(h) for h in unknown])


_DTYPES = {
    TEXT: pl.String,
    DATE: pl.Date,
    AMOUNT: pl.Float64,
    NUMBER: pl.Float64,
    INTEGER: pl.Int64,
}


def _dtypes(kind: FileLayout) -> dict[str, type[pl.DataType]]:
    """The record's types: a field read as text (a population's år) leaves as its type."""
    return {f.name: _DTYPES[f.type] for f in kind.kind.fields}
