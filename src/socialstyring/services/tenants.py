"""Working for a municipality: the way in for the web app and the CLI to tenancy."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _

from socialstyring.errors import SetupError
from socialstyring.services.access import Viewer
from socialstyring.storage import tenancy
from socialstyring.storage.tenancy import TenancyError, default_code


@contextmanager
def working_for(viewer: Viewer) -> Iterator[None]:
    """Everything inside sees only the viewer's municipalities (nothing for a viewer
    without one), in the ORM, the bulk frame I/O and, on PostgreSQL, the database."""
    with tenancy.activate(viewer.municipalities):
        yield


def check_municipality(code: str) -> str:
    """A kommunekode a row may belong to: one of the country's, or the installation's own."""
    from socialstyring.storage.models import Municipality

    code = code.strip()
    known = Municipality.objects.filter(code=code).exists()
    # A region's own rows (its offers' budgets and accounts, docs/regional.md) carry the
    # last three digits of its region code, e.g. 081 for Region Nordjylland (1081).
    region = Municipality.objects.filter(region_code__endswith=code).exists() and len(code) == 3
    if code != default_code() and not known and not region:
        raise SetupError(
            _("The municipality code %(code)s does not exist (three digits, e.g. 851 for Aalborg).")
            % {"code": repr(code)}
        )
    return code


def names(codes: tuple[str, ...]) -> str:
    """The municipalities as users know them: "851 Aalborg", or the code alone for the
    installation's unnamed one."""
    from socialstyring.storage.models import Municipality

    known = dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))
    return ", ".join(f"{c} {known[c]}" if c in known else c for c in codes)


@contextmanager
def municipality(code: str | None = None) -> Iterator[tuple[str, ...]]:
    """Work for ``code`` (one kommunekode, or several separated by commas, as a system
    import for several municipalities), or the installation's own."""
    chosen = (
        tuple(check_municipality(c) for c in code.split(",") if c.strip())
        if code
        else (default_code(),)
    )
    with tenancy.activate(chosen):
        yield chosen


__all__ = ["TenancyError", "check_municipality", "default_code", "municipality", "working_for"]
