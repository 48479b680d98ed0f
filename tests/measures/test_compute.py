"""compute_figures and units_from_records over a tiny record set."""

from __future__ import annotations

from scorepack.measures.compute import compute_figures, units_from_records
from scorepack.periods import Month
from tests.measures.kit import MEASURES, Records
from tests.measures.test_definitions import CATALOGUE

MONTHS = [Month(2016, 2), Month(2016, 3)]


def tiny() -> Records:
    r = Records().person("c1", team="t1").person("c2", team="t3", uasc_from="2015-01-01")
    r.add(
        "ssd_cp_plans",
        cppl_cp_plan_id="p1",
        cppl_person_id="c1",
        cppl_cp_plan_start_date="2016-03-10",
    )
    r.add(
        "ssd_cla_episodes",
        clae_cla_episode_id="e2",
        clae_person_id="c2",
        clae_cla_id="k2",
        clae_cla_episode_start_date="2015-06-01",
    )
    return r


def test_every_measure_unit_month_and_cohort_gets_a_figure() -> None:
    figures = compute_figures(tiny().conn, CATALOGUE, MONTHS, MEASURES)
    keys = {f.key for f in figures}
    assert len(keys) == len(figures)
    units = {"county", "north", "south", "t1", "t2", "t3"}
    assert {f.unit for f in figures} == units
    assert {f.indicator for f in figures} == {i.id for i in CATALOGUE.indicators} | {
        a.id for a in CATALOGUE.activity
    }
    # Indicators with an excl-uasc cohort get it; activity counts only 'all'.
    assert ("lac", "county", MONTHS[1], "excl-uasc") not in keys
    assert ("cic-3-placements-12m", "county", MONTHS[1], "excl-uasc") in keys


def test_values_zero_fill_and_counts() -> None:
    figures = {f.key: f for f in compute_figures(tiny().conn, CATALOGUE, MONTHS, MEASURES)}
    plans = figures[("cp-plans", "north", MONTHS[1], "all")]
    assert (plans.numerator, plans.denominator, plans.value) == (1, None, 1)
    assert figures[("cp-plans", "north", MONTHS[0], "all")].value == 0
    lac = figures[("cic-3-placements-12m", "county", MONTHS[1], "all")]
    assert (lac.numerator, lac.denominator, lac.value) == (0, 1, None)
    none = figures[("cic-3-placements-12m", "north", MONTHS[1], "all")]
    assert (none.numerator, none.denominator, none.value) == (0, 0, None)
    uasc = figures[("cic-3-placements-12m", "county", MONTHS[1], "excl-uasc")]
    assert uasc.denominator == 0


def test_measures_needing_a_missing_extension_table_are_left_out() -> None:
    r = tiny()
    r.conn.execute("DROP TABLE ext_case_audits")
    ids = {f.indicator for f in compute_figures(r.conn, CATALOGUE, MONTHS, MEASURES)}
    assert "audits-completed" not in ids
    assert "cp-plans" in ids


def test_measures_whose_building_block_needs_a_missing_table_are_left_out() -> None:
    r = tiny()
    r.conn.execute("DROP TABLE ext_pf_visits")
    ids = {f.indicator for f in compute_figures(r.conn, CATALOGUE, MONTHS, MEASURES)}
    assert not {"pf-new-visits-6w", "pf-existing-visits"} & ids
    assert {"pf-initial-visit-7d", "care-leavers-in-touch"} <= ids


def test_units_from_records_kinds() -> None:
    r = tiny()
    units = {u.id: u for u in units_from_records(r.conn)}
    assert (units["county"].kind, units["north"].kind, units["t1"].kind) == (
        "county",
        "area",
        "team",
    )
    assert units["t1"].parent == "north"
    r.add("ext_team_type", etty_team_id="south", etty_unit_kind="service")
    assert {u.id: u.kind for u in units_from_records(r.conn)}["south"] == "service"


def test_a_cohort_the_definitions_do_not_compute_is_refused_not_zero() -> None:
    import pytest

    from scorepack.errors import InputError

    ind = CATALOGUE.indicators[0].model_copy(update={"cohorts": ("looked-after-only",)})
    other = CATALOGUE.model_copy(update={"indicators": (ind,), "activity": ()})
    with pytest.raises(InputError, match="cohort 'looked-after-only' cannot be computed"):
        compute_figures(tiny().conn, other, MONTHS, MEASURES)
