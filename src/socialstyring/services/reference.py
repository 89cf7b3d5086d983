"""The reference data rows are validated against: the database's editable copy when
there is a database, the shipped files otherwise."""

from __future__ import annotations

from socialstyring import reference
from socialstyring.io.validation import Reference

COUNTRY_CODE = "DK"  # the whole country in a population file ("Hele landet")


def place_names(rows: list[tuple[str, str, str, str]]) -> tuple[tuple[str, str], ...]:
    """Casefolded place name → code from (code, name, region code, region name) rows: the
    municipalities, their regions and the whole country, as Statistics Denmark names them."""
    names = {name.casefold(): code for code, name, _r, _rn in rows}
    names.update({region.casefold(): rcode for _c, _n, rcode, region in rows})
    names["hele landet"] = COUNTRY_CODE
    return tuple(sorted(names.items()))


def shipped_reference() -> Reference:
    municipalities = reference.municipalities()
    return Reference(
        accounts=frozenset(reference.chart_of_accounts()["function"].to_list()),
        municipalities=frozenset(municipalities["code"].to_list()),
        place_names=place_names(
            municipalities.select("code", "name", "region_code", "region_name").rows()
        ),
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
        place_names=place_names(
            list(Municipality.objects.values_list("code", "name", "region_code", "region_name"))
        ),
    )
