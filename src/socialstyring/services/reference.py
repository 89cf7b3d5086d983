"""The reference data rows are validated against: the database's editable copy when
there is a database, the shipped files otherwise."""

from __future__ import annotations

from socialstyring import reference
from socialstyring.io.validation import Reference


def shipped_reference() -> Reference:
    return Reference(
        accounts=frozenset(reference.chart_of_accounts()["function"].to_list()),
        municipalities=frozenset(reference.municipalities()["code"].to_list()),
    )


def shipped_account_names() -> dict[str, str]:
    """Function → name from the shipped chart of accounts (for file-only commands)."""
    chart = reference.chart_of_accounts()
    return dict(zip(chart["function"], chart["name"], strict=True))


def database_reference() -> Reference:
    """The database's reference data, and the municipalities the current work may write
    rows for."""
    from socialstyring.storage import tenancy
    from socialstyring.storage.models import Account, Municipality

    return Reference(
        accounts=frozenset(Account.objects.values_list("function", flat=True)),
        municipalities=frozenset(Municipality.objects.values_list("code", flat=True)),
        tenants=frozenset(tenancy.current_codes() or ()),
    )
