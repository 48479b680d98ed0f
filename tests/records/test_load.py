"""Loading a records folder: every problem reported at once, all or nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scorepack.errors import InputError, Problem
from scorepack.records.load import load_records
from scorepack.records.schema import TABLES

ISO_DATE = (
    "a date (YYYY-MM-DD or an ISO date-time; declare any other format as date_format "
    "in extract.yaml)"
)

GOOD: dict[str, list[dict[str, str]]] = {
    "ssd_department": [
        {"dept_team_id": "kent", "dept_team_name": "Kent", "dept_team_parent_id": ""},
        {"dept_team_id": "t1", "dept_team_name": "Team 1", "dept_team_parent_id": "kent"},
    ],
    "ssd_person": [
        {"pers_person_id": "c1", "pers_dob": "2010-05-01"},
        {"pers_person_id": "c2", "pers_dob": "2012-02-29 00:00:00"},
    ],
    "ssd_cp_plans": [
        {
            "cppl_cp_plan_id": "p1",
            "cppl_person_id": "c1",
            "cppl_cp_plan_start_date": "2015-01-01",
            "cppl_cp_plan_end_date": "2015-06-01",
        },
    ],
    "ssd_involvements": [
        {
            "invo_involvements_id": "i1",
            "invo_person_id": "c1",
            "invo_professional_team": "t1",
            "invo_involvement_start_date": "2015-01-01",
            "invo_involvement_end_date": "",
        },
    ],
}


def write(folder: Path, tables: dict[str, list[dict[str, str]]]) -> Path:
    """A records folder: the given rows, and every other SSD table with a header only.

    Required columns the rows do not give are written empty; a key ``-name``
    in the rows leaves column ``name`` out of the file altogether.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for t in TABLES:
        if t.extension and t.name not in tables:
            continue
        rows = tables.get(t.name, [])
        given = list(rows[0]) if rows else []
        dropped = {c for c in rows[0] if c.startswith("-")} if rows else set()
        header = given + [
            c.name
            for c in t.columns
            if c.required and c.name not in given and f"-{c.name}" not in dropped
        ]
        header = [h for h in header if h not in dropped]
        with (folder / f"{t.name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=header, restval="", extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
    return folder


def test_a_good_folder_loads_with_typed_columns(tmp_path: Path) -> None:
    db = tmp_path / "records.duckdb"
    loaded = load_records(write(tmp_path / "in", GOOD), db)
    assert loaded.rows["ssd_person"] == 2
    assert "ext_case_audits" not in loaded.tables
    conn = duckdb.connect(str(db), read_only=True)
    dob = conn.execute("SELECT pers_dob FROM ssd_person WHERE pers_person_id = 'c2'").fetchone()
    assert str(dob[0]) == "2012-02-29"
    types = dict(
        conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'ssd_cp_plans'"
        ).fetchall()
    )
    assert types["cppl_cp_plan_start_date"] == "DATE"
    # an optional column missing from the file is loaded empty
    assert conn.execute("SELECT COUNT(pers_expected_dob) FROM ssd_person").fetchone() == (0,)


def test_parquet_files_load_too(tmp_path: Path) -> None:
    folder = write(tmp_path / "in", GOOD)
    (folder / "ssd_person.csv").unlink()
    pq.write_table(
        pa.table({"pers_person_id": ["c1", "c2"], "pers_dob": pa.array([None, None], pa.date32())}),
        folder / "ssd_person.parquet",
    )
    assert load_records(folder, tmp_path / "db.duckdb").rows["ssd_person"] == 2


def corrupt() -> dict[str, list[dict[str, str]]]:
    bad = {k: [dict(r) for r in v] for k, v in GOOD.items()}
    bad["ssd_person"][1]["pers_dob"] = "2015-02-30"  # bad date, data row 2
    bad["ssd_cp_plans"][0]["cppl_person_id"] = "nobody"  # orphan id, row 1
    bad["ssd_cp_plans"].append(
        {
            "cppl_cp_plan_id": "p2",
            "cppl_person_id": "c1",
            "cppl_cp_plan_start_date": "2015-06-01",
            "cppl_cp_plan_end_date": "2015-05-31",
        }
    )  # ends first, row 2
    for row in bad["ssd_involvements"]:
        del row["invo_professional_team"]
        row["-invo_professional_team"] = ""  # leave the column out of the file
    return bad


def test_a_corrupted_folder_is_refused_with_every_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_records(write(tmp_path / "in", corrupt()), tmp_path / "db.duckdb")
    assert set(caught.value.problems) >= {
        Problem("ssd_person.csv", 2, "pers_dob", f"expected {ISO_DATE}, got '2015-02-30'"),
        Problem(
            "ssd_cp_plans.csv",
            1,
            "cppl_person_id",
            "'nobody' refers to nothing: no such ssd_person.pers_person_id",
        ),
        Problem("ssd_involvements.csv", None, "invo_professional_team", "column is missing"),
    }
    ends = [p for p in caught.value.problems if p.column == "cppl_cp_plan_end_date"]
    assert [(p.file, p.line) for p in ends] == [("ssd_cp_plans.csv", 2)]
    assert "2015-05-31" in ends[0].message
    assert not (tmp_path / "db.duckdb").exists()


def test_a_refused_load_leaves_the_previous_database_untouched(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    load_records(write(tmp_path / "good", GOOD), db)
    before = db.read_bytes()
    with pytest.raises(InputError):
        load_records(write(tmp_path / "bad", corrupt()), db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "db.duckdb", "good"]


def test_missing_tables_blank_keys_duplicates_and_flags(tmp_path: Path) -> None:
    folder = write(tmp_path / "in", GOOD)
    (folder / "ssd_cla_episodes.csv").unlink()
    (folder / "ssd_person.csv").write_text(
        "pers_person_id,pers_dob\nc1,2010-01-01\nc1,2010-01-01\n,2010-01-01\nc2,\n"
    )
    (folder / "ssd_cin_visits.csv").write_text(
        "cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date,cinv_cin_visit_seen\n"
        "v1,c1,2015-01-01,maybe\nv2,c1,2015-01-01,yes\n"
    )
    with pytest.raises(InputError) as caught:
        load_records(folder, tmp_path / "db.duckdb")
    found = {(p.file, p.line, p.column) for p in caught.value.problems}
    assert found == {
        ("ssd_cla_episodes.csv", None, None),
        ("ssd_person.csv", 2, "pers_person_id"),
        ("ssd_person.csv", 3, "pers_person_id"),
        ("ssd_cin_visits.csv", 1, "cinv_cin_visit_seen"),
    }
    assert "refers" not in str(caught.value)  # c1 still exists once


def test_problems_print_without_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_records(write(tmp_path / "in", corrupt()), tmp_path / "db.duckdb")
    text = str(caught.value)
    assert "ssd_person.csv, line 2, column pers_dob: expected a date" in text
    assert "Traceback" not in text
