"""The registry of terms: the one place each code, measure, grouping, file kind and month
name is declared, with its label (English msgid, Danish from the catalogue: docs/i18n.md).
Pure Python, no Django and no polars, so core, io, storage, services, web and cli may all
import it; everything else derives from it (model choices, parsers' alias maps, labels,
exports, CLI choices, templates)."""

from socialstyring.terms.codes import (
    ACCOUNT_AREAS,
    AREAS,
    BUDGET_KINDS,
    DEFAULT_BUDGET_KIND,
    MAIN_FUNCTION_AREAS,
    OTHER_ACCOUNTS,
    PRICE_UNITS,
    PROVIDER_TYPES,
    SIGN_FACTORS,
    SIGNS,
    UNASSIGNED,
    Code,
    CodeSet,
)
from socialstyring.terms.files import FIELD_TYPES, Field, FileKind
from socialstyring.terms.groupings import (
    ACCOUNT,
    BY_CHOICES,
    GROUPINGS,
    GROUPINGS_BY,
    GROUPINGS_BY_FIELD,
    PROFILE_BY,
    Grouping,
    grouping,
)
from socialstyring.terms.measures import (
    CHANGE_PARTS,
    MEASURE_FIELDS,
    MEASURES,
    MEASURES_BY_FIELD,
    PART_LABELS,
    PARTS,
    PROFILE_MEASURES,
    ChangePart,
    Measure,
)
from socialstyring.terms.months import MONTH_ABBR, MONTH_NAMES

__all__ = [
    "ACCOUNT",
    "ACCOUNT_AREAS",
    "AREAS",
    "BUDGET_KINDS",
    "BY_CHOICES",
    "CHANGE_PARTS",
    "DEFAULT_BUDGET_KIND",
    "FIELD_TYPES",
    "GROUPINGS",
    "GROUPINGS_BY",
    "GROUPINGS_BY_FIELD",
    "MAIN_FUNCTION_AREAS",
    "MEASURES",
    "MEASURES_BY_FIELD",
    "MEASURE_FIELDS",
    "MONTH_ABBR",
    "MONTH_NAMES",
    "OTHER_ACCOUNTS",
    "PARTS",
    "PART_LABELS",
    "PRICE_UNITS",
    "PROFILE_BY",
    "PROFILE_MEASURES",
    "PROVIDER_TYPES",
    "SIGNS",
    "SIGN_FACTORS",
    "UNASSIGNED",
    "ChangePart",
    "Code",
    "CodeSet",
    "Field",
    "FileKind",
    "Grouping",
    "Measure",
    "grouping",
]
