"""Secrets kept in files of the data folder (development and demo installations)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def read_secret(path: Path) -> str:
    """The secret kept in ``path``, or "" when there is none (never creates it)."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def write_secret(path: Path, nbytes: int = 32) -> str:
    """Create ``path`` (0600) with a new random secret; an existing one is kept and returned."""
    if path.exists():
        return read_secret(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    value = secrets.token_hex(nbytes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value
