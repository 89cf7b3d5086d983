"""Problems found in an import file, reported in plain language (translated: the
reasons are msgids of the catalogue, see docs/i18n.md)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from socialstyring.translation import _

PROBLEM_SCHEMA = {"row": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # as a spreadsheet shows it: header = 1; None for the whole file
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column '%(column)s'") % {"column": self.column})
        shown = (
            " " + _("(value: '%(value)s')") % {"value": self.value}
            if self.value not in (None, "")
            else ""
        )
        return f"{', '.join(where)}: {self.reason}{shown}"


class ImportRejected(Exception):
    """A file (or set of files) was rejected whole; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(_("%(count)s errors") % {"count": self.total})

    def report(self, limit: int = 200) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if self.total > len(lines):
            lines.append(_("… and %(count)s more errors.") % {"count": self.total - len(lines)})
        files = sorted({p.file for p in self.problems})
        head = _(
            "Rejected: %(files)s were not loaded (%(total)s errors). Nothing has been saved."
        ) % {"files": ", ".join(files), "total": self.total}
        return "\n".join([head, *lines])


def file_problem(file: str, reason: str, column: str | None = None) -> Problem:
    return Problem(file, None, column, None, reason)
