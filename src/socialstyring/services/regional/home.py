"""Bringing citizens home: the viewer's own municipality's citizens at offers others run
whose target group has an own offer with free places (citizen data: audited)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core import regional as core
from socialstyring.services import audit
from socialstyring.services.access import Viewer, require
from socialstyring.storage import regional_frames
from socialstyring.terms import FileKind

_COLUMNS = ["citizen_id", "provider_id", "start", "end", "price", "price_unit", "quantity"]


def candidates(viewer: Viewer, as_of: dt.date, *, page: str = "") -> pl.DataFrame:
    """Within the viewer's own municipality (the request's tenancy): the candidates and
    their yearly saving, largest first. The view is written to the audit log."""
    require(viewer, "regional.bring_home")
    grants = regional_frames.load_grants(["grant_id", *_COLUMNS, "registered"])
    register = core.offers(regional_frames.load(FileKind.PROVIDERS))
    found = core.bring_home(grants, register, as_of)
    audit.record(
        viewer.username,
        "regional.bring_home.viewed",
        object_type="bring_home",
        object_id=as_of.isoformat(),
        page=page,
        changes={"citizens": found["citizen_id"].n_unique()},
    )
    return found
