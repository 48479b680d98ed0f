"""The suite's own PostgreSQL server starts, takes a database and answers queries."""

from __future__ import annotations

import sqlalchemy as sa


def test_a_fresh_database_on_the_real_server_answers(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (x integer)"))
            conn.execute(sa.text("INSERT INTO t VALUES (1), (2)"))
            total = conn.execute(sa.text("SELECT sum(x) FROM t")).scalar_one()
            version = conn.execute(sa.text("SHOW server_version")).scalar_one()
    finally:
        engine.dispose()
    assert total == 3
    assert version.split(".")[0].isdigit()
