"""The bulk save on the real database (SQLite, and PostgreSQL when DATABASE_URL says so):
new rows straight in, unchanged rows found by their hash and left untouched, changed rows
counted exactly, all or nothing inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from django.db import IntegrityError, connection, transaction

from socialstyring.storage import frames, tenancy, versions
from socialstyring.storage.models import Budget, Grant
from socialstyring.terms import FileKind

pytestmark = pytest.mark.django_db(transaction=True)


def grants(n: int, price: float = 100.0) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "grant_id": [f"G{i}" for i in range(n)],
            "citizen_id": [f"P{i % 7}" for i in range(n)],
            "area": ["adults"] * n,
            "paragraph": ["SEL § 85"] * n,
            "account": ["5.38.38"] * n,
            "start": [dt.date(2026, 1, 1)] * n,
            "end": [None if i % 2 else dt.date(2026, 6, 30) for i in range(n)],
            "price": [price + i for i in range(n)],
            "price_unit": ["day"] * n,
            "quantity": [1.0] * n,
            "registered": [dt.date(2025, 12, 1)] * n,
        }
    )
    missing = frames.TABLES[FileKind.GRANTS].data_columns
    return frame.with_columns(
        pl.lit(None, dtype).alias(c) for c, dtype in missing.items() if c not in frame.columns
    )


def save(frame: pl.DataFrame, kind: str = "bevillinger") -> tuple[int, int, int]:
    with transaction.atomic():
        counts = frames.save(kind, frame)
    return counts.created, counts.updated, counts.unchanged


def written_rows() -> object:
    """What says whether rows were written: PostgreSQL's row versions (xmin changes on
    every write), SQLite's count of changed rows on this connection."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT grant_id, xmin::text FROM ss_grant ORDER BY grant_id")
            return cursor.fetchall()
    connection.ensure_connection()
    return connection.connection.total_changes


def test_a_first_save_stores_every_row_with_its_values_and_hash():
    assert save(grants(5)) == (5, 0, 0)
    stored = {g.grant_id: g for g in Grant.objects.all()}
    assert len(stored) == 5 and stored["G3"].price == 103.0 and stored["G3"].end is None
    assert stored["G0"].end == dt.date(2026, 6, 30)
    assert all(g.row_hash is not None for g in stored.values())
    assert len({g.row_hash for g in stored.values()}) == 5


def test_an_unchanged_save_writes_nothing():
    save(grants(50))
    before = written_rows()
    assert save(grants(50)) == (0, 0, 50)
    if connection.vendor == "postgresql":
        assert written_rows() == before  # no grant row has a new version
    else:
        assert written_rows() == before + 1  # the data version's row, and nothing else


def test_changed_and_new_rows_are_counted_exactly():
    save(grants(4))
    frame = pl.concat([grants(5)]).with_columns(
        pl.when(pl.col("grant_id") == "G1").then(999.0).otherwise(pl.col("price")).alias("price")
    )
    assert save(frame) == (1, 1, 3)
    assert Grant.objects.get(grant_id="G1").price == 999.0
    assert Grant.objects.get(grant_id="G4").price == 104.0
    assert Grant.objects.count() == 5


def test_a_row_stored_without_a_hash_is_compared_by_its_values_and_given_one():
    save(grants(3))
    Grant.objects.filter(grant_id="G2").update(row_hash=None)  # as an older version left it
    assert save(grants(3)) == (0, 0, 3)
    assert Grant.objects.get(grant_id="G2").row_hash is not None
    Grant.objects.filter(grant_id="G2").update(row_hash=12345)  # another hash, same values
    assert save(grants(3)) == (0, 0, 3)
    assert Grant.objects.get(grant_id="G2").row_hash != 12345


def test_a_null_that_becomes_a_value_is_an_update():
    save(grants(2))  # G1 has no end
    frame = grants(2).with_columns(pl.lit(dt.date(2026, 3, 31)).alias("end"))
    assert save(frame) == (0, 2, 0)
    assert Grant.objects.get(grant_id="G1").end == dt.date(2026, 3, 31)


def test_budgets_with_a_numeric_key_part_are_matched():
    budgets = pl.DataFrame(
        {
            "year": [2026, 2026],
            "account": ["5.38.38", "5.38.39"],
            "kind": ["original"] * 2,
            "amount": [1.0, 2.0],
        }
    )
    assert save(budgets, "budget") == (2, 0, 0)
    assert save(budgets.with_columns(pl.col("amount") * 10), "budget") == (0, 2, 0)
    assert sorted(Budget.objects.values_list("amount", flat=True)) == [10.0, 20.0]


def test_keys_with_an_empty_part_and_odd_text_are_matched_again():
    """An undistributed budget's area and team are empty texts in its key; keys with
    commas, quotes and a leading "=" must come back from the stored keys exactly."""
    budgets = pl.DataFrame(
        {
            "year": [2026] * 4,
            "account": ["5.38.38"] * 4,
            "kind": ["original"] * 4,
            "area": ["", "adults", "adults", "children"],
            "team": ["", 'Team "Nord", vest', "=Syd", "Øst;1"],
            "amount": [1.0, 2.0, 3.0, 4.0],
        }
    )
    assert save(budgets, "budget") == (4, 0, 0)
    assert save(budgets, "budget") == (0, 0, 4)
    changed = budgets.with_columns(
        pl.when(pl.col("team") == "").then(9.0).otherwise("amount").alias("amount")
    )
    assert save(changed, "budget") == (0, 1, 3)


def test_sqlite_compares_with_stored_rows_through_an_index_of_keys_and_hashes():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL reads the keys and hashes by COPY")
    assert save(grants(10)) == (10, 0, 0)
    assert save(grants(11)) == (1, 0, 10)
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT CAST(municipality AS TEXT), CAST(grant_id AS TEXT), "
            "row_hash FROM ss_grant WHERE municipality IN ('000')"
        )
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX ss_grant_key_hash" in plan


def test_a_failed_load_stores_nothing_and_keeps_the_version():
    save(grants(2))
    version = versions.current([tenancy.default_code()])
    doubled = pl.concat([grants(4), grants(4).slice(3, 1)])  # G3 twice, and new
    with pytest.raises(IntegrityError), transaction.atomic():
        frames.save("bevillinger", doubled)
    assert Grant.objects.count() == 2
    assert versions.current([tenancy.default_code()]) == version


def test_every_save_draws_a_new_version_for_its_municipality_only():
    code = tenancy.default_code()
    with tenancy.activate("851", database=False):
        other = versions.current(["851"])
    before = versions.current([code])
    save(grants(1))
    assert versions.current([code]) != before
    assert versions.current(["851"]) == other


def test_rows_for_a_municipality_that_is_not_active_are_refused():
    frame = grants(1).with_columns(pl.lit("851").alias("municipality"))
    with pytest.raises(tenancy.TenancyError), transaction.atomic():
        frames.save("bevillinger", frame)
    with tenancy.scopes_disabled():
        assert not Grant.objects.exists()


def test_a_bulk_first_load_keeps_every_key_unique(monkeypatch):
    # On PostgreSQL this load drops the indexes and builds them again after.
    monkeypatch.setattr("socialstyring.storage.saving.BULK_ROWS", 2)
    assert save(grants(20)) == (20, 0, 0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.create(**grants(1).to_dicts()[0])
    assert save(grants(21)) == (1, 0, 20)


def test_a_bulk_first_load_with_a_duplicate_key_stores_nothing(monkeypatch):
    monkeypatch.setattr("socialstyring.storage.saving.BULK_ROWS", 2)
    doubled = pl.concat([grants(20), grants(20).slice(5, 1)])
    with pytest.raises(IntegrityError), transaction.atomic():
        frames.save("bevillinger", doubled)
    assert not Grant.objects.exists()
    assert save(grants(3)) == (3, 0, 0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.create(**grants(1).to_dicts()[0])


def _grant_indexes() -> set[tuple[str, tuple[str, ...], bool]]:
    """The table's indexes and keys: name, columns, whether it is the primary key."""
    with connection.cursor() as cursor:
        return {
            (name, tuple(info["columns"]), info["primary_key"])
            for name, info in connection.introspection.get_constraints(cursor, "ss_grant").items()
            if info["index"] or info["primary_key"]
        }


def test_a_bulk_first_load_builds_the_indexes_again(monkeypatch):
    # Both databases drop the secondary indexes for a load into an empty table, and
    # PostgreSQL its primary key too.
    before = _grant_indexes()
    assert {name for name, _columns, _primary in before} >= {"grant_citizen_idx"}
    assert any(primary for *_rest, primary in before)
    monkeypatch.setattr("socialstyring.storage.saving.BULK_ROWS", 2)
    assert save(grants(20)) == (20, 0, 0)
    assert _grant_indexes() == before
    ids = list(Grant.objects.values_list("id", flat=True))
    assert len(set(ids)) == 20 and all(ids)
    Grant.objects.create(**grants(21).to_dicts()[20])  # the identity goes on after them
    assert Grant.objects.get(grant_id="G20").id > max(ids)


def test_a_row_saved_one_at_a_time_draws_a_new_version_too():
    code = tenancy.default_code()
    before = versions.current([code])
    Grant.objects.create(**grants(1).to_dicts()[0])
    assert versions.current([code]) != before


def _rows_of(tables: list[str]) -> dict[str, list[tuple]]:
    """Every stored row of each table but its id, in a fixed order."""
    found = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            kept = [i for i, name in enumerate(names) if name != "id"]
            found[table] = sorted((tuple(r[i] for i in kept) for r in cursor.fetchall()), key=repr)
    return found


DEMO_TABLES = [
    *(frames.TABLES[kind].name for kind in (FileKind.GRANTS, FileKind.BUDGETS)),
    *(frames.TABLES[kind].name for kind in (FileKind.POSTINGS, FileKind.PROVIDERS)),
    "ss_posting_day",  # the ledger's sums per day, inserted with the postings
]


def _stored_and_emptied() -> dict[str, list[tuple]]:
    """The rows a small demo municipality's four files store in one transaction (every
    table of them, in a fixed order); the tables are emptied again after."""
    from socialstyring.demo.generator import generate
    from socialstyring.demo.stored import store

    with transaction.atomic():
        store(generate(seed=4, grants=300, year=2026, as_of=dt.date(2026, 5, 31)))
    rows = _rows_of(DEMO_TABLES)
    with connection.cursor() as cursor:
        for table in DEMO_TABLES:
            cursor.execute(f"DELETE FROM {table}")
    assert all(len(table_rows) > 0 for table_rows in rows.values())
    return rows


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's staged bulk insert")
def test_sqlite_stores_the_same_rows_through_a_staged_file_as_through_executemany(monkeypatch):
    from django.conf import settings

    from socialstyring.storage import saving, sqlite_load

    monkeypatch.setattr(saving, "BULK_ROWS", 10**9)  # every insert through executemany
    through_executemany = _stored_and_emptied()
    staged = []
    monkeypatch.setattr(saving, "BULK_ROWS", 1)  # every insert through a staged file
    monkeypatch.setattr(
        sqlite_load,
        "_write_stage",
        lambda *a, f=sqlite_load._write_stage: staged.append(1) or f(*a),
    )
    assert _stored_and_emptied() == through_executemany
    assert len(staged) == 5
    # Nothing is left behind: no staging file, no attached database after the commit.
    assert not list(Path(settings.DATA_DIR).glob(".staging-*"))
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA database_list")
        assert not [row[1] for row in cursor.fetchall() if row[1].startswith(sqlite_load.ALIAS)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite gathers no statistics itself")
def test_sqlite_scans_the_table_for_a_year_after_a_bulk_load(monkeypatch):
    """With statistics the year's grants of the one municipality are read by a scan, not
    row by row through the index on (municipality, citizen)."""
    monkeypatch.setattr("socialstyring.storage.saving.BULK_ROWS", 2)
    assert save(grants(40)) == (40, 0, 0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl FROM sqlite_stat1")
        assert "ss_grant" in {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT account FROM ss_grant "
            "WHERE start <= '2026-12-31' AND municipality IN (%s)",
            [tenancy.default_code()],
        )
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "SCAN ss_grant" in plan and "INDEX" not in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's staged bulk insert")
def test_a_staging_file_that_cannot_be_written_is_a_database_error_and_stores_nothing(
    monkeypatch,
):
    import adbc_driver_manager
    import adbc_driver_sqlite.dbapi as adbc
    from django.db import OperationalError

    def full_disk(*_args, **_kwargs):
        code = adbc_driver_manager.AdbcStatusCode.IO
        raise adbc.OperationalError("database or disk is full", status_code=code)

    monkeypatch.setattr("socialstyring.storage.saving.BULK_ROWS", 2)
    monkeypatch.setattr(adbc, "connect", full_disk)
    with pytest.raises(OperationalError, match="disk is full"), transaction.atomic():
        frames.save("bevillinger", grants(20))
    assert not Grant.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's binary COPY")
def test_postgresql_stores_the_same_rows_from_binary_copy_as_from_csv(monkeypatch):
    from socialstyring.storage import pg_load

    with monkeypatch.context() as patched:
        patched.setattr(pg_load, "as_binary_columns", lambda *_a: None)  # every COPY in CSV
        through_csv = _stored_and_emptied()
    encoded = []
    monkeypatch.setattr(
        pg_load, "binary_blocks", lambda f, b=pg_load.binary_blocks: encoded.append(1) or b(f)
    )
    assert _stored_and_emptied() == through_csv
    assert len(encoded) == 5


def _budget(year: int) -> pl.DataFrame:
    return pl.DataFrame(
        {"year": [year], "account": ["5.38.38"], "kind": ["original"], "amount": [1.0]}
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's binary COPY")
def test_a_value_that_fits_no_binary_column_goes_through_csv_and_postgresql_refuses_it():
    from django.db import DataError

    from socialstyring.storage import pg_load

    with connection.cursor() as cursor:
        types = pg_load.column_types(cursor, "ss_budget", ["year", "amount"])
    assert types == {"year": "smallint", "amount": "double precision"}
    assert pg_load.as_binary_columns(_budget(70_000).select("year", "amount"), types) is None
    with pytest.raises(DataError, match="smallint"), transaction.atomic():
        frames.save("budget", _budget(70_000))
    # In binary too, the table's own checks hold: a year below zero is refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        frames.save("budget", _budget(-1))
    assert not Budget.objects.exists()
    assert save(_budget(2026), "budget") == (1, 0, 0)
