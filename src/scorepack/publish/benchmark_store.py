"""The store's DfE statistics: import files, list them, read them back as tables.

Imported files are reference data, not publications: importing a file whose
name is already there replaces it when its bytes changed and does nothing when
they did not, so importing the same file twice is harmless.  Each import runs
in one transaction: every file, or none.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Engine, delete, insert, select, update

from scorepack.benchmarks.dfe import Neighbours, Row, Table, row_of
from scorepack.benchmarks.imports import ImportFile
from scorepack.publish.models import BenchmarkRow, BenchmarkTable
from scorepack.publish.store import writing

Outcome = Literal["added", "replaced", "unchanged"]
TABLE_COLUMNS = list(BenchmarkTable.__table__.columns)


@dataclass(frozen=True)
class Imported:
    name: str
    kind: str
    rows: int
    outcome: Outcome


@dataclass(frozen=True)
class StoredFile:
    name: str
    kind: str
    sha256: str
    imported_at: datetime
    rows: int
    measures: tuple[str, ...]


class BenchmarkTables:
    """Mixed into :class:`scorepack.publish.repository.Store`."""

    engine: Engine

    def import_benchmarks(
        self, files: Sequence[ImportFile], moment: datetime | None = None
    ) -> list[Imported]:
        """Write checked files (see :func:`scorepack.benchmarks.imports.read_imports`)."""
        when = moment or datetime.now(UTC)
        done: list[Imported] = []
        with writing(self.engine) as conn:
            for f in files:
                have = conn.execute(
                    select(BenchmarkTable.id, BenchmarkTable.sha256).where(
                        BenchmarkTable.name == f.name
                    )
                ).first()
                if have is not None and have.sha256 == f.sha256:
                    done.append(Imported(f.name, f.kind, len(f.rows), "unchanged"))
                    continue
                values = {
                    "name": f.name,
                    "kind": f.kind,
                    "sha256": f.sha256,
                    "imported_at": when,
                    "columns_json": json.dumps(list(f.columns)),
                    "measures_json": json.dumps(list(f.measures)),
                    "row_count": len(f.rows),
                }
                if have is None:
                    table_id = conn.execute(
                        insert(BenchmarkTable).returning(BenchmarkTable.id), values
                    ).scalar_one()
                else:
                    table_id = have.id
                    conn.execute(delete(BenchmarkRow).where(BenchmarkRow.table_id == table_id))
                    conn.execute(
                        update(BenchmarkTable).where(BenchmarkTable.id == table_id), values
                    )
                if f.rows:
                    conn.execute(
                        insert(BenchmarkRow),
                        [
                            {
                                "table_id": table_id,
                                "line": r.line,
                                "year": r.year,
                                "level": r.level,
                                "old_la_code": r.old_la_code,
                                "new_la_code": r.new_la_code,
                                "cells_json": json.dumps(r.cells, ensure_ascii=False),
                            }
                            for r in f.rows
                        ],
                    )
                outcome: Outcome = "added" if have is None else "replaced"
                done.append(Imported(f.name, f.kind, len(f.rows), outcome))
        return done

    def benchmark_files(self) -> list[StoredFile]:
        """Every imported file, by name."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(*TABLE_COLUMNS).order_by(BenchmarkTable.name))
            return [
                StoredFile(
                    t.name,
                    t.kind,
                    t.sha256,
                    t.imported_at if t.imported_at.tzinfo else t.imported_at.replace(tzinfo=UTC),
                    t.row_count,
                    tuple(json.loads(t.measures_json)),
                )
                for t in rows
            ]

    def _rows(self, table_id: int) -> list[tuple[int, dict[str, str]]]:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(BenchmarkRow.line, BenchmarkRow.cells_json)
                .where(BenchmarkRow.table_id == table_id)
                .order_by(BenchmarkRow.line)
            )
            return [(line, json.loads(cells)) for line, cells in found]

    def _table_row(self, *where: ColumnElement[bool]) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(
                select(*TABLE_COLUMNS)
                .where(*where)
                .order_by(BenchmarkTable.imported_at.desc(), BenchmarkTable.id.desc())
                .limit(1)
            ).first()

    def benchmark_table(self, name: str) -> tuple[Table, tuple[str, ...]] | None:
        """The imported statistics file of that name and its measure columns, or None."""
        t = self._table_row(BenchmarkTable.name == name, BenchmarkTable.kind == "table")
        if t is None:
            return None
        rows: tuple[Row, ...] = tuple(row_of(line, cells) for line, cells in self._rows(t.id))
        table = Table(name, tuple(json.loads(t.columns_json)), rows)
        return table, tuple(json.loads(t.measures_json))

    def benchmark_neighbours(self) -> Neighbours | None:
        """The statistical neighbour groupings imported last, or None."""
        t = self._table_row(BenchmarkTable.kind == "neighbours")
        if t is None:
            return None
        groups: dict[str, tuple[str, ...]] = {}
        names: dict[str, str] = {}
        for _line, cells in self._rows(t.id):
            code = cells["LA num"]
            names[code] = cells.get("LA Name", "")
            groups[code] = tuple(cells[f"SN{i}"] for i in range(1, 11) if cells.get(f"SN{i}"))
        return Neighbours(groups, names)
