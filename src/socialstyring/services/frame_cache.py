"""A per-process cache of frames read from the database, keyed by the data version of the
municipalities they were read for (one cheap query per use). An import draws a new version
in its own transaction, so every worker process sees its cached frames go stale at the
commit, and none ever serves another municipality's frames."""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

from socialstyring.storage import tenancy, versions

T = TypeVar("T")
MAX_ENTRIES = 24
MAX_BYTES = 1024 * 1024 * 1024  # frames of about 5M grants' forecast columns

_lock = threading.Lock()
_entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
_building: dict[Hashable, threading.RLock] = {}  # the keys being built, each with its lock
_local = threading.local()  # the versions read in a one_version_read() block
_stats = {"hits": 0, "misses": 0}


def _size(value: Any) -> int:
    """Bytes held by the frames in ``value`` (a frame, a tuple or an object of frames)."""
    fields = getattr(value, "__dict__", None)
    if fields is not None:
        parts = list(fields.values())
    else:
        parts = list(value) if isinstance(value, tuple) else [value]
    return sum(int(p.estimated_size()) for p in parts if hasattr(p, "estimated_size"))


def cached(name: str, args: Hashable, build: Callable[[], T], *, edits: bool = False) -> T:
    """``build()``, or what it gave before for the same ``args`` and data version (and,
    with ``edits``, the same version of the users' edits: ``versions.EDITS``). Nothing is
    cached for system work outside any municipality."""
    codes = tenancy.current_codes()
    if codes is None:
        return build()
    found = _versions(codes)
    key = (name, args, found if edits else tuple(v for v in found if v[0] != versions.EDITS))
    with _lock:
        if key in _entries:
            return _hit(key)
        building = _building.setdefault(key, threading.RLock())
    # One thread builds, the others asking for the same key wait for it: after an import,
    # twenty users opening the overview at once cost one read and forecast, not twenty.
    with building:
        with _lock:
            if key in _entries:
                return _hit(key)
            _stats["misses"] += 1
        try:
            value = build()
        finally:
            with _lock:
                _building.pop(key, None)
        size = _size(value)
        with _lock:
            _entries[key] = (value, size)
            while len(_entries) > MAX_ENTRIES or (
                len(_entries) > 1 and sum(s for _, s in _entries.values()) > MAX_BYTES
            ):
                _entries.popitem(last=False)
    return value


def _hit(key: Hashable) -> Any:
    _entries.move_to_end(key)
    _stats["hits"] += 1
    return _entries[key][0]


def _versions(codes) -> tuple[tuple[str, int], ...]:
    """The municipalities' versions and the edits' version, read in one query."""
    held = getattr(_local, "versions", None)
    if held is None:
        return versions.current((versions.EDITS, *codes))
    if codes not in held:
        held[codes] = versions.current((versions.EDITS, *codes))
    return held[codes]


@contextlib.contextmanager
def one_version_read() -> Iterator[None]:
    """A block (one page) whose cached reads look the data version up once: its figures
    then also come from one and the same version."""
    outer = getattr(_local, "versions", None)
    _local.versions = {} if outer is None else outer
    try:
        yield
    finally:
        _local.versions = outer


def persisted():
    """A block whose grant reads go through files kept per municipality and data version
    (``storage.frame_files``): a new process, such as the command line, reuses the read of
    the one before."""
    from socialstyring.storage import frame_files

    return frame_files.persisted()


def clear() -> None:
    with _lock:
        _entries.clear()


def stats() -> dict[str, int]:
    with _lock:
        return {**_stats, "entries": len(_entries)}
