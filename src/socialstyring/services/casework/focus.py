"""The focus rules' hits, from files (nothing stored) or from the database.

Runs without Django for files (the CLI's ``focus FILES``), so it translates with the
standard library's gettext, like ``services/forecasting``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from socialstyring import reference
from socialstyring.core import rules as core
from socialstyring.io.rules import RulesFileError, read_rules, write_rules
from socialstyring.services import forecasting
from socialstyring.services.files import Source
from socialstyring.translation import _

__all__ = [
    "FocusResult",
    "RulesFileError",
    "UnknownRule",
    "builtin_rules",
    "choose",
    "focus_from_database",
    "focus_from_uploads",
    "read_rules",
    "write_rules",
]


class UnknownRule(ValueError):
    """A rule code that is in none of the rule sets; ``str()`` is the Danish message."""


@dataclass(frozen=True)
class FocusResult:
    as_of: dt.date
    results: list[core.RuleResult]

    def as_json(self) -> dict[str, object]:
        return core.results_as_json(self.results, self.as_of)


def builtin_rules() -> list[core.Rule]:
    """The shipped rules, in the order docs/casework.md lists them."""
    return [core.parse_rule(r) for r in reference.focus_rules()]


def combined(base: Sequence[core.Rule], extra: Sequence[core.Rule]) -> list[core.Rule]:
    """``base`` then ``extra``; an extra rule with a base rule's code takes its place."""
    replacing = {r.code: r for r in extra}
    kept = [replacing.pop(r.code, r) for r in base]
    return kept + [r for r in extra if r.code in replacing]


def choose(rules: Sequence[core.Rule], codes: Sequence[str]) -> list[core.Rule]:
    """The rules named by ``codes`` in that order; all of them when none are named."""
    if not codes:
        return list(rules)
    by_code = {r.code: r for r in rules}
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        raise UnknownRule(
            _("Unknown rule %(codes)s; the rules are %(choices)s.")
            % {"codes": ", ".join(unknown), "choices": ", ".join(by_code)}
        )
    return [by_code[c] for c in dict.fromkeys(codes)]


def focus_from_uploads(
    uploads: Sequence[Source], as_of: dt.date, rules: Sequence[core.Rule]
) -> FocusResult:
    """The rules over the files' grants (checked as an import would; nothing stored)."""
    inputs = forecasting.inputs_from_uploads(uploads)
    return evaluate(inputs.grants, inputs.providers, as_of, rules, reference.refund_thresholds())


def evaluate(
    grants: pl.DataFrame,
    providers: pl.DataFrame | None,
    as_of: dt.date,
    rules: Sequence[core.Rule],
    thresholds: pl.DataFrame,
) -> FocusResult:
    results = core.evaluate(grants, rules, as_of, providers=providers, thresholds=thresholds)
    return FocusResult(as_of, results)


def focus_from_database(
    as_of: dt.date, rules: Sequence[core.Rule], *, saved: pl.DataFrame | None = None
) -> FocusResult:
    """The rules over the database's grants known on ``as_of`` (the current municipality);
    ``saved``: every grant it has, just saved (see :func:`database_inputs`)."""
    grants, providers, thresholds = database_inputs(as_of, saved=saved)
    return evaluate(grants, providers, as_of, rules, thresholds)


def database_inputs(
    as_of: dt.date, *, saved: pl.DataFrame | None = None
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The known grants, providers and refund thresholds. ``saved``: the municipality's
    grants as an import has just stored them all (a first load), taken instead of reading
    them back."""
    from socialstyring.storage import frames
    from socialstyring.storage.models import RefundThreshold

    rows = list(RefundThreshold.objects.values("price_level", "tier", "threshold"))
    thresholds = pl.DataFrame(
        rows, schema={"price_level": pl.Int64, "tier": pl.Int64, "threshold": pl.Float64}
    )
    if thresholds.height == 0:
        thresholds = reference.refund_thresholds()
    grants = (
        frames.load_known_grants(as_of) if saved is None else frames.known_grants_of(saved, as_of)
    )
    return grants, frames.load_providers(), thresholds
