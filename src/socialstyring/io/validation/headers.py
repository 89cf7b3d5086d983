"""Which column of a file is which field: the headers mapped by the import contract
(``io/schema``), and the kind of file recognised from them."""

from __future__ import annotations

from socialstyring.io.schema import KINDS, FileLayout, normalise_header


def map_headers(
    headers: list[str], kind: FileLayout
) -> tuple[dict[str, str], list[str], list[str]]:
    """Field → raw header; the unknown headers; headers that name a field twice."""
    by_norm: dict[str, str] = {}
    for column in kind.columns:
        for spelling in (column.name, column.field, *column.aliases):
            by_norm.setdefault(normalise_header(spelling), column.field)
    ambiguous = {normalise_header(a): c.field for c in kind.columns for a in c.ambiguous}
    mapping: dict[str, str] = {}
    unknown, doubled = [], []
    for raw in headers:
        norm = normalise_header(raw)
        target = by_norm.get(norm)
        if target is None:
            if norm not in ambiguous:
                unknown.append(raw)
            continue
        if target in mapping:
            doubled.append(raw)
            continue
        mapping[target] = raw
    for raw in headers:  # a dagger alias only fills a field nothing better named
        target = ambiguous.get(normalise_header(raw))
        if target is not None and target not in mapping:
            mapping[target] = raw
        elif target is not None:
            unknown.append(raw)
    return mapping, unknown, doubled


def detect_kind(headers: list[str]) -> FileLayout | None:
    for kind in KINDS:
        mapping = map_headers(headers, kind)[0]
        if all(f in mapping for f in kind.signature):
            return kind
    return None
