"""The regional agreements' parameter sets: the database's editable copy when there is a
database, the shipped file otherwise (file-only commands)."""

from __future__ import annotations

from dataclasses import fields

import polars as pl

from socialstyring import reference
from socialstyring.core.regional import Agreement
from socialstyring.translation import _

DEFAULT_AGREEMENT = "hovedstaden"


class UnknownAgreement(ValueError):
    """No parameter set of that name."""


def _build(name: str, rows: dict[str, str]) -> Agreement:
    values: dict[str, object] = {"name": name}
    for f in fields(Agreement):
        if f.name == "name":
            continue
        if f.name not in rows:
            raise UnknownAgreement(
                _("The agreement %(name)s has no value for %(parameter)s.")
                % {"name": name, "parameter": f.name}
            )
        raw = rows[f.name]
        values[f.name] = (
            int(float(raw)) if f.type == "int" else float(raw) if f.type == "float" else raw
        )
    return Agreement(**values)  # type: ignore[arg-type]


def shipped_names() -> list[str]:
    return sorted(reference.agreements()["agreement"].unique().to_list())


def shipped_agreement(name: str) -> Agreement:
    table = reference.agreements().filter(pl.col("agreement") == name)
    if table.height == 0:
        raise UnknownAgreement(_("Unknown agreement: %(name)s.") % {"name": name})
    return _build(name, dict(zip(table["parameter"], table["value"], strict=True)))


def agreement(name: str) -> Agreement:
    """From the database's editable copy (falls back to the shipped set)."""
    from socialstyring.storage.models import AgreementParameter

    rows = dict(AgreementParameter.objects.filter(agreement=name).values_list("parameter", "value"))
    if not rows:
        return shipped_agreement(name)
    return _build(name, rows)


def names() -> list[str]:
    from socialstyring.storage.models import AgreementParameter

    stored = AgreementParameter.objects.values_list("agreement", flat=True).distinct()
    return sorted(set(stored)) or shipped_names()
