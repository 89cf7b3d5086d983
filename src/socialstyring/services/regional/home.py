"""Bringing citizens home: the viewer's own municipality's citizens at offers others run
whose target group has an own offer with free places (citizen data: audited), and the
chosen ones sent to a saved what-if scenario (docs/economics.md's ``bring_home``)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core import regional as core
from socialstyring.services import audit
from socialstyring.services.access import Viewer, require
from socialstyring.storage import regional_frames
from socialstyring.terms import FileKind
from socialstyring.translation import _

_COLUMNS = ["citizen_id", "provider_id", "start", "end", "price", "price_unit", "quantity"]


def own_register(viewer: Viewer, as_of: dt.date) -> pl.DataFrame:
    """The municipality's register of offers, an own offer priced at its tariff of the
    as-of year as the agreement computes it (its stored tilbudsøkonomi), else at the
    providers file's takst."""
    from socialstyring.services.regional import market, tariffs

    register = core.offers(regional_frames.load(FileKind.PROVIDERS))
    computed = tariffs.from_database(market.region_agreement(viewer), as_of.year).tariffs
    return core.with_computed_tariffs(register, computed, as_of.year)


def candidates(viewer: Viewer, as_of: dt.date, *, page: str = "") -> pl.DataFrame:
    """Within the viewer's own municipality (the request's tenancy): the candidates and
    their yearly saving, largest first. The view is written to the audit log."""
    require(viewer, "regional.bring_home")
    grants = regional_frames.load_grants(["grant_id", *_COLUMNS, "registered"])
    found = core.bring_home(grants, own_register(viewer, as_of), as_of)
    audit.record(
        viewer.username,
        "regional.bring_home.viewed",
        object_type="bring_home",
        object_id=as_of.isoformat(),
        page=page,
        changes={"citizens": found["citizen_id"].n_unique()},
    )
    return found


class BringHomeError(ValueError):
    """Candidates that cannot be sent to a scenario; the message is the user's (Danish)."""


def first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def scenario_changes(
    found: pl.DataFrame, register: pl.DataFrame, grant_ids: list[str], start: dt.date
) -> list[dict]:
    """The scenario's changes for the chosen candidates: per own offer one ``bring_home``
    of the chosen grants from ``start``, at the own offer's tariff and unit (the price the
    list's saving is computed at), so the external grant ends on ``start − 1``."""
    chosen = found.filter(pl.col("grant_id").is_in(grant_ids))
    unknown = sorted(set(grant_ids) - set(chosen["grant_id"]))
    if unknown:
        raise BringHomeError(
            _("Not a citizen who could come home on the day: grant %(grants)s.")
            % {"grants": ", ".join(unknown)}
        )
    tariffs = chosen.join(
        register.select(pl.col("offer_id").alias("own_offer_id"), "tariff", "tariff_unit"),
        on="own_offer_id",
        how="left",
    )
    changes = []
    for (offer_id, tariff, unit), rows in tariffs.group_by(
        "own_offer_id", "tariff", "tariff_unit", maintain_order=True
    ):
        changes.append(
            {
                "change": "bring_home",
                "filter": {"grant_id": sorted(rows["grant_id"].to_list())},
                "from": start.isoformat(),
                "provider_id": offer_id,
                "price": tariff,
                "unit": unit,
            }
        )
    return sorted(changes, key=lambda c: c["provider_id"])


def send_to_scenario(
    viewer: Viewer,
    grant_ids: list[str],
    *,
    year: int,
    as_of: dt.date,
    start: dt.date,
    name: str = "",
    page: str = "",
):
    """A saved what-if scenario that brings the chosen candidates home from ``start``
    (the economics capability computes and stores it); audited with the grants sent."""
    from django.db import transaction

    from socialstyring.services.saved_scenarios import save_scenario

    require(viewer, "regional.bring_home")
    require(viewer, "economics.edit")
    if not grant_ids:
        raise BringHomeError(_("Choose at least one citizen to bring home."))
    if start <= as_of:
        raise BringHomeError(
            _("The day they come home must be after %(day)s.") % {"day": as_of.strftime("%d-%m-%Y")}
        )
    grants = regional_frames.load_grants(["grant_id", *_COLUMNS, "registered"])
    register = own_register(viewer, as_of)
    found = core.bring_home(grants, register, as_of)
    changes = scenario_changes(found, register, grant_ids, start)
    title = name.strip() or _("Bringing home %(count)s citizens from %(day)s") % {
        "count": len(grant_ids),
        "day": start.strftime("%d-%m-%Y"),
    }
    chosen = found.filter(pl.col("grant_id").is_in(grant_ids))
    with transaction.atomic():  # the scenario and its audit entry, or neither
        scenario = save_scenario(title, year, as_of, changes, viewer.username)
        _record_sent(viewer, scenario.pk, chosen, grant_ids, start, page)
    return scenario


def _record_sent(viewer, pk, chosen, grant_ids, start, page) -> None:
    audit.record(
        viewer.username,
        "regional.bring_home.scenario",
        object_type="scenario",
        object_id=str(pk),
        page=page,
        changes={
            "grants": sorted(grant_ids),
            "citizens": chosen["citizen_id"].n_unique(),
            "from": start.isoformat(),
            "saving_per_year": float(chosen["saving"].sum()),
        },
    )
