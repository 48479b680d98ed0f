"""The same definitions on PostgreSQL give the same figures as on DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from scorepack.catalogue.model import Catalogue
from scorepack.measures.compute import compute_figures, units_from_records
from scorepack.measures.engines import open_engine
from scorepack.measures.model import Figure
from tests.engines.conftest import MEASURES, MONTHS
from tests.engines.warehouse import copy_to_postgres

SCHEMA = "ssd_development"


def _by_key(figures: list[Figure]) -> dict[tuple, Figure]:
    return {f.key: f for f in figures}


@pytest.fixture(scope="module")
def duckdb_figures(records_db: Path, catalogue: Catalogue) -> dict[tuple, Figure]:
    conn = duckdb.connect(str(records_db), read_only=True)
    try:
        return _by_key(compute_figures(conn, catalogue, MONTHS, MEASURES))
    finally:
        conn.close()


@pytest.fixture
def warehouse(postgres_url: str, records_db: Path) -> str:
    """A PostgreSQL database holding the extract in schema ssd_development."""
    copy_to_postgres(records_db, postgres_url, SCHEMA)
    return postgres_url


def _reader(url: str) -> str:
    """A login role with only USAGE on the schema and SELECT on its tables."""
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql("DROP ROLE IF EXISTS scorepack_reader")
        conn.exec_driver_sql("CREATE ROLE scorepack_reader LOGIN")
        database = sa.make_url(url).database
        conn.exec_driver_sql(
            f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO scorepack_reader'
        )
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {SCHEMA} TO scorepack_reader")
        conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO scorepack_reader")
    engine.dispose()
    return sa.make_url(url).set(username="scorepack_reader").render_as_string(hide_password=False)


def _schema_state(url: str) -> list[tuple]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT c.relname, c.relkind, s.n_tup_ins + s.n_tup_upd + s.n_tup_del "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid "
            f"WHERE n.nspname = '{SCHEMA}' ORDER BY c.relname"
        ).fetchall()
    engine.dispose()
    return [tuple(r) for r in rows]


def _differences(got: dict[tuple, Figure], want: dict[tuple, Figure]) -> list[tuple]:
    """Figures that differ: counts exactly, anything else by more than 1e-9."""
    differ = []
    for key, expected in want.items():
        have = got[key]
        for a, b in (
            (have.numerator, expected.numerator),
            (have.denominator, expected.denominator),
        ):
            exact = isinstance(a, int) and isinstance(b, int)
            if (a is None) != (b is None) or (
                a is not None and b is not None and (a != b if exact else abs(a - b) > 1e-9)
            ):
                differ.append((key, have, expected))
    return differ


def test_every_figure_on_postgres_equals_duckdb(
    warehouse: str, duckdb_figures: dict[tuple, Figure], catalogue: Catalogue
) -> None:
    # 36 months x every unit x every cohort x every indicator and activity measure,
    # computed by a reader that may only SELECT from the SSD schema.
    reader = _reader(warehouse)
    before = _schema_state(warehouse)
    with open_engine(reader, schema=SCHEMA) as engine:
        units = units_from_records(engine)
        got = _by_key(compute_figures(engine, catalogue, MONTHS, MEASURES))
    assert _schema_state(warehouse) == before
    assert len(units) > 10
    assert got.keys() == duckdb_figures.keys()
    assert {f.period for f in got.values()} == set(MONTHS)
    assert {f.unit for f in got.values()} == {u.id for u in units}
    assert {f.cohort for f in got.values()} == {"all", "excl-uasc"}
    assert _differences(got, duckdb_figures) == []
    # Not all zero: the comparison means something.
    assert sum(1 for f in got.values() if f.numerator) > len(got) // 4


def test_an_optional_table_the_schema_lacks_is_stood_in_for(
    postgres_url: str, records_db: Path, catalogue: Catalogue
) -> None:
    # ssd_legal_status is optional: a warehouse without it still computes every
    # figure, the definitions finding the empty stand-in (a session temporary
    # table) although they read the other tables as ssd_development.<table>,
    # and a reader with SELECT only writes nothing to the schema.
    copy_to_postgres(records_db, postgres_url, SCHEMA)
    owner = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.exec_driver_sql(f"DROP TABLE {SCHEMA}.ssd_legal_status")
    owner.dispose()
    reader = _reader(postgres_url)
    months = MONTHS[-3:]
    before = _schema_state(postgres_url)
    with open_engine(reader, schema=SCHEMA) as engine:
        assert "ssd_legal_status" not in engine.binding.tables
        got = _by_key(compute_figures(engine, catalogue, months, MEASURES))
    assert _schema_state(postgres_url) == before
    # The same extract without the table, on DuckDB.
    conn = duckdb.connect()
    conn.execute(f"ATTACH '{records_db}' AS src (READ_ONLY)")
    for (table,) in conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'src'"
    ).fetchall():
        if table != "ssd_legal_status":
            conn.execute(f"CREATE TABLE main.{table} AS SELECT * FROM src.{table}")
    conn.execute("DETACH src")
    want = _by_key(compute_figures(conn, catalogue, months, MEASURES))
    conn.close()
    assert got.keys() == want.keys()
    assert any(k[0] == "lac" for k in got)
    assert _differences(got, want) == []
