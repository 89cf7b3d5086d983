"""Read and validate a set of import files: all of them, every problem, before anything is used."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from socialstyring.io.cpr import Pseudonymiser
from socialstyring.io.problems import ImportRejected, Problem, file_problem
from socialstyring.io.readers import read_table
from socialstyring.io.validation import Reference, Validated, validate

# No Django here: the CLI reads files before Django is set up (and the file-only forecast
# never sets it up), so this module translates with the standard library's gettext.
from socialstyring.translation import _


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @classmethod
    def from_path(cls, path: Path) -> Upload:
        return cls(path.name, path.read_bytes())


@dataclass
class Checked:
    upload: Upload
    result: Validated | None
    rejection: ImportRejected | None


def read_uploads(paths: Iterable[Path]) -> list[Upload]:
    uploads = []
    problems: list[Problem] = []
    for path in paths:
        try:
            uploads.append(Upload.from_path(Path(path)))
        except OSError as exc:
            problems.append(
                file_problem(
                    str(path),
                    _("The file cannot be opened (%(error)s).") % {"error": exc.strerror or exc},
                )
            )
    if problems:
        raise ImportRejected(problems)
    return uploads


def check_uploads(
    uploads: list[Upload], ref: Reference, pseudonymise: Pseudonymiser, *, today: dt.date
) -> list[Checked]:
    """Every upload validated; ``today`` is the clock's date (no CPR is born after it)."""
    checked = []
    for upload in uploads:
        try:
            raw = read_table(upload.data, upload.name)
            checked.append(Checked(upload, validate(raw, ref, pseudonymise, today=today), None))
        except ImportRejected as rejection:
            checked.append(Checked(upload, None, rejection))
    return checked


def rejection_of(checked: list[Checked]) -> ImportRejected | None:
    """All problems of all files as one rejection, or None when every file is clean."""
    rejected = [c.rejection for c in checked if c.rejection is not None]
    if not rejected:
        return None
    problems = [p for r in rejected for p in r.problems]
    return ImportRejected(problems, sum(r.total for r in rejected))
