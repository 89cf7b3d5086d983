"""The import files: the demo frames written as CSV in the shape of ``import-format.md``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from socialstyring import terms
from socialstyring.io.schema import BUDGETS, GRANTS, POSTINGS, PROVIDERS, FileLayout

if TYPE_CHECKING:  # only for the annotation: generator imports this module
    from socialstyring.demo.generator import DemoMunicipality

STYLES = {
    # delimiter, decimal comma, date format, byte-order mark
    "danish": (";", True, "%d-%m-%Y", True),
    "plain": (",", False, "%Y-%m-%d", False),
}
FILES: tuple[tuple[str, FileLayout], ...] = (
    ("grants", GRANTS),
    ("budgets", BUDGETS),
    ("postings", POSTINGS),
    ("providers", PROVIDERS),
)
CODE_LABELS = {  # the core's codes → the Danish codes of import-format.md
    "area": terms.AREAS.file_codes,
    "price_unit": terms.PRICE_UNITS.file_codes,
    "tariff_unit": terms.PRICE_UNITS.file_codes,
    "provider_type": terms.PROVIDER_TYPES.file_codes,
    "kind": terms.BUDGET_KINDS.file_codes,
}


def write_files(demo: DemoMunicipality, folder: Path, style: str = "danish") -> dict[str, Path]:
    """Write the four import files of ``import-format.md`` to ``folder``: file kind name → path.

    ``danish``: ``;``, decimal comma, ``dd-mm-åååå``, UTF-8 with BOM. ``plain``: ``,``, decimal
    point, ISO dates, UTF-8. Canonical headers in the spec's column order, Danish codes,
    amounts with two decimals and no thousands grouping."""
    if style not in STYLES:
        raise ValueError(f"Unknown style {style!r}; use one of {sorted(STYLES)}")
    delimiter, decimal_comma, date_format, bom = STYLES[style]
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for attribute, kind in FILES:
        frame: pl.DataFrame = getattr(demo, attribute)
        fields = [c.field for c in kind.columns if c.field in frame.columns]
        out = frame.select(
            (
                pl.col(f).replace_strict(CODE_LABELS[f], return_dtype=pl.String)
                if f in CODE_LABELS
                else pl.col(f)
            ).alias(kind.column(f).name)
            for f in fields
        )
        path = folder / f"{kind.name}.csv"
        out.write_csv(
            path,
            separator=delimiter,
            include_bom=bom,
            null_value="",
            date_format=date_format,
            float_precision=2,
            float_scientific=False,
            decimal_comma=decimal_comma,
        )
        written[kind.name] = path
    return written
