"""Reference facts shipped with the package (sources in each file's ``kilde`` column).

These are the seed: the database holds the editable copy (loaded by migration
0002), and file-only commands read them from here.
"""

from __future__ import annotations

from importlib import resources

import polars as pl


def _read(name: str, **kwargs: object) -> pl.DataFrame:
    data = resources.files(__package__).joinpath("data", name).read_bytes()
    return pl.read_csv(data, infer_schema=False, **kwargs)  # type: ignore[arg-type]


def chart_of_accounts() -> pl.DataFrame:
    return _read("kontoplan_funktioner.csv").rename(
        {
            "funktion": "function",
            "dst_funktion": "dst_function",
            "navn": "name",
            "hovedfunktion": "main_function",
            "evidens": "evidence",
            "kilde": "source",
        }
    )


def municipalities() -> pl.DataFrame:
    return _read("kommuner.csv").select(
        pl.col("kommunekode").str.zfill(3).alias("code"),
        pl.col("kommunenavn").alias("name"),
        pl.col("regionskode").alias("region_code"),
        pl.col("regionsnavn").alias("region_name"),
    )


def paragraph_mappings() -> pl.DataFrame:
    return _read("paragraf_krydsreference.csv").rename(
        {
            "sel_paragraf": "sel_paragraph",
            "sel_tekst": "sel_text",
            "barnets_lov_paragraf": "bl_paragraph",
            "barnets_lov_tekst": "bl_text",
            "evidens": "evidence",
            "kilde": "source",
        }
    )


def refund_thresholds() -> pl.DataFrame:
    return _read("refusion_graenser.csv").select(
        pl.col("prisniveau").cast(pl.Int64).alias("price_level"),
        pl.col("ordning").alias("scheme"),
        pl.col("trin").cast(pl.Int64).alias("tier"),
        pl.col("graense_kr_aar").cast(pl.Float64).alias("threshold"),
        pl.col("sats").cast(pl.Float64).alias("rate"),
        pl.col("kilde").alias("source"),
    )


def focus_rules() -> list[dict[str, object]]:
    """The built-in focus rules as data (``fokusregler.json``), in the rule language."""
    import json

    data = resources.files(__package__).joinpath("data", "fokusregler.json").read_bytes()
    rules: list[dict[str, object]] = json.loads(data)["rules"]
    return rules


def agreements() -> pl.DataFrame:
    """The regional agreements' parameters, one row per agreement and parameter."""
    return _read("agreements.csv").rename(
        {
            "aftale": "agreement",
            "vaerdi": "value",
            "evidens": "evidence",
            "kilde": "source",
        }
    )


def target_groups() -> pl.DataFrame:
    """Target groups of offers; ``central`` marks the central announcements' groups."""
    return _read("maalgrupper.csv").select(
        pl.col("kode").alias("code"),
        pl.col("navn").alias("name"),
        (pl.col("central_udmelding") == "ja").alias("central"),
        pl.col("kilde").alias("source"),
    )


def steering_rules() -> dict[str, list[dict[str, object]]]:
    """The shipped cadence and approval rules as data (``sagsgennemgang.json``)."""
    import json

    data = resources.files(__package__).joinpath("data", "sagsgennemgang.json").read_bytes()
    rules: dict[str, list[dict[str, object]]] = json.loads(data)
    return {"cadences": rules["cadences"], "approvals": rules["approvals"]}
