"""The DfE measures of the dfe-returns preset, each on a tiny hand-built record set."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorepack.measures import helpers
from scorepack.measures.compute import HELPER_TABLES, definition, record_tables, run_definition
from scorepack.measures.portable import tables_used, to_dialect
from scorepack.periods import Month
from tests.measures.kit import Records

DFE = Path(__file__).resolve().parents[2] / "src/scorepack/presets/dfe-returns/measures"


def dfe(r: Records, measure: str, period: str = "2016-03") -> tuple:
    """(numerator, denominator) at the top unit, all children."""
    helpers.prepare(r.conn, [Month.parse(period)])
    rows = run_definition(r.conn, definition(DFE, measure))
    found = {(u, p, c): (n, d) for u, p, c, n, d in rows}
    return found.get(("county", period, "all"), (0, 0))


def referral(r: Records, rid: str, child: str, day: str, closed: str | None = None) -> None:
    r.add(
        "ssd_cin_episodes",
        cine_referral_id=rid,
        cine_person_id=child,
        cine_referral_date=day,
        cine_close_date=closed,
    )


def plan(
    r: Records, pid: str, child: str, start: str, end: str | None = None, ola: str | None = None
) -> None:
    r.add(
        "ssd_cp_plans",
        cppl_cp_plan_id=pid,
        cppl_person_id=child,
        cppl_cp_plan_start_date=start,
        cppl_cp_plan_end_date=end,
        cppl_cp_plan_ola=ola,
    )


def episode(
    r: Records,
    eid: str,
    child: str,
    cla: str,
    start: str,
    end: str | None = None,
    reason: str | None = None,
    entered: str | None = None,
) -> None:
    r.add(
        "ssd_cla_episodes",
        clae_cla_episode_id=eid,
        clae_person_id=child,
        clae_cla_id=cla,
        clae_cla_episode_start_date=start,
        clae_cla_episode_ceased_date=end,
        clae_cla_episode_start_reason=reason,
        clae_entered_care_date=entered,
    )
    r.add(
        "ssd_cla_placement",
        clap_cla_placement_id=f"p-{eid}",
        clap_person_id=child,
        clap_cla_id=cla,
        clap_cla_placement_start_date=start,
        clap_cla_placement_end_date=end,
    )


def status(r: Records, sid: str, child: str, code: str, start: str, end: str | None = None) -> None:
    r.add(
        "ssd_legal_status",
        lega_legal_status_id=sid,
        lega_person_id=child,
        lega_legal_status=code,
        lega_legal_status_start_date=start,
        lega_legal_status_end_date=end,
    )


class TestReferrals:
    def test_referrals_of_the_year_and_rereferrals_within_12_months(self) -> None:
        r = Records()
        referral(r, "r1", "a", "2014-06-01", "2014-07-01")
        referral(r, "r2", "a", "2015-06-01")  # exactly 12 months later: a re-referral
        referral(r, "r3", "b", "2014-05-31", "2014-06-30")
        referral(r, "r4", "b", "2015-06-01")  # 12 months and a day: not
        referral(r, "r5", "c", "2015-04-01")
        referral(r, "r6", "c", "2015-04-01")  # the same day does not count
        referral(r, "r7", "d", "2016-04-01")  # next year
        # in 2015-16: r2, r4, r5 and r6 (the count of referrals, c1, is the denominator);
        # only r2 came within 12 months of another
        assert dfe(r, "rereferral-rate") == (1, 4)


class TestChildrenInNeed:
    def test_episodes_open_at_the_end_of_31_march(self) -> None:
        r = Records()
        referral(r, "r1", "a", "2015-01-01")  # open
        referral(r, "r2", "b", "2015-01-01", "2016-03-31")  # closed on the day
        referral(r, "r3", "c", "2016-03-31")  # opened on the day
        referral(r, "r4", "d", "2015-01-01", "2016-04-01")  # still open at the end of the day
        referral(r, "r5", "e", "2014-01-01", "2015-03-01")
        assert dfe(r, "cin-at-31-march") == (3, 3)
        assert dfe(r, "cin-at-31-march", "2016-02") == (0, 0)  # measured at 31 March only


class TestChildProtection:
    def test_starts_leave_out_other_authority_plans(self) -> None:
        r = Records()
        plan(r, "p1", "a", "2015-05-01", ola="N")
        plan(r, "p2", "b", "2015-05-01")  # blank: this authority's
        plan(r, "p3", "c", "2015-05-01", ola="Y")
        plan(r, "p4", "d", "2015-03-31")
        # the plans starting (d3 CPP_start) are the denominator of the subsequent share
        assert dfe(r, "cpp-subsequent")[1] == 2

    def test_second_or_subsequent_plan_ever_here_or_elsewhere(self) -> None:
        r = Records()
        plan(r, "p1", "a", "2009-01-01", "2009-06-01")  # long before: still counts
        plan(r, "p2", "a", "2015-05-01")
        plan(r, "p3", "b", "2012-01-01", "2012-09-01", ola="Y")  # another authority's
        plan(r, "p4", "b", "2015-06-01")
        plan(r, "p5", "c", "2015-07-01")  # first plan
        plan(r, "p6", "d", "2015-08-01")
        plan(r, "p7", "d", "2015-08-01")  # recorded twice the same day: not subsequent
        plan(r, "p8", "e", "2015-09-01", ola="Y")  # another authority's: not counted
        assert dfe(r, "cpp-subsequent") == (2, 5)

    def test_plans_at_31_march_by_length(self) -> None:
        r = Records()
        starts = {
            "a": "2015-12-31",  # 3 months exactly: 3 months or less
            "b": "2015-12-30",  # more than 3 months
            "c": "2015-09-30",  # 6 months exactly: still "up to 6 months"
            "d": "2015-09-29",  # more than 6 months
            "e": "2015-04-01",  # less than a year
            "f": "2015-03-31",  # a year: 1 to 2 years
            "g": "2014-04-01",
            "h": "2014-03-31",  # two years: 2 years or more
        }
        for child, start in starts.items():
            plan(r, f"p-{child}", child, start)
        plan(r, "p-i", "i", "2015-01-01", "2016-03-31")  # ended on the day
        plan(r, "p-j", "j", "2015-01-01", ola="Y")  # another authority's
        # the plans at 31 March (d5 CPP_At31) are the denominator of every band
        assert dfe(r, "cpp-length-3m") == (1, 8)
        assert dfe(r, "cpp-length-6m") == (2, 8)
        assert dfe(r, "cpp-length-1y") == (2, 8)
        assert dfe(r, "cpp-length-2y") == (2, 8)
        assert dfe(r, "cpp-length-2y-plus") == (1, 8)


class TestLookedAfter:
    def test_children_at_31_march_without_short_breaks(self) -> None:
        r = Records()
        episode(r, "e1", "a", "c1", "2015-01-01", "2015-06-01", "S")
        episode(r, "e2", "a", "c1", "2015-06-01", None, "P")  # one child, two episodes
        episode(r, "e3", "b", "c2", "2016-03-30", "2016-04-02", "S")  # on a short break
        status(r, "l1", "b", "V4", "2016-03-30", "2016-04-02")
        episode(r, "e4", "c", "c3", "2016-03-20", "2016-03-22", "S")  # break over by then
        status(r, "l2", "c", "V4", "2016-03-20", "2016-03-22")
        episode(r, "e5", "d", "c4", "2014-01-01", None, "S")
        status(r, "l3", "d", "C2", "2014-01-01")
        episode(r, "e6", "e", "c5", "2014-01-01", "2016-03-31", "S")  # left on the day
        # children looked after at 31 March: the denominator of the 3-placements share
        assert dfe(r, "cla-3-placements") == (0, 2)

    def test_three_placements_in_the_year_same_carer_changes_continue(self) -> None:
        r = Records()
        # a: in care all year; placement at 1 April 2015 + two moves = 3
        episode(r, "a1", "a", "ca", "2014-01-01", "2015-06-01", "S")
        episode(r, "a2", "a", "ca", "2015-06-01", "2015-09-01", "P")
        episode(r, "a3", "a", "ca", "2015-09-01", None, "P")
        # b: as a, but the last change kept the same carer (T): 2
        episode(r, "b1", "b", "cb", "2014-01-01", "2015-06-01", "S")
        episode(r, "b2", "b", "cb", "2015-06-01", "2015-09-01", "P")
        episode(r, "b3", "b", "cb", "2015-09-01", None, "T")
        # c: came into care in the year, then two moves = 3
        episode(r, "c1", "c", "cc", "2015-05-01", "2015-07-01", "S")
        episode(r, "c2", "c", "cc", "2015-07-01", "2015-08-01", "P")
        episode(r, "c3", "c", "cc", "2015-08-01", None, "U")  # same carer: still 2
        episode(r, "c4", "d", "cd", "2015-05-01", "2015-07-01", "S")
        episode(r, "c5", "d", "cd", "2015-07-01", "2015-08-01", "P")
        episode(r, "c6", "d", "cd", "2015-08-01", None, "P")
        assert dfe(r, "cla-3-placements") == (2, 4)

    def test_long_term_stability(self) -> None:
        r = Records()
        for child, dob in {
            "a": "2005-01-01",
            "b": "2005-01-01",
            "c": "2005-01-01",
            "d": "1999-06-01",
            "e": "2005-01-01",
        }.items():
            r.add("ssd_person", pers_person_id=child, pers_dob=dob)
        # a: in care since 2013, same placement since 2014-03-31: two years exactly
        episode(r, "a1", "a", "ca", "2013-01-01", "2014-03-31", "S")
        episode(r, "a2", "a", "ca", "2014-03-31", None, "P")
        # b: a move in 2015, but with the same carer (T): still with the carer since 2013
        episode(r, "b1", "b", "cb", "2013-01-01", "2015-06-01", "S")
        episode(r, "b2", "b", "cb", "2015-06-01", None, "T")
        # c: moved to a new carer in 2015
        episode(r, "c1", "c", "cc", "2013-01-01", "2015-06-01", "S")
        episode(r, "c2", "c", "cc", "2015-06-01", None, "P")
        # d: aged 16 at 31 March: left out; e: in care under 2.5 years: left out
        episode(r, "d1", "d", "cd", "2010-01-01", None, "S")
        episode(r, "e1", "e", "ce", "2014-01-01", None, "S", entered=None)
        assert dfe(r, "cla-long-term-stability") == (2, 3)


FILES = sorted(DFE.glob("*.sql"))


def test_every_dfe_indicator_has_a_definition() -> None:
    from scorepack.catalogue.load import load_catalogue

    cat = load_catalogue(DFE.parent / "catalogue.yaml")
    assert sorted(f"{i.measure}.sql" for i in cat.indicators) == [p.name for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("dialect", ["postgres", "tsql"])
def test_dfe_definitions_are_portable(path: Path, dialect: str) -> None:
    sql = path.read_text(encoding="utf-8")
    assert sql.startswith("-- scorepack: year-to-date events\n")
    assert record_tables(sql) == tables_used(sql) - HELPER_TABLES
    out = to_dialect(sql, dialect)
    assert out.strip() and (dialect != "tsql" or "INTERVAL" not in out.upper())
