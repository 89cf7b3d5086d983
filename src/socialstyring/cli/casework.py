"""``socialstyring focus``: the focus rules' hits, from files or from the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from socialstyring import clock
from socialstyring.cli.common import AS_OF, KOMMUNE, OUTPUT, database, emit, format_option, reject
from socialstyring.services.files import ImportRejected
from socialstyring.translation import _


@click.command(
    "focus",
    help=_(
        "The focus rules' hits: the cases to look at, each with its reason, grants, cost "
        "this year and run rate.\n\n"
        "With FILES it is calculated straight from the files, and nothing is saved; "
        "without, the database is read. Every built-in rule is used unless --rule names some."
    ),
)
@AS_OF
@click.option(
    "--rule",
    "codes",
    multiple=True,
    help=_("A rule's code; may be given several times (default: every rule)."),
)
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help=_("A rules file (JSON) whose rules are used besides the built-in ones."),
)
@format_option("table", "json", "xlsx", "csv")
@OUTPUT
@KOMMUNE
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def focus_command(
    as_of: dt.datetime | None,
    codes: tuple[str, ...],
    rules_file: Path | None,
    fmt: str,
    output: Path | None,
    kommune: str | None,
    files: tuple[Path, ...],
) -> None:
    """The focus rules over files (nothing stored) or the database."""
    from socialstyring.services.casework import exports, focus
    from socialstyring.services.files import read_uploads

    day = as_of.date() if as_of else clock.today()
    try:
        extra = focus.read_rules(rules_file.read_bytes(), rules_file.name) if rules_file else []
    except focus.RulesFileError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        if files:
            rules = _chosen(focus.combined(focus.builtin_rules(), extra), codes)
            result = focus.focus_from_uploads(read_uploads(files), day, rules)
        else:
            with database(kommune):
                from socialstyring.services.casework import rulebook

                rules = _chosen(focus.combined(rulebook.rules(), extra), codes)
                result = focus.focus_from_database(day, rules)
    except ImportRejected as rejection:
        reject(rejection)
    emit(exports.render(result, fmt), fmt, output)


def _chosen(rules, codes):
    from socialstyring.services.casework import focus

    try:
        return focus.choose(rules, codes)
    except focus.UnknownRule as exc:
        raise click.UsageError(str(exc)) from None
