"""A report as a plain-text table for the terminal, with an optional totals row."""

from __future__ import annotations

import io
from typing import Any

import polars as pl
from rich.console import Console
from rich.table import Table

from socialstyring.io.formatting import kroner, percent
from socialstyring.io.writers import Report


def write_table(
    report: Report, frame: pl.DataFrame, caption: str, totals: dict[str, Any] | None
) -> str:
    table = Table(title=f"{report.title} — {caption}", title_justify="left")
    for col in report.columns:
        table.add_column(
            col.label,
            justify="right" if col.kind == "kroner" else "left",
            overflow="fold",
            max_width=44,
        )
    for row in frame.select([c.field for c in report.columns]).iter_rows():
        table.add_row(
            *(
                kroner(v)
                if c.kind == "kroner"
                else percent(v)
                if c.kind == "share"
                else str(v)
                if c.kind == "count" and v is not None
                else str(v or "")
                for c, v in zip(report.columns, row, strict=True)
            )
        )
    if totals is not None:
        table.add_section()
        table.add_row(
            *(
                kroner(totals.get(c.field))
                if c.kind == "kroner"
                else ((report.totals_label or "") if i == 0 else "")
                for i, c in enumerate(report.columns)
            ),
            style="bold",
        )
    buffer = io.StringIO()
    Console(file=buffer, width=200, force_terminal=False, color_system=None).print(table)
    return buffer.getvalue().rstrip()
