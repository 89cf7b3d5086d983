"""Municipalities as tenants: which municipality's rows a piece of work may see.

Every tenant row carries a ``municipality`` (the three-digit kommunekode). Work runs inside
:func:`activate` for one or more municipalities:

- the models' managers (django-scopes) filter every ORM query by it, and new rows take it
  as their default;
- the bulk frame I/O in :mod:`socialstyring.storage.frames` filters its SQL by it;
- on PostgreSQL it also sets ``socialstyring.municipality`` on the connection and switches
  to the ``socialstyring_tenant`` role, whose row-level security policies (migration 0006)
  enforce the same rule in the database, so a query that forgets the first two still sees
  nothing of another municipality.

Outside any activation, queries on tenant models raise ``ScopeError``: forgetting is loud.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection
from django_scopes import get_scope, scope, scopes_disabled

DIMENSION = "municipality"
SETTING = "socialstyring.municipality"
ROLE = "socialstyring_tenant"
# The code of an installation that never named its municipality: one municipality needs
# no thought, so its rows all carry this code until SOCIALSTYRING_MUNICIPALITY_CODE says more.
UNNAMED = "000"


class TenancyError(RuntimeError):
    pass


def default_code() -> str:
    """The installation's own municipality: where rows go when nothing else is said."""
    return settings.MUNICIPALITY_CODE or UNNAMED


def current_codes() -> tuple[str, ...] | None:
    """The active municipalities, or None when scoping is disabled (system work)."""
    state = get_scope()
    if not state.get("_enabled", True):
        return None
    if DIMENSION not in state:
        raise TenancyError("No municipality is active for this work.")
    return tuple(state[DIMENSION])


def current_code() -> str:
    """The one active municipality, for new rows (a model field default)."""
    codes = current_codes()
    if codes is None or len(codes) != 1:
        raise TenancyError("New rows need exactly one active municipality.")
    return codes[0]


@contextmanager
def activate(codes: str | Iterable[str], *, database: bool = True) -> Iterator[None]:
    """Work for these municipalities; ``database`` also enforces it in PostgreSQL."""
    chosen = [codes] if isinstance(codes, str) else list(codes)
    with scope(**{DIMENSION: chosen}):
        if database and connection.vendor == "postgresql":
            with _database_tenant(chosen):
                yield
        else:
            yield


@contextmanager
def _database_tenant(codes: list[str]) -> Iterator[None]:
    # One statement in and one out (SET ROLE is the "role" setting), since every request
    # pays for them. "none" hands back the session's own role.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting(%s, true), current_setting('role'), "
            "set_config(%s, %s, false), set_config('role', %s, false)",
            [SETTING, SETTING, ",".join(codes), ROLE],
        )
        previous, previous_role, _, _ = cursor.fetchone()
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                # A nested activation hands back the outer one's role and municipalities.
                cursor.execute(
                    "SELECT set_config('role', %s, false), set_config(%s, %s, false)",
                    [previous_role or "none", SETTING, previous or ""],
                )
        except DatabaseError:
            # The transaction failed; rolling it back undoes both settings.
            pass


@contextmanager
def as_owner_for(codes: Iterable[str]) -> Iterator[None]:
    """PostgreSQL refuses ``COPY FROM`` into a table under row-level security, so a bulk load
    runs as the tables' owner, for rows whose municipalities are checked here to be active
    ones: the same rule the policy enforces, checked once for the whole load."""
    active = current_codes()
    outside = sorted(set(codes) - set(active)) if active is not None else []
    if outside:
        raise TenancyError(f"Rows for municipalities that are not active: {outside}")
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('role'), set_config('role', 'none', false)")
        previous = cursor.fetchone()[0]
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('role', %s, false)", [previous or "none"])
        except DatabaseError:
            pass  # the transaction failed; rolling it back restores the role


__all__ = [
    "as_owner_for",
    "UNNAMED",
    "TenancyError",
    "activate",
    "current_code",
    "current_codes",
    "default_code",
    "scopes_disabled",
]
