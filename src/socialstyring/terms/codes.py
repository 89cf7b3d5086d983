"""Code sets: the core's codes, their labels (translated, see docs/i18n.md), the Danish
code the import format writes, and every spelling a file may use for them (see
import-format.md). File codes and aliases are data and are never translated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from socialstyring.translation import _, pgettext


@dataclass(frozen=True)
class Code:
    value: str  # the core's code, stored in frames and the database
    label: str  # translated: shown to users and used as the model choice's label
    file_code: str = ""  # the Danish code import-format.md writes (demo files, hints)
    aliases: tuple[str, ...] = ()  # further spellings accepted in files (lower case)
    stored: bool = True  # False: accepted in files only, converted on import


@dataclass(frozen=True)
class CodeSet:
    name: str
    codes: tuple[Code, ...]

    @cached_property
    def values(self) -> tuple[str, ...]:
        """The stored codes, in declaration order."""
        return tuple(c.value for c in self.codes if c.stored)

    @cached_property
    def labels(self) -> dict[str, str]:
        return {c.value: c.label for c in self.codes if c.stored}

    @property
    def choices(self) -> list[tuple[str, str]]:
        """Django model choices: (code, Danish label)."""
        return [(c.value, c.label) for c in self.codes if c.stored]

    @cached_property
    def file_codes(self) -> dict[str, str]:
        """Code → the Danish code a file writes."""
        return {c.value: c.file_code for c in self.codes if c.stored and c.file_code}

    @cached_property
    def aliases(self) -> dict[str, str]:
        """Every spelling a file may use (lower case) → code: what the parsers map by."""
        return {
            spelling: c.value
            for c in self.codes
            for spelling in ((c.file_code,) if c.file_code else ()) + c.aliases
        }

    @cached_property
    def stored_aliases(self) -> dict[str, str]:
        """As :attr:`aliases`, without the codes that are converted on import."""
        stored = set(self.values)
        return {k: v for k, v in self.aliases.items() if v in stored}

    def label(self, value: str | None) -> str:
        """The Danish label of ``value``; an unknown value as it is."""
        return self.labels.get(value or "", value or "")

    def hint(self, quote: str = "") -> str:
        """The file codes for a problem message: ``dag, uge … eller engang``."""
        words = [f"{quote}{c.file_code}{quote}" for c in self.codes if c.stored and c.file_code]
        if len(words) == 1:
            return words[0]
        return _("%(items)s or %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}


PRICE_UNITS = CodeSet(
    "price_unit",
    (
        Code(
            "day",
            pgettext("price unit", "day"),
            "dag",
            ("dage", "døgn", "doegn", "daglig", "pr. dag", "daily", "day"),
        ),
        Code(
            "week", pgettext("price unit", "week"), "uge", ("ugentlig", "pr. uge", "weekly", "week")
        ),
        Code(
            "month",
            pgettext("price unit", "month"),
            "måned",
            (
                "maaned",
                "md",
                "md.",
                "mdr",
                "månedlig",
                "maanedlig",
                "pr. måned",
                "monthly",
                "month",
            ),
        ),
        Code(
            "year",
            pgettext("price unit", "year"),
            "år",
            ("aar", "årlig", "aarlig", "pr. år", "yearly", "annual", "year"),
        ),
        Code(
            "hour",
            pgettext("price unit", "hour"),
            "time",
            ("timer", "timer pr. uge", "hour", "hours", "hourly"),
        ),
        Code(
            "once",
            pgettext("price unit", "once"),
            "engang",
            ("engangs", "engangsbeløb", "engangsydelse", "once", "one-off", "oneoff"),
        ),
        # Minutes per week are hours per week ÷ 60 (see import-format.md).
        Code(
            "minute",
            pgettext("price unit", "minute"),
            "minut",
            ("minutter", "minutter pr. uge", "minutes"),
            stored=False,
        ),
    ),
)

AREAS = CodeSet(
    "area",
    (
        Code(
            "children",
            _("Children and young people"),
            "børn",
            ("boern", "born", "børn og unge", "children"),
        ),
        Code("adults", _("Adults"), "voksen", ("voksne", "adults", "adult")),
    ),
)
# The two areas by name, for the rules that treat them differently (refunds, family rules).
CHILDREN, ADULTS = (code.value for code in AREAS.codes)

PROVIDER_TYPES = CodeSet(
    "provider_type",
    (
        Code("own", _("Own municipality"), "egen", ("egen kommune", "own")),
        Code(
            "other_municipality",
            _("Other municipality"),
            "anden_kommune",
            ("anden kommune", "andenkommune", "other_municipality"),
        ),
        Code("region", pgettext("provider type", "Region"), "region", ("regional",)),
        Code("private", pgettext("provider type", "Private"), "privat", ("private",)),
    ),
)

# The grants file's optional løbende column: was the grant decided without an end date
# (docs/projection.md). An export carries one slutdato, so an open-ended grant that has
# since ended would otherwise look fixed-term.
OPEN_ENDED = CodeSet(
    "open_ended",
    (
        Code("yes", pgettext("open-ended", "yes"), "ja", ("j", "yes", "y", "sand", "true", "1")),
        Code("no", pgettext("open-ended", "no"), "nej", ("n", "no", "falsk", "false", "0")),
    ),
)

BUDGET_KINDS = CodeSet(
    "budget_kind",
    (
        Code(
            "adopted",
            pgettext("budget kind", "Original"),
            "oprindeligt",
            ("oprindelig", "vedtaget"),
        ),
        Code("corrected", pgettext("budget kind", "Revised"), "korrigeret", ("korr", "korr.")),
    ),
)
DEFAULT_BUDGET_KIND = "corrected"  # a budget file without a type column

SIGNS = CodeSet(  # the D/K column of a ledger file
    "sign",
    (
        Code("debit", _("Debit"), "d", ("debet",)),
        Code("credit", _("Credit"), "k", ("kredit",)),
    ),
)
SIGN_FACTORS = {"debit": 1.0, "credit": -1.0}

# Ankestyrelsen's decision on an appeal (klagesager); a case without one is pending.
APPEAL_OUTCOMES = CodeSet(
    "appeal_outcome",
    (
        Code("upheld", pgettext("appeal", "Upheld"), "stadfæstet", ("stadfaestet", "upheld")),
        Code("changed", pgettext("appeal", "Changed"), "ændret", ("aendret", "changed")),
        Code("annulled", pgettext("appeal", "Annulled"), "ophævet", ("ophaevet", "annulled")),
        Code("returned", pgettext("appeal", "Returned"), "hjemvist", ("returned",)),
        Code("rejected", pgettext("appeal", "Rejected"), "afvist", ("rejected",)),
    ),
)
# Overturned decisions: the reversal rate's numerator; with upheld its denominator.
REVERSED_OUTCOMES = ("changed", "annulled", "returned")
MERITS_OUTCOMES = (*REVERSED_OUTCOMES, "upheld")

# The levels of a reference key figure (nøgletal's niveau).
KEY_FIGURE_LEVELS = CodeSet(
    "key_figure_level",
    (
        Code("country", pgettext("key figure level", "Country"), "land", ("hele landet",)),
        Code("region", pgettext("key figure level", "Region"), "region", ()),
        Code("municipality", pgettext("key figure level", "Municipality"), "kommune", ()),
        Code("group", pgettext("key figure level", "Comparison group"), "gruppe", ()),
    ),
)

# The follow-up groups its accounts by area, read off the account's hovedfunktion:
# 5.28 holds the children's services, 5.38 the adults' (the municipal chart).
MAIN_FUNCTION_AREAS = {"5.28": "children", "5.38": "adults"}
OTHER_ACCOUNTS = Code("other", _("Other accounts"))
ACCOUNT_AREAS = CodeSet("account_area", (*AREAS.codes, OTHER_ACCOUNTS))

# The group of rows without a value, e.g. grants without a team; also the value of the
# overview's links to that group, so it is the same text everywhere in an installation.
UNASSIGNED = _("(none)")

# Who a refund is counted for (docs/refunds.md): a household of children, or a citizen.
REFUND_SUBJECT_KINDS = CodeSet(
    "refund_subject_kind",
    (
        Code("household", pgettext("refund subject", "Household")),
        Code("citizen", pgettext("refund subject", "Citizen")),
    ),
)
