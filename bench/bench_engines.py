"""Benchmark computing every figure on PostgreSQL beside DuckDB, from one extract.

    .venv/bin/python bench/bench_engines.py [--scale 1] [--seed 1] [--months 36] [--json]
                                            [--per-definition]

Simulates the authority (cached in .cache/), loads it into DuckDB, copies it
into a throwaway PostgreSQL server on loopback with realistic types
(tests/engines/warehouse.py), then computes all indicators and activity
measures x all units x all cohorts for the months on each engine, in the same
run, and prints both times and their ratio (the target: PostgreSQL within 5x
DuckDB; docs/performance.md records the figures).  ``--per-definition`` also
prints, for each definition, its wall-clock and this process's CPU seconds on
each engine (the helper tables made once first), slowest on PostgreSQL first.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


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

    cache = ROOT / ".cache" / f"bench-engines-{args.scale}-{args.seed}"
    folder, database = cache / "records", cache / "records.duckdb"
    if not database.exists():
        simulate(folder, seed=args.seed, scale=args.scale)
        load_records(folder, database)
    preset = ROOT / "src/scorepack/presets/kent-scs-2016"
    catalogue = load_catalogue(preset / "catalogue.yaml")
    months = Month.parse(args.period).months_back(args.months)

    conn = duckdb.connect(str(database), read_only=True)
    began = time.perf_counter()
    figures = compute_figures(conn, catalogue, months, preset / "measures")
    duck = time.perf_counter() - began
    conn.close()

    with running_server() as server:
        url = server.database()
        copy_to_postgres(database, url, "ssd_development")
        began = time.perf_counter()
        with open_engine(url, schema="ssd_development") as engine:
            pg_figures = compute_figures(engine, catalogue, months, preset / "measures")
        pg = time.perf_counter() - began
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
        "duckdb_seconds": round(duck, 2),
        "postgres_seconds": round(pg, 2),
        "ratio": round(pg / duck, 2) if duck else None,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"scale {args.scale}, {args.months} months, {len(figures):,} figures: "
            f"DuckDB {duck:.1f} s, PostgreSQL {pg:.1f} s ({result['ratio']}x)"
        )


def per_definition(engines: dict, catalogue: object, months: list, measures: Path) -> None:
    """Print each definition's wall and CPU seconds on every engine."""
    from scorepack.measures import helpers, portable
    from scorepack.measures.compute import definition, jobs, runnable

    times: dict[str, dict[str, tuple[float, float]]] = {}
    for name, engine in engines.items():
        present = helpers.prepare(
            engine,
            months,
            catalogue.case_roles or helpers.CASE_ROLES,  # type: ignore[attr-defined]
            catalogue.cohorts,  # type: ignore[attr-defined]
            measures,
        )
        for measure in sorted({j.measure for j in jobs(catalogue)}):  # type: ignore[arg-type]
            sql = definition(measures, measure)
            if not runnable(sql, present):
                continue
            wall, cpu = time.perf_counter(), time.process_time()
            engine.run(portable.parse(sql))
            times.setdefault(measure, {})[name] = (
                time.perf_counter() - wall,
                time.process_time() - cpu,
            )
    names = list(engines)
    print(f"{'definition':34}" + "".join(f"{n + ' wall':>17}{'cpu':>7}" for n in names) + "  ratio")
    order = sorted(times, key=lambda m: -times[m].get(names[-1], (0.0, 0.0))[0])
    for measure in order:
        cells = [times[measure].get(n, (0.0, 0.0)) for n in names]
        ratio = cells[-1][0] / cells[0][0] if cells[0][0] else 0.0
        print(f"{measure:34}" + "".join(f"{w:17.3f}{c:7.3f}" for w, c in cells) + f"{ratio:7.1f}")


if __name__ == "__main__":
    main()
