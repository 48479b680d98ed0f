"""The declared record tables: consistent, real SSD names, and documented."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scorepack.records.schema import TABLES, Table, table

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs/records.md").read_text(encoding="utf-8")
SSD_FIELDS = Path("/work/shared/reference/ssd/fields.csv")


@pytest.mark.parametrize("t", TABLES, ids=lambda t: t.name)
def test_every_table_and_column_is_documented(t: Table) -> None:
    assert f"### `{t.name}`" in DOC
    missing = [c.name for c in t.columns if f"| `{c.name}` |" not in DOC]
    assert not missing


@pytest.mark.parametrize("t", TABLES, ids=lambda t: t.name)
def test_keys_spans_and_references_name_real_columns(t: Table) -> None:
    names = {c.name for c in t.columns}
    assert t.key is None or t.key in names
    for start, end in t.spans:
        assert {start, end} <= names
        assert t.column(start).type == t.column(end).type == "date"
    for c in t.columns:
        if c.references:
            target, col = c.references.split(".")
            table(target).column(col)
    assert t.extension == t.name.startswith("ext_")
    # Extension tables are always optional; an SSD table is required unless real
    # extracts may lack it (ssd_legal_status).
    assert not (t.extension and t.required)


@pytest.mark.skipif(not SSD_FIELDS.exists(), reason="SSD reference not available")
def test_ssd_tables_use_published_names() -> None:
    with SSD_FIELDS.open(newline="", encoding="utf-8") as fh:
        published = {(r["table"], r["field"]) for r in csv.DictReader(fh)}
    for t in TABLES:
        if not t.extension:
            unknown = [c.name for c in t.columns if (t.name, c.name) not in published]
            assert not unknown, t.name
