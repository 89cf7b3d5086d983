"""A generated demo municipality stored through the storage layer (no import report): for
tests and benchmarks that need realistic figures in the real database."""

from __future__ import annotations

from socialstyring.demo.generator import DemoMunicipality


def store(demo: DemoMunicipality) -> None:
    """Save the demo's four files in dependency order (the caller owns the transaction)."""
    from socialstyring.storage import frames

    for kind, frame in (
        ("leverandører", demo.providers),
        ("budget", demo.budgets),
        ("bevillinger", demo.grants),
        ("posteringer", demo.postings),
    ):
        frames.save(kind, frame)
