"""Reading record values correctly or refusing them: dates, zones, numbers and units.

Each case is one small records folder (the good one of test_load with one change)
and either what was loaded or the exact problem, with file, row and column.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scorepack.errors import InputError, Problem
from scorepack.records.load import load_records, open_records
from tests.records.test_load import GOOD, ISO_DATE, write

DMY = "a date as %d/%m/%Y (date_format in extract.yaml) or YYYY-MM-DD or an ISO date-time"


def dob_folder(tmp_path: Path, dob: str, extract: str | None = None) -> Path:
    rows = {**GOOD, "ssd_person": [{"pers_person_id": "c1", "pers_dob": dob}]}
    folder = write(tmp_path / "in", rows)
    if extract is not None:
        (folder / "extract.yaml").write_text(extract, encoding="utf-8")
    return folder


def dob(folder: Path, tmp_path: Path, **settings: str) -> str:
    db = tmp_path / "db.duckdb"
    load_records(folder, db, **settings)
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return str(conn.execute("SELECT pers_dob FROM ssd_person").fetchone()[0])
    finally:
        conn.close()


def refused(folder: Path, tmp_path: Path, **settings: str) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_records(folder, tmp_path / "db.duckdb", **settings)
    assert not (tmp_path / "db.duckdb").exists()
    return list(caught.value.problems)


DMY_FILE = 'date_format: "%d/%m/%Y"\n'

READ = [
    # (value, extract.yaml, date loaded)
    ("2010-01-07", None, "2010-01-07"),
    ("2010-01-07 13:45:00", None, "2010-01-07"),
    ("2010-01-07T13:45", None, "2010-01-07"),
    ("2015-03-31T23:30:00Z", None, "2015-04-01"),  # 00:30 BST in Europe/London
    ("2015-03-31T23:30:00+00:00", None, "2015-04-01"),
    ("2015-03-31T23:30:00Z", "timezone: UTC\n", "2015-03-31"),
    ("2015-12-31T23:30:00Z", None, "2015-12-31"),  # GMT in winter
    ("07/01/2010", DMY_FILE, "2010-01-07"),
    ("7/1/2010", DMY_FILE, "2010-01-07"),
    ("07/01/2010 13:45:00", DMY_FILE, "2010-01-07"),
    ("2010-01-07", DMY_FILE, "2010-01-07"),
    ("07 Jan 2010", 'date_format: "%d %b %Y"\n', "2010-01-07"),
]


@pytest.mark.parametrize(("value", "extract", "loaded"), READ)
def test_dates_read_as_written_or_declared(
    tmp_path: Path, value: str, extract: str | None, loaded: str
) -> None:
    assert dob(dob_folder(tmp_path, value, extract), tmp_path) == loaded


REFUSED = [
    # (value, extract.yaml, what the message says was expected)
    ("07/01/10", None, ISO_DATE),
    ("07/01/2010", None, ISO_DATE),
    ("2010-1-7", None, ISO_DATE),
    ("2015-02-30", None, ISO_DATE),
    ("20100107", None, ISO_DATE),
    ("07/01/10", DMY_FILE, DMY),
    ("31/02/2010", DMY_FILE, DMY),
    ("01/13/2010", DMY_FILE, DMY),
    ("07-01-2010", DMY_FILE, DMY),
]


@pytest.mark.parametrize(("value", "extract", "what"), REFUSED)
def test_ambiguous_or_unmatched_dates_are_refused(
    tmp_path: Path, value: str, extract: str | None, what: str
) -> None:
    assert refused(dob_folder(tmp_path, value, extract), tmp_path) == [
        Problem("ssd_person.csv", 1, "pers_dob", f"expected {what}, got {value!r}")
    ]


def test_the_keyword_argument_declares_the_format_too(tmp_path: Path) -> None:
    folder = dob_folder(tmp_path, "07/01/2010")
    assert dob(folder, tmp_path, date_format="%d/%m/%Y") == "2010-01-07"


def test_the_keyword_timezone_is_used_for_zoned_values(tmp_path: Path) -> None:
    folder = dob_folder(tmp_path, "2015-03-31T20:00:00Z")
    assert dob(folder, tmp_path, timezone="Asia/Tokyo") == "2015-04-01"


EXTRACT_REFUSED = [
    (
        'date_format: "%d/%m/%y"\n',
        {},
        Problem(
            "extract.yaml",
            1,
            14,
            "date_format: a two-digit year (%y) is ambiguous: the extract must give four-digit "
            "years (%Y), got '%d/%m/%y'",
        ),
    ),
    (
        'date_format: "%m/%Y"\n',
        {},
        Problem("extract.yaml", 1, 14, "date_format: a date format needs a day (%d), got '%m/%Y'"),
    ),
    (
        'date_format: "%d/%m/%Y %j"\n',
        {},
        Problem(
            "extract.yaml",
            1,
            14,
            "date_format: unsupported directive %j; use %d %m %b %B %Y %H %M %S %%, "
            "got '%d/%m/%Y %j'",
        ),
    ),
    (
        "timezone: BST\n",
        {},
        Problem(
            "extract.yaml",
            1,
            11,
            "timezone: expected a time zone name such as Europe/London (an abbreviation such "
            "as BST or GMT is ambiguous), got 'BST'",
        ),
    ),
    (
        "timezone: Europe/Londres\n",
        {},
        Problem(
            "extract.yaml",
            1,
            11,
            "timezone: expected a time zone name such as Europe/London (an abbreviation such "
            "as BST or GMT is ambiguous), got 'Europe/Londres'",
        ),
    ),
    (
        "dateformat: x\n",
        {},
        Problem("extract.yaml", 1, 1, "dateformat: unknown field 'dateformat'"),
    ),
    (
        "timezone: UTC\ntimezone: Europe/London\n",
        {},
        Problem("extract.yaml", 2, 1, "duplicate key 'timezone': already given on line 1"),
    ),
    (
        DMY_FILE,
        {"date_format": "%m/%d/%Y"},
        Problem(
            "load_records",
            None,
            "date_format",
            "date_format '%m/%d/%Y' disagrees with '%d/%m/%Y' in extract.yaml; give one",
        ),
    ),
    (
        None,
        {"timezone": "GMT"},
        Problem(
            "load_records",
            None,
            "timezone",
            "expected a time zone name such as Europe/London (an abbreviation such as BST or "
            "GMT is ambiguous), got 'GMT'",
        ),
    ),
]


@pytest.mark.parametrize(("extract", "settings", "problem"), EXTRACT_REFUSED)
def test_extract_settings_are_validated_like_any_input(
    tmp_path: Path, extract: str | None, settings: dict[str, str], problem: Problem
) -> None:
    assert refused(dob_folder(tmp_path, "2010-01-07", extract), tmp_path, **settings) == [problem]


NUMBERS = ["-1", "nan", "NaN", "inf", "-inf", "Infinity", "1e999", "1,5", "one"]


@pytest.mark.parametrize("value", NUMBERS)
def test_fte_must_be_a_finite_number_of_zero_or_more(tmp_path: Path, value: str) -> None:
    rows = {
        **GOOD,
        "ext_establishment": [
            {
                "estp_post_id": "p1",
                "estp_team_id": "t1",
                "estp_fte": value,
                "estp_caseholding": "Y",
                "estp_start_date": "2015-01-01",
            }
        ],
    }
    assert refused(write(tmp_path / "in", rows), tmp_path) == [
        Problem(
            "ext_establishment.csv",
            1,
            "estp_fte",
            f"expected a number of zero or more (such as 3 or 0.5), got {value!r}",
        )
    ]


def test_nan_from_parquet_is_refused_too(tmp_path: Path) -> None:
    folder = write(tmp_path / "in", GOOD)
    pq.write_table(
        pa.table(
            {
                "stfa_assignment_id": ["a1"],
                "stfa_professional_id": ["w1"],
                "stfa_team_id": ["t1"],
                "stfa_start_date": pa.array([None], pa.date32()),
                "stfa_end_date": pa.array([None], pa.date32()),
                "stfa_fte": [float("nan")],
                "stfa_agency": ["N"],
                "stfa_qualified": ["Y"],
                "stfa_caseholding": ["Y"],
            }
        ),
        folder / "ext_staff_assignments.parquet",
    )
    found = refused(folder, tmp_path)
    assert (
        Problem(
            "ext_staff_assignments.parquet",
            1,
            "stfa_fte",
            "expected a number of zero or more (such as 3 or 0.5), got 'nan'",
        )
        in found
    )


DEPARTMENTS = [
    # (department rows (id, parent), problems as (row, column, message))
    (
        [("kent", ""), ("t1", "x"), ("x", "t1")],
        [(2, "dept_team_parent_id", "units form a cycle: t1 → x → t1")],
    ),
    (
        [("kent", "kent"), ("t1", "kent")],
        [(1, "dept_team_parent_id", "units form a cycle: kent → kent")],
    ),
    (
        [("kent", ""), ("t1", "kent"), ("x/../../../../escaped", "kent")],
        [
            (
                3,
                "dept_team_id",
                "expected an id of lower-case letters, digits and - _ ., got "
                "'x/../../../../escaped'",
            )
        ],
    ),
    (
        [("kent", ""), ("t1", "kent"), ("cic/north", "kent")],
        [
            (
                3,
                "dept_team_id",
                "expected an id of lower-case letters, digits and - _ ., got 'cic/north'",
            )
        ],
    ),
    (
        [("kent", ""), ("t1", "kent"), ("a" * 300, "kent")],
        [(3, "dept_team_id", "expected an id of at most 80 characters, got one of 300")],
    ),
]


@pytest.mark.parametrize(("departments", "expected"), DEPARTMENTS)
def test_departments_form_a_tree_of_safe_ids(
    tmp_path: Path, departments: list[tuple[str, str]], expected: list[tuple[int, str, str]]
) -> None:
    rows = {
        **GOOD,
        "ssd_department": [
            {"dept_team_id": i, "dept_team_name": i.title(), "dept_team_parent_id": p}
            for i, p in departments
        ],
    }
    assert refused(write(tmp_path / "in", rows), tmp_path) == [
        Problem("ssd_department.csv", row, column, message) for row, column, message in expected
    ]


def test_unit_names_from_records_lose_bidi_controls(tmp_path: Path) -> None:
    from scorepack.measures.compute import units_from_records

    rows = {
        **GOOD,
        "ssd_department": [
            {"dept_team_id": "kent", "dept_team_name": "Kent\u202e", "dept_team_parent_id": ""},
            {"dept_team_id": "t1", "dept_team_name": "\u2067Team 1", "dept_team_parent_id": "kent"},
        ],
    }
    db = tmp_path / "db.duckdb"
    load_records(write(tmp_path / "in", rows), db)
    conn = open_records(db, read_only=True)
    try:
        assert sorted(u.name for u in units_from_records(conn)) == ["Kent", "Team 1"]
    finally:
        conn.close()


SCRIPT = """
import json, sys
from pathlib import Path
from scorepack.measures import helpers
from scorepack.measures.compute import definition, run_definition
from scorepack.periods import Month
from scorepack.records.load import load_records, open_records
from tests.measures.kit import MEASURES

folder, db = Path(sys.argv[1]), Path(sys.argv[2])
load_records(folder, db)
conn = open_records(db)
found = conn.execute("SELECT cppl_cp_plan_start_date FROM ssd_cp_plans").fetchall()
starts = [str(r[0]) for r in found]
helpers.prepare(conn, [Month(2015, 3), Month(2015, 4)])
rows = run_definition(conn, definition(MEASURES, "cp-starts"))
figures = sorted([str(u), str(p), str(c), int(n)] for u, p, c, n, _ in rows)
print(json.dumps({"starts": starts, "figures": figures}))
"""


def test_timestamptz_values_give_the_same_figures_in_any_machine_zone(tmp_path: Path) -> None:
    folder = write(tmp_path / "in", GOOD)
    (folder / "ssd_cp_plans.csv").unlink()
    instants = pa.array([1427844600_000000, 1420070400_000000], pa.timestamp("us", tz="UTC"))
    # 2015-03-31 23:30 UTC is 00:30 on 1 April in London; 2015-01-01 00:00 UTC is the same day
    pq.write_table(
        pa.table(
            {
                "cppl_cp_plan_id": ["p1", "p2"],
                "cppl_person_id": ["c1", "c2"],
                "cppl_cp_plan_start_date": instants,
                "cppl_cp_plan_end_date": pa.array([None, None], pa.timestamp("us", tz="UTC")),
            }
        ),
        folder / "ssd_cp_plans.parquet",
    )
    root = Path(__file__).resolve().parents[2]
    results = []
    for zone in ("UTC", "Asia/Tokyo", "America/Los_Angeles"):
        env = {**os.environ, "TZ": zone, "PYTHONPATH": str(root)}
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(folder), str(tmp_path / f"{zone[:3]}.duckdb")],
            capture_output=True,
            text=True,
            env=env,
            cwd=root,
        )
        assert out.returncode == 0, out.stderr
        results.append(json.loads(out.stdout))
    assert results[0] == results[1] == results[2]
    assert sorted(results[0]["starts"]) == ["2015-01-01", "2015-04-01"]
    assert ["kent", "2015-04", "all", 1] in results[0]["figures"]
    assert not any(f[1] == "2015-03" and f[2] == "all" for f in results[0]["figures"])


@pytest.mark.parametrize(
    ("table", "row", "expected"),
    [
        (
            "ssd_department",
            [
                {"dept_team_id": "kent", "dept_team_name": "Kent", "dept_team_parent_id": "t1"},
                {"dept_team_id": "t1", "dept_team_name": "T1", "dept_team_parent_id": "kent"},
            ],
            "ssd_department.csv, line 1, column dept_team_parent_id: units form a cycle: "
            "kent → t1 → kent",
        ),
        (
            "ext_staff_assignments",
            [
                {
                    "stfa_assignment_id": "a1",
                    "stfa_professional_id": "w1",
                    "stfa_team_id": "t1",
                    "stfa_start_date": "2015-01-01",
                    "stfa_fte": "inf",
                    "stfa_agency": "N",
                    "stfa_qualified": "Y",
                    "stfa_caseholding": "Y",
                }
            ],
            "ext_staff_assignments.csv, line 1, column stfa_fte: expected a number of zero or "
            "more (such as 3 or 0.5), got 'inf'",
        ),
    ],
)
def test_the_cli_refuses_bad_records_with_exit_2_and_no_pack(
    tmp_path: Path, table: str, row: list[dict[str, str]], expected: str
) -> None:
    from typer.testing import CliRunner

    from scorepack.cli.main import app

    rows = {**GOOD, table: row}
    if table == "ext_staff_assignments":
        rows["ssd_professionals"] = [{"prof_professional_id": "w1"}]
    folder = write(tmp_path / "in", rows)
    out = tmp_path / "pack"
    result = CliRunner().invoke(
        app,
        [
            "build",
            "--records",
            str(folder),
            "--preset",
            "kent-scs-2016",
            "--quiet",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 2, result.output
    assert expected in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_the_extract_yaml_of_the_docs_is_valid_and_documented(tmp_path: Path) -> None:
    import re

    from scorepack.records.extract import Extract, read_extract

    docs = (Path(__file__).parents[2] / "docs" / "records.md").read_text(encoding="utf-8")
    block = next(
        b for b in re.findall(r"```yaml\n(.*?)```", docs, flags=re.S) if "date_format" in b
    )
    assert all(f"| `{name}` |" in docs for name in Extract.model_fields)
    (tmp_path / "extract.yaml").write_text(block, encoding="utf-8")
    extract, problems = read_extract(tmp_path)
    assert problems == []
    assert extract == Extract(date_format="%d/%m/%Y", timezone="Europe/London")
