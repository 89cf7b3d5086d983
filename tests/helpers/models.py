"""The storage model of each file kind, written out by hand so tests can hold the registry,
the bulk tables and the models to one another."""

from __future__ import annotations

from socialstyring.storage.models import (
    Appeal,
    Budget,
    Grant,
    KeyFigure,
    OfferAccounts,
    OfferBudget,
    Population,
    Posting,
    Provider,
)
from socialstyring.terms import FileKind

MODELS = {
    FileKind.GRANTS: Grant,
    FileKind.BUDGETS: Budget,
    FileKind.POSTINGS: Posting,
    FileKind.PROVIDERS: Provider,
    FileKind.OFFER_BUDGETS: OfferBudget,
    FileKind.OFFER_ACCOUNTS: OfferAccounts,
    FileKind.APPEALS: Appeal,
    FileKind.KEY_FIGURES: KeyFigure,
    FileKind.POPULATION: Population,
}
