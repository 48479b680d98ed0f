"""Properties of reading dates: any date written as declared reads back as itself."""

from __future__ import annotations

from datetime import date

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from scorepack.records.checks import date_sql
from scorepack.records.extract import Extract

conn = duckdb.connect()
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def read(text: str, extract: Extract) -> date | None:
    row = conn.execute(f"SELECT {date_sql('v', extract)} FROM (SELECT ? AS v)", [text]).fetchone()
    return row[0] if row else None


@settings(max_examples=50, deadline=None)
@given(dates, st.sampled_from(["%d/%m/%Y", "%d-%m-%Y", "%d %b %Y", "%Y/%m/%d"]))
def test_a_date_in_the_declared_format_reads_back(d: date, fmt: str) -> None:
    extract = Extract(date_format=fmt)
    assert read(d.strftime(fmt), extract) == d
    assert read(d.isoformat(), extract) == d


@settings(max_examples=50, deadline=None)
@given(dates)
def test_without_a_declaration_only_iso_is_read(d: date) -> None:
    iso = Extract()
    assert read(d.isoformat(), iso) == d
    assert read(d.strftime("%d/%m/%Y"), iso) is None
    assert read(d.strftime("%d/%m/%y"), iso) is None
