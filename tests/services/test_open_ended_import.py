"""The løbende column through an import into the real database, and what the import
history remembers when a file does not say (docs/projection.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage.history import load_grant_history
from socialstyring.storage.models import Grant

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
HEADER = "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed"


def _import(*rows: str, header: str = HEADER):
    text = "\n".join([header, *rows]) + "\n"
    (outcome,) = import_uploads([Upload("bevillinger.csv", text.encode())], now=NOW)
    return outcome


def _flags() -> dict[str, str | None]:
    return dict(Grant.objects.values_list("grant_id", "open_ended"))


def test_the_column_is_stored_and_read_back():
    _import(
        "G1;P-1;voksen;SEL § 85;5.38.38;01-01-2025;30-04-2026;500,00;måned;ja",
        "G2;P-2;voksen;SEL § 85;5.38.38;01-01-2025;31-12-2026;500,00;måned;nej",
        "G3;P-3;voksen;SEL § 85;5.38.38;01-01-2025;;500,00;måned;",
        header=HEADER + ";løbende",
    )
    assert _flags() == {"G1": "yes", "G2": "no", "G3": None}
    history = load_grant_history(dt.date(2026, 5, 31), ["grant_id", "open_ended"])
    assert dict(history.iter_rows()) == _flags()


def test_without_the_column_the_history_remembers_which_grants_were_open_ended():
    _import(
        "G1;P-1;voksen;SEL § 85;5.38.38;01-01-2025;;500,00;måned",
        "G2;P-2;voksen;SEL § 85;5.38.38;01-01-2025;31-12-2026;500,00;måned",
    )
    assert _flags() == {"G1": None, "G2": None}
    # G1 has ended since: the file shows an end date, the database knew it had none.
    again = _import(
        "G1;P-1;voksen;SEL § 85;5.38.38;01-01-2025;30-04-2026;500,00;måned",
        "G2;P-2;voksen;SEL § 85;5.38.38;01-01-2025;31-12-2026;500,00;måned",
    )
    assert (again.updated, again.unchanged) == (1, 1)
    assert _flags() == {"G1": "yes", "G2": None}
    # The same file once more changes nothing: what was remembered stays.
    third = _import(
        "G1;P-1;voksen;SEL § 85;5.38.38;01-01-2025;30-04-2026;500,00;måned",
        "G2;P-2;voksen;SEL § 85;5.38.38;01-01-2025;31-12-2026;500,00;måned",
    )
    assert (third.updated, third.unchanged) == (0, 2)
    assert _flags() == {"G1": "yes", "G2": None}
    # A file that says overrides what was remembered.
    _import(
        "G1;P-1;voksen;SEL § 85;5.38.38;01-01-2025;30-04-2026;500,00;måned;nej",
        header=HEADER + ";løbende",
    )
    assert _flags()["G1"] == "no"
