"""Tests of the simulated authority: determinism, shape, integrity and the UASC surge."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from scorepack.records.schema import TABLES
from scorepack.simulate import SimSummary, simulate

SMALL = 0.05


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> SimSummary:
    calls: list[tuple[str, int, int]] = []
    out = tmp_path_factory.mktemp("sim-a")
    summary = simulate(out, seed=7, scale=SMALL, progress=lambda *a: calls.append(a))
    summary.calls = calls  # type: ignore[attr-defined]
    return summary


def _read(out: Path, name: str) -> dict[str, list]:
    return pq.read_table(out / f"{name}.parquet").to_pydict()


def test_every_schema_table_written_with_exact_columns(run: SimSummary) -> None:
    for table in TABLES:
        data = pq.read_table(run.out_dir / f"{table.name}.parquet")
        assert data.column_names == [c.name for c in table.columns], table.name
    assert sorted(p.stem for p in run.out_dir.glob("*.parquet")) == sorted(t.name for t in TABLES)


def test_same_seed_gives_identical_files(run: SimSummary, tmp_path: Path) -> None:
    again = simulate(tmp_path / "b", seed=7, scale=SMALL)
    for table in TABLES:
        name = f"{table.name}.parquet"
        assert (run.out_dir / name).read_bytes() == (again.out_dir / name).read_bytes(), name


def test_other_seed_differs(run: SimSummary, tmp_path: Path) -> None:
    other = simulate(tmp_path / "c", seed=8, scale=SMALL)
    a = (run.out_dir / "ssd_cin_episodes.parquet").read_bytes()
    assert a != (other.out_dir / "ssd_cin_episodes.parquet").read_bytes()


def test_scale_is_roughly_proportional(run: SimSummary, tmp_path: Path) -> None:
    bigger = simulate(tmp_path / "d", seed=7, scale=SMALL * 3)
    for name in ("ssd_person", "ssd_cin_episodes", "ssd_cla_episodes"):
        ratio = bigger.rows[name] / run.rows[name]
        assert 2.4 < ratio < 3.6, (name, ratio)


def test_keys_references_spans_and_required_values(run: SimSummary) -> None:
    data = {t.name: _read(run.out_dir, t.name) for t in TABLES}
    problems: list[str] = []
    for table in TABLES:
        rows = data[table.name]
        if table.key:
            dup = [k for k, n in Counter(rows[table.key]).items() if n > 1]
            if dup:
                problems.append(f"{table.name}: duplicate {table.key} {dup[:3]}")
        for col in table.columns:
            if col.not_null and any(v is None for v in rows[col.name]):
                problems.append(f"{table.name}.{col.name}: empty values")
            if col.references:
                ref_table, ref_col = col.references.split(".")
                known = set(data[ref_table][ref_col])
                orphans = {v for v in rows[col.name] if v is not None and v not in known}
                if orphans:
                    problems.append(f"{table.name}.{col.name}: {len(orphans)} orphan ids")
        for start, end in table.spans:
            bad = sum(
                1
                for s, e in zip(rows[start], rows[end], strict=True)
                if e is not None and s is not None and e < s
            )
            if bad:
                problems.append(f"{table.name}: {bad} rows end before start ({start}, {end})")
    assert problems == []


def test_uasc_surge_in_mid_2015(run: SimSummary) -> None:
    starts = _read(run.out_dir, "ssd_immigration_status")["immi_immigration_status_start_date"]
    before = sum(
        1 for d in starts if (d.year == 2014 and d.month >= 4) or (d.year == 2015 and d.month <= 3)
    )
    surge = sum(1 for d in starts if d.year == 2015 and 6 <= d.month <= 11)
    assert surge / 6 > 3 * (before / 12)


def test_unit_ids_match_the_kent_preset(run: SimSummary) -> None:
    dept = _read(run.out_dir, "ssd_department")
    parent = dict(zip(dept["dept_team_id"], dept["dept_team_parent_id"], strict=True))
    assert parent["kent"] is None
    assert parent["ashford-ait-fst"] == "south-kent"
    assert parent["east-kent-can-swa-cic"] == "east-kent"
    assert parent["disability-ek"] == "disability-service"
    for team in ("suasc-service", "care-leaver-service-18", "sevenoaks-ait-fst", "cdt-ooh-cru"):
        assert team in parent


def test_headline_figures_and_progress(run: SimSummary) -> None:
    h = run.headline
    assert h["caseloads"] > h["looked_after"] > h["uasc_looked_after"] > 0
    assert h["cp_plans"] > 0 and h["referrals_in_month"] > 0
    calls = run.calls  # type: ignore[attr-defined]
    children = [c for c in calls if c[0] == "children"]
    assert children[-1][1] == children[-1][2] == run.children
    assert [c[1] for c in children] == sorted(c[1] for c in children)


def test_csv_output(tmp_path: Path) -> None:
    summary = simulate(tmp_path / "csv", seed=3, scale=0.02, fmt="csv")
    header = (tmp_path / "csv" / "ssd_cp_plans.csv").read_text().splitlines()[0]
    assert header.replace('"', "").split(",")[:2] == ["cppl_cp_plan_id", "cppl_person_id"]
    assert summary.rows["ssd_person"] > 0
