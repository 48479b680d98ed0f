"""DfE files imported into the store: on SQLite and on the real PostgreSQL, the same tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scorepack.benchmarks import NEIGHBOURS_FILE, for_indicator, reference_dir, source_for
from scorepack.benchmarks.dfe import read_table
from scorepack.benchmarks.imports import parse_import, read_imports
from scorepack.catalogue.model import Catalogue
from scorepack.errors import InputError
from scorepack.publish.repository import Store

C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name,category,count,percent\n"
)


def shipped(*names: str) -> list[Path]:
    return [reference_dir() / n for n in names]


def test_importing_a_shipped_table_keeps_every_row_and_cell(store_url: str) -> None:
    with Store(store_url) as store:
        (done,) = store.import_benchmarks(read_imports(shipped(C1)))
        assert done.outcome == "added"
        got = store.benchmark_table(C1)
        assert got is not None
        table, measures = got
    published = read_table(reference_dir() / C1, measures)
    assert "rereferral_percent" in measures and "category" not in measures
    assert len(table.rows) == len(published.rows) == done.rows
    for mine, theirs in zip(table.rows, published.rows, strict=True):
        assert (mine.line, mine.year, mine.level) == (theirs.line, theirs.year, theirs.level)
        assert dict(mine.place) == dict(theirs.place)
        assert dict(mine.text) == dict(theirs.text)


def test_reimporting_the_same_file_changes_nothing(store_url: str) -> None:
    files = read_imports(shipped(C1, NEIGHBOURS_FILE))
    with Store(store_url) as store:
        first = store.import_benchmarks(files)
        before = store.benchmark_files()
        again = store.import_benchmarks(read_imports(shipped(C1, NEIGHBOURS_FILE)))
        after = store.benchmark_files()
    assert [d.outcome for d in first] == ["added", "added"]
    assert [d.outcome for d in again] == ["unchanged", "unchanged"]
    assert before == after
    assert {f.kind for f in after} == {"table", "neighbours"}


def tiny(kent_percent: str) -> str:
    return HEADER + textwrap.dedent(
        f"""\
        2025,Reporting year,National,E92000001,England,,,,,,Things,1000,20.0
        2025,Reporting year,Regional,E92000001,England,E12000008,South East,,,,Things,200,25.0
        2025,Reporting year,Local authority,E92000001,England,E12000008,South East,886,E10000016,Kent,Things,40,{kent_percent}
        2025,Reporting year,Local authority,E92000001,England,E12000006,East of England,881,E10000012,Essex,Things,c,c
        2025,Reporting year,Local authority,E92000001,England,E12000008,South East,845,E10000011,East Sussex,Things,30,30.0
        """
    )


def test_a_changed_file_replaces_the_one_imported_before(store_url: str) -> None:
    with Store(store_url) as store:
        store.import_benchmarks([parse_import(tiny("10.0"), "things.csv")])
        (done,) = store.import_benchmarks([parse_import(tiny("12.5"), "things.csv")])
        got = store.benchmark_table("things.csv")
        assert got is not None
        table, _ = got
        assert [f.name for f in store.benchmark_files()] == ["things.csv"]
    assert done.outcome == "replaced" and len(table.rows) == 5
    kent = next(r for r in table.rows if r.place["old_la_code"] == "886")
    assert table.measure(kent, "percent").value == 12.5


def _catalogue() -> Catalogue:
    return Catalogue.model_validate(
        {
            "name": "t",
            "authority": "Kent",
            "service": "s",
            "source": "s",
            "la_code": "E10000016",
            "sections": [{"id": "s", "heading": "S"}],
            "indicators": [
                {
                    "id": "things",
                    "number": "1",
                    "title": "Things",
                    "section": "s",
                    "polarity": "L",
                    "period_type": "SS",
                    "kind": "percentage",
                    "benchmark": {
                        "file": "things.csv",
                        "measure": "percent",
                        "filters": {"category": "Things"},
                    },
                }
            ],
        }
    )


def test_lookups_read_the_store_where_it_has_the_file_and_leave_suppressed_cells_out(
    store_url: str,
) -> None:
    with Store(store_url) as store:
        store.import_benchmarks([parse_import(tiny("10.0"), "things.csv")])
        result = for_indicator(_catalogue(), "things", store=store)
    assert result.own.value.value == 10.0 and result.england.value == 20.0
    assert result.region is not None and result.region.value.value == 25.0
    essex = next(n for n in result.neighbours if n.code == "881")
    assert essex.value.code == "c" and essex.value.value is None
    # Essex suppressed and eight neighbours not in the table: East Sussex alone is averaged
    assert result.neighbour_mean == 30.0 and result.neighbours_left_out == 9
    assert (result.rank, result.of, result.quartile) == (1, 2, 2)


def test_without_the_file_in_the_store_the_shipped_one_is_read(store_url: str) -> None:
    kent = Catalogue.model_validate({**_catalogue().model_dump(), "indicators": []})
    with Store(store_url) as store:
        source = source_for(store=store)
        table = source.table(C1, ["rereferral_percent"], "test")
        assert source.neighbours("test").of("886")[0] == "881"
    assert table.name == C1 and kent.la_code == "E10000016"


def test_bad_cells_in_several_files_are_all_reported_and_nothing_is_written(
    store_url: str, tmp_path: Path
) -> None:
    bad = tiny("ten").replace("Kent,Things,40", "Kent,Things,forty")
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    (tmp_path / "worse.csv").write_text(tiny("n/a"), encoding="utf-8")
    (tmp_path / "good.csv").write_text(tiny("1.0"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_imports([tmp_path / "good.csv", tmp_path / "bad.csv", tmp_path / "worse.csv"])
    assert [str(p) for p in caught.value.problems] == [
        "bad.csv, line 4, column count: expected a number or a suppression code "
        "(c, x, z, low, u, k), got 'forty'",
        "bad.csv, line 4, column percent: expected a number or a suppression code "
        "(c, x, z, low, u, k), got 'ten'",
        "worse.csv, line 4, column percent: expected a number or a suppression code "
        "(c, x, z, low, u, k), got 'n/a'",
    ]
    with Store(store_url) as store:
        assert store.benchmark_files() == []
