"""Setting up an installation: the data folder, the keys and the database schema.

Nothing here runs when settings load. A new, empty database is set up on first use (a
newcomer's first ``socialstyring import`` just works); an existing one is only migrated
when someone says so (``socialstyring migrate``), and is refused until then."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from socialstyring import clock
from socialstyring.errors import SetupError
from socialstyring.io.cpr import Pseudonymiser
from socialstyring.keys import read_secret, write_secret
from socialstyring.storage.models import Installation

_CHECK_TEXT = b"socialstyring: pseudonym key check"


class DatabaseState(Enum):
    NEW = "new"  # no migration applied: an empty database
    BEHIND = "behind"  # migrations waiting
    CURRENT = "current"


@dataclass(frozen=True)
class SetupReport:
    data_dir: Path
    database: str
    created_keys: tuple[str, ...]
    migrated: bool


def database_label() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return str(db["NAME"])
    return _("%(name)s on %(host)s") % {
        "name": db.get("NAME"),
        "host": db.get("HOST") or "localhost",
    }


def _ensure_sqlite_folder() -> None:
    """The SQLite file holds personal data: its folder is 0700 and the file 0600 before
    SQLite creates it (its own default would follow the umask, often world-readable)."""
    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    in_memory = name == ":memory:" or "mode=memory" in name  # also the tests' shared URI
    if db["ENGINE"].endswith("sqlite3") and not in_memory:
        path = Path(db["NAME"])
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            path.touch(mode=0o600)


def _migration_files() -> set[tuple[str, str]]:
    """Every migration of the installed apps as ``(app label, name)``, from the file names
    alone, as Django's loader finds them (modules not starting with ``_`` or ``~``)."""
    from django.db.migrations.loader import MigrationLoader

    found = set()
    for config in apps.get_app_configs():
        module, _explicit = MigrationLoader.migrations_module(config.label)
        spec = importlib.util.find_spec(module) if module else None
        if spec is None or not spec.submodule_search_locations:
            continue
        for info in pkgutil.iter_modules(spec.submodule_search_locations):
            if not info.ispkg and info.name[0] not in "_~":
                found.add((config.label, info.name))
    return found


def _every_migration_recorded() -> bool:
    """True when each migration file is recorded as applied: one query, where the full check
    imports every migration module and builds the graph (0,03-0,1 s per command). Anything
    else (a new database, a squashed migration, one waiting) takes the full check."""
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations()
    files = _migration_files()
    return bool(applied) and bool(files) and files <= applied.keys()


def database_state() -> DatabaseState:
    _ensure_sqlite_folder()
    if _every_migration_recorded():
        return DatabaseState.CURRENT
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if not executor.loader.applied_migrations:
        return DatabaseState.NEW
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return DatabaseState.BEHIND if plan else DatabaseState.CURRENT


def migrate() -> None:
    from django.core.management import call_command

    _ensure_sqlite_folder()
    call_command("migrate", verbosity=0, interactive=False)


def ensure_keys() -> tuple[str, ...]:
    """Create the secret and pseudonym key files that are neither set nor present."""
    created = []
    if not settings.PSEUDONYM_KEY and not read_secret(settings.PSEUDONYM_KEY_FILE):
        write_secret(settings.PSEUDONYM_KEY_FILE)
        created.append(str(settings.PSEUDONYM_KEY_FILE))
    if not read_secret(settings.SECRET_KEY_FILE) and not settings.PRODUCTION:
        write_secret(settings.SECRET_KEY_FILE, 50)
        created.append(str(settings.SECRET_KEY_FILE))
    return tuple(created)


def initialise(meanwhile: Callable[[], object] | None = None) -> SetupReport:
    """The explicit setup step (``init``, ``demo``): keys, then the schema brought up to
    date. ``meanwhile`` is called once the keys exist, before the schema is made: work
    it starts in a thread of its own (checking files) runs while the migrations do."""
    created = () if settings.PRODUCTION else ensure_keys()
    if meanwhile is not None:
        meanwhile()
    migrate()
    return SetupReport(settings.DATA_DIR, database_label(), created, True)


def ready_for_use(meanwhile: Callable[[], object] | None = None) -> SetupReport | None:
    """Before any command touches data: a new database is set up (and reported), a
    database behind the code is refused with what to do. ``meanwhile``: see
    :func:`initialise` (called only when the database is new)."""
    state = database_state()
    if state is DatabaseState.NEW:
        return initialise(meanwhile)
    if state is DatabaseState.BEHIND:
        raise SetupError(
            _(
                "The database (%(database)s) is from an older version and must be updated "
                "before it is used. Take a backup, then run: socialstyring migrate"
            )
            % {"database": database_label()}
        )
    return None


def pseudonym_key() -> bytes:
    key = settings.PSEUDONYM_KEY or read_secret(settings.PSEUDONYM_KEY_FILE)
    if not key:
        raise SetupError(
            _(
                "The key for CPR pseudonyms is missing (SOCIALSTYRING_PSEUDONYM_KEY or "
                "%(file)s). Run 'socialstyring init' for a new installation, or restore the "
                "key from the backup."
            )
            % {"file": settings.PSEUDONYM_KEY_FILE}
        )
    return key.encode("utf-8")


def _check_of(key: bytes) -> str:
    return hmac.new(key, _CHECK_TEXT, hashlib.sha256).hexdigest()


def pseudonymiser() -> Pseudonymiser:
    """The pseudonymiser of this database: the first import records which key it uses, and
    every later import must use the same one."""
    key = pseudonym_key()
    check = _check_of(key)
    recorded = Installation.objects.values_list("pseudonym_check", flat=True).first()
    if recorded is None:
        Installation.objects.create(created_at=clock.now(), pseudonym_check=check)
    elif not hmac.compare_digest(recorded, check):
        raise SetupError(
            _(
                "The key for CPR pseudonyms does not match the database: with it the same "
                "citizens would get new pseudonyms. Use the key the database was created with "
                "(SOCIALSTYRING_PSEUDONYM_KEY or %(file)s)."
            )
            % {"file": settings.PSEUDONYM_KEY_FILE}
        )
    return Pseudonymiser(key)


__all__ = [
    "DatabaseState",
    "SetupError",
    "database_state",
    "initialise",
    "migrate",
    "pseudonymiser",
    "ready_for_use",
]
