"""A generated demo municipality stored through the storage layer (no import report), for
tests that need realistic figures on the real database."""

from __future__ import annotations

import datetime as dt

from socialstyring.demo.generator import DemoMunicipality, generate
from socialstyring.demo.stored import store


def stored_demo(
    grants: int, as_of: dt.date, *, seed: int = 5, year: int = 2026
) -> DemoMunicipality:
    """Generate the demo and store its four files in dependency order."""
    demo = generate(seed=seed, grants=grants, year=year, as_of=as_of)
    store(demo)
    return demo
