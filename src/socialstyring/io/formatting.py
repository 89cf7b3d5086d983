"""Danish display of money and dates: ``1.234.567 kr.``, ``31-05-2026``."""

from __future__ import annotations

import datetime as dt

MINUS = "-"


def kroner(amount: float | None, *, suffix: bool = True) -> str:
    """Whole kroner with thousands dots; rounding happens only here, at the edge."""
    if amount is None:
        return ""
    rounded = round(amount)
    if rounded == 0:
        rounded = 0  # no "-0"
    digits = f"{abs(rounded):,}".replace(",", ".")
    text = f"{MINUS if rounded < 0 else ''}{digits}"
    return f"{text} kr." if suffix else text


def date_dk(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def number_dk(value: float | None, decimals: int = 2) -> str:
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


# Excel number formats that show the same notation in a Danish Excel.
XLSX_KRONER = '#,##0" kr.";-#,##0" kr."'
XLSX_DATE = "dd-mm-yyyy"


def percent(share: float | None, decimals: int = 1) -> str:
    """A share as a Danish percentage: 0.18605 → ``18,6 %``."""
    if share is None:
        return ""
    return f"{number_dk(share * 100, decimals)} %"
