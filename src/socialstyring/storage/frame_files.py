"""Grant frames read from the database, kept as Arrow IPC files in the data folder so the
next command-line forecast of the same data reads a file instead of scanning the grants
table again (a new process has no memory of the last one; ``services.frame_cache`` is the
web workers' per-process cache).

Why it is correct:

- A file belongs to one municipality (``DATA_DIR/frames/<code>/``) and is named by that
  municipality's data version, read *before* the rows: an import commits a new random
  version with its rows, so a file is only ever found while its version stands, and a
  file written by a read that overlapped an import is named by the old version, never
  looked up again. Only work with exactly one active municipality uses files; a
  municipality that never saved data (version 0) has none.
- The name also holds a digest of the query (its conditions, parameters and columns) and
  of the storage migrations the code has, so each read has its own file and a migration
  that rewrites rows leaves the old files unused.
- Grants hold pseudonyms, never a CPR number, so neither does a file. The folder is the
  data folder's, where the installation's keys already are (owner only).
- Any problem with a file (missing, unreadable, a full disk) falls back to the database;
  a file is written under a temporary name and renamed, so none is read half written.
  Writing a new version's file deletes that municipality's older ones.

Used only inside :func:`persisted` (the command-line forecast), and not at all with
``SOCIALSTYRING_FRAME_FILES=0`` (a read-only data folder, or to measure without them).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl
from django.conf import settings

from socialstyring.storage import tenancy, versions

_enabled: contextvars.ContextVar[bool] = contextvars.ContextVar("frame_files", default=False)
SUFFIX = ".arrow"


@contextlib.contextmanager
def persisted() -> Iterator[None]:
    """Within this block, grant reads go through the files."""
    token = _enabled.set(True)
    try:
        yield
    finally:
        _enabled.reset(token)


def folder(code: str) -> Path:
    return Path(settings.DATA_DIR) / "frames" / code


def read_through(query: tuple, build: Callable[[], pl.DataFrame]) -> pl.DataFrame:
    """The frame of ``query`` from its file when the data version still stands, else
    ``build()`` (the database read), kept for the next time."""
    if not _enabled.get() or os.environ.get("SOCIALSTYRING_FRAME_FILES") == "0":
        return build()
    codes = tenancy.current_codes()
    if codes is None or len(codes) != 1:
        return build()
    ((code, version),) = versions.current(codes)  # before the rows: see the module doc
    if version == 0:
        return build()
    digest = hashlib.sha256(repr((query, _migrations())).encode("utf-8")).hexdigest()[:32]
    path = folder(code) / f"{version}-{digest}{SUFFIX}"
    with contextlib.suppress(OSError, pl.exceptions.PolarsError):
        return pl.read_ipc(path.read_bytes())  # bytes, not a mapping another run may delete
    frame = build()
    with contextlib.suppress(OSError, pl.exceptions.PolarsError):
        _write(path, frame, version)
    return frame


@functools.cache
def _migrations() -> tuple[str, ...]:
    from socialstyring.storage import migrations

    return tuple(sorted(p.name for p in Path(migrations.__file__).parent.glob("0*.py")))


def _write(path: Path, frame: pl.DataFrame, version: int) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        frame.write_ipc(temporary, compression="uncompressed")
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    for old in path.parent.glob(f"*{SUFFIX}"):
        if not old.name.startswith(f"{version}-"):
            with contextlib.suppress(OSError):
                old.unlink()
