"""Benchmark computing every figure on PostgreSQL beside DuckDB, from one extract.

    .venv/bin/python bench/bench_engines.py [--scale 1] [--seed 1] [--months 36] [--json]
                                            [--per-definition]

Simulates the authority (cached in .cache/), loads it into DuckDB, copies it
into a throwaway PostgreSQL server on loopback with realistic types
(tests/engines/warehouse.py), then computes all indicators and activity
measures x all units x all cohorts for the months on each engine, in the same
run, and prints both times and their ratio (the target: PostgreSQL within 5x
DuckDB; docs/performance.md records the figures).

Beside each wall-clock time it prints CPU seconds, which a loaded machine
inflates far less: DuckDB's are this process's (DuckDB runs inside it);
PostgreSQL's are its server process's for the session, read from /proc (left
out when the server is not on this machine), plus this process's.  The load
average is printed before and after.  ``--per-definition`` also times each
definition on each engine (the helper tables made once first), printing each
as it finishes and then all of them, slowest on PostgreSQL first.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def server_cpu(engine: Any) -> float | None:
    """CPU seconds the PostgreSQL server process of ``engine``'s session has used."""
    pid = engine.fetch("SELECT pg_backend_pid()")[0][0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Clock:
    """Wall and CPU seconds of one stretch of work (CPU: this process, and a
    PostgreSQL session's server process when given)."""

    def __init__(self, engine: Any = None) -> None:
        self.engine = engine
        self.wall = self.cpu = 0.0
        self.server: float | None = None

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        self._server = server_cpu(self.engine) if self.engine is not None else None
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu
        if self._server is not None:
            now = server_cpu(self.engine)
            self.server = None if now is None else now - self._server

    @property
    def total_cpu(self) -> float | None:
        if self.engine is None:
            return self.cpu
        return None if self.server is None else self.cpu + self.server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--period", default="2016-03")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--per-definition", action="store_true")
    args = parser.parse_args()

    import duckdb
    from tests.engines.warehouse import copy_to_postgres
    from tests.pgserver import running_server

    from scorepack.catalogue.load import load_catalogue
    from scorepack.measures.compute import compute_figures
    from scorepack.measures.engines import as_engine, open_engine
    from scorepack.periods import Month
    from scorepack.records.load import load_records
    from scorepack.simulate import simulate

    before = load()
    cache = ROOT / ".cache" / f"bench-engines-{args.scale}-{args.seed}"
    folder, database = cache / "records", cache / "records.duckdb"
    if not database.exists():
        say(f"simulating scale {args.scale} into {folder}")
        simulate(folder, seed=args.seed, scale=args.scale)
        load_records(folder, database)
    preset = ROOT / "src/scorepack/presets/kent-scs-2016"
    catalogue = load_catalogue(preset / "catalogue.yaml")
    months = Month.parse(args.period).months_back(args.months)

    conn = duckdb.connect(str(database), read_only=True)
    with Clock() as duck:
        figures = compute_figures(conn, catalogue, months, preset / "measures")
    conn.close()
    say(f"DuckDB: {duck.wall:.1f} s ({duck.cpu:.1f} s CPU); {load()}")

    with running_server() as server:
        url = server.database()
        say("copying the extract into PostgreSQL")
        copy_to_postgres(database, url, "ssd_development")
        began = time.perf_counter()  # connecting and the pre-flight check count too
        with open_engine(url, schema="ssd_development") as engine, Clock(engine) as pg:
            pg_figures = compute_figures(engine, catalogue, months, preset / "measures")
        pg.wall = time.perf_counter() - began
        pg_cpu = "" if pg.total_cpu is None else f" ({pg.total_cpu:.1f} s CPU)"
        say(f"PostgreSQL: {pg.wall:.1f} s{pg_cpu}; {load()}")
        if args.per_definition:
            conn = duckdb.connect(str(database), read_only=True)
            with open_engine(url, schema="ssd_development") as engine:
                per_definition(
                    {"duckdb": as_engine(conn), "postgresql": engine},
                    catalogue,
                    months,
                    preset / "measures",
                )
            conn.close()
        server.drop(url)
    result = {
        "scale": args.scale,
        "months": args.months,
        "figures": len(figures),
        "same_count": len(pg_figures) == len(figures),
        "duckdb_seconds": round(duck.wall, 2),
        "postgres_seconds": round(pg.wall, 2),
        "ratio": round(pg.wall / duck.wall, 2) if duck.wall else None,
        "duckdb_cpu_seconds": round(duck.cpu, 2),
        "postgres_cpu_seconds": None if pg.total_cpu is None else round(pg.total_cpu, 2),
        "cpu_ratio": round(pg.total_cpu / duck.cpu, 2) if pg.total_cpu and duck.cpu else None,
        "load_before": before,
        "load_after": load(),
    }
    if args.json:
        print(json.dumps(result))
    else:
        cpu = (
            ""
            if result["cpu_ratio"] is None
            else (
                f"; CPU: DuckDB {duck.cpu:.1f} s, PostgreSQL {pg.total_cpu:.1f} s "
                f"({result['cpu_ratio']}x)"
            )
        )
        print(
            f"scale {args.scale}, {args.months} months, {len(figures):,} figures: "
            f"DuckDB {duck.wall:.1f} s, PostgreSQL {pg.wall:.1f} s ({result['ratio']}x){cpu}; "
            f"{before} before, {result['load_after']} after"
        )


def per_definition(engines: dict, catalogue: Any, months: list, measures: Path) -> None:
    """Print each definition's wall and CPU seconds on every engine."""
    from scorepack.measures import helpers, portable
    from scorepack.measures.compute import definition, jobs, runnable

    present = {}
    for name, engine in engines.items():
        with Clock(None if name == "duckdb" else engine) as prep:
            present[name] = helpers.prepare(
                engine,
                months,
                catalogue.case_roles or helpers.CASE_ROLES,
                catalogue.cohorts,
                measures,
            )
        say(f"{name}: helper tables {prep.wall:.2f} s ({prep.total_cpu or 0:.2f} s CPU)")
    names = list(engines)
    header = f"{'definition':34}" + "".join(f"{n + ' wall':>17}{'cpu':>7}" for n in names)
    times: dict[str, list[tuple[float, float]]] = {}
    say(header + "  ratio")
    for measure in sorted({j.measure for j in jobs(catalogue)}):
        sql = definition(measures, measure)
        if not all(runnable(sql, present[n]) for n in names):
            continue
        cells = []
        for name, engine in engines.items():
            with Clock(None if name == "duckdb" else engine) as clock:
                engine.run(portable.parse(sql))
            cells.append((clock.wall, clock.total_cpu or 0.0))
        times[measure] = cells
        say(_line(measure, cells))
    print(header + "  ratio")
    for measure in sorted(times, key=lambda m: -times[m][-1][0]):
        print(_line(measure, times[measure]))


def _line(measure: str, cells: list[tuple[float, float]]) -> str:
    ratio = cells[-1][0] / cells[0][0] if cells[0][0] else 0.0
    return f"{measure:34}" + "".join(f"{w:17.3f}{c:7.3f}" for w, c in cells) + f"{ratio:7.1f}"


if __name__ == "__main__":
    main()
