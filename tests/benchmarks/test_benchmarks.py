"""Benchmarks against the DfE's published local-authority statistics."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scorepack.benchmarks import for_indicator, reference_dir
from scorepack.benchmarks.compare import benchmark, quartile, rank_of
from scorepack.benchmarks.dfe import Published, parse_neighbours, parse_table
from scorepack.catalogue.model import Benchmark
from scorepack.errors import InputError
from tests.judge.test_rules import indicator

TINY = textwrap.dedent(
    """\
    time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,count,percent
    2025,Reporting year,National,E92000001,England,,,,,,Things,1000,20.0
    2025,Reporting year,Regional,E92000001,England,E12000008,South East,,,,Things,200,25.0
    2025,Reporting year,Local authority,E92000001,England,E12000008,South East,101,E06000101,Alpha,Things,c,c
    2025,Reporting year,Local authority,E92000001,England,E12000008,South East,102,E06000102,Beta,Things,40,10.0
    2025,Reporting year,Local authority,E92000001,England,E12000008,South East,103,E06000103,Gamma,Things,50,30.0
    2025,Reporting year,Local authority,E92000001,England,E12000008,South East,104,E06000104,Delta,Things,x,low
    2025,Reporting year,Local authority,E92000001,England,E12000008,South East,105,E06000105,Epsilon,Things,z,20.0
    2024,Reporting year,National,E92000001,England,,,,,,Things,900,99.0
    """
)
NEIGHBOURS = (
    "LA num,LA Name,LA number,GOInd,GOReg,"
    + ",".join(f"SN{i},SNP" for i in range(1, 11))
    + ",\n"
    + "102,Beta,102,6,South East,"
    + ",".join(f"{c},Close" for c in (101, 103, 104, 105, 106, 107, 108, 109, 110, 111))
    + ",\n"
)


def test_suppressed_cells_import_as_codes_never_numbers() -> None:
    table = parse_table(TINY, "tiny.csv", ["count", "percent"])
    alpha = next(r for r in table.rows if r.place["la_name"] == "Alpha")
    assert table.measure(alpha, "percent") == Published(code="c")
    delta = next(r for r in table.rows if r.place["la_name"] == "Delta")
    assert table.measure(delta, "percent").code == "low"
    assert table.measure(delta, "count").display == "x"


def test_suppressed_cells_never_enter_a_mean_and_are_counted() -> None:
    table = parse_table(TINY, "tiny.csv", ["percent"])
    ind = indicator("H").model_copy(
        update={
            "benchmark": Benchmark(
                file="tiny.csv", measure="percent", filters={"category": "Things"}
            )
        }
    )
    result = benchmark(ind, table, "E06000102", parse_neighbours(NEIGHBOURS, "sn.csv"))
    assert result.year == "2025"
    assert result.england.value == 20.0 and result.region is not None
    assert result.region.value.value == 25.0
    assert [p.value.display for p in result.neighbours[:4]] == ["c", "30", "low", "20"]
    assert result.neighbour_mean == pytest.approx((30.0 + 20.0) / 2)
    assert result.neighbours_left_out == 8  # c, low, and six not in the table
    assert (result.rank, result.of, result.quartile) == (3, 3, 4)  # higher is better: 30, 20, 10


def test_a_cell_that_is_neither_a_number_nor_a_code_is_a_problem() -> None:
    bad = TINY.replace("Beta,Things,40,10.0", "Beta,Things,40,ten")
    with pytest.raises(InputError) as info:
        parse_table(bad, "tiny.csv", ["percent"])
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("tiny.csv", 5, "percent")
    assert "suppression code" in problem.message


def test_a_missing_measure_column_is_a_problem() -> None:
    with pytest.raises(InputError, match="no column 'rate'"):
        parse_table(TINY, "tiny.csv", ["rate"])


@pytest.mark.parametrize(
    ("own", "others", "polarity", "rank"),
    [(10, [20, 30], "H", 3), (10, [20, 30], "L", 1), (20, [20, 30], "H", 2), (5, [1], "T", None)],
)
def test_rank_by_polarity(own: float, others: list[float], polarity: str, rank: int | None) -> None:
    assert rank_of(own, others, polarity) == rank


def test_quartiles() -> None:
    assert [quartile(r, 152) for r in (1, 38, 39, 76, 77, 152)] == [1, 1, 2, 2, 3, 4]


def test_kent_rereferrals_neighbour_mean_by_hand(kent) -> None:  # type: ignore[no-untyped-def]
    result = for_indicator(kent.catalogue, "rereferrals-12m")
    assert result.year == "2025" and result.own.name == "Kent" and result.own.value.value == 21.6
    assert result.england.value == 22.6
    assert result.region is not None and result.region.name == "South East"
    # Kent's ten statistical neighbours (April 2021), re-referral % in 2025, from
    # c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv:
    # Essex 15.4, East Sussex 16.6, Swindon 23, Worcestershire 17.8, Lancashire 16.3,
    # West Northamptonshire 23.9, Nottinghamshire 23.1, Warwickshire 17, Suffolk 20.1,
    # Staffordshire 14.2: total 187.4, mean 18.74.
    assert [p.name for p in result.neighbours][:2] == ["Essex", "East Sussex"]
    assert result.neighbour_mean == pytest.approx(18.74)
    assert result.neighbours_left_out == 0
    assert result.rank is not None and 1 <= result.rank <= result.of
    assert result.quartile in (1, 2, 3, 4)


def test_kent_mapped_indicators(kent) -> None:  # type: ignore[no-untyped-def]
    cp = for_indicator(kent.catalogue, "cp-repeat-24m")
    assert cp.comparable == "similar" and cp.own.value.value == 24.3
    assert cp.rank is None  # polarity T: nothing is better, so no rank


def test_cin_rate_from_counts_and_population(kent) -> None:  # type: ignore[no-untyped-def]
    from scorepack.catalogue.model import PublishedMeasure

    ind = indicator("L").model_copy(
        update={
            "benchmark": Benchmark(
                file="b1_children_in_need_2013_to_2025.csv",
                measure="At31_episodes",
                filters={"category": "Children in Need"},
                per=10_000,
                population=PublishedMeasure(
                    file="ons_mid-year_population_estimates_2012_to_2024.csv",
                    measure="population_estimate",
                    filters={"age_group": "Children aged 0 to 17 years"},
                    year_offset=-1,
                ),
            )
        }
    )
    cat = kent.catalogue.model_copy(update={"indicators": (ind,)})
    result = for_indicator(cat, "x")
    # Kent 2025: 11,247 children in need at 31 March; mid-2024 population 0-17 from the ONS file.
    pop = _kent_population_2024()
    assert result.own.value.value == pytest.approx(11247 / pop * 10_000)


def _kent_population_2024() -> float:
    import csv

    path = reference_dir() / "ons_mid-year_population_estimates_2012_to_2024.csv"
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if row["time_period"] == "2024" and row["old_la_code"] == "886":
                return float(row["population_estimate"])
    raise AssertionError


def test_the_shipped_files_are_where_the_reader_looks() -> None:
    assert (Path(reference_dir()) / "README.md").is_file()
