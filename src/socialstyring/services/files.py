"""Read and validate a set of import files: all of them, every problem, before anything is used."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from socialstyring.io.cpr import Pseudonymiser
from socialstyring.io.problems import ImportRejected, Problem, file_problem
from socialstyring.io.readers import announced_headers, cannot_open, read_table
from socialstyring.io.validation import Reference, Validated, detect_kind, validate
from socialstyring.terms import FileKind


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes

    @functools.cached_property  # the import record and its audit entry both name it
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def head(self, size: int) -> bytes:
        return self.data[:size]

    @property
    def contents(self) -> bytes:
        return self.data

    @classmethod
    def from_path(cls, path: Path) -> Upload:
        return cls(path.name, path.read_bytes())


class Source(Protocol):
    """A file to check: an :class:`Upload` in memory or a file :class:`OnDisk`."""

    @property
    def name(self) -> str: ...

    @property
    def data(self) -> bytes: ...

    @property
    def sha256(self) -> str: ...

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes."""
        ...

    @property
    def contents(self) -> bytes | Path:
        """What the reader reads: the bytes, or the path of a file on disk (which it maps
        into memory instead of copying)."""
        ...


@dataclass(frozen=True)
class OnDisk:
    """A file named on the command line, read only while it is checked: a set of large
    files is never in memory at once."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()

    @property
    def contents(self) -> Path:
        return self.path

    def head(self, size: int) -> bytes:
        with self.path.open("rb") as handle:
            return handle.read(size)

    @functools.cached_property
    def sha256(self) -> str:
        with self.path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass
class Checked:
    upload: Source
    result: Validated | None
    rejection: ImportRejected | None


def read_uploads(paths: Iterable[Path]) -> list[OnDisk]:
    """The files, each opened once here so every one that cannot be read is named at once."""
    uploads = []
    problems: list[Problem] = []
    for path in paths:
        try:
            with Path(path).open("rb") as handle:
                handle.read(1)
            uploads.append(OnDisk(Path(path)))
        except OSError as exc:
            problems.append(file_problem(str(path), cannot_open(exc)))
    if problems:
        raise ImportRejected(problems)
    return uploads


def check_uploads(
    uploads: Sequence[Source], ref: Reference, pseudonymise: Pseudonymiser, *, today: dt.date
) -> list[Checked]:
    """Every upload validated; ``today`` is the clock's date (no CPR is born after it)."""
    return [check_upload(upload, ref, pseudonymise, today=today) for upload in uploads]


def check_upload(
    upload: Source, ref: Reference, pseudonymise: Pseudonymiser, *, today: dt.date
) -> Checked:
    try:
        raw = read_table(upload.contents, upload.name)
        return Checked(upload, validate(raw, ref, pseudonymise, today=today), None)
    except ImportRejected as rejection:
        return Checked(upload, None, rejection)


HEAD_BYTES = 1 << 16  # enough for any header line of the file kinds


def announced_kind(upload: Source) -> FileKind | None:
    """The kind of file its header line announces, before it is read (None: unknown, or a
    workbook). The check of the whole file decides; this only orders the work."""
    headers = announced_headers(upload.head(HEAD_BYTES))
    kind = detect_kind(headers) if headers else None
    return kind.kind if kind else None


def rejection_of(checked: list[Checked]) -> ImportRejected | None:
    """All problems of all files as one rejection, or None when every file is clean."""
    rejected = [c.rejection for c in checked if c.rejection is not None]
    if not rejected:
        return None
    problems = [p for r in rejected for p in r.problems]
    return ImportRejected(problems, sum(r.total for r in rejected))
