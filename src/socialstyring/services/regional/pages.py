"""What each regional page shows, as rows ready for a template: names for codes,
percentages, labels of reasons. The computing is in ``market``; this is presentation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from socialstyring.core import regional as core
from socialstyring.core.regional import REGION
from socialstyring.services.access import Viewer, require
from socialstyring.services.regional import market as m
from socialstyring.terms.regional import AT_RISK_REASONS, REGION_LABEL, SPECIAL_TERM_LABELS


def _party(code: str | None, names: dict[str, str]) -> str:
    if code == REGION:
        return str(REGION_LABEL)
    if code is None:
        return ""
    return f"{code} {names[code]}" if code in names else code


def offers(viewer: Viewer, year: int, as_of: dt.date) -> dict[str, Any]:
    market = m.load_market(viewer)
    names = m.names()
    tariffs = m.tariff_history(market).filter(pl.col("year") == year)
    last12 = core.period_occupancy(
        market.grants, market.register, as_of - dt.timedelta(days=364), as_of
    )
    table = (
        market.register.filter(pl.col("capacity") > 0)
        .join(
            tariffs.select("offer_id", pl.col("tariff").alias("year_tariff")),
            on="offer_id",
            how="left",
        )
        .join(last12.select("offer_id", "occupancy"), on="offer_id", how="left")
    )
    rows = [
        {**r, "operator_name": _party(r["operator"], names), "occupancy_pct": _pct(r["occupancy"])}
        for r in table.iter_rows(named=True)
    ]
    frame = [{**r, "growth": r["growth_pct"]} for r in m.price_frame(market).iter_rows(named=True)]
    return {"rows": rows, "price_frame": frame, "agreement": market.agreement}


def _pct(fraction: float | None) -> float | None:
    return None if fraction is None else 100.0 * fraction


def offer(viewer: Viewer, offer_id: str, year: int) -> dict[str, Any] | None:
    page = m.offer_page(viewer, offer_id, year)
    if page is None:
        return None
    names = m.names()
    history = [
        {**r, "occupancy_pct": _pct(r["occupancy"])} for r in page.tariffs.iter_rows(named=True)
    ]
    current = next((r for r in history if r["year"] == year), history[-1] if history else None)
    from socialstyring.storage.models import SpecialTerm

    terms = [
        {
            "label": SPECIAL_TERM_LABELS.get(t.term, t.term),
            "years": f"{t.first_year}-{t.last_year}",
            "occupancy_pct": t.occupancy_pct,
            "joined": ", ".join(_party(c, names) for c in t.municipalities.split(",") if c),
        }
        for t in SpecialTerm.objects.filter(offer_id=offer_id)
    ]
    return {
        "offer": {**page.offer, "operator_name": _party(page.offer.get("operator"), names)},
        "current": current,
        "history": history,
        "settlements": list(page.settlements.iter_rows(named=True)),
        "months": [
            {**r, "occupancy_pct": _pct(r["occupancy"])}
            for r in page.occupancy.iter_rows(named=True)
        ],
        "special_terms": terms,
    }


def matrix(viewer: Viewer, year: int) -> dict[str, Any]:
    require(viewer, "regional.matrix")
    market = m.load_market(viewer)
    names = m.names()
    long = m.matrix(viewer, market, year)
    sellers = sorted(set(long["seller"]), key=lambda c: (c == REGION, c))
    buyers = sorted(set(long["buyer"]))
    cells = {(b, s): a for b, s, a in long.select("buyer", "seller", "amount").iter_rows()}
    rows = [
        {
            "buyer": _party(b, names),
            "cells": [cells.get((b, s)) for s in sellers],
            "total": sum(cells.get((b, s)) or 0.0 for s in sellers),
        }
        for b in buyers
    ]
    balances = [
        {**r, "party_name": _party(r["party"], names)}
        for r in core.balances(m.trades(market, year)).iter_rows(named=True)
    ]
    return {
        "sellers": [_party(s, names) for s in sellers],
        "rows": rows,
        "balances": balances,
        "total": float(long["amount"].sum()) if long.height else 0.0,
    }


def at_risk(viewer: Viewer, as_of: dt.date) -> dict[str, Any]:
    market = m.load_market(viewer)
    names = m.names()
    found = m.at_risk(market, as_of)
    rows = [
        {
            **r,
            "operator_name": _party(r["operator"], names),
            "reason_label": AT_RISK_REASONS.get(r["reason"], r["reason"]),
            "occupancy_pct": _pct(r["value"]) if r["reason"] == "low_occupancy" else None,
        }
        for r in found.iter_rows(named=True)
    ]
    return {"rows": rows, "agreement": market.agreement}


def supply(viewer: Viewer, year: int) -> dict[str, Any]:
    market = m.load_market(viewer, with_citizens=True)
    return {"rows": list(m.supply_and_demand(market, year).iter_rows(named=True))}


def trade(viewer: Viewer, year: int) -> dict[str, Any]:
    require(viewer, "regional.trade")
    market = m.load_market(viewer)
    names = m.names()
    view = m.own_trade(viewer, market, year)

    def rows(frame: pl.DataFrame, party: str) -> list[dict[str, Any]]:
        return [{**r, "party_name": _party(r[party], names)} for r in frame.iter_rows(named=True)]

    return {
        "municipality": _party(m.home_of(viewer), names),
        "purchases": rows(view["purchases"], "seller"),
        "sales": rows(view["sales"], "buyer"),
        "purchases_total": float(view["purchases"]["amount"].sum()),
        "sales_total": float(view["sales"]["amount"].sum()),
    }
