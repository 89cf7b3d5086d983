"""The registry of terms is the one place: what derives from it must agree with it."""

from __future__ import annotations

import pytest

from socialstyring import terms
from socialstyring.io.schema import KINDS
from socialstyring.storage import frames
from socialstyring.storage.models import Budget, Grant, Provider
from socialstyring.terms import FileKind
from tests.helpers.models import MODELS


@pytest.mark.parametrize("kind", list(FileKind))
def test_models_tables_and_layouts_have_the_registrys_fields(kind):
    # Every tenant row also carries its municipality, first in every key (storage/tenancy.py).
    model_fields = {f.name for f in MODELS[kind]._meta.concrete_fields}
    model_fields -= {"id", frames.TENANT, frames.ROW_HASH}
    assert model_fields == set(kind.field_names)
    assert MODELS[kind]._meta.db_table == frames.TABLES[kind].name
    assert tuple(frames.TABLES[kind].data_columns) == kind.field_names
    assert frames.TABLES[kind].key == (frames.TENANT, *kind.key)
    layout = next(k for k in KINDS if k.kind is kind)
    assert set(kind.field_names) <= {c.field for c in layout.columns}


def test_model_choices_are_the_code_sets():
    assert Grant._meta.get_field("area").choices == terms.AREAS.choices
    assert Grant._meta.get_field("price_unit").choices == terms.PRICE_UNITS.choices
    assert Grant._meta.get_field("provider_type").choices == terms.PROVIDER_TYPES.choices
    assert Provider._meta.get_field("tariff_unit").choices == terms.PRICE_UNITS.choices
    assert Budget._meta.get_field("kind").choices == terms.BUDGET_KINDS.choices


@pytest.mark.parametrize(
    "codes",
    [terms.PRICE_UNITS, terms.AREAS, terms.PROVIDER_TYPES, terms.BUDGET_KINDS, terms.SIGNS],
    ids=lambda c: c.name,
)
def test_every_file_code_is_read_back_as_its_code(codes):
    assert {codes.aliases[f]: f for f in codes.file_codes.values()} == {
        v: f for v, f in codes.file_codes.items()
    }
    assert all(alias == alias.lower().strip() for alias in codes.aliases)


def test_a_file_kind_is_found_by_its_danish_name():
    assert {FileKind(k.label) for k in FileKind} == set(FileKind)
    assert FileKind("bevillinger") is FileKind.GRANTS


def test_the_cli_docs_name_every_grouping():
    from pathlib import Path

    documented = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text()
    assert [by for by in terms.BY_CHOICES if by not in documented] == []


def test_a_grouping_is_everything_a_new_grouping_needs():
    """The CLI's choices, the overview's menu, the grant filters and the forecast's reads
    all come from the declared groupings."""
    from socialstyring.cli.data import BY_CHOICES
    from socialstyring.services import followups

    assert tuple(BY_CHOICES.choices) == terms.BY_CHOICES
    assert tuple(g.field for g in terms.GROUPINGS) == followups.FILTER_FIELDS
    assert {g.json_key for g in terms.GROUPINGS} >= {"konto", "leverandør_type"}
