"""The long data table (:mod:`scorepack.render.tidy`) as Parquet, with pyarrow.

Typed columns (strings, 64-bit integers for indicator numbers, doubles for
figures), nulls where there is no figure; written without a creation time,
so the same pack gives the same bytes.
"""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq

from scorepack.pack.model import Pack
from scorepack.render.tidy import COLUMNS, data_rows

TYPES = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}


def render_parquet(pack: Pack) -> bytes:
    """The table as Parquet bytes.  Should an indicator number not be a whole
    number (``8a``), the column is written as text rather than lose it."""
    rows = data_rows(pack)
    fields, columns = [], {}
    for c in COLUMNS:
        values = [r[c.name] for r in rows]
        kind = c.kind
        if kind == "int" and any(not isinstance(v, int) for v in values if v is not None):
            kind, values = "str", [None if v is None else str(v) for v in values]
        fields.append(pa.field(c.name, TYPES[kind]))
        columns[c.name] = pa.array(values, type=TYPES[kind])
    table = pa.table(columns, schema=pa.schema(fields))
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()
